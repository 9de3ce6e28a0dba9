package org.tailor.consent.internal;

import java.util.List;
import java.util.OptionalLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.consent.AuditTrail;
import org.tailor.api.consent.AuditVerification;
import org.tailor.api.model.AuditEntry;
import org.tailor.api.store.AuditLogStore;

/**
 * Verifies the audit chain independently of the code that wrote it: each entry must follow the
 * previous one by seq, name its hash as previous hash, and hash to what it claims; the last entry
 * must be the head the store recorded apart, so that cutting entries off the end shows too. An
 * attacker who can rewrite the whole table and the head can forge a consistent chain; publishing
 * or copying the head hash elsewhere from time to time closes that gap.
 */
@Component(service = AuditTrail.class)
public final class ChainVerifier implements AuditTrail {

    private final AuditLogStore log;

    @Activate
    public ChainVerifier(@Reference AuditLogStore log) {
        this.log = log;
    }

    @Override
    public AuditVerification verify() {
        Walk walk = new Walk();
        log.forEach(1, walk::visit);
        if (walk.broken != null) {
            return walk.broken;
        }
        AuditLogStore.Head head = log.head();
        if (head.seq() != walk.lastSeq || !head.hash().equals(walk.lastHash)) {
            return new AuditVerification(false, walk.checked, OptionalLong.of(Math.min(head.seq(), walk.lastSeq) + 1),
                    "the chain ends at entry " + walk.lastSeq + " but the recorded head is entry " + head.seq()
                            + (head.seq() > walk.lastSeq ? ": entries were removed from the end" : " with another hash"));
        }
        return new AuditVerification(true, walk.checked, OptionalLong.empty(), "intact");
    }

    @Override
    public List<AuditEntry> entries(long fromSeq, int limit) {
        return log.read(fromSeq, limit);
    }

    /** The state of one pass over the chain; the first break is kept, later ones follow from it. */
    private static final class Walk {
        long checked;
        long lastSeq;
        String lastHash = AuditEntry.GENESIS;
        AuditVerification broken;

        void visit(AuditEntry entry) {
            checked++;
            if (broken != null) {
                return;
            }
            String problem = null;
            if (entry.seq() != lastSeq + 1) {
                problem = "entry " + (lastSeq + 1) + " is missing (the next is " + entry.seq() + ")";
            } else if (!entry.prevHash().equals(lastHash)) {
                problem = "entry " + entry.seq() + " does not link to entry " + lastSeq
                        + ": it or an earlier entry was changed";
            } else if (!entry.selfConsistent()) {
                problem = "entry " + entry.seq() + " was changed after it was written (its hash does not match)";
            }
            if (problem != null) {
                broken = new AuditVerification(false, checked, OptionalLong.of(lastSeq + 1), problem);
                return;
            }
            lastSeq = entry.seq();
            lastHash = entry.hash();
        }
    }
}
