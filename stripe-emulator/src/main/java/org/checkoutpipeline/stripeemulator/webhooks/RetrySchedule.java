package org.checkoutpipeline.stripeemulator.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * When a failed webhook delivery is tried again: the n-th delay is waited after the n-th failed
 * attempt, so a schedule of k delays allows k + 1 attempts in all. Delays are real time, not
 * emulator time: Stripe's days-long exponential backoff compressed to seconds and minutes.
 *
 * <p>Text form (flags, environment, {@code POST /_emulator/webhooks/settings}): comma-separated
 * durations with a unit, {@code 500ms,1s,2s,1m,1h}; {@code none} for no retries.
 */
public record RetrySchedule(List<Duration> delays) {

    /** Stripe's exponential backoff compressed: 12 retries within about two hours. */
    public static final String DEFAULT_TEXT = "1s,2s,4s,8s,16s,32s,1m,2m,5m,10m,30m,1h";
    public static final RetrySchedule DEFAULT = parse(DEFAULT_TEXT);
    public static final RetrySchedule NONE = new RetrySchedule(List.of());

    public RetrySchedule {
        delays = List.copyOf(delays);
        for (Duration delay : delays) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("retry delays must be >= 0, was " + delay);
            }
        }
    }

    /** {@code retries} delays starting at {@code first}, each {@code factor} times the last, capped. */
    public static RetrySchedule exponential(Duration first, double factor, int retries, Duration cap) {
        if (factor < 1) {
            throw new IllegalArgumentException("backoff factor must be >= 1, was " + factor);
        }
        var delays = new ArrayList<Duration>(retries);
        double millis = first.toMillis();
        for (int i = 0; i < retries; i++) {
            delays.add(Duration.ofMillis((long) Math.min(millis, cap.toMillis())));
            millis *= factor;
        }
        return new RetrySchedule(delays);
    }

    public static RetrySchedule of(Duration... delays) {
        return new RetrySchedule(List.of(delays));
    }

    /** Parses the text form; the message names the part that is not a duration. */
    public static RetrySchedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("retry schedule must not be blank; use 'none' for no"
                    + " retries or e.g. '1s,2s,4s'");
        }
        if (text.trim().equalsIgnoreCase("none")) {
            return NONE;
        }
        var delays = new ArrayList<Duration>();
        for (String part : text.split(",")) {
            delays.add(parseDuration(part.trim(), text));
        }
        return new RetrySchedule(delays);
    }

    private static Duration parseDuration(String part, String whole) {
        String lower = part.toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < lower.length() && Character.isDigit(lower.charAt(split))) {
            split++;
        }
        if (split == 0 || split == lower.length()) {
            throw notADuration(part, whole);
        }
        long amount;
        try {
            amount = Long.parseLong(lower.substring(0, split));
        } catch (NumberFormatException e) {
            throw notADuration(part, whole);
        }
        return switch (lower.substring(split)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw notADuration(part, whole);
        };
    }

    private static IllegalArgumentException notADuration(String part, String whole) {
        return new IllegalArgumentException("retry schedule '" + whole + "': '" + part
                + "' is not a duration such as 500ms, 2s, 1m, 1h or 1d");
    }

    /** Attempts allowed in all, the first one included. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    /** The delay after failed attempt number {@code attempt} (1-based), or null when none is left. */
    public Duration delayAfter(int attempt) {
        return attempt >= 1 && attempt <= delays.size() ? delays.get(attempt - 1) : null;
    }

    /** The text form, e.g. {@code 1s,2s,500ms}. */
    @Override
    public String toString() {
        if (delays.isEmpty()) {
            return "none";
        }
        return delays.stream().map(RetrySchedule::format).collect(Collectors.joining(","));
    }

    private static String format(Duration d) {
        long millis = d.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
