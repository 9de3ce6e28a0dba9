package org.tailor.api.ingest;

/** What an inbound record describes. */
public enum RecordKind {
    /** A person: identifiers, attributes and optionally consent. */
    CUSTOMER,
    /** A purchase by a person. */
    ORDER,
    /** Something a person did. */
    EVENT
}
