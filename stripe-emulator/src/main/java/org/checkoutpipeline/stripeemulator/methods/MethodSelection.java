package org.checkoutpipeline.stripeemulator.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.Params;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;

/**
 * Chooses a session's payment methods as Stripe does.
 *
 * <ul>
 *   <li>{@code payment_method_types} (API dahlia): exactly those methods, in that order; one the
 *     currency, mode, amount, capture method or {@code setup_future_usage} does not allow is refused
 *     with a 400 naming it, as are deprecated methods (giropay, sofort: Stripe's "not activated" error).</li>
 *   <li>Otherwise dynamic payment methods: the enabled methods of the {@link MethodConfiguration}
 *     that are eligible for the session, cards and Link first, less {@code excluded_payment_method_types};
 *     with {@code allowed_payment_method_types} (API endive) only those of them, ineligible ones dropped
 *     silently. No eligible method at all is Stripe's "No valid payment method types" error.</li>
 * </ul>
 */
public final class MethodSelection {

    static final int DEFAULT_VOUCHER_DAYS = 3;
    /** {@code payment_method_options[type][expires_after_days]}: Stripe's range per voucher. */
    private static final Map<String, int[]> VOUCHER_DAYS = Map.of("oxxo", new int[] {1, 7},
            "boleto", new int[] {0, 60}, "konbini", new int[] {1, 60});
    private static final List<String> FIRST = List.of("card", "link");
    private static final int MAX_CANDIDATE_LISTS = 10_000;

    /** What the choice depends on. {@code amount} is null in setup mode. */
    public record Session(CheckoutSession.Mode mode, String currency, Long amount, boolean manualCapture,
            String setupFutureUsage) {}

    private final MethodConfiguration configuration;
    /** Dynamic selections without options are shared: most sessions hold one of a few lists. */
    private final Map<List<String>, SessionMethods> shared = new ConcurrentHashMap<>();
    private final Map<CandidateKey, Candidates> candidates = new ConcurrentHashMap<>();

    public MethodSelection(MethodConfiguration configuration) {
        this.configuration = configuration;
    }

    public SessionMethods select(Params params, Session session) {
        List<String> requested = strings(params, "payment_method_types");
        List<String> allowed = strings(params, "allowed_payment_method_types");
        List<String> excluded = strings(params, "excluded_payment_method_types");
        if (requested != null && excluded != null) {
            throw ApiError.invalid("parameters_exclusive", "excluded_payment_method_types",
                    "You may only specify one of these parameters: excluded_payment_method_types,"
                            + " payment_method_types.");
        }
        if (requested != null) {
            List<String> types = explicit(requested, session);
            return new SessionMethods(types, false, null, null, options(params, types));
        }
        // ACSS is offered dynamically only with the mandate options Checkout needs for it.
        Params given = params.object("payment_method_options", "");
        Params acss = given == null ? null : given.object("acss_debit", "payment_method_options");
        boolean acssMandate = acss != null && acss.has("mandate_options");
        List<String> types = dynamic(allowed, excluded, session, acssMandate);
        if (allowed == null && excluded == null && given == null) {
            // The common case: nothing narrowed, shared by every session offering the same methods.
            return shared.computeIfAbsent(types, t -> new SessionMethods(t, true, null, null,
                    options(Params.empty(), t)));
        }
        return new SessionMethods(types, true, allowed, excluded, options(params, types));
    }

    private static List<String> explicit(List<String> requested, Session session) {
        var types = new LinkedHashSet<String>();
        for (int i = 0; i < requested.size(); i++) {
            String type = requested.get(i);
            PaymentMethodSpec spec = PaymentMethodCatalog.stripe().get(type);
            String param = "payment_method_types";
            if (spec == null || spec.deprecated()) {
                throw ApiError.invalid(null, param, "The payment method type provided: " + type + " is invalid."
                        + " Please ensure the provided type is activated in your dashboard"
                        + " (https://dashboard.stripe.com/account/payments/settings) and your account is enabled"
                        + " for any preview features that you are trying to use.");
            }
            if (!spec.modelled()) {
                throw ApiError.invalid(null, param + "[" + i + "]", "The Stripe emulator does not model the"
                        + " payment method `" + type + "` (" + PaymentMethodCatalog.UNMODELLED_NOTE + "), so it"
                        + " refuses it rather than offer a payment it cannot emulate.");
            }
            String reason = ineligibility(spec, session);
            if (reason != null) {
                throw ApiError.invalid(null, param, reason);
            }
            types.add(type);
        }
        return List.copyOf(types);
    }

    private List<String> dynamic(List<String> allowed, List<String> excluded, Session session, boolean acssMandate) {
        if (session.currency() == null) {
            throw ApiError.invalid("parameter_missing", "currency", "Missing required param: currency."
                    + " `currency` is required in `setup` mode when `payment_method_types` is not set.");
        }
        Candidates candidates = candidates(session);
        var types = new ArrayList<String>(candidates.types().size());
        for (PaymentMethodSpec spec : candidates.specs()) {
            String type = spec.type();
            if ((allowed == null || allowed.contains(type)) && (excluded == null || !excluded.contains(type))
                    && spec.allowsAmount(session.amount(), session.currency())
                    && (acssMandate || !type.equals("acss_debit"))) {
                types.add(type);
            }
        }
        if (types.isEmpty()) {
            throw ApiError.invalid(null, null, "No valid payment method types for this Checkout Session. Please"
                    + " ensure that you have activated payment methods compatible with your chosen currency in"
                    + " your dashboard (https://dashboard.stripe.com/settings/payment-methods) or specify"
                    + " `payment_method_types`.");
        }
        return types.equals(candidates.types()) ? candidates.types() : List.copyOf(types);
    }

    /**
     * The enabled methods eligible for a session, before its amount and the request's filters,
     * in offer order (card and Link first). Computed once per configuration and kind of session.
     */
    private record Candidates(List<PaymentMethodSpec> specs, List<String> types) {}

    private record CandidateKey(int configuration, CheckoutSession.Mode mode, String currency, boolean manualCapture,
            String setupFutureUsage) {}

    private Candidates candidates(Session session) {
        // The generation first: a change in between then files the new set under the old number, never the reverse.
        var key = new CandidateKey(configuration.generation(), session.mode(), session.currency(),
                session.manualCapture(), session.setupFutureUsage());
        Set<String> enabled = configuration.enabled();
        if (candidates.size() > MAX_CANDIDATE_LISTS) {
            candidates.clear();
        }
        return candidates.computeIfAbsent(key, k -> {
            var specs = new ArrayList<PaymentMethodSpec>();
            for (PaymentMethodSpec spec : PaymentMethodCatalog.stripe().all()) {
                if (enabled.contains(spec.type()) && eligible(spec, new Session(k.mode(), k.currency(), null,
                        k.manualCapture(), k.setupFutureUsage()))) {
                    specs.add(spec);
                }
            }
            specs.sort(java.util.Comparator.comparingInt(m -> FIRST.contains(m.type()) ? FIRST.indexOf(m.type())
                    : FIRST.size()));
            return new Candidates(List.copyOf(specs), specs.stream().map(PaymentMethodSpec::type).toList());
        });
    }

    /** Whether the method can pay this session: {@link #ineligibility} without building its message. */
    private static boolean eligible(PaymentMethodSpec spec, Session session) {
        return spec.modes().contains(session.mode())
                && (session.currency() == null || spec.supportsCurrency(session.currency()))
                && spec.allowsAmount(session.amount(), session.currency())
                && (!session.manualCapture() || spec.manualCapture())
                && (session.setupFutureUsage() == null || spec.setupFutureUsage().contains(session.setupFutureUsage()));
    }

    /** Why the method cannot pay this session, or null when it can. */
    private static String ineligibility(PaymentMethodSpec spec, Session session) {
        String type = spec.type();
        if (!spec.modes().contains(session.mode())) {
            return "The payment method `" + type + "` cannot be used in `" + session.mode().wire() + "` mode.";
        }
        if (session.currency() != null && !spec.supportsCurrency(session.currency())) {
            return "The currency provided (" + session.currency() + ") is invalid for one or more payment method"
                    + " types on this Checkout Session. The payment method type " + type + " only supports the"
                    + " following currencies: " + String.join(", ", new TreeSet<>(spec.currencies())) + ".";
        }
        if (!spec.allowsAmount(session.amount(), session.currency())) {
            return "The payment method `" + type + "` accepts amounts from " + limit(spec.minAmount())
                    + " to " + limit(spec.maxAmount()) + " (" + spec.limitCurrency() + " minor units); this"
                    + " Checkout Session's total is " + session.amount() + ".";
        }
        if (session.manualCapture() && !spec.manualCapture()) {
            return "The payment method `" + type + "` does not support `payment_intent_data[capture_method]=manual`.";
        }
        if (session.setupFutureUsage() != null && !spec.setupFutureUsage().contains(session.setupFutureUsage())) {
            return "The payment method `" + type + "` does not support `payment_intent_data[setup_future_usage]="
                    + session.setupFutureUsage() + "`.";
        }
        return null;
    }

    private static String limit(Long amount) {
        return amount == null ? "any" : amount.toString();
    }

    /** The options the session reports for its methods: vouchers' days to pay, ACSS mandate options. */
    private static Map<String, Map<String, Object>> options(Params params, List<String> types) {
        Params given = params.object("payment_method_options", "");
        var options = new LinkedHashMap<String, Map<String, Object>>();
        for (String type : types) {
            Params own = given == null ? null : given.object(type, "payment_method_options");
            String prefix = "payment_method_options[" + type + "]";
            int[] range = VOUCHER_DAYS.get(type);
            if (range != null) {
                Long days = own == null ? null : own.integer("expires_after_days", prefix);
                if (days != null && (days < range[0] || days > range[1])) {
                    throw ApiError.invalid(null, prefix + "[expires_after_days]", "Invalid " + prefix
                            + "[expires_after_days]: must be between " + range[0] + " and " + range[1] + " (was "
                            + days + ").");
                }
                options.put(type, Map.of("expires_after_days", days == null ? DEFAULT_VOUCHER_DAYS : days.intValue()));
            } else if (type.equals("acss_debit")) {
                options.put(type, acss(own, prefix));
            }
        }
        return java.util.Collections.unmodifiableMap(options);
    }

    /** Checkout needs the PAD mandate's schedule and transaction type to offer {@code acss_debit}. */
    private static Map<String, Object> acss(Params own, String prefix) {
        Params mandate = own == null ? null : own.object("mandate_options", prefix);
        String mandatePrefix = prefix + "[mandate_options]";
        if (mandate == null || mandate.nonEmptyString("payment_schedule", mandatePrefix) == null) {
            throw ApiError.parameterMissing(mandatePrefix + "[payment_schedule]");
        }
        if (mandate.nonEmptyString("transaction_type", mandatePrefix) == null) {
            throw ApiError.parameterMissing(mandatePrefix + "[transaction_type]");
        }
        String schedule = mandate.nonEmptyString("payment_schedule", mandatePrefix);
        String description = mandate.nonEmptyString("interval_description", mandatePrefix);
        if (!schedule.equals("sporadic") && description == null) {
            throw ApiError.parameterMissing(mandatePrefix + "[interval_description]");
        }
        var mandateJson = new LinkedHashMap<String, Object>();
        mandateJson.put("custom_mandate_url", null);
        mandateJson.put("default_for", List.of());
        mandateJson.put("interval_description", description);
        mandateJson.put("payment_schedule", schedule);
        mandateJson.put("transaction_type", mandate.nonEmptyString("transaction_type", mandatePrefix));
        // currency and verification_method are refused as not modelled (the test flow has no micro-deposits).
        var json = new LinkedHashMap<String, Object>();
        json.put("currency", null);
        json.put("mandate_options", java.util.Collections.unmodifiableMap(mandateJson));
        json.put("verification_method", "automatic");
        return java.util.Collections.unmodifiableMap(json);
    }

    private static List<String> strings(Params params, String name) {
        List<Object> values = params.array(name, "");
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.stream().map(String::valueOf).toList();
    }
}
