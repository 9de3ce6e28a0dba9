package org.tailor.content.internal;

import java.util.List;
import java.util.Map;
import org.apache.velocity.util.introspection.Info;

/**
 * A part that holds only text and simple merge fields, rendered by appending them: the output,
 * escaping and failures equal the engine's for the same file (a property test holds them equal),
 * at a fraction of the cost.
 */
final class ConcatPart implements CompiledPart {

    /** A piece of the output. */
    sealed interface Piece permits Text, Field, Loop {
    }

    /**
     * {@code #foreach($variable in $list)} over a body of text and fields, as the engine writes it
     * (the parser has already dropped the directive lines).
     */
    record Loop(String variable, Field list, List<Piece> body) implements Piece {
    }

    /** Fixed text, as the engine would write it. */
    record Text(String text) implements Piece {
    }

    /**
     * A merge field.
     *
     * @param root the variable: {@code profile}, {@code raw}, {@code style}, {@code slot} or a passed variable
     * @param property the property read from it, or null for the variable itself
     * @param fallback the literal default of {@code $profile.get("name", "default")}, or null
     * @param quiet written as {@code $!…}: no value writes nothing
     * @param literal the reference as written, for failure messages
     */
    record Field(String root, String property, String fallback, boolean quiet, String literal, int line, int column)
            implements Piece {
    }

    private final String file;
    private final List<Piece> pieces;
    private final boolean html;
    private final int sizeHint;
    /** The engine, for what concatenation does not decide alike: a loop over something not a list, or too long. */
    private final CompiledPart engine;

    ConcatPart(String file, List<Piece> pieces, boolean html, CompiledPart engine) {
        this.file = file;
        this.pieces = List.copyOf(pieces);
        this.html = html;
        this.engine = engine;
        this.sizeHint = pieces.stream().mapToInt(p -> p instanceof Text t ? t.text().length() : 16).sum();
    }

    /** Thrown inside a render to hand the whole part to the engine. */
    private static final class LeaveToEngine extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeaveToEngine() {
            super(null, null, false, false);
        }
    }

    List<Piece> pieces() {
        return pieces;
    }

    @Override
    public String file() {
        return file;
    }

    @Override
    public boolean bounded() {
        return true;
    }

    @Override
    public String render(RenderScope scope) {
        StringBuilder out = new StringBuilder(sizeHint);
        try {
            append(pieces, scope.values(), scope, out);
        } catch (LeaveToEngine e) {
            return engine.render(scope);
        }
        return out.toString();
    }

    private void append(List<Piece> list, Map<String, Object> values, RenderScope scope, StringBuilder out) {
        for (Piece piece : list) {
            if (piece instanceof Loop loop) {
                loop(loop, values, scope, out);
                continue;
            }
            String text = piece instanceof Text fixed ? fixed.text() : format(resolve((Field) piece, values, scope), (Field) piece);
            if (text.length() > scope.maxOutputChars() - out.length()) {
                throw new TemplateFailure("output is longer than " + scope.maxOutputChars() + " characters (max.output.chars)");
            }
            out.append(text);
        }
    }

    private void loop(Loop loop, Map<String, Object> values, RenderScope scope, StringBuilder out) {
        Object list;
        try {
            list = resolve(loop.list(), values, scope);
        } catch (TemplateFailure e) {
            throw new LeaveToEngine(); // a loop over nothing fails the engine's way
        }
        if (!(list instanceof List<?> items) || items.size() > scope.maxLoopIterations()) {
            throw new LeaveToEngine(); // the engine's own failure, or its way with maps and arrays
        }
        for (Object item : items) {
            if (scope.deadline().passed()) {
                throw new TemplateFailure("rendering took longer than " + scope.deadline().timeoutMs()
                        + " ms and was stopped (render.timeout.ms)");
            }
            append(loop.body(), new ValuesWithOne(values, loop.variable(), item), scope, out);
        }
    }

    private String format(Object value, Field field) {
        if (value == null) {
            return "";
        }
        if (value instanceof RawHtml raw) {
            return raw.toString();
        }
        String text = TemplateValues.format(value);
        return html ? HtmlEscaping.escape(text) : text;
    }

    /** The field's value, null only for a quiet field without one. */
    private Object resolve(Field field, Map<String, Object> values, RenderScope scope) {
        if (!values.containsKey(field.root())) {
            throw new TemplateFailure("unknown variable $" + field.root(), where(field));
        }
        Object root = values.get(field.root());
        Object value;
        if (field.property() == null) {
            value = root;
        } else if (root instanceof ProfileView profile) {
            value = field.fallback() == null ? profile.get(field.property()) : profile.get(field.property(), field.fallback());
        } else if (root instanceof RawVariables raw) {
            value = raw.get(field.property());
        } else if (root instanceof Map<?, ?> map) {
            value = map.get(field.property());
        } else {
            throw new LeaveToEngine(); // the engine names what is wrong with reading a property of this value
        }
        if (value == null && !field.quiet()) {
            throw new TemplateFailure(field.literal() + " has no value and no default "
                    + "(a misspelt name, or a value this recipient does not have)", where(field));
        }
        return value;
    }

    private Info where(Field field) {
        return new Info(file, field.line(), field.column());
    }
}
