package org.checkoutpipeline.stripeemulator.checkout;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.checkoutpipeline.stripeemulator.catalog.TaxRate;
import org.checkoutpipeline.stripeemulator.payment.Address;

/**
 * The emulator's stand-in for Stripe Tax ({@code automatic_tax[enabled]=true}): a deterministic
 * table of percentages by country, or by {@code US-<state>} for the United States, that a test can
 * read and replace ({@code /_emulator/automatic_tax}). A location the table does not name is taxed
 * at 0%. Stripe Tax's own rules (registrations, product tax codes, thresholds) are not modelled.
 */
public final class AutomaticTax {

    /** The table a new emulator starts with: standard VAT/GST rates, and a few US states' sales tax. */
    public static final Map<String, BigDecimal> DEFAULT_RATES = rates(Map.ofEntries(
            Map.entry("AT", "20"), Map.entry("AU", "10"), Map.entry("BE", "21"), Map.entry("CA", "5"),
            Map.entry("CH", "8.1"), Map.entry("DE", "19"), Map.entry("DK", "25"), Map.entry("ES", "21"),
            Map.entry("FI", "25.5"), Map.entry("FR", "20"), Map.entry("GB", "20"), Map.entry("IE", "23"),
            Map.entry("IT", "22"), Map.entry("JP", "10"), Map.entry("NL", "21"), Map.entry("NO", "25"),
            Map.entry("NZ", "15"), Map.entry("PL", "23"), Map.entry("PT", "23"), Map.entry("SE", "25"),
            Map.entry("US-CA", "7.25"), Map.entry("US-NY", "4"), Map.entry("US-TX", "6.25"),
            Map.entry("US-WA", "6.5")));

    private volatile Map<String, BigDecimal> rates = DEFAULT_RATES;

    public Map<String, BigDecimal> rates() {
        return rates;
    }

    /** Replaces the table; keys are two-letter country codes or {@code US-<state>}, values percentages. */
    public void configure(Map<String, String> newRates) {
        var parsed = new TreeMap<String, BigDecimal>();
        newRates.forEach((location, percentage) -> {
            if (!location.matches("[A-Z]{2}(-[A-Z0-9]{1,3})?")) {
                throw new IllegalArgumentException("location '" + location + "' is not a country code (DE) or"
                        + " a country and state (US-CA)");
            }
            BigDecimal value;
            try {
                value = new BigDecimal(percentage);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the rate for " + location + " is not a number: " + percentage);
            }
            if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("the rate for " + location + " must be 0-100, was " + percentage);
            }
            parsed.put(location, value);
        });
        rates = java.util.Collections.unmodifiableMap(parsed);
    }

    public void reset() {
        rates = DEFAULT_RATES;
    }

    /** The rate for an address: its {@code US-<state>} or country entry, else 0%; null without a country. */
    public TaxRate rateFor(Address address) {
        if (address == null || address.country() == null) {
            return null;
        }
        String country = address.country().toUpperCase(java.util.Locale.ROOT);
        String location = country;
        BigDecimal percentage = null;
        if (address.state() != null) {
            location = country + "-" + address.state().toUpperCase(java.util.Locale.ROOT);
            percentage = rates.get(location);
        }
        if (percentage == null) {
            location = country;
            percentage = rates.getOrDefault(country, BigDecimal.ZERO);
        }
        return new TaxRate("txr_automatic_" + location.replace('-', '_'), 0, country.equals("US") ? "Sales tax" : "VAT",
                "Automatic tax for " + location, percentage, false, true, country,
                location.contains("-") ? location.substring(3) : null, location, country.equals("US") ? "sales_tax" : "vat",
                Map.of());
    }

    private static Map<String, BigDecimal> rates(Map<String, String> table) {
        var parsed = new TreeMap<String, BigDecimal>();
        table.forEach((k, v) -> parsed.put(k, new BigDecimal(v)));
        return java.util.Collections.unmodifiableMap(parsed);
    }

    /** The table as the control endpoint shows it. */
    public Map<String, Object> toJson() {
        var json = new LinkedHashMap<String, Object>();
        var table = new LinkedHashMap<String, String>();
        rates.forEach((k, v) -> table.put(k, v.toPlainString()));
        json.put("rates", table);
        return json;
    }
}
