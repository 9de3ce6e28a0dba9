package org.tailor.content.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.apache.velocity.VelocityContext;

/**
 * The context of one part's merge. Every value a template stores ({@code #set}, loop and macro
 * variables) passes {@link #internalPut}, which refuses text longer than the output cap and
 * numbers with more than {@value #MAX_DIGITS} digits. Without it a {@code #foreach} that doubles
 * a value on each turn ({@code #set($x = $x + $x)}) would exhaust the heap long before anything
 * reached the {@link BoundedWriter}.
 */
final class TemplateContext extends VelocityContext {

    static final int MAX_DIGITS = 1000;

    private final int maxChars;

    TemplateContext(Map<String, Object> values, int maxChars) {
        super(values);
        this.maxChars = maxChars;
    }

    @Override
    public Object internalPut(String key, Object value) {
        if (value instanceof CharSequence text && text.length() > maxChars) {
            throw new TemplateFailure("$" + key + " would be " + text.length()
                    + " characters long, more than the output limit of " + maxChars + " (max.output.chars)");
        }
        if (value instanceof BigInteger number && number.bitLength() > MAX_DIGITS * 3.33) {
            throw new TemplateFailure("$" + key + " would have more than " + MAX_DIGITS + " digits");
        }
        if (value instanceof BigDecimal number && number.precision() > MAX_DIGITS) {
            throw new TemplateFailure("$" + key + " would have more than " + MAX_DIGITS + " digits");
        }
        return super.internalPut(key, value);
    }
}
