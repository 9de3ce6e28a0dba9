package org.tailor.content.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.velocity.Template;
import org.apache.velocity.runtime.parser.node.ASTComment;
import org.apache.velocity.runtime.parser.node.ASTDirective;
import org.apache.velocity.runtime.parser.node.ASTReference;
import org.apache.velocity.runtime.parser.node.ASTText;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * Chooses how a parsed file renders, by looking at its syntax tree once at load:
 * <ul>
 *   <li>only text and simple merge fields ({@code $name}, {@code $root.name}, {@code ${…}},
 *       {@code $!…}, {@code $profile.get("name", "default")}): a {@link ConcatPart};
 *   <li>references to nothing but {@code $style} and {@code $images}, and no directive: the same
 *       for every recipient of the pack, so rendered once and kept ({@link CachedPart});
 *   <li>anything else: a {@link VelocityPart}, bounded when it has no loop and no macro.
 * </ul>
 */
final class PartCompiler {

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern FIELD = Pattern.compile("\\$(!)?(\\{)?(" + NAME + ")(?:\\.(" + NAME + "))?(\\})?");
    private static final Pattern PROFILE_GET = Pattern.compile(
            "\\$(!)?(\\{)?profile\\.get\\(\\s*(['\"])(" + NAME + ")\\3\\s*(?:,\\s*(['\"])([^'\"\\\\$#]*)\\5\\s*)?\\)(\\})?");
    /** Values that are the same for every recipient of a pack. */
    private static final Set<String> PACK_CONSTANTS = Set.of("style", "images");

    private PartCompiler() {
    }

    static CompiledPart compile(PackFiles.Parsed parsed, boolean html) {
        String file = parsed.file();
        Template template = parsed.template();
        Node root = (Node) template.getData();
        Optional<List<ConcatPart.Piece>> pieces = pieces(root, parsed.source());
        boolean bounded = !contains(root, ASTDirective.class);
        VelocityPart merged = new VelocityPart(file, template, html, bounded);
        if (pieces.isPresent()) {
            return new ConcatPart(file, pieces.get(), html, merged);
        }
        return bounded && referenceRoots(root).stream().allMatch(PACK_CONSTANTS::contains) ? new CachedPart(merged) : merged;
    }

    /** The pieces of a file that is text and simple fields only, or empty. */
    static Optional<List<ConcatPart.Piece>> pieces(Node root, String source) {
        return pieces(root, source.lines().toList());
    }

    private static Optional<List<ConcatPart.Piece>> pieces(Node root, List<String> lines) {
        List<ConcatPart.Piece> pieces = new ArrayList<>();
        for (int i = 0; i < root.jjtGetNumChildren(); i++) {
            Node node = root.jjtGetChild(i);
            if (node instanceof ASTText text) {
                pieces.add(new ConcatPart.Text(text.getCtext()));
            } else if (node instanceof ASTComment) {
                continue;
            } else if (node instanceof ASTDirective directive && directive.getDirectiveName().equals("foreach")) {
                Optional<ConcatPart.Loop> loop = loop(directive, lines);
                if (loop.isEmpty()) {
                    return Optional.empty();
                }
                pieces.add(loop.get());
            } else if (node instanceof ASTReference reference) {
                // An escaped reference (\$name) starts at its backslash and writes itself as text.
                if (!startsWithDollar(lines, reference)) {
                    return Optional.empty();
                }
                Optional<ConcatPart.Field> field = field(reference);
                if (field.isEmpty()) {
                    return Optional.empty();
                }
                pieces.add(field.get());
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(pieces);
    }

    /** {@code #foreach($item in $list)} or {@code $root.list}, over a body of text, fields and such loops. */
    private static Optional<ConcatPart.Loop> loop(ASTDirective directive, List<String> lines) {
        if (directive.jjtGetNumChildren() != 4 || !(directive.jjtGetChild(0) instanceof ASTReference item)
                || !(directive.jjtGetChild(2) instanceof ASTReference list)
                || !(directive.jjtGetChild(3) instanceof org.apache.velocity.runtime.parser.node.ASTBlock body)) {
            return Optional.empty();
        }
        Matcher variable = Pattern.compile("\\$(" + NAME + ")").matcher(item.literal());
        Optional<ConcatPart.Field> source = field(list);
        if (!variable.matches() || source.isEmpty() || source.get().quiet() || source.get().fallback() != null
                || RESERVED_LOOP_NAMES.contains(variable.group(1))) {
            return Optional.empty();
        }
        return pieces(body, lines).map(inside -> new ConcatPart.Loop(variable.group(1), source.get(), inside));
    }

    /** Names a loop variable must not take: the engine gives them meanings concatenation does not copy. */
    private static final Set<String> RESERVED_LOOP_NAMES = Set.of("foreach", "velocityCount", "velocityHasNext");

    private static boolean startsWithDollar(List<String> lines, ASTReference reference) {
        int line = reference.getLine() - 1;
        int column = reference.getColumn() - 1;
        return line >= 0 && line < lines.size() && column >= 0 && column < lines.get(line).length()
                && lines.get(line).charAt(column) == '$';
    }

    private static Optional<ConcatPart.Field> field(ASTReference reference) {
        String literal = reference.literal();
        if (RESERVED_LOOP_NAMES.contains(reference.getRootString())) {
            return Optional.empty();
        }
        Matcher get = PROFILE_GET.matcher(literal);
        if (get.matches() && (get.group(2) == null) == (get.group(7) == null)) {
            return Optional.of(new ConcatPart.Field("profile", get.group(4), get.group(6), get.group(1) != null, literal,
                    reference.getLine(), reference.getColumn()));
        }
        Matcher field = FIELD.matcher(literal);
        // $x.class resolves to getClass() in the engine, which the sandbox refuses with its own message.
        if (field.matches() && (field.group(2) == null) == (field.group(5) == null) && !"class".equals(field.group(4))) {
            return Optional.of(new ConcatPart.Field(field.group(3), field.group(4), null, field.group(1) != null, literal,
                    reference.getLine(), reference.getColumn()));
        }
        return Optional.empty();
    }

    /** The root names of every reference in the tree, directives' arguments included. */
    static Set<String> referenceRoots(Node node) {
        Set<String> roots = new java.util.TreeSet<>();
        collectRoots(node, roots);
        return roots;
    }

    private static void collectRoots(Node node, Set<String> roots) {
        if (node instanceof ASTReference reference) {
            roots.add(reference.getRootString());
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            collectRoots(node.jjtGetChild(i), roots);
        }
    }

    static boolean contains(Node node, Class<? extends Node> type) {
        if (type.isInstance(node)) {
            return true;
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            if (contains(node.jjtGetChild(i), type)) {
                return true;
            }
        }
        return false;
    }
}
