package org.tailor.content.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import org.apache.velocity.runtime.parser.Token;
import org.apache.velocity.runtime.parser.node.ASTBlock;
import org.apache.velocity.runtime.parser.node.ASTDirective;
import org.apache.velocity.runtime.parser.node.ASTExpression;
import org.apache.velocity.runtime.parser.node.ASTFalse;
import org.apache.velocity.runtime.parser.node.ASTFloatingPointLiteral;
import org.apache.velocity.runtime.parser.node.ASTIntegerLiteral;
import org.apache.velocity.runtime.parser.node.ASTIntegerRange;
import org.apache.velocity.runtime.parser.node.ASTMap;
import org.apache.velocity.runtime.parser.node.ASTMathNode;
import org.apache.velocity.runtime.parser.node.ASTObjectArray;
import org.apache.velocity.runtime.parser.node.ASTReference;
import org.apache.velocity.runtime.parser.node.ASTSetDirective;
import org.apache.velocity.runtime.parser.node.ASTStringLiteral;
import org.apache.velocity.runtime.parser.node.ASTTrue;
import org.apache.velocity.runtime.parser.node.ASTprocess;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * What a parsed template may not contain, checked when the file loads so that the author reads
 * the reason in {@code problems()} instead of a recipient's render failing, and so that what the
 * render-time caps cannot stop cheaply never runs:
 *
 * <ul>
 * <li>{@code #include}, {@code #parse}, {@code #evaluate} and {@code #define};</li>
 * <li>blocks ({@code #if}, {@code #foreach}, {@code #macro}, block macro calls) nested deeper
 * than {@code max.nesting};</li>
 * <li>number literals of more than {@value TemplateContext#MAX_DIGITS} digits;</li>
 * <li>more than {@value #MAX_OPERATORS} arithmetic operators in one expression: each {@code +}
 * of two texts builds a new text before anything can measure it, so {@code $a + $a + ...}
 * repeated a thousand times would need a thousand times the output cap of memory;</li>
 * <li>a list, map or range written in the template where its value is neither stored (which
 * measures it) nor looped over (which counts it), unless it holds only constants: used as an
 * operand or a method argument it may be turned into text whole ({@code "" + [1..2000000000]});</li>
 * <li>{@code $bodyContent} anywhere but written out as it is: everywhere else Velocity renders the
 * macro's block into a string that no cap watches.</li>
 * </ul>
 */
final class TemplateRules {

    /** Arithmetic operators (+ - * / %) one expression may hold. */
    static final int MAX_OPERATORS = 16;

    /**
     * Directives a template may not use, and why: they would read other files, evaluate data as a
     * template, or define a block that renders itself into a value out of reach of the output cap.
     */
    private static final Map<String, String> FORBIDDEN_DIRECTIVES = Map.of(
            "include", "a template cannot read other files",
            "parse", "a template cannot read other files",
            "evaluate", "a template cannot evaluate text as a template",
            "define", "use a #macro instead");

    /** Velocity's own directives; any other directive name is a call of a macro. */
    private static final Set<String> BUILT_IN_DIRECTIVES = Set.of("foreach", "macro", "define", "include", "parse",
            "evaluate", "break", "stop");

    private final String file;
    private final int maxNesting;
    private final String bodyReference;

    /**
     * @param maxNesting blocks allowed inside each other
     * @param bodyReference the name under which a block macro sees its block ({@code bodyContent})
     */
    TemplateRules(String file, int maxNesting, String bodyReference) {
        this.file = file;
        this.maxNesting = maxNesting;
        this.bodyReference = bodyReference;
    }

    /**
     * Checks what must be refused before the nodes are initialised: Velocity converts number
     * literals then, and converting one of a million digits takes seconds.
     */
    void checkBeforeInit(Node root) throws TemplateSyntaxException {
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if ((node instanceof ASTIntegerLiteral || node instanceof ASTFloatingPointLiteral)
                    && digits(node.getFirstToken()) > TemplateContext.MAX_DIGITS) {
                throw refused(node, "a number with more than " + TemplateContext.MAX_DIGITS + " digits");
            }
            pushChildren(node, pending);
        }
    }

    /** Checks the initialised template, whose nodes know their line and column. */
    void check(Node root) throws TemplateSyntaxException {
        Deque<Node> pending = new ArrayDeque<>();
        Deque<Integer> nesting = new ArrayDeque<>();
        pending.push(root);
        nesting.push(0);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            int depth = nesting.pop();
            if (node instanceof ASTBlock) {
                depth++;
                if (depth > maxNesting) {
                    throw refused(node.jjtGetParent(), "blocks (#if, #foreach, #macro) are nested more than "
                            + maxNesting + " deep (max.nesting)");
                }
            }
            checkNode(node);
            for (int i = node.jjtGetNumChildren() - 1; i >= 0; i--) {
                pending.push(node.jjtGetChild(i));
                nesting.push(depth);
            }
        }
    }

    private void checkNode(Node node) throws TemplateSyntaxException {
        if (node instanceof ASTDirective directive) {
            String name = directive.getDirectiveName();
            if (FORBIDDEN_DIRECTIVES.containsKey(name)) {
                throw refused(node, "#" + name + " is not allowed: " + FORBIDDEN_DIRECTIVES.get(name));
            }
        } else if (node instanceof ASTMathNode && !isMath(expressionParent(node))) {
            int operators = operators(node);
            if (operators > MAX_OPERATORS) {
                throw refused(node, "an expression with " + operators + " arithmetic operators; at most "
                        + MAX_OPERATORS + " are allowed (use #set for the parts)");
            }
        } else if (isCollectionLiteral(node) && !isCollectionLiteral(node.jjtGetParent())) {
            checkCollectionLiteral(node);
        } else if (node instanceof ASTReference reference && bodyReference.equals(reference.getRootString())
                && !(reference.jjtGetNumChildren() == 0
                        && (node.jjtGetParent() instanceof ASTBlock || node.jjtGetParent() instanceof ASTprocess))) {
            throw refused(node, "$" + bodyReference + " can only be written out as it is, not used in an "
                    + "expression, stored or passed on");
        }
    }

    /** An outermost list, map or range literal. */
    private void checkCollectionLiteral(Node literal) throws TemplateSyntaxException {
        if (isMeasuredWhereUsed(literal)) {
            return;
        }
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(literal);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node instanceof ASTIntegerRange) {
                throw refused(literal, "a range [a..b] can only be looped over (#foreach), stored (#set) "
                        + "or passed to a macro");
            }
            if (!(isCollectionLiteral(node) || node instanceof ASTExpression || isConstant(node))) {
                throw refused(literal, "a list or map used here can hold only constants; "
                        + "#set it first to use values in it");
            }
            pushChildren(node, pending);
        }
    }

    /**
     * Whether the literal's value goes straight into the context, where {@link TemplateContext}
     * measures it, or is the list a #foreach loops over, under the loop cap.
     */
    private static boolean isMeasuredWhereUsed(Node literal) {
        Node parent = literal.jjtGetParent();
        if (parent instanceof ASTExpression && parent.jjtGetParent() instanceof ASTSetDirective set) {
            // The right side, not an index on the left: #set($x[[1..9]] = 1).
            return set.jjtGetChild(set.jjtGetNumChildren() - 1) == parent;
        }
        if (parent instanceof ASTDirective directive) {
            String name = directive.getDirectiveName();
            // The list of #foreach, a macro's default argument, or an argument of a macro call.
            return name.equals("foreach") || name.equals("macro") || !BUILT_IN_DIRECTIVES.contains(name);
        }
        return false;
    }

    private static boolean isConstant(Node node) {
        return node instanceof ASTStringLiteral || node instanceof ASTIntegerLiteral
                || node instanceof ASTFloatingPointLiteral || node instanceof ASTTrue || node instanceof ASTFalse;
    }

    private static boolean isCollectionLiteral(Node node) {
        return node instanceof ASTObjectArray || node instanceof ASTMap || node instanceof ASTIntegerRange;
    }

    private static boolean isMath(Node node) {
        return node instanceof ASTMathNode;
    }

    /** The parent, skipping the parentheses around a sub-expression. */
    private static Node expressionParent(Node node) {
        Node parent = node.jjtGetParent();
        while (parent instanceof ASTExpression && parent.jjtGetParent() != null
                && isMath(parent.jjtGetParent())) {
            parent = parent.jjtGetParent();
        }
        return parent;
    }

    /** Arithmetic operators joined to this one directly or through parentheses. */
    private static int operators(Node top) {
        int count = 0;
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(top);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (isMath(node)) {
                count++;
            }
            if (isMath(node) || node instanceof ASTExpression) {
                pushChildren(node, pending);
            }
        }
        return count;
    }

    private static int digits(Token token) {
        if (token == null || token.image == null) {
            return 0;
        }
        return (int) token.image.chars().filter(Character::isDigit).count();
    }

    private static void pushChildren(Node node, Deque<Node> pending) {
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            pending.push(node.jjtGetChild(i));
        }
    }

    /** Names the node's place: Velocity's own once initialised, the first token's before. */
    private TemplateSyntaxException refused(Node node, String reason) {
        if (node != null && node.getLine() > 0) {
            return new TemplateSyntaxException(file, node.getLine(), Math.max(1, node.getColumn()), reason);
        }
        Token token = node == null ? null : node.getFirstToken();
        int line = token == null ? 1 : Math.max(1, token.beginLine);
        int column = token == null ? 1 : Math.max(1, token.beginColumn);
        return new TemplateSyntaxException(file, line, column, reason);
    }
}
