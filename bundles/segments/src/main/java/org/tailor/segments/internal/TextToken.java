package org.tailor.segments.internal;

import org.tailor.segments.internal.LocatedJson.Position;

/**
 * One token of the text syntax. Keywords are words like any other; the parser decides by
 * position whether a word is a keyword or a name.
 *
 * @param kind what it is
 * @param text the word, the punctuation, the number as written, or the decoded string
 * @param position where it starts
 */
record TextToken(Kind kind, String text, Position position) {

    enum Kind { WORD, STRING, NUMBER, PUNCTUATION, END }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isWord(String word) {
        return is(Kind.WORD, word);
    }

    boolean isPunctuation(String punctuation) {
        return is(Kind.PUNCTUATION, punctuation);
    }

    /** How the token is named in "expected …, found …" messages. */
    String describe() {
        switch (kind) {
            case END:
                return "the end of the text";
            case STRING:
                return "the string " + TextLiterals.quote(text.length() > 40 ? text.substring(0, 40) + "..." : text);
            case NUMBER:
                return "the number " + text;
            default:
                return "'" + text + "'";
        }
    }
}
