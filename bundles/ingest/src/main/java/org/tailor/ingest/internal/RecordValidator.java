package org.tailor.ingest.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.tailor.api.ingest.Violation;

/**
 * Hibernate Validator, bootstrapped for OSGi and for untrusted input, and the translation of its
 * constraint violations into Tailor's {@link Violation}s named by canonical field.
 *
 * <p>The provider is named explicitly because the {@code Validation} bootstrap's service lookup
 * finds nothing across bundle class loaders. Messages go through {@link ParameterMessageInterpolator},
 * which evaluates no expression language, and every template is a constant: the offending value is
 * put in front of the message by this class, so input never reaches interpolation. "Now" comes from
 * the ingest clock, and the 1-day tolerance lets a source whose clock runs a little ahead through.
 *
 * <p>Thread safe; build one and share it.
 */
final class RecordValidator implements AutoCloseable {

    static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    private final ValidatorFactory factory;
    private final Validator validator;

    RecordValidator(Clock clock) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // Hibernate Validator looks up optional integrations through the context loader; point it at
        // the loader that sees Hibernate Validator itself rather than whatever thread activated us.
        Thread.currentThread().setContextClassLoader(HibernateValidator.class.getClassLoader());
        try {
            this.factory = Validation.byProvider(HibernateValidator.class)
                    .providerResolver(() -> List.of(new HibernateValidator()))
                    .configure()
                    .ignoreXmlConfiguration()
                    .messageInterpolator(new ParameterMessageInterpolator(Set.of(Locale.ENGLISH), Locale.ENGLISH, false))
                    .clockProvider(() -> clock)
                    .temporalValidationTolerance(FUTURE_TOLERANCE)
                    .buildValidatorFactory();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        this.validator = factory.getValidator();
    }

    /**
     * The violations of the value's constraints, sorted by field, leaving out fields that already
     * have a violation (a value that could not even be read is reported once, not again as missing).
     */
    List<Violation> check(Object value, List<Violation> alreadyReported) {
        Set<String> reported = new java.util.HashSet<>();
        alreadyReported.forEach(v -> reported.add(v.field()));
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<Object> violation : validator.validate(value)) {
            String field = fieldName(violation.getPropertyPath());
            if (!reported.contains(field)) {
                violations.add(new Violation(field, reason(violation)));
            }
        }
        violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::reason));
        return violations;
    }

    /**
     * The reader's conversion problems and the value's constraint violations together, in the order
     * of the record's fields (so a reject report follows the columns), each field reported once.
     */
    List<Violation> violations(FieldReader reader, Object value, java.util.Map<String, Object> fields) {
        List<Violation> all = new ArrayList<>(reader.violations());
        all.addAll(check(value, reader.violations()));
        List<String> order = List.copyOf(fields.keySet());
        all.sort(Comparator.comparingInt((Violation v) -> position(order, v.field())));
        return all;
    }

    private static int position(List<String> order, String field) {
        for (int i = 0; i < order.size(); i++) {
            String name = order.get(i);
            if (field.equals(name) || field.startsWith(name + ".") || field.startsWith(name + "[")) {
                return i;
            }
        }
        return order.size();
    }

    /** The raw validator, for benchmarks comparing against a bare {@code validate()}. */
    Validator validator() {
        return validator;
    }

    @Override
    public void close() {
        factory.close();
    }

    private static String reason(ConstraintViolation<Object> violation) {
        Object invalid = violation.getInvalidValue();
        boolean missing = violation.getConstraintDescriptor().getAnnotation() instanceof NotNull;
        if (missing || invalid == null) {
            return violation.getMessage();
        }
        return Text.quote(invalid) + " " + violation.getMessage();
    }

    /**
     * The canonical field name of a property path: {@code identity.email} is {@code email},
     * {@code items[2].unitPrice} is {@code items[2].unit_price}, a map entry is {@code properties.name}.
     */
    static String fieldName(Path path) {
        StringBuilder name = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT || node.getKind() == ElementKind.BEAN) {
                appendKey(name, node);
                continue;
            }
            String part = node.getName();
            if (part == null || part.equals("identity")) {
                continue;
            }
            appendKey(name, node);
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(snakeCase(part));
        }
        return name.isEmpty() ? "record" : name.toString();
    }

    private static void appendKey(StringBuilder name, Path.Node node) {
        if (node.getIndex() != null) {
            name.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
            name.append('.').append(node.getKey());
        }
    }

    static String snakeCase(String camel) {
        StringBuilder snake = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }
}
