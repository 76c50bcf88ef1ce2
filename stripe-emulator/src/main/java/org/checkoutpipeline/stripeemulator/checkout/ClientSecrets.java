package org.checkoutpipeline.stripeemulator.checkout;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code client_secret} of an embedded session: {@code <session id>_secret_<MAC>}, an HMAC of the
 * id under a key made at start-up, so it needs no storage and cannot be guessed from the id.
 */
public final class ClientSecrets {

    private static final String SEPARATOR = "_secret_";
    private final byte[] key = new byte[32];

    public ClientSecrets() {
        new SecureRandom().nextBytes(key);
    }

    public String secretFor(String sessionId) {
        return sessionId + SEPARATOR + mac(sessionId);
    }

    /** The session id a client secret belongs to, or null when it is not a secret this emulator made. */
    public String sessionIdOf(String secret) {
        int at = secret == null ? -1 : secret.lastIndexOf(SEPARATOR);
        if (at <= 0) {
            return null;
        }
        String id = secret.substring(0, at);
        return java.security.MessageDigest.isEqual(mac(id).getBytes(StandardCharsets.US_ASCII),
                secret.substring(at + SEPARATOR.length()).getBytes(StandardCharsets.US_ASCII)) ? id : null;
    }

    private String mac(String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(sessionId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 24)
                    .replace('-', 'A').replace('_', 'B');
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
