package org.tailor.content.internal;

import java.io.StringReader;
import java.io.Writer;
import java.util.Map;
import org.apache.velocity.Template;
import org.apache.velocity.context.Context;
import org.apache.velocity.exception.ExtendedParseException;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.TemplateInitException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.node.ASTDirective;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * One private Velocity engine, configured entirely in code, that parses template text handed to
 * it and merges parsed templates.
 *
 * <p>Nothing is looked up by name at run time except the uberspector, which Velocity only
 * accepts as a class name; it is resolved in {@link #SandboxedVelocity}. Velocity falls back to
 * the thread context class loader for such lookups, so every call into the engine runs with it
 * set to this bundle's loader (in Karaf it is otherwise whatever the calling thread carries).
 */
final class SandboxedVelocity {

    /**
     * Directives a template may not use, and why: they would read other files, evaluate data as a
     * template, or define a block that renders itself into a value out of reach of the output cap.
     */
    private static final Map<String, String> FORBIDDEN_DIRECTIVES = Map.of(
            "include", "a template cannot read other files",
            "parse", "a template cannot read other files",
            "evaluate", "a template cannot evaluate text as a template",
            "define", "use a #macro instead");

    private final RuntimeInstance velocity = new RuntimeInstance();

    SandboxedVelocity(int maxLoopIterations) {
        engineProperties(maxLoopIterations).forEach(velocity::setProperty);
        EngineCall<RuntimeException> init = velocity::init;
        withBundleClassLoader(init);
    }

    /** Every property Tailor sets; the rest are Velocity's built-in defaults from its own jar. */
    static Map<String, Object> engineProperties(int maxLoopIterations) {
        return Map.ofEntries(
                Map.entry(RuntimeConstants.RESOURCE_LOADERS, "tailor"),
                Map.entry("resource.loader.tailor.instance", new NoTemplateFiles()),
                Map.entry(RuntimeConstants.VM_LIBRARY, ""),
                Map.entry(RuntimeConstants.VM_PERM_INLINE_LOCAL, true),
                Map.entry(RuntimeConstants.VM_PERM_ALLOW_INLINE_REPLACE_GLOBAL, false),
                Map.entry(RuntimeConstants.MAX_NUMBER_LOOPS, maxLoopIterations),
                Map.entry(RuntimeConstants.UBERSPECT_CLASSNAME, AllowlistUberspector.class.getName()),
                // The loop scope ($foreach) also makes #foreach ask the iterator for hasNext() after
                // each item, which is where AllowlistUberspector fails a loop longer than the cap
                // instead of letting Velocity cut it short without a word.
                Map.entry(RuntimeConstants.CONTEXT_SCOPE_CONTROL + ".foreach", true),
                Map.entry(RuntimeConstants.SKIP_INVALID_ITERATOR, false),
                // Ranges iterate lazily: #foreach($i in [1..2000000000]) allocates nothing.
                Map.entry(RuntimeConstants.IMMUTABLE_RANGES, true),
                // Strict: a reference without a value, an unknown variable and a method or property
                // the sandbox does not offer all fail the render instead of printing "$name".
                Map.entry(RuntimeConstants.RUNTIME_REFERENCES_STRICT, true),
                Map.entry(RuntimeConstants.STRICT_MATH, true),
                // "$x$x" in a string literal would render into a buffer the output cap does not see.
                Map.entry(RuntimeConstants.INTERPOLATE_STRINGLITERALS, false),
                Map.entry(RuntimeConstants.RUNTIME_LOG_REFERENCE_LOG_INVALID, false),
                Map.entry(RuntimeConstants.RUNTIME_LOG_NAME, "org.tailor.content.velocity"));
    }

    /**
     * Parses one template file.
     *
     * @param file the name used in messages, {@code <templateId>/<file name>}
     * @throws TemplateSyntaxException naming file, line, column and reason
     */
    Template compile(String file, String source) throws TemplateSyntaxException {
        Template[] parsed = new Template[1];
        EngineCall<TemplateSyntaxException> parse = () -> parsed[0] = parse(file, source);
        withBundleClassLoader(parse);
        return parsed[0];
    }

    private Template parse(String file, String source) throws TemplateSyntaxException {
        Template template = new Template();
        template.setName(file);
        template.setRuntimeServices(velocity);
        try {
            SimpleNode root = velocity.parse(new StringReader(source), template);
            template.setData(root);
            template.initDocument();
            // After initDocument: nodes know their line and column only once initialized.
            rejectForbiddenDirectives(file, root);
            return template;
        } catch (ParseException e) {
            if (e instanceof ExtendedParseException located) {
                throw new TemplateSyntaxException(file, located.getLineNumber(), located.getColumnNumber(),
                        reason(e.getMessage()));
            }
            ParseErrorException located = new ParseErrorException(e, file);
            throw new TemplateSyntaxException(file, located.getLineNumber(), located.getColumnNumber(),
                    reason(e.getMessage()));
        } catch (TemplateInitException e) {
            throw new TemplateSyntaxException(file, e.getLineNumber(), e.getColumnNumber(), reason(e.getMessage()));
        } catch (ParseErrorException e) {
            throw new TemplateSyntaxException(file, e.getLineNumber(), e.getColumnNumber(), reason(e.getMessage()));
        }
    }

    void merge(Template template, Context context, Writer out) {
        EngineCall<RuntimeException> merge = () -> template.merge(context, out);
        withBundleClassLoader(merge);
    }

    /** A call into the engine. */
    private interface EngineCall<E extends Exception> {
        void run() throws E;
    }

    private static <E extends Exception> void withBundleClassLoader(EngineCall<E> call) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SandboxedVelocity.class.getClassLoader());
        try {
            call.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void rejectForbiddenDirectives(String file, Node node) throws TemplateSyntaxException {
        if (node instanceof ASTDirective directive && FORBIDDEN_DIRECTIVES.containsKey(directive.getDirectiveName())) {
            throw new TemplateSyntaxException(file, node.getLine(), node.getColumn(), "#"
                    + directive.getDirectiveName() + " is not allowed: " + FORBIDDEN_DIRECTIVES.get(directive.getDirectiveName()));
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            rejectForbiddenDirectives(file, node.jjtGetChild(i));
        }
    }

    /**
     * Velocity's message, cut to its first line and without the location it repeats
     * ({@code ... at file[line 3, column 7]}), which the problem line already carries.
     */
    static String reason(String message) {
        if (message == null || message.isBlank()) {
            return "syntax error";
        }
        String first = message.strip().lines().findFirst().orElse("").strip();
        first = first.replaceAll("\\s+at \\S*\\[line \\d+, column \\d+\\]\\.?$", "").strip();
        // Velocity's parser marks the end of the text with U+001C in some states.
        if (first.startsWith("Encountered \"<EOF>\"") || first.startsWith("Encountered \"\\u001c\"")) {
            return "unexpected end of file (is an #end or a closing bracket missing?)";
        }
        if (first.startsWith("Encountered ")) {
            return "unexpected " + first.substring("Encountered ".length());
        }
        return first.isEmpty() ? "syntax error" : first;
    }
}
