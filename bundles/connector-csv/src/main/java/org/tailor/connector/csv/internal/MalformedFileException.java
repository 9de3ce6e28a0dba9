package org.tailor.connector.csv.internal;

/** The file cannot be read on from a given line; the records before it stand. */
final class MalformedFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long line;
    private final String what;
    private final String reason;

    /**
     * @param what what is wrong in a few words, for example {@code malformed CSV}
     * @param reason the details
     */
    MalformedFileException(long line, String what, String reason) {
        super("line " + line + ": " + what + ": " + reason);
        this.line = line;
        this.what = what;
        this.reason = reason;
    }

    long line() {
        return line;
    }

    String what() {
        return what;
    }

    String reason() {
        return reason;
    }
}
