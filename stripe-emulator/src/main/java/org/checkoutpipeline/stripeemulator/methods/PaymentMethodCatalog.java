package org.checkoutpipeline.stripeemulator.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;

/**
 * The payment methods Checkout offers, read from Stripe's documented facts
 * ({@code payment-methods.json}, a copy of the project's sourced fact sheet: currencies, modes,
 * amount limits, manual capture and {@code setup_future_usage} support, status per method).
 *
 * <p>Where the fact sheet cannot say, this class decides, in one place:
 * <ul>
 *   <li>cards and Link accept every currency;</li>
 *   <li>{@value #UNMODELLED_NOTE}</li>
 *   <li>the default payment method configuration (what a session offers without
 *     {@code payment_method_types}) has every modelled, generally available, not invite-only
 *     method except {@code acss_debit}, which Checkout only accepts with mandate options that a
 *     dynamic session cannot supply. A test changes it with {@code POST /_emulator/payment_method_configuration}.</li>
 * </ul>
 */
public final class PaymentMethodCatalog {

    static final String UNMODELLED_NOTE = "customer_balance (funded through a customer's cash balance),"
            + " nz_bank_account (Checkout support unconfirmed), payto and crypto (test behaviour undocumented)"
            + " are not modelled and are refused when requested";
    private static final Set<String> UNMODELLED = Set.of("customer_balance", "nz_bank_account", "payto", "crypto");
    private static final Set<String> EVERY_CURRENCY = Set.of("card", "link");
    private static final Set<String> NOT_BY_DEFAULT = Set.of("acss_debit");
    private static final String RESOURCE = "payment-methods.json";

    private static final PaymentMethodCatalog INSTANCE = load();

    private final Map<String, PaymentMethodSpec> methods;

    private PaymentMethodCatalog(Map<String, PaymentMethodSpec> methods) {
        this.methods = methods;
    }

    public static PaymentMethodCatalog stripe() {
        return INSTANCE;
    }

    /** The method, or null when {@code type} is not a Checkout payment method type. */
    public PaymentMethodSpec get(String type) {
        return methods.get(type);
    }

    /** Every method, in the order of Stripe's enum. */
    public Collection<PaymentMethodSpec> all() {
        return methods.values();
    }

    /** The methods of the default payment method configuration, in the order of Stripe's enum. */
    public Set<String> defaultConfiguration() {
        var enabled = new LinkedHashSet<String>();
        methods.values().stream().filter(PaymentMethodSpec::enabledByDefault).forEach(m -> enabled.add(m.type()));
        return Set.copyOf(enabled);
    }

    private static PaymentMethodCatalog load() {
        try (InputStream in = PaymentMethodCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            var methods = new LinkedHashMap<String, PaymentMethodSpec>();
            for (JsonNode m : root.get("methods")) {
                PaymentMethodSpec spec = spec(m);
                methods.put(spec.type(), spec);
            }
            return new PaymentMethodCatalog(java.util.Collections.unmodifiableMap(methods));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PaymentMethodSpec spec(JsonNode m) {
        String type = m.get("type").asText();
        var currencies = new LinkedHashSet<String>();
        if (!EVERY_CURRENCY.contains(type)) {
            m.get("currencies").forEach(c -> currencies.add(c.asText()));
        }
        var modes = EnumSet.noneOf(CheckoutSession.Mode.class);
        m.get("modes").forEach(mode -> modes.add(CheckoutSession.Mode.valueOf(mode.asText().toUpperCase(Locale.ROOT))));
        JsonNode min = m.path("min_amount");
        JsonNode max = m.path("max_amount");
        String limitCurrency = min.has("currency") ? min.get("currency").asText()
                : max.has("currency") ? max.get("currency").asText() : null;
        JsonNode options = m.path("api_options_dahlia");
        var futureUsage = new LinkedHashSet<String>();
        futureUsage.add("none");
        options.path("setup_future_usage_allowed").forEach(v -> futureUsage.add(v.asText()));
        String status = m.get("status").asText();
        boolean deprecated = status.startsWith("deprecated");
        boolean modelled = !UNMODELLED.contains(type) && !modes.isEmpty();
        boolean generallyAvailable = status.startsWith("ga") && !status.contains("invite");
        return new PaymentMethodSpec(type, m.get("name").asText(), m.get("category").asText(),
                flow(m.get("flow").asText(), type), Set.copyOf(currencies), Set.copyOf(modes), limitCurrency,
                min.has("minor_units") ? min.get("minor_units").asLong() : null,
                max.has("minor_units") ? max.get("minor_units").asLong() : null,
                options.path("capture_method_manual_supported").asBoolean(false), Set.copyOf(futureUsage),
                deprecated, modelled, modelled && !deprecated && generallyAvailable && !NOT_BY_DEFAULT.contains(type));
    }

    private static Flow flow(String documented, String type) {
        return switch (documented) {
            case "immediate" -> Flow.IMMEDIATE;
            case "redirect" -> Flow.REDIRECT;
            case "delayed_notification" -> Flow.DELAYED_DEBIT;
            case "voucher" -> Flow.VOUCHER;
            // payto: "as documented"; unmodelled, so its flow only matters for the README table.
            default -> Flow.REDIRECT;
        };
    }
}
