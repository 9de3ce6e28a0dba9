package org.tailor.api.segment;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when profiles enter or leave segments, after the change is stored: how segment-entry
 * triggers start. Register as an OSGi service (whiteboard). Called on the evaluator's thread;
 * a listener that throws is logged and does not stop the others.
 */
@ConsumerType
public interface MembershipListener {

    /** Changes in the order they were decided; never empty. */
    void membershipChanged(List<MembershipChange> changes);
}
