package org.checkoutpipeline.stripeemulator.currency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Stripe's currency rules, read from {@code currencies.json} (Stripe's documented facts): which
 * lowercase ISO codes can be charged, the minimum charge per currency and the maximum amount.
 * Three-decimal currencies are accepted too, with Stripe's rule that their amounts end in 0.
 */
public final class Currencies {

    private static final String RESOURCE = "currencies.json";

    private final Set<String> supported;
    private final Set<String> threeDecimal;
    private final Map<String, Long> minimumCharge;
    private final Map<String, Long> maximumAmount;
    private final long defaultMaximum;
    private final Set<String> zeroDecimal;

    private Currencies(JsonNode facts) {
        supported = new HashSet<>();
        facts.get("presentment_currencies").forEach(code -> supported.add(code.asText()));
        threeDecimal = new HashSet<>();
        facts.get("three_decimal").forEach(code -> threeDecimal.add(code.asText()));
        supported.addAll(threeDecimal);
        minimumCharge = new HashMap<>();
        facts.get("minimum_charge_amount").fields()
                .forEachRemaining(e -> minimumCharge.put(e.getKey(), e.getValue().asLong()));
        maximumAmount = new HashMap<>();
        facts.get("maximum_amount").fields()
                .forEachRemaining(e -> maximumAmount.put(e.getKey(), e.getValue().asLong()));
        defaultMaximum = maximumAmount.remove("default");
        zeroDecimal = new HashSet<>();
        facts.get("charge_exponent").get("exponent_0").forEach(code -> zeroDecimal.add(code.asText()));
    }

    public static Currencies load() {
        try (InputStream in = Currencies.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + RESOURCE);
            }
            return new Currencies(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public boolean isSupported(String code) {
        return supported.contains(code);
    }

    /** The minimum total Stripe charges in this currency, in minor units (0 when undocumented). */
    public long minimumCharge(String code) {
        return minimumCharge.getOrDefault(code, 0L);
    }

    public long maximumAmount(String code) {
        return maximumAmount.getOrDefault(code, defaultMaximum);
    }

    public boolean isThreeDecimal(String code) {
        return threeDecimal.contains(code);
    }

    /** Decimal places of the currency's minor unit: 0 for JPY and other zero-decimal currencies. */
    public int exponent(String code) {
        return threeDecimal.contains(code) ? 3 : zeroDecimal.contains(code) ? 0 : 2;
    }

    /** Formats a minor-unit amount in major units for messages: 50 usd gives {@code 0.50}. */
    public String formatMajor(String code, long minor) {
        int exponent = exponent(code);
        if (exponent == 0) {
            return Long.toString(minor);
        }
        return java.math.BigDecimal.valueOf(minor, exponent).toPlainString();
    }
}
