package org.checkoutpipeline.stripeemulator.store;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares one copy of strings that repeat across many sessions (URLs, currency codes, product
 * names). Bounded: once full it stops adding and returns its input, so memory stays fixed.
 */
public final class Interner {

    private final ConcurrentHashMap<String, String> values = new ConcurrentHashMap<>();
    private final int maxEntries;

    public Interner(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public String intern(String value) {
        if (value == null) {
            return null;
        }
        String existing = values.get(value);
        if (existing != null) {
            return existing;
        }
        if (values.size() >= maxEntries || value.length() > 512) {
            return value;
        }
        existing = values.putIfAbsent(value, value);
        return existing == null ? value : existing;
    }
}
