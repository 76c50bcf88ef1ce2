package org.checkoutpipeline.stripeemulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.ApiRequest;
import org.checkoutpipeline.stripeemulator.api.ApiResult;
import org.checkoutpipeline.stripeemulator.api.Expand;
import org.checkoutpipeline.stripeemulator.api.ListParams;
import org.checkoutpipeline.stripeemulator.api.Metadata;
import org.checkoutpipeline.stripeemulator.api.OperationParams;
import org.checkoutpipeline.stripeemulator.api.Params;
import org.checkoutpipeline.stripeemulator.api.Router;
import org.checkoutpipeline.stripeemulator.checkout.AutomaticTax;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutJson;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSessionService;
import org.checkoutpipeline.stripeemulator.checkout.Collected;
import org.checkoutpipeline.stripeemulator.checkout.CompletionService;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;
import org.checkoutpipeline.stripeemulator.clock.EmulatorClock;
import org.checkoutpipeline.stripeemulator.events.EventBus.RequestContext;
import org.checkoutpipeline.stripeemulator.events.StripeEventJson;
import org.checkoutpipeline.stripeemulator.events.StripeEvent;
import org.checkoutpipeline.stripeemulator.faults.FaultConfig;
import org.checkoutpipeline.stripeemulator.faults.FaultInjector;
import org.checkoutpipeline.stripeemulator.payment.Address;
import org.checkoutpipeline.stripeemulator.payment.PaymentIntent;
import org.checkoutpipeline.stripeemulator.payment.PaymentJson;
import org.checkoutpipeline.stripeemulator.store.EmulatorStore;
import org.checkoutpipeline.stripeemulator.store.ObjectIndex;
import org.checkoutpipeline.stripeemulator.store.Page;

/** The emulator's endpoints: Stripe's {@code /v1/...} API and the {@code /_emulator/...} controls. */
final class EmulatorRoutes {

    private static final OperationParams SESSION_LIST = OperationParams.of("GET /v1/checkout/sessions",
            "created", "customer", "customer_account", "customer_details", "ending_before", "expand", "limit",
            "payment_intent", "payment_link", "starting_after", "status", "subscription");
    private static final OperationParams SESSION_UPDATE = OperationParams.of(
            "POST /v1/checkout/sessions/{session}", "expand", "metadata");
    private static final OperationParams CAPTURE = OperationParams.of(
            "POST /v1/payment_intents/{intent}/capture", "amount_to_capture", "expand", "metadata");
    private static final OperationParams CANCEL = OperationParams.of(
            "POST /v1/payment_intents/{intent}/cancel", "cancellation_reason", "expand");
    private static final OperationParams LINE_ITEM_LIST = OperationParams.of(
            "GET /v1/checkout/sessions/{session}/line_items", "limit", "starting_after",
            "ending_before", "expand");
    private static final Set<String> EXPAND_ONLY = Set.of("expand");
    /** What {@code POST /_emulator/checkout/sessions/{id}/complete} accepts: the page's fields. */
    private static final Set<String> COMPLETE_FIELDS = Set.of("card_number", "iban", "outcome", "email", "name",
            "promotion_code", "shipping_rate", "shipping", "billing_address", "phone", "business_name",
            "individual_name", "tax_ids",
            "custom_fields", "consent", "line_items", "optional_items", "payment_method", "account_number", "redirect",
            "boleto_tax_id");

    private final EmulatorStore store;
    private final EmulatorClock clock;
    private final CheckoutSessionService sessions;
    private final CompletionService completions;
    private final FaultInjector faults;
    private final CheckoutJson checkoutJson;
    private final PaymentJson paymentJson;
    private final StripeEventJson eventJson;
    private final AutomaticTax automaticTax;

    EmulatorRoutes(EmulatorStore store, EmulatorClock clock, CheckoutSessionService sessions,
            CompletionService completions, FaultInjector faults, CheckoutJson checkoutJson,
            PaymentJson paymentJson, StripeEventJson eventJson, AutomaticTax automaticTax) {
        this.automaticTax = automaticTax;
        this.store = store;
        this.clock = clock;
        this.sessions = sessions;
        this.completions = completions;
        this.faults = faults;
        this.checkoutJson = checkoutJson;
        this.paymentJson = paymentJson;
        this.eventJson = eventJson;
    }

    Router router() {
        return new Router()
                .stripe("POST", "/v1/checkout/sessions", this::createSession)
                .stripe("GET", "/v1/checkout/sessions", this::listSessions)
                .stripe("GET", "/v1/checkout/sessions/{session}", this::retrieveSession)
                .stripe("POST", "/v1/checkout/sessions/{session}", this::updateSession)
                .stripe("POST", "/v1/checkout/sessions/{session}/expire", this::expireSession)
                .stripe("GET", "/v1/checkout/sessions/{session}/line_items", this::listLineItems)
                .stripe("GET", "/v1/payment_intents/{intent}", r -> retrieve(r, "intent",
                        store.paymentIntents(), "payment_intent", paymentJson::paymentIntent))
                .stripe("GET", "/v1/invoices/{invoice}", r -> retrieve(r, "invoice", store.invoices(), "invoice",
                        paymentJson::invoice))
                .stripe("GET", "/v1/payment_methods/{payment_method}", this::retrievePaymentMethod)
                .stripe("GET", "/v1/charges/{charge}", this::retrieveCharge)
                .stripe("POST", "/v1/payment_intents/{intent}/capture", this::capture)
                .stripe("POST", "/v1/payment_intents/{intent}/cancel", this::cancel)
                .stripe("GET", "/v1/subscriptions/{subscription_exposed_id}", r -> retrieve(r,
                        "subscription_exposed_id", store.subscriptions(), "subscription",
                        paymentJson::subscription))
                .stripe("GET", "/v1/setup_intents/{intent}", r -> retrieve(r, "intent",
                        store.setupIntents(), "setup_intent", paymentJson::setupIntent))
                .stripe("GET", "/v1/events/{id}", r -> retrieve(r, "id", store.events(), "event",
                        eventJson::event))
                .stripe("GET", "/v1/events", this::listEvents)
                .emulator("GET", "/_emulator/health", r -> ApiResult.ok(() -> Map.of("status", "ok")))
                .emulator("GET", "/_emulator/clock", r -> ApiResult.ok(this::clockJson))
                .emulator("POST", "/_emulator/clock/advance", this::advanceClock)
                .emulator("POST", "/_emulator/checkout/sessions/{session}/complete", this::complete)
                .emulator("GET", "/_emulator/automatic_tax", r -> ApiResult.ok(automaticTax::toJson))
                .emulator("POST", "/_emulator/automatic_tax", this::setTaxRates)
                .emulator("DELETE", "/_emulator/automatic_tax", r -> {
                    automaticTax.reset();
                    return ApiResult.ok(automaticTax::toJson);
                })
                .emulator("GET", "/_emulator/payment_method_configuration", r -> ApiResult.ok(this::configurationJson))
                .emulator("POST", "/_emulator/payment_method_configuration", this::configurePaymentMethods)
                .emulator("DELETE", "/_emulator/payment_method_configuration", r -> {
                    store.methodConfiguration().reset();
                    return ApiResult.ok(this::configurationJson);
                })
                .emulator("GET", "/_emulator/faults", r -> ApiResult.ok(faults.config()::toJson))
                .emulator("POST", "/_emulator/faults", this::setFaults)
                .emulator("DELETE", "/_emulator/faults", r -> {
                    faults.configure(FaultConfig.NONE);
                    return ApiResult.ok(FaultConfig.NONE::toJson);
                });
    }

    private static RequestContext context(ApiRequest request) {
        return new RequestContext(request.requestId(), request.idempotencyKey());
    }

    private static Supplier<Object> sessionBody(CheckoutJson json, CheckoutSession snapshot,
            List<String> expand) {
        return () -> json.session(snapshot, expand);
    }

    private ApiResult createSession(ApiRequest request) {
        List<String> expand = Expand.check(Expand.read(request.params()), CheckoutJson.EXPANDABLE, "");
        CheckoutSession session = sessions.create(request.params());
        return ApiResult.ok(sessionBody(checkoutJson, session, expand));
    }

    private ApiResult retrieveSession(ApiRequest request) {
        request.params().requireOnly(EXPAND_ONLY, "");
        List<String> expand = Expand.check(Expand.read(request.params()), CheckoutJson.EXPANDABLE, "");
        CheckoutSession session = sessions.retrieve(request.pathParam("session"));
        return ApiResult.ok(sessionBody(checkoutJson, session, expand));
    }

    private ApiResult updateSession(ApiRequest request) {
        SESSION_UPDATE.check(request.params());
        List<String> expand = Expand.check(Expand.read(request.params()), CheckoutJson.EXPANDABLE, "");
        CheckoutSession session = sessions.update(request.pathParam("session"), request.params());
        return ApiResult.ok(sessionBody(checkoutJson, session, expand));
    }

    private ApiResult expireSession(ApiRequest request) {
        request.params().requireOnly(EXPAND_ONLY, "");
        List<String> expand = Expand.check(Expand.read(request.params()), CheckoutJson.EXPANDABLE, "");
        CheckoutSession session = sessions.expire(request.pathParam("session"), context(request));
        return ApiResult.ok(sessionBody(checkoutJson, session, expand));
    }

    private ApiResult listSessions(ApiRequest request) {
        ListParams list = ListParams.read(request.params(), SESSION_LIST);
        List<String> expand = Expand.check(list.expand(), CheckoutJson.EXPANDABLE, "data.");
        Page<CheckoutSession> page = sessions.list(list, request.params());
        return ApiResult.ok(() -> page.toJson("/v1/checkout/sessions", s -> checkoutJson.session(s, expand)));
    }

    private ApiResult listLineItems(ApiRequest request) {
        ListParams list = ListParams.read(request.params(), LINE_ITEM_LIST);
        boolean expandProduct = Expand.check(list.expand(), List.of("price", "price.product"), "data.")
                .contains("price.product");
        CheckoutSession session = sessions.retrieve(request.pathParam("session"));
        list.requireCursorExists(id -> lineItemPosition(session, id) >= 0, "line item");
        int after = lineItemPosition(session, list.startingAfter());
        int before = lineItemPosition(session, list.endingBefore());
        Page<CheckoutJson.IndexedItem> page = Page.ofList(checkoutJson.lineItems(session),
                list.limit(), after, before);
        return ApiResult.ok(() -> checkoutJson.lineItemList(session, page, expandProduct));
    }

    /** The position of one of the session's line items, or -1 for null or any other id. */
    private static int lineItemPosition(CheckoutSession session, String id) {
        int index = CheckoutJson.lineItemIndex(session.id(), id);
        return index < session.lineItems().size() ? index : -1;
    }

    /** A PaymentMethod, rebuilt from the PaymentIntent or SetupIntent it paid ({@code pm_<their id>}). */
    private ApiResult retrievePaymentMethod(ApiRequest request) {
        request.params().requireOnly(EXPAND_ONLY, "");
        String id = request.pathParam("payment_method");
        String suffix = id.startsWith("pm_") ? id.substring(3) : null;
        PaymentIntent intent = suffix == null ? null : store.paymentIntents().get("pi_" + suffix);
        if (intent != null) {
            return paymentMethod(id, intent.paymentMethodType(), intent.methodDetails(), intent.customer(),
                    intent.created(), intent.checkoutSession());
        }
        var setup = suffix == null ? null : store.setupIntents().get("seti_" + suffix);
        if (setup == null) {
            throw ApiError.resourceMissing("payment_method", id, "payment_method");
        }
        return paymentMethod(id, setup.paymentMethodType(), setup.methodDetails(), setup.customer(), setup.created(),
                setup.checkoutSession());
    }

    private ApiResult paymentMethod(String id, String type, Map<String, Object> details, String customer, long created,
            String sessionId) {
        CheckoutSession s = store.sessions().get(sessionId);
        return ApiResult.ok(() -> paymentJson.paymentMethod(id, type, details, customer, created,
                s == null ? null : s.detailsEmail(), s == null ? null : s.detailsName()));
    }

    /** The Charge of a paid or authorized PaymentIntent ({@code ch_<its id>}). */
    private ApiResult retrieveCharge(ApiRequest request) {
        request.params().requireOnly(EXPAND_ONLY, "");
        String id = request.pathParam("charge");
        PaymentIntent intent = id.startsWith("ch_") ? store.paymentIntents().get("pi_" + id.substring(3)) : null;
        if (intent == null || !PaymentJson.hasCharge(intent)) {
            throw ApiError.resourceMissing("charge", id, "charge");
        }
        CheckoutSession s = store.sessions().get(intent.checkoutSession());
        return ApiResult.ok(() -> paymentJson.charge(intent, s == null ? null : s.detailsEmail(),
                s == null ? null : s.detailsName()));
    }

    private <T> ApiResult retrieve(ApiRequest request, String pathParam, ObjectIndex<T> index,
            String objectName, Function<T, Map<String, Object>> render) {
        request.params().requireOnly(EXPAND_ONLY, "");
        String id = request.pathParam(pathParam);
        T object = index.get(id);
        if (object == null) {
            throw ApiError.resourceMissing(objectName, id, pathParam);
        }
        return ApiResult.ok(() -> render.apply(object));
    }

    private ApiResult listEvents(ApiRequest request) {
        ListParams list = ListParams.read(request.params(), Set.of("type", "types", "created",
                "delivery_success"));
        String type = request.params().nonEmptyString("type", "");
        List<Object> rawTypes = request.params().array("types", "");
        if (type != null && rawTypes != null) {
            throw ApiError.invalid("parameters_exclusive", "types",
                    "You may only specify one of these parameters: type, types.");
        }
        var types = new ArrayList<String>();
        if (rawTypes != null) {
            rawTypes.forEach(t -> types.add(String.valueOf(t)));
        }
        list.requireCursorExists(id -> store.events().get(id) != null, "event");
        Page<StripeEvent> page = Page.of(store.events(), e -> list.createdInRange(e.created())
                        && (type == null || matchesType(type, e.type()))
                        && (types.isEmpty() || types.stream().anyMatch(t -> matchesType(t, e.type()))),
                list.limit(), list.startingAfter(), list.endingBefore());
        return ApiResult.ok(() -> page.toJson("/v1/events", eventJson::event));
    }

    /** Stripe's event type filter: exact, or a {@code *} wildcard such as {@code checkout.session.*}. */
    static boolean matchesType(String pattern, String type) {
        if (pattern.endsWith("*")) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(type);
    }

    private Map<String, Object> clockJson() {
        Instant now = clock.instant();
        var json = new LinkedHashMap<String, Object>();
        json.put("now", now.getEpochSecond());
        json.put("iso", now.toString());
        json.put("offset_seconds", clock.offset().toSeconds());
        return json;
    }

    private ApiResult advanceClock(ApiRequest request) {
        request.params().requireOnly(Set.of("seconds"), "");
        Long seconds = request.params().integer("seconds", "");
        if (seconds == null) {
            throw ApiError.parameterMissing("seconds");
        }
        if (seconds < 0) {
            throw ApiError.invalid("parameter_invalid_integer", "seconds",
                    "Invalid seconds: the clock only moves forward (seconds is " + seconds + ")");
        }
        clock.advance(Duration.ofSeconds(seconds));
        return ApiResult.ok(this::clockJson);
    }

    private ApiResult complete(ApiRequest request) {
        Params params = request.params();
        params.requireOnly(COMPLETE_FIELDS, "");
        CheckoutSession open = store.sessions().get(request.pathParam("session"));
        if (open == null) {
            throw ApiError.resourceMissing("checkout.session", request.pathParam("session"), "session");
        }
        PaymentOutcome outcome = PaymentOutcome.from(params, open);
        var payer = new CompletionService.Payer(params.nonEmptyString("email", ""),
                params.nonEmptyString("name", ""), params.nonEmptyString("promotion_code", ""),
                params.nonEmptyString("shipping_rate", ""), Address.Shipping.parse(params, ""), details(params),
                quantities(params, "line_items"), quantities(params, "optional_items"));
        CheckoutSession session = completions.complete(request.pathParam("session"), outcome, payer);
        return ApiResult.ok(sessionBody(checkoutJson, session, List.of()));
    }

    /**
     * {@code line_items[<index>][quantity]} (quantities chosen where {@code adjustable_quantity} allows)
     * or {@code optional_items[<index>][quantity]} (optional items added).
     */
    private static Map<Integer, Long> quantities(Params params, String name) {
        Params lines = params.object(name, "");
        if (lines == null) {
            return Map.of();
        }
        var chosen = new java.util.TreeMap<Integer, Long>();
        for (String index : lines.names()) {
            String prefix = name + "[" + index + "]";
            Params line = lines.object(index, name);
            line.requireOnly(Set.of("quantity"), prefix);
            Long quantity = line.integer("quantity", prefix);
            try {
                chosen.put(Integer.parseInt(index), quantity);
            } catch (NumberFormatException e) {
                throw ApiError.invalid(null, prefix, "Items are indexed from 0: " + prefix);
            }
        }
        return chosen;
    }

    /** The completion control's page fields: {@code billing_address}, {@code phone}, tax IDs, custom fields, consent. */
    private static Collected.Details details(Params params) {
        var taxIds = new ArrayList<Collected.TaxId>();
        List<Object> rawIds = params.array("tax_ids", "");
        if (rawIds != null) {
            for (int i = 0; i < rawIds.size(); i++) {
                if (!(rawIds.get(i) instanceof Params id)) {
                    throw ApiError.invalid("parameter_invalid_hash", "tax_ids[" + i + "]", "Invalid hash");
                }
                id.requireOnly(Set.of("type", "value"), "tax_ids[" + i + "]");
                taxIds.add(new Collected.TaxId(id.nonEmptyString("type", "tax_ids[" + i + "]"),
                        id.nonEmptyString("value", "tax_ids[" + i + "]")));
            }
        }
        var customFields = new LinkedHashMap<String, String>();
        Params fields = params.object("custom_fields", "");
        if (fields != null) {
            for (String key : fields.names()) {
                customFields.put(key, fields.string(key, "custom_fields"));
            }
        }
        Params consent = params.object("consent", "");
        boolean terms = false;
        String promotions = null;
        if (consent != null) {
            consent.requireOnly(Set.of("terms_of_service", "promotions"), "consent");
            String t = consent.nonEmptyString("terms_of_service", "consent");
            if (t != null && !t.equals("accepted")) {
                throw ApiError.invalidEnum("consent[terms_of_service]", t, List.of("accepted"));
            }
            terms = t != null;
            promotions = consent.nonEmptyString("promotions", "consent");
            if (promotions != null && !List.of("opt_in", "opt_out").contains(promotions)) {
                throw ApiError.invalidEnum("consent[promotions]", promotions, List.of("opt_in", "opt_out"));
            }
        }
        return new Collected.Details(Address.parse(params, "billing_address", ""), params.nonEmptyString("phone", ""),
                params.nonEmptyString("business_name", ""), List.copyOf(taxIds), customFields, terms, promotions,
                params.nonEmptyString("individual_name", ""));
    }

    private ApiResult capture(ApiRequest request) {
        Params params = request.params();
        CAPTURE.check(params);
        Expand.check(Expand.read(params), List.of(), "");
        var intent = completions.capture(request.pathParam("intent"), params.integer("amount_to_capture", ""),
                current -> Metadata.merge(current, params, "metadata", store.interner()::intern));
        return ApiResult.ok(() -> paymentJson.paymentIntent(intent));
    }

    private ApiResult cancel(ApiRequest request) {
        Params params = request.params();
        CANCEL.check(params);
        Expand.check(Expand.read(params), List.of(), "");
        var intent = completions.cancel(request.pathParam("intent"), params.nonEmptyString("cancellation_reason", ""));
        return ApiResult.ok(() -> paymentJson.paymentIntent(intent));
    }

    /** {@code POST /_emulator/automatic_tax}: replaces the table, {@code {"rates": {"DE": "19", "US-CA": "7.25"}}}. */
    private ApiResult setTaxRates(ApiRequest request) {
        Map<String, String> rates;
        try {
            var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(request.rawBody());
            var table = tree == null ? null : tree.get("rates");
            if (table == null || !table.isObject()) {
                throw new IllegalArgumentException("the body must be {\"rates\": {\"DE\": \"19\", ...}}");
            }
            rates = new LinkedHashMap<>();
            for (var it = table.fields(); it.hasNext(); ) {
                var entry = it.next();
                rates.put(entry.getKey(), entry.getValue().asText());
            }
            automaticTax.configure(rates);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw ApiError.invalid(null, "rates", "Invalid automatic tax rates: " + e.getMessage());
        }
        return ApiResult.ok(automaticTax::toJson);
    }

    private Map<String, Object> configurationJson() {
        var enabled = new java.util.ArrayList<>(store.methodConfiguration().enabled());
        java.util.Collections.sort(enabled);
        return Map.of("id", org.checkoutpipeline.stripeemulator.methods.MethodConfiguration.ID, "enabled", enabled);
    }

    /**
     * {@code POST /_emulator/payment_method_configuration}: which methods sessions without
     * {@code payment_method_types} may offer, {@code {"enabled": ["card", "ideal"]}} (form:
     * {@code enabled[]=card&enabled[]=ideal}).
     */
    private ApiResult configurePaymentMethods(ApiRequest request) {
        List<Object> enabled = request.params().array("enabled", "");
        if (enabled == null || enabled.isEmpty()) {
            throw ApiError.parameterMissing("enabled");
        }
        try {
            store.methodConfiguration().enable(enabled.stream().map(String::valueOf).toList());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(null, "enabled", e.getMessage());
        }
        return ApiResult.ok(this::configurationJson);
    }

    private ApiResult setFaults(ApiRequest request) {
        FaultConfig config;
        try {
            config = FaultConfig.parse(request.rawBody().isBlank() ? "{}" : request.rawBody());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(null, null, "Invalid fault settings: " + e.getMessage());
        }
        faults.configure(config);
        return ApiResult.ok(config::toJson);
    }
}
