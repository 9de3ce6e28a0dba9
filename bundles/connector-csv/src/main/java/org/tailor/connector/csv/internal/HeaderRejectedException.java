package org.tailor.connector.csv.internal;

import java.util.List;

/** A CSV file's header row is wrong for its kind, so none of its rows can be imported. */
final class HeaderRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long line;
    private final List<FileKind.HeaderProblem> problems;

    HeaderRejectedException(long line, List<FileKind.HeaderProblem> problems) {
        super("header row (line " + line + "): " + problems);
        this.line = line;
        this.problems = List.copyOf(problems);
    }

    long line() {
        return line;
    }

    List<FileKind.HeaderProblem> problems() {
        return problems;
    }
}
