package org.checkoutpipeline.stripeemulator.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Checks the {@code Authorization} header as Stripe does: Bearer or Basic (the key as user name,
 * empty password). Any test-mode secret or restricted key ({@code sk_test_...}, {@code rk_test_...})
 * is accepted.
 */
public final class ApiKeys {

    static final String MISSING_MESSAGE = "You did not provide an API key. You need to provide your"
            + " API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer"
            + " YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can"
            + " help at https://support.stripe.com/.";

    private ApiKeys() {}

    /** Returns the key, or throws a 401 Stripe-shaped error. */
    public static String authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized(MISSING_MESSAGE);
        }
        String key;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).trim();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                key = colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                throw unauthorized("Invalid API Key provided: the Basic credentials are not valid base64.");
            }
        } else {
            throw unauthorized("Invalid API Key provided: the Authorization header must use Bearer or"
                    + " Basic auth.");
        }
        if (key.isEmpty()) {
            throw unauthorized(MISSING_MESSAGE);
        }
        if (!isTestKey(key)) {
            throw unauthorized("Invalid API Key provided: " + mask(key));
        }
        return key;
    }

    static boolean isTestKey(String key) {
        return (key.startsWith("sk_test_") || key.startsWith("rk_test_")) && key.length() > 8
                && key.chars().noneMatch(Character::isWhitespace);
    }

    static String mask(String key) {
        if (key.length() <= 12) {
            return key.replaceAll(".", "*");
        }
        return key.substring(0, 8) + "*".repeat(key.length() - 12) + key.substring(key.length() - 4);
    }

    private static ApiError unauthorized(String message) {
        return new ApiError(401, "invalid_request_error", null, null, message, null, false);
    }
}
