package org.tailor.ingest.internal;

import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.tailor.api.model.Identity;

/**
 * Who a record is about, from its {@code customer_id}, {@code email} and {@code anonymous_id}
 * fields; shared by every kind. Null components are absent.
 */
record IdentityData(
        @Size(max = 256, message = "is longer than 256 characters") String customerId,
        @Size(max = EmailAddresses.MAX_LENGTH, message = "is longer than 254 characters") @MailboxAddress String email,
        @Size(max = 256, message = "is longer than 256 characters") String anonymousId) {

    static final String CUSTOMER_ID = "customer_id";
    static final String EMAIL = "email";
    static final String ANONYMOUS_ID = "anonymous_id";
    static final List<String> FIELDS = List.of(CUSTOMER_ID, EMAIL, ANONYMOUS_ID);

    /** Reads the identity fields; reports a violation if the record has none of them. */
    static IdentityData read(FieldReader reader) {
        IdentityData identity = new IdentityData(reader.text(CUSTOMER_ID), reader.email(EMAIL), reader.text(ANONYMOUS_ID));
        if (identity.isEmpty()) {
            reader.violation(CUSTOMER_ID, "customer_id, email or anonymous_id is required; the record has none");
        }
        return identity;
    }

    boolean isEmpty() {
        return customerId == null && email == null && anonymousId == null;
    }

    /** The identities, most stable first: customer id, email, anonymous id. */
    List<Identity> identities() {
        List<Identity> identities = new ArrayList<>(3);
        if (customerId != null) {
            identities.add(new Identity(Identity.CUSTOMER_ID, customerId));
        }
        if (email != null) {
            identities.add(new Identity(Identity.EMAIL, email));
        }
        if (anonymousId != null) {
            identities.add(new Identity(Identity.ANONYMOUS_ID, anonymousId));
        }
        return identities;
    }
}
