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

    /** Default of {@code max.nesting}; also Velocity's own default macro call depth. */
    static final int DEFAULT_MAX_NESTING = 20;
    /** The output cap for merges that do not run in a {@link TemplateContext}, which carries its own. */
    private static final int DEFAULT_MAX_OUTPUT_CHARS = 262_144;

    private final RuntimeInstance velocity = new RuntimeInstance();
    private final int maxNesting;

    SandboxedVelocity(int maxLoopIterations) {
        this(maxLoopIterations, DEFAULT_MAX_NESTING);
    }

    /**
     * @param maxLoopIterations iterations allowed in one #foreach
     * @param maxNesting blocks allowed inside each other in a file, and macros inside each other at
     *        render time
     */
    SandboxedVelocity(int maxLoopIterations, int maxNesting) {
        this.maxNesting = maxNesting;
        engineProperties(maxLoopIterations, maxNesting).forEach(velocity::setProperty);
        EngineCall<RuntimeException> init = velocity::init;
        withBundleClassLoader(init);
        velocity.getApplicationEventCartridge()
                .addReferenceInsertionEventHandler(new WrittenValueGuard(DEFAULT_MAX_OUTPUT_CHARS));
    }

    /** Every property Tailor sets; the rest are Velocity's built-in defaults from its own jar. */
    static Map<String, Object> engineProperties(int maxLoopIterations) {
        return engineProperties(maxLoopIterations, DEFAULT_MAX_NESTING);
    }

    static Map<String, Object> engineProperties(int maxLoopIterations, int maxNesting) {
        return Map.ofEntries(
                Map.entry(RuntimeConstants.RESOURCE_LOADERS, "tailor"),
                Map.entry("resource.loader.tailor.instance", new NoTemplateFiles()),
                Map.entry(RuntimeConstants.VM_LIBRARY, ""),
                Map.entry(RuntimeConstants.VM_PERM_INLINE_LOCAL, true),
                Map.entry(RuntimeConstants.VM_PERM_ALLOW_INLINE_REPLACE_GLOBAL, false),
                Map.entry(RuntimeConstants.MAX_NUMBER_LOOPS, maxLoopIterations),
                // A macro calling itself fails at this depth instead of filling the thread's stack.
                Map.entry(RuntimeConstants.VM_MAX_DEPTH, maxNesting),
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
        TemplateRules rules = new TemplateRules(file, maxNesting,
                velocity.getString(RuntimeConstants.VM_BODY_REFERENCE, "bodyContent"));
        try {
            // A parser of its own rather than one from Velocity's pool: after a stack overflow its
            // state is undefined, and the pool would hand it to the next file.
            SimpleNode root = velocity.createNewParser().parse(new StringReader(source), template);
            rules.checkBeforeInit(root);
            template.setData(root);
            template.initDocument();
            rules.check(root);
            return template;
        } catch (StackOverflowError e) {
            // The parser descends once per nested block, bracket or parenthesis; thousands of them
            // exhaust the stack of whatever thread loads the file. That thread must go on.
            throw new TemplateSyntaxException(file, 1, 1,
                    "nested too deeply to read (blocks, brackets or parentheses inside each other)");
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
