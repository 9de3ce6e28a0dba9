package org.tailor.ingest.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.tailor.api.ingest.DeadLetter;
import org.tailor.api.store.DeadLetterStore;

final class InMemoryDeadLetterStore implements DeadLetterStore {

    private final Map<Long, DeadLetter> letters = new TreeMap<>();

    @Override
    public synchronized DeadLetter add(DeadLetter letter) {
        for (DeadLetter existing : letters.values()) {
            if (existing.state() == DeadLetter.State.OPEN && existing.record().equals(letter.record())) {
                DeadLetter updated = new DeadLetter(existing.id(), existing.record(), letter.violations(),
                        letter.rejectedAt(), DeadLetter.State.OPEN, existing.note());
                letters.put(existing.id(), updated);
                return updated;
            }
        }
        DeadLetter stored = new DeadLetter(letters.size() + 1, letter.record(), letter.violations(), letter.rejectedAt(),
                letter.state(), letter.note());
        letters.put(stored.id(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<DeadLetter> find(long id) {
        return Optional.ofNullable(letters.get(id));
    }

    @Override
    public synchronized List<DeadLetter> open(Optional<String> source, int limit) {
        return letters.values().stream()
                .filter(l -> l.state() == DeadLetter.State.OPEN)
                .filter(l -> source.map(s -> s.equals(l.record().source())).orElse(true))
                .sorted(Comparator.comparingLong(DeadLetter::id).reversed())
                .limit(limit).toList();
    }

    @Override
    public synchronized Map<String, Long> openCounts() {
        return letters.values().stream().filter(l -> l.state() == DeadLetter.State.OPEN)
                .collect(Collectors.groupingBy(l -> l.record().source(), Collectors.counting()));
    }

    @Override
    public synchronized boolean resolve(long id, DeadLetter.State state, String note) {
        DeadLetter letter = letters.get(id);
        if (letter == null || letter.state() != DeadLetter.State.OPEN) {
            return false;
        }
        letters.put(id, new DeadLetter(id, letter.record(), letter.violations(), letter.rejectedAt(), state, note));
        return true;
    }
}
