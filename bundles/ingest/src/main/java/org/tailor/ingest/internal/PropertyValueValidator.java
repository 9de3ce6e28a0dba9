package org.tailor.ingest.internal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Instant;
import java.time.LocalDate;

/** Checks {@link PropertyValue}. */
public final class PropertyValueValidator implements ConstraintValidator<PropertyValue, Object> {

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        return value == null
                || value instanceof String text && text.length() <= PropertyValue.MAX_TEXT
                || value instanceof Number || value instanceof Boolean
                || value instanceof Instant || value instanceof LocalDate;
    }
}
