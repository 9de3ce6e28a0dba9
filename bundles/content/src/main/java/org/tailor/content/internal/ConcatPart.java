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
    sealed interface Piece permits Text, Field {
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

    ConcatPart(String file, List<Piece> pieces, boolean html) {
        this.file = file;
        this.pieces = List.copyOf(pieces);
        this.html = html;
        this.sizeHint = pieces.stream().mapToInt(p -> p instanceof Text t ? t.text().length() : 16).sum();
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
        for (Piece piece : pieces) {
            String text = piece instanceof Text fixed ? fixed.text() : value((Field) piece, scope);
            if (text.length() > scope.maxOutputChars() - out.length()) {
                throw new TemplateFailure("output is longer than " + scope.maxOutputChars() + " characters (max.output.chars)");
            }
            out.append(text);
        }
        return out.toString();
    }

    private String value(Field field, RenderScope scope) {
        Map<String, Object> values = scope.values();
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
            throw new TemplateFailure("'" + field.property() + "' is not available on $" + field.root(), where(field));
        }
        if (value == null) {
            if (field.quiet()) {
                return "";
            }
            throw new TemplateFailure(field.literal() + " has no value and no default "
                    + "(a misspelt name, or a value this recipient does not have)", where(field));
        }
        if (value instanceof RawHtml raw) {
            return raw.toString();
        }
        String text = TemplateValues.format(value);
        return html ? HtmlEscaping.escape(text) : text;
    }

    private Info where(Field field) {
        return new Info(file, field.line(), field.column());
    }
}
