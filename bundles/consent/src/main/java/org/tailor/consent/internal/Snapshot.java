package org.tailor.consent.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tailor.api.consent.ConsentDecision;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.Suppression;

/**
 * What the cache keeps per person: the deciding entry per purpose and whether their address is
 * suppressed, as read when the load began.
 *
 * @param ids the profile ids whose entries it was read from: the id asked for, the live profile it
 *            resolves to and every profile merged into that; a write to any of them makes it stale
 * @param deciding purpose to the entry that decides it (see {@link ConsentLedgerService#deciding})
 * @param allowed purpose to the answer for a deciding grant while it is in force, made once at load so
 *                that the checks of a campaign allocate nothing
 * @param suppression the suppression of one of the person's addresses, or empty
 * @param loadedAt the cache epoch taken before reading; see {@link ConsentCache}
 */
record Snapshot(Set<String> ids, Map<String, ConsentRecord> deciding, Map<String, ConsentDecision> allowed,
                Optional<Suppression> suppression, long loadedAt) {
}
