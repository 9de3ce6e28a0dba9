package org.tailor.ingest.internal;

import java.util.ArrayList;
import java.util.List;
import org.tailor.api.model.Identity;

/** The person a record is about, from its {@code customer_id} and {@code email} fields; shared by every kind. */
final class IdentityFields {

    static final String CUSTOMER_ID = "customer_id";
    static final String EMAIL = "email";

    private IdentityFields() {
    }

    /** The record's identities, customer id first; empty (with a violation) if it has neither. */
    static List<Identity> read(FieldReader reader) {
        List<Identity> identities = new ArrayList<>(2);
        boolean given = reader.present(CUSTOMER_ID) || reader.present(EMAIL);
        reader.text(CUSTOMER_ID).ifPresent(id -> identities.add(new Identity(Identity.CUSTOMER_ID, id)));
        reader.email(EMAIL).ifPresent(email -> identities.add(new Identity(Identity.EMAIL, email)));
        if (!given) {
            reader.violation(CUSTOMER_ID, "customer_id or email is required; the record has neither");
        }
        return identities;
    }
}
