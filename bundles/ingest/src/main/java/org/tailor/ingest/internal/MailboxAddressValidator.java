package org.tailor.ingest.internal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Checks {@link MailboxAddress} and says which rule the address breaks. */
public final class MailboxAddressValidator implements ConstraintValidator<MailboxAddress, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        return EmailAddresses.problem(value).map(why -> {
            // The reason is passed as a message parameter, which the interpolator inserts literally;
            // concatenating it into the template would let an address steer interpolation.
            context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("why", why);
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("is not a valid email address: {why}").addConstraintViolation();
            return false;
        }).orElse(true);
    }
}
