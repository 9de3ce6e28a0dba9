package org.tailor.segments.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * One score's values as a read-only map from profile id to value, in profile id order, for
 * {@link org.tailor.api.store.ScoreStore#replace}. Values are computed from the per-row columns as
 * the map is read rather than held, so handing a million profiles' values to the store holds no
 * entry per profile.
 */
final class ScoreColumn extends AbstractMap<String, Object> {

    private final ProfileIndex index;
    private final IntFunction<Object> valueOfRow;
    private final int size;

    /** @param valueOfRow the value of a profile row, or null for a profile without one */
    ScoreColumn(ProfileIndex index, IntFunction<Object> valueOfRow) {
        this.index = index;
        this.valueOfRow = valueOfRow;
        int count = 0;
        for (int k = 0; k < index.size(); k++) {
            if (valueOfRow.apply(index.row(k)) != null) {
                count++;
            }
        }
        this.size = count;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String id)) {
            return null;
        }
        int row = index.rowOf(id);
        return row < 0 ? null : valueOfRow.apply(row);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Entries();
            }
        };
    }

    private final class Entries implements Iterator<Map.Entry<String, Object>> {
        private int next;
        private Map.Entry<String, Object> ahead;

        @Override
        public boolean hasNext() {
            while (ahead == null && next < index.size()) {
                int k = next++;
                Object value = valueOfRow.apply(index.row(k));
                if (value != null) {
                    ahead = new SimpleImmutableEntry<>(index.id(k), value);
                }
            }
            return ahead != null;
        }

        @Override
        public Map.Entry<String, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map.Entry<String, Object> entry = ahead;
            ahead = null;
            return entry;
        }
    }
}
