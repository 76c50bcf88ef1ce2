package org.checkoutpipeline.stripeemulator.page;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects the payment forms against cross-site posting, twice over: each form carries a token
 * bound to its session (an HMAC of the session id under a key made at start-up, so tokens need no
 * storage and die with the emulator), and a browser's {@code Sec-Fetch-Site} and {@code Origin}
 * headers must not name another site. Clients that send neither header (curl, tests) need only
 * the token.
 */
public final class CsrfGuard {

    private final byte[] key = new byte[32];
    private final Supplier<String> publicBaseUrl;

    /** @param publicBaseUrl the page's public origin, also accepted as {@code Origin} */
    public CsrfGuard(Supplier<String> publicBaseUrl) {
        new SecureRandom().nextBytes(key);
        this.publicBaseUrl = publicBaseUrl;
    }

    public String token(String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(("checkout-page:" + sessionId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public boolean isValid(String sessionId, String token) {
        return token != null && MessageDigest.isEqual(token(sessionId).getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** Why a browser request comes from another site, or null when it does not. */
    public String crossSiteReason(Headers headers) {
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && site.equalsIgnoreCase("cross-site")) {
            return "the browser reports it was sent from another site (Sec-Fetch-Site: cross-site)";
        }
        String origin = headers.getFirst("Origin");
        if (origin == null) {
            return null;
        }
        String normalized = origin.toLowerCase(Locale.ROOT);
        String host = headers.getFirst("Host");
        if (host != null) {
            String h = host.toLowerCase(Locale.ROOT);
            if (normalized.equals("http://" + h) || normalized.equals("https://" + h)) {
                return null;
            }
        }
        if (normalized.equals(originOf(publicBaseUrl.get()))) {
            return null;
        }
        return "it was sent from another origin (Origin: " + origin + ")";
    }

    private static String originOf(String url) {
        URI uri = URI.create(url);
        String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return origin.toLowerCase(Locale.ROOT);
    }
}
