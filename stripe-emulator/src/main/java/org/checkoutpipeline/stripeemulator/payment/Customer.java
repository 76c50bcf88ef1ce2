package org.checkoutpipeline.stripeemulator.payment;

import java.util.Map;

/**
 * A Customer: created through {@code POST /v1/customers} or when a Checkout Session is paid.
 *
 * @param address the billing address, or null
 * @param shipping where to ship, or null
 */
public record Customer(String id, long created, String email, String name, String description,
        String phone, Address address, Address.Shipping shipping, Map<String, String> metadata) {
}
