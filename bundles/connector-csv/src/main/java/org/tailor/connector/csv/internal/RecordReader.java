package org.tailor.connector.csv.internal;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Reads the records of one file, one at a time, never the whole file into memory. */
interface RecordReader extends Closeable {

    /**
     * The next record, or null at the end of the file. Blank rows and lines are skipped.
     *
     * @throws MalformedFileException if the file cannot be read on from here
     * @throws IOException if the file itself cannot be read
     */
    ReadRecord next() throws IOException, MalformedFileException;

    /**
     * One record as read: the line it starts on, its canonical fields, and what makes it
     * unusable before ingest even sees it (empty if nothing).
     */
    record ReadRecord(long line, Map<String, Object> fields, List<LineViolation> violations) {

        public ReadRecord {
            violations = List.copyOf(violations);
        }
    }

    /** Why a record is rejected: the line at fault (a record can span several), the field and the reason. */
    record LineViolation(long line, String field, String reason) {
    }
}
