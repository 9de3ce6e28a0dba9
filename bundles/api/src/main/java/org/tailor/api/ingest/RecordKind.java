package org.tailor.api.ingest;

/**
 * What an inbound record describes. Every kind names its person by one or more of
 * {@code customer_id}, {@code email} and {@code anonymous_id}; the canonical fields of each kind
 * are listed in the partner guide.
 */
public enum RecordKind {
    /** A person: identifiers, attributes and optionally consent. */
    CUSTOMER,
    /**
     * A purchase by a person: {@code order_id}, {@code ordered_at}, {@code currency}, {@code total}
     * and optionally {@code items}, a list of maps with {@code sku}, {@code name}, {@code category},
     * {@code quantity} and {@code unit_price}.
     */
    ORDER,
    /** Something a person did: {@code type}, {@code occurred_at}, optional {@code event_id} and {@code properties.*}. */
    EVENT,
    /**
     * A statement that two identities are one person (Segment's {@code alias}): the person's
     * identity fields, and {@code previous_id}, an anonymous id or customer id they were known by
     * before. The two profiles are merged.
     */
    ALIAS
}
