package org.tailor.content.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.util.introspection.Info;

/**
 * Turns whatever a merge threw into one line, {@code file:line:column: reason}, in the words of a
 * template author rather than of Velocity's internals. The line and column are left out only when
 * the failure has no place in the file (the output limit, a value too large).
 */
final class RenderFailures {

    private static final Pattern LOCATION = Pattern.compile("\\s*at (\\S+)\\[line (\\d+), column (\\d+)\\]\\.?");
    private static final Pattern NULL_VALUE = Pattern.compile(
            "Reference (.+) evaluated to null when attempting to render");
    private static final Pattern UNSET = Pattern.compile("Variable (\\S+) has not been set");
    private static final Pattern NO_PROPERTY = Pattern.compile("Object '(.+)' does not contain property '(.+)'");
    private static final Pattern NO_METHOD = Pattern.compile("Object '(.+)' does not contain method (.+)");
    private static final Pattern NULL_ACCESS = Pattern.compile("Attempted to access '(.+)' on a null value");
    private static final Pattern MACRO_DEPTH = Pattern.compile(
            "Max calling depth of (\\d+) was exceeded in macro '([^']+)'.*");

    private RenderFailures() {
    }

    /**
     * @param file the file being merged when it failed, used when the failure does not say where
     */
    static String describe(String file, Throwable failure) {
        TemplateFailure own = find(failure, TemplateFailure.class);
        if (own != null) {
            Info where = own.where();
            return where == null
                    ? file + ": " + own.getMessage()
                    : where.getTemplateName() + ":" + where.getLine() + ":" + where.getColumn() + ": " + own.getMessage();
        }
        if (find(failure, StackOverflowError.class) != null) {
            return file + ": nested too deeply to render (max.nesting)";
        }
        MethodInvocationException invocation = find(failure, MethodInvocationException.class);
        if (invocation != null && invocation.getTemplateName() != null) {
            return invocation.getTemplateName() + ":" + invocation.getLineNumber() + ":" + invocation.getColumnNumber()
                    + ": " + reason(withoutLocation(firstLine(invocation.getMessage())), invocation.getCause());
        }
        String message = firstLine(failure.getMessage());
        Matcher location = LOCATION.matcher(message);
        if (location.find()) {
            return location.group(1) + ":" + location.group(2) + ":" + location.group(3) + ": "
                    + reason(withoutLocation(message), failure.getCause());
        }
        return file + ": " + (message.isEmpty() ? failure.toString() : reason(message, failure.getCause()));
    }

    private static String reason(String message, Throwable cause) {
        Matcher m = NULL_VALUE.matcher(message);
        if (m.matches()) {
            return m.group(1) + " has no value and no default "
                    + "(a misspelt name, or a value this recipient does not have)";
        }
        m = UNSET.matcher(message);
        if (m.matches()) {
            return "unknown variable " + m.group(1);
        }
        m = NO_PROPERTY.matcher(message);
        if (m.matches()) {
            return "'" + m.group(2) + "' is not available on " + describeType(m.group(1));
        }
        m = NO_METHOD.matcher(message);
        if (m.matches()) {
            return "method " + m.group(2) + " is not available on " + describeType(m.group(1));
        }
        m = MACRO_DEPTH.matcher(message);
        if (m.matches()) {
            return "macro #" + m.group(2) + " calls macros more than " + m.group(1) + " deep (max.nesting)";
        }
        m = NULL_ACCESS.matcher(message);
        if (m.matches()) {
            return "'" + m.group(1) + "' read from a reference that has no value";
        }
        if (message.startsWith("Invocation of method") && cause != null) {
            return message.replaceAll(" in (class|object) \\S+", "") + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return message;
    }

    /** What a class is called in a template; never the name of one of Tailor's internal classes. */
    private static String describeType(String className) {
        if (className.equals(ProfileView.class.getName())) {
            return "$profile";
        }
        if (className.equals(RawVariables.class.getName())) {
            return "$raw";
        }
        if (className.equals(RawHtml.class.getName())) {
            return "a $raw value";
        }
        if (className.equals(String.class.getName())) {
            return "a text";
        }
        // The innermost name decides: ImmutableCollections$MapN is a map, HashMap$Values a collection;
        // AbstractMap$1 and $2 are a map's key set and values.
        String inner = className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
        if (inner.contains("List") || inner.contains("Set") || inner.contains("Collection") || inner.contains("Values")
                || className.matches("java\\.util\\.AbstractMap\\$[12]")) {
            return "a list";
        }
        if (inner.contains("Map")) {
            return "a map";
        }
        if (className.startsWith("org.apache.velocity.runtime.directive.") && className.endsWith("Scope")) {
            return "$foreach";
        }
        if (className.startsWith("java.lang.") || className.startsWith("java.math.")) {
            String type = className.substring(className.lastIndexOf('.') + 1).toLowerCase();
            return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type + " value";
        }
        return "this value";
    }

    private static String withoutLocation(String message) {
        return LOCATION.matcher(message).replaceAll("").strip();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
