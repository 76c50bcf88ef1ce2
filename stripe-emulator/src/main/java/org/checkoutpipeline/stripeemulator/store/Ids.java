package org.checkoutpipeline.stripeemulator.store;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates Stripe-style ids: prefix, then a fixed-width base62 sequence number, then random
 * characters. Because the sequence comes first, ids of one prefix sort in creation order, which is
 * what lets one sorted map serve both lookups by id and newest-first pagination.
 */
public final class Ids {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    static final int SEQUENCE_WIDTH = 8;
    static final int RANDOM_WIDTH = 16;

    private final AtomicLong sequence = new AtomicLong();

    public String next(String prefix) {
        long seq = sequence.incrementAndGet();
        char[] out = new char[prefix.length() + SEQUENCE_WIDTH + RANDOM_WIDTH];
        prefix.getChars(0, prefix.length(), out, 0);
        int pos = prefix.length() + SEQUENCE_WIDTH - 1;
        for (int i = 0; i < SEQUENCE_WIDTH; i++) {
            out[pos--] = ALPHABET[(int) (seq % 62)];
            seq /= 62;
        }
        fillRandom(out, prefix.length() + SEQUENCE_WIDTH, ThreadLocalRandom.current());
        return new String(out);
    }

    /** {@code length} random base62 characters drawn from {@code random}. */
    public static String random(Random random, int length) {
        char[] out = new char[length];
        fillRandom(out, 0, random);
        return new String(out);
    }

    private static void fillRandom(char[] out, int from, Random random) {
        for (int i = from; i < out.length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
    }

    /** A base62 string of {@code width} characters for small numbers (indexes within an object). */
    public static String base62(long value, int width) {
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (value % 62)];
            value /= 62;
        }
        return new String(out);
    }

    public static long parseBase62(String text) {
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = c <= '9' ? c - '0' : c <= 'Z' ? c - 'A' + 10 : c - 'a' + 36;
            if (digit < 0 || digit >= 62) {
                return -1;
            }
            value = value * 62 + digit;
        }
        return value;
    }
}
