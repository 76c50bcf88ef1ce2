package org.checkoutpipeline.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Bearer-token authentication (RFC 6750) in front of an HTTP handler: a request passes with
 * {@code Authorization: Bearer <token>} naming one of the accepted tokens; otherwise it is answered
 * 401 with a {@code WWW-Authenticate} challenge and counted by reason. Several tokens are accepted
 * at once so one can be rotated without downtime. Tokens are compared by their SHA-256 digests in
 * constant time, every accepted token each time, so neither a token's length nor how much of it a
 * guess got right shows in the answer's timing.
 *
 * <pre>{@code
 * server.route("/orders/", BearerAuth.of("order-status", tokens, registry, "status_requests_refused").protect(handler));
 * }</pre>
 */
public final class BearerAuth {

    /** The shortest token accepted: 128 bits as hex. */
    public static final int MIN_TOKEN_LENGTH = 32;
    private static final String SCHEME = "Bearer ";

    private final String realm;
    private final List<byte[]> digests;
    private final Counter missing;
    private final Counter invalid;

    private BearerAuth(String realm, List<byte[]> digests, Counter missing, Counter invalid) {
        this.realm = realm;
        this.digests = digests;
        this.missing = missing;
        this.invalid = invalid;
    }

    /**
     * Accepts {@code tokens}; refusals are counted in {@code <metricName>_total{reason="missing"|"invalid"}}.
     *
     * @throws IllegalArgumentException if there is no token or one is shorter than {@link #MIN_TOKEN_LENGTH}
     */
    public static BearerAuth of(String realm, List<String> tokens, MeterRegistry registry, String metricName) {
        Objects.requireNonNull(realm, "realm");
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("at least one token is required");
        }
        tokens.forEach(BearerAuth::requireStrong);
        List<Counter> refused = refusals(registry, metricName);
        return new BearerAuth(realm, tokens.stream().map(BearerAuth::digest).toList(), refused.get(0), refused.get(1));
    }

    /**
     * The refusal counters, {@code reason="missing"} and {@code reason="invalid"}; an API that needs no token
     * registers them too, so its dashboards show zero rather than nothing.
     */
    public static List<Counter> refusals(MeterRegistry registry, String metricName) {
        Counter.Builder refused = Counter.builder(metricName).description("Requests refused for a missing or wrong bearer token");
        return List.of(refused.tag("reason", "missing").register(registry), refused.tag("reason", "invalid").register(registry));
    }

    /** Why {@code token} is too weak to accept, or null when it is not. */
    public static String weakness(String token) {
        if (token.length() < MIN_TOKEN_LENGTH) {
            return "must be at least " + MIN_TOKEN_LENGTH + " characters (e.g. openssl rand -hex 32). Got one of "
                    + token.length();
        }
        return token.chars().anyMatch(c -> c <= ' ' || c > '~')
                ? "must be printable ASCII without spaces (RFC 6750 token68)" : null;
    }

    /** {@code handler}, answering only requests that present an accepted token. */
    public HttpHandler protect(HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return exchange -> {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
                missing.increment();
                refuse(exchange, "Bearer realm=\"" + realm + "\"",
                        "This API needs a bearer token: send the header Authorization: Bearer <token>.");
            } else if (!accepts(header.substring(SCHEME.length()).trim())) {
                invalid.increment();
                refuse(exchange, "Bearer realm=\"" + realm + "\", error=\"invalid_token\"",
                        "The bearer token in the Authorization header is not one this API accepts.");
            } else {
                handler.handle(exchange);
            }
        };
    }

    /** Whether {@code token} is one of the accepted tokens; takes the same time whichever it is, or none. */
    boolean accepts(String token) {
        byte[] presented = digest(token);
        boolean match = false;
        for (byte[] accepted : digests) {
            match |= MessageDigest.isEqual(presented, accepted);
        }
        return match;
    }

    private static void refuse(HttpExchange exchange, String challenge, String message) throws java.io.IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", challenge);
        OpsServer.send(exchange, 401, "application/json", "{\"error\":\"" + message + "\"}");
    }

    private static void requireStrong(String token) {
        String weakness = weakness(token);
        if (weakness != null) {
            throw new IllegalArgumentException("bearer token " + weakness);
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
