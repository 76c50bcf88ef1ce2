package org.checkoutpipeline.stripeemulator.page;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.checkout.CompletionService.Payer;
import org.checkoutpipeline.stripeemulator.store.Ids;

/**
 * What a customer had entered when the page sends them back to the form (or on to the 3D Secure
 * step), kept here under a random token so that the page's address carries the token, never the
 * customer's email or address. Bounded: the oldest entries are dropped first.
 */
final class EnteredValues {

    /** The entered fields and the payment method that was selected. */
    record Entered(String paymentMethod, Payer payer) {}

    private static final int TOKEN_LENGTH = 24;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entered> values;

    EnteredValues(int capacity) {
        this.values = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entered> eldest) {
                return size() > capacity;
            }
        };
    }

    String save(Entered entered) {
        String token = Ids.random(random, TOKEN_LENGTH);
        synchronized (values) {
            values.put(token, entered);
        }
        return token;
    }

    /** The values saved under a token, or null for an unknown or dropped one. */
    Entered get(String token) {
        if (token == null) {
            return null;
        }
        synchronized (values) {
            return values.get(token);
        }
    }
}
