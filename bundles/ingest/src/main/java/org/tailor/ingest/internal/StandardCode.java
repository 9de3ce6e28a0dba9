package org.tailor.ingest.internal;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** The value, if present, is a code from a published standard list (currencies, countries, zones, languages). */
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = StandardCodeValidator.class)
@interface StandardCode {

    /** Which standard. */
    enum Kind {
        CURRENCY("is not an ISO 4217 currency code such as EUR or USD"),
        COUNTRY("is not an ISO 3166 alpha-2 code such as DE or US"),
        TIME_ZONE("is not an IANA time zone such as Europe/Berlin"),
        LANGUAGE_TAG("is not a BCP 47 language tag such as de-AT or en");

        final String message;

        Kind(String message) {
            this.message = message;
        }
    }

    Kind value();

    String message() default "is not a valid code";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
