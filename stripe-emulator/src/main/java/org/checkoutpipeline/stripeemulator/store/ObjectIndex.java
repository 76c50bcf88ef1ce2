package org.checkoutpipeline.stripeemulator.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Objects of one kind keyed by id, in creation order (see {@link Ids}), bounded in size.
 *
 * <p>Retention: once more than {@code capacity} objects are stored, the oldest object that
 * {@code evictFirst} accepts among the {@value #EVICTION_SCAN} oldest is removed; when none is
 * found there the very oldest is removed. For sessions {@code evictFirst} selects terminal ones
 * (complete or expired), so open sessions survive as long as possible.
 *
 * <p>Updates to one object are serialised by a striped lock, so a read-modify-write such as
 * "expire if still open" is atomic.
 */
public final class ObjectIndex<T> {

    static final int EVICTION_SCAN = 1024;
    private static final int STRIPES = 256;

    private final ConcurrentSkipListMap<String, T> objects = new ConcurrentSkipListMap<>();
    /** Ids the merchant chose (a product's or coupon's own {@code id}) to the key they sort by. */
    private final java.util.concurrent.ConcurrentHashMap<String, String> chosenIds =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private final Predicate<T> evictFirst;
    private final Object[] locks = new Object[STRIPES];
    private final Object evictionLock = new Object();

    public ObjectIndex(int capacity, Predicate<T> evictFirst) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.evictFirst = evictFirst;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    public void insert(String id, T object) {
        if (objects.put(id, object) == null && size.incrementAndGet() > capacity) {
            evict();
        }
    }

    /**
     * Stores an object under an id the merchant chose, in creation order all the same:
     * {@code orderKey} is a generated id ({@link Ids}) that it sorts by.
     */
    public void insertChosen(String id, String orderKey, T object) {
        chosenIds.put(id, orderKey);
        insert(orderKey, object);
    }

    private String key(String id) {
        return chosenIds.isEmpty() ? id : chosenIds.getOrDefault(id, id);
    }

    /** Removes an object; returns whether it was there. */
    public boolean remove(String id) {
        if (objects.remove(key(id)) != null) {
            size.decrementAndGet();
            return true;
        }
        return false;
    }

    public T get(String id) {
        return id == null ? null : objects.get(key(id));
    }

    public int size() {
        return size.get();
    }

    /**
     * Replaces the object under the id's lock; the function sees the current value and returns the
     * new one (or the same one for no change). Returns the stored value afterwards, or null when the
     * id is unknown.
     */
    public T update(String id, UnaryOperator<T> change) {
        String key = key(id);
        synchronized (locks[(key.hashCode() & 0x7fffffff) % STRIPES]) {
            T current = objects.get(key);
            if (current == null) {
                return null;
            }
            T next = change.apply(current);
            if (next != current) {
                objects.replace(key, current, next);
            }
            return next;
        }
    }

    /** Objects newest first. */
    public Iterator<T> newestFirst() {
        return objects.descendingMap().values().iterator();
    }

    /** Objects created before {@code id}, newest first (the page after a {@code starting_after}). */
    public Iterator<T> olderThan(String id) {
        return objects.headMap(key(id), false).descendingMap().values().iterator();
    }

    /** Objects created after {@code id}, oldest first (for {@code ending_before}). */
    public Iterator<T> newerThan(String id) {
        return objects.tailMap(key(id), false).values().iterator();
    }

    public Iterable<T> all() {
        return objects.values();
    }

    public List<T> snapshot() {
        return new ArrayList<>(objects.values());
    }

    private void evict() {
        synchronized (evictionLock) {
            while (size.get() > capacity) {
                String victim = null;
                int scanned = 0;
                for (Map.Entry<String, T> entry : objects.entrySet()) {
                    if (evictFirst.test(entry.getValue())) {
                        victim = entry.getKey();
                        break;
                    }
                    if (++scanned >= EVICTION_SCAN) {
                        break;
                    }
                }
                if (victim == null) {
                    Map.Entry<String, T> oldest = objects.firstEntry();
                    if (oldest == null) {
                        return;
                    }
                    victim = oldest.getKey();
                }
                if (objects.remove(victim) != null) {
                    size.decrementAndGet();
                }
            }
        }
    }
}
