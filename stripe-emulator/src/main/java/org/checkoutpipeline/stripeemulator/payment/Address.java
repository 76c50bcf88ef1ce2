package org.checkoutpipeline.stripeemulator.payment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.api.Params;

/** Stripe's {@code address} hash: every part optional, as on Customers and in Checkout. */
public record Address(String city, String country, String line1, String line2, String postalCode,
        String state) {

    /** The address in {@code params[name]}, or null when absent or unset with {@code ""}. */
    public static Address parse(Params params, String name, String prefix) {
        Params address = params.object(name, prefix);
        if (address == null || address.isEmpty()) {
            return null;
        }
        String path = Params.path(prefix, name);
        return new Address(address.string("city", path), address.string("country", path),
                address.string("line1", path), address.string("line2", path),
                address.string("postal_code", path), address.string("state", path));
    }

    public Map<String, Object> toJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("city", city);
        json.put("country", country);
        json.put("line1", line1);
        json.put("line2", line2);
        json.put("postal_code", postalCode);
        json.put("state", state);
        return json;
    }

    /** Stripe's {@code shipping} hash on a Customer: name, phone and address. */
    public record Shipping(String name, String phone, Address address) {

        public static Shipping parse(Params params, String prefix) {
            Params shipping = params.object("shipping", prefix);
            if (shipping == null || shipping.isEmpty()) {
                return null;
            }
            String path = Params.path(prefix, "shipping");
            if (!shipping.has("address")) {
                throw org.checkoutpipeline.stripeemulator.api.ApiError.parameterMissing(path + "[address]");
            }
            return new Shipping(shipping.requiredString("name", path), shipping.string("phone", path),
                    Address.parse(shipping, "address", path));
        }

        public Map<String, Object> toJson() {
            var json = new LinkedHashMap<String, Object>();
            json.put("address", address == null ? null : address.toJson());
            json.put("name", name);
            json.put("phone", phone);
            return json;
        }
    }
}
