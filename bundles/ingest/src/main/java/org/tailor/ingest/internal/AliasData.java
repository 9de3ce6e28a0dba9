package org.tailor.ingest.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An alias record as read: the person, and an id they were known by before. */
record AliasData(
        @Valid IdentityData identity,
        @NotNull(message = "is required") @Size(max = 256, message = "is longer than 256 characters") String previousId) {
}
