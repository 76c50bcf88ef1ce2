package org.checkoutpipeline.stripeemulator.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.ApiResult;

/**
 * Stripe's idempotent requests. The first request with a key runs and its result is saved; a later
 * request with the same key and the same endpoint and parameters gets the saved result again
 * (marked replayed); with anything different it gets a 400 {@code idempotency_error}; while the
 * first is still running it gets a 409 {@code idempotency_error}, so two concurrent requests never
 * both run.
 *
 * <p>Results are saved as {@link ApiResult}s whose bodies render immutable snapshots, so an entry
 * costs a key, a 128-bit fingerprint and a reference. Not saved: validation errors and 5xx
 * results. Keys expire {@code ttl} after first use in emulator time; at most {@code maxEntries}
 * keys are kept, the oldest dropped first.
 */
public final class IdempotencyCache {

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Entry> order = new ConcurrentLinkedQueue<>();
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;

    public IdempotencyCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    /** A result and whether it was replayed from an earlier request. */
    public record Outcome(ApiResult result, boolean replayed) {}

    private static final class Entry {
        final String key;
        final long fingerprintHigh;
        final long fingerprintLow;
        final long createdMillis;
        volatile ApiResult result;

        Entry(String key, long high, long low, long createdMillis) {
            this.key = key;
            this.fingerprintHigh = high;
            this.fingerprintLow = low;
            this.createdMillis = createdMillis;
        }
    }

    /**
     * Runs {@code action} once per key. {@code request} identifies the endpoint and parameters
     * (canonical, order-independent).
     */
    public Outcome execute(String key, String request, String requestId,
            Supplier<ApiResult> action) {
        long[] fingerprint = fingerprint(request);
        long now = clock.millis();
        Entry entry = entries.get(key);
        if (entry != null && now - entry.createdMillis >= ttl.toMillis()) {
            entries.remove(key, entry);
            entry = null;
        }
        if (entry == null) {
            var fresh = new Entry(key, fingerprint[0], fingerprint[1], now);
            entry = entries.putIfAbsent(key, fresh);
            if (entry == null) {
                return new Outcome(runFirst(fresh, requestId, action), false);
            }
        }
        if (entry.fingerprintHigh != fingerprint[0] || entry.fingerprintLow != fingerprint[1]) {
            throw new ApiError(400, "idempotency_error", null, null, "Keys for idempotent requests can"
                    + " only be used with the same parameters they were first used with. Try using a key"
                    + " other than '" + key + "' if you meant to execute a different request.", null, false);
        }
        ApiResult saved = entry.result;
        if (saved == null) {
            throw new ApiError(409, "idempotency_error", null, null, "There is currently another"
                    + " in-progress request using this Idempotent Key (that probably means you submitted"
                    + " twice, and the other request is still going through): " + key
                    + ". Please try again later.", null, false);
        }
        return new Outcome(saved, true);
    }

    private ApiResult runFirst(Entry entry, String requestId, Supplier<ApiResult> action) {
        ApiResult result;
        try {
            result = action.get();
        } catch (ApiError e) {
            if (!e.isStorable()) {
                entries.remove(entry.key, entry);
                throw e;
            }
            result = ApiResult.error(e, requestId);
        } catch (RuntimeException | Error e) {
            entries.remove(entry.key, entry);
            throw e;
        }
        if (result.status() >= 500) {
            entries.remove(entry.key, entry);
            return result;
        }
        entry.result = result;
        order.add(entry);
        if (entries.size() > maxEntries) {
            evictOldest();
        }
        dropExpiredHead();
        return result;
    }

    private void evictOldest() {
        while (entries.size() > maxEntries) {
            Entry oldest = order.poll();
            if (oldest == null) {
                return;
            }
            entries.remove(oldest.key, oldest);
        }
    }

    private void dropExpiredHead() {
        long now = clock.millis();
        for (int i = 0; i < 16; i++) {
            Entry head = order.peek();
            if (head == null || now - head.createdMillis < ttl.toMillis()) {
                return;
            }
            if (order.remove(head)) {
                entries.remove(head.key, head);
            }
        }
    }

    public int size() {
        return entries.size();
    }

    private static long[] fingerprint(String request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(request.getBytes(StandardCharsets.UTF_8));
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (digest[i] & 0xff);
                low = (low << 8) | (digest[i + 8] & 0xff);
            }
            return new long[] {high, low};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
