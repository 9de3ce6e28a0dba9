package org.tailor.content.internal;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A read-only map whose values are made when first read and then kept: the text of a slot costs
 * an HTML-to-text conversion that a text layout not showing the slot should not pay for.
 */
final class LazyValues extends AbstractMap<String, Object> {

    private final Map<String, Supplier<Object>> suppliers;
    private final Map<String, Object> made = new HashMap<>();

    LazyValues(Map<String, Supplier<Object>> suppliers) {
        this.suppliers = suppliers;
    }

    @Override
    public Object get(Object key) {
        Supplier<Object> supplier = suppliers.get(key);
        if (supplier == null) {
            return null;
        }
        return made.computeIfAbsent((String) key, k -> supplier.get());
    }

    @Override
    public boolean containsKey(Object key) {
        return suppliers.containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new HashMap<>();
        suppliers.keySet().forEach(name -> all.put(name, get(name)));
        return all.entrySet();
    }
}
