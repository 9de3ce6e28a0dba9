package org.tailor.consent.internal;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.store.ConsentStore;
import org.tailor.api.store.StoreException;

/** The real consent store, with a switch that makes it fail as an unreachable database does. */
final class BreakableConsentStore implements ConsentStore {

    final AtomicBoolean broken = new AtomicBoolean();
    private final ConsentStore delegate;

    BreakableConsentStore(ConsentStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void append(ConsentRecord record) {
        failIfBroken();
        delegate.append(record);
    }

    @Override
    public void appendAll(Collection<ConsentRecord> records) {
        failIfBroken();
        delegate.appendAll(records);
    }

    @Override
    public List<ConsentRecord> history(String profileId) {
        failIfBroken();
        return delegate.history(profileId);
    }

    @Override
    public List<ConsentRecord> historyOf(Collection<String> profileIds) {
        failIfBroken();
        return delegate.historyOf(profileIds);
    }

    private void failIfBroken() {
        if (broken.get()) {
            throw new StoreException("connection refused: the database is down");
        }
    }
}
