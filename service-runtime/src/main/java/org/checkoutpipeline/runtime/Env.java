package org.checkoutpipeline.runtime;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a service's settings from environment variables, collecting every problem instead of
 * failing on the first, so one start-up attempt reports all of them:
 *
 * <pre>{@code
 * Env env = Env.system();
 * int concurrency = env.integer("CHECKOUT_CONCURRENCY", 64, 1, 1024);
 * Duration budget = env.duration("CHECKOUT_RETRY_BUDGET", Duration.ofMinutes(10));
 * env.validate(); // throws ConfigException listing every bad or missing variable
 * }</pre>
 *
 * <p>A getter whose variable is malformed records the problem and returns the default, so the
 * caller can go on building its config record and call {@link #validate()} once at the end.
 */
public final class Env {

    private final Map<String, String> variables;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> asked = new TreeSet<>();

    public Env(Map<String, String> variables) {
        this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    }

    /** The process environment. */
    public static Env system() {
        return new Env(System.getenv());
    }

    /** All variables, for settings passed through by prefix. */
    public Map<String, String> variables() {
        return variables;
    }

    /**
     * The names a service asked for so far: with the prefixes it reads through {@link #variables()},
     * what a deployment may set. Lets a test check that every variable a deployment file sets is
     * one the service reads.
     */
    public Set<String> askedFor() {
        return Set.copyOf(asked);
    }

    public String string(String name, String defaultValue) {
        String value = raw(name);
        return value == null ? defaultValue : value;
    }

    /** A variable that has no sensible default: missing or blank is a problem. */
    public String required(String name) {
        String value = raw(name);
        if (value == null) {
            problems.add(name + " must be set");
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return parse(name, defaultValue, text -> {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException();
            }
            return value;
        }, "an integer from " + min + " to " + max);
    }

    public double decimal(String name, double defaultValue, double min, double max) {
        return parse(name, defaultValue, text -> {
            double value = Double.parseDouble(text);
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException();
            }
            return value;
        }, "a number from " + min + " to " + max);
    }

    public boolean bool(String name, boolean defaultValue) {
        return parse(name, defaultValue, text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException();
        }, "true or false");
    }

    /** A duration written as {@code 250ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT30S}). */
    public Duration duration(String name, Duration defaultValue) {
        return parse(name, defaultValue, Env::parseDuration, "a duration such as 250ms, 30s, 10m, 2h or PT30S");
    }

    /** An absolute http(s) URL. */
    public URI url(String name, URI defaultValue) {
        return parse(name, defaultValue, text -> {
            URI uri = URI.create(text);
            if (!uri.isAbsolute() || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        }, "an absolute http(s) URL");
    }

    /** A comma-separated list; blanks dropped. */
    public List<String> list(String name, List<String> defaultValue) {
        String value = raw(name);
        if (value == null) {
            return defaultValue;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** Records a problem found by the caller's own cross-field checks. */
    public void problem(String message) {
        problems.add(message);
    }

    /** @throws ConfigException listing every problem found so far */
    public void validate() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /**
     * Parses {@code 250ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT30S}).
     *
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    public static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException("No unit in duration '" + text + "'");
            };
        } catch (DateTimeParseException | StringIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("Not a duration: '" + text + "'", e);
        }
    }

    private <T> T parse(String name, T defaultValue, Function<String, T> parser, String expected) {
        String value = raw(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return parser.apply(value.trim());
        } catch (RuntimeException e) {
            problems.add(name + " must be " + expected + ". Got: '" + value + "'");
            return defaultValue;
        }
    }

    private String raw(String name) {
        asked.add(name);
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
