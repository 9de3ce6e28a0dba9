package org.tailor.content.internal;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values a template reads plus one more name (a loop variable, the slots of a layout), without
 * copying them: made once per loop turn or layout, read by name.
 */
final class ValuesWithOne extends AbstractMap<String, Object> {

    private final Map<String, Object> values;
    private final String name;
    private final Object value;

    ValuesWithOne(Map<String, Object> values, String name, Object value) {
        this.values = values;
        this.name = name;
        this.value = value;
    }

    @Override
    public Object get(Object key) {
        return name.equals(key) ? value : values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return name.equals(key) || values.containsKey(key);
    }

    /** Copies: only the engine's context, made once per part, iterates. */
    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new HashMap<>(values);
        all.put(name, value);
        return all.entrySet();
    }
}
