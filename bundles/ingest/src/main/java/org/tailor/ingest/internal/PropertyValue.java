package org.tailor.ingest.internal;

import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A custom attribute or event property value: one of the types profiles and events hold
 * (text of bounded length, number, boolean, date, instant).
 */
@Target(TYPE_USE)
@Retention(RUNTIME)
@Constraint(validatedBy = PropertyValueValidator.class)
@interface PropertyValue {

    /** Longest text value; URLs and user agents fit, whole documents do not. */
    int MAX_TEXT = 2048;

    String message() default "must be text of at most 2048 characters, a number, true/false or a date";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
