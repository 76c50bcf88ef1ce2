package org.checkoutpipeline.stripeemulator.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.checkoutpipeline.stripeemulator.store.Ids;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>} where the hex is
 * HMAC-SHA256, keyed with the endpoint secret (the whole {@code whsec_...} string), of
 * {@code "<t>.<body>"}. This is what stripe-java's {@code Webhook.constructEvent} verifies.
 */
public final class WebhookSignature {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {}

    /** The {@code Stripe-Signature} header value for {@code body} sent at {@code timestamp}. */
    public static String header(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    private static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A new endpoint secret in Stripe's form, {@code whsec_} and 32 random characters. */
    public static String newSecret() {
        return "whsec_" + Ids.random(RANDOM, 32);
    }
}
