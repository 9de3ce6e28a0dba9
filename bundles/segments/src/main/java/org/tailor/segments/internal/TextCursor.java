package org.tailor.segments.internal;

import java.util.List;
import org.tailor.segments.internal.TextToken.Kind;

/**
 * The text parser's position in the token list, with the small reads every rule of the grammar
 * shares: look ahead, take a token, expect a word or punctuation, read a name or a bounded whole
 * number, and make an error at a token. Not thread safe: one per parse.
 */
final class TextCursor {

    private final String file;
    private final List<TextToken> tokens;
    private int index;

    /** @param tokens ending with an {@link Kind#END} token, as {@link TextLexer} makes them */
    TextCursor(String file, List<TextToken> tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    String name(String what) throws SegmentFileException {
        TextToken token = next();
        if ((token.kind() == Kind.WORD || token.kind() == Kind.STRING) && !token.text().isBlank()) {
            return token.text();
        }
        throw error(token, "expected " + what + ", found " + token.describe());
    }

    int wholeNumber(int min, int max, String what) throws SegmentFileException {
        TextToken token = next();
        if (token.kind() == Kind.NUMBER && token.text().matches("-?[0-9]{1,10}")) {
            long n = Long.parseLong(token.text());
            if (n >= min && n <= max) {
                return (int) n;
            }
        }
        throw error(token, "expected " + what + ", found " + token.describe());
    }

    void expectWord(String word, String where) throws SegmentFileException {
        TextToken token = next();
        if (!token.isWord(word)) {
            throw error(token, "expected '" + word + "' " + where + ", found " + token.describe());
        }
    }

    void expectPunctuation(String punctuation, String why) throws SegmentFileException {
        TextToken token = next();
        if (!token.isPunctuation(punctuation)) {
            throw error(token, "expected '" + punctuation + "' " + why + ", found " + token.describe());
        }
    }

    TextToken peek() {
        return peekAt(0);
    }

    TextToken peekAt(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    TextToken next() {
        TextToken token = peek();
        if (index < tokens.size() - 1) {
            index++;
        }
        return token;
    }

    SegmentFileException error(TextToken token, String reason) {
        return new SegmentFileException(file, token.position(), reason);
    }
}
