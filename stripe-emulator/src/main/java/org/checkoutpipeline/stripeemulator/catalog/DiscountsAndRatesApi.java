package org.checkoutpipeline.stripeemulator.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.ApiRequest;
import org.checkoutpipeline.stripeemulator.api.ApiResult;
import org.checkoutpipeline.stripeemulator.api.Expand;
import org.checkoutpipeline.stripeemulator.api.ListParams;
import org.checkoutpipeline.stripeemulator.api.Metadata;
import org.checkoutpipeline.stripeemulator.api.OperationParams;
import org.checkoutpipeline.stripeemulator.api.Params;
import org.checkoutpipeline.stripeemulator.api.Router;
import org.checkoutpipeline.stripeemulator.clock.EmulatorClock;
import org.checkoutpipeline.stripeemulator.store.EmulatorStore;
import org.checkoutpipeline.stripeemulator.store.Page;

/**
 * Stripe's Coupons, Promotion Codes, Tax Rates and Shipping Rates: create, retrieve, update and
 * list, with the rules Stripe applies when they are made. Checkout Sessions use them through
 * {@code discounts}, {@code line_items[n][tax_rates]} and {@code shipping_options}.
 */
public final class DiscountsAndRatesApi {

    private static final OperationParams COUPON_CREATE = OperationParams.of("POST /v1/coupons",
            "amount_off", "applies_to", "currency", "duration", "duration_in_months", "expand", "id",
            "max_redemptions", "metadata", "name", "percent_off", "redeem_by");
    private static final OperationParams COUPON_UPDATE = OperationParams.of("POST /v1/coupons/{coupon}",
            "expand", "metadata", "name");
    private static final OperationParams COUPON_LIST = OperationParams.of("GET /v1/coupons",
            "created", "ending_before", "expand", "limit", "starting_after");
    private static final OperationParams PROMOTION_CODE_CREATE = OperationParams.of(
            "POST /v1/promotion_codes", "active", "code", "customer", "expand", "expires_at",
            "max_redemptions", "metadata", "promotion", "restrictions[first_time_transaction]",
            "restrictions[minimum_amount]", "restrictions[minimum_amount_currency]");
    private static final OperationParams PROMOTION_CODE_UPDATE = OperationParams.of(
            "POST /v1/promotion_codes/{promotion_code}", "active", "expand", "metadata");
    private static final OperationParams PROMOTION_CODE_LIST = OperationParams.of(
            "GET /v1/promotion_codes", "active", "code", "coupon", "created", "customer", "ending_before",
            "expand", "limit", "starting_after");
    private static final OperationParams TAX_RATE_CREATE = OperationParams.of("POST /v1/tax_rates",
            "active", "country", "description", "display_name", "expand", "inclusive", "jurisdiction",
            "metadata", "percentage", "state", "tax_type");
    private static final OperationParams TAX_RATE_UPDATE = OperationParams.of("POST /v1/tax_rates/{tax_rate}",
            "active", "country", "description", "display_name", "expand", "jurisdiction", "metadata", "state",
            "tax_type");
    private static final OperationParams TAX_RATE_LIST = OperationParams.of("GET /v1/tax_rates",
            "active", "created", "ending_before", "expand", "inclusive", "limit", "starting_after");
    private static final OperationParams SHIPPING_RATE_CREATE = OperationParams.of("POST /v1/shipping_rates",
            "delivery_estimate", "display_name", "expand", "fixed_amount[amount]", "fixed_amount[currency]",
            "metadata", "tax_behavior", "tax_code", "type");
    private static final OperationParams SHIPPING_RATE_UPDATE = OperationParams.of(
            "POST /v1/shipping_rates/{shipping_rate_token}", "active", "expand", "metadata", "tax_behavior");
    private static final OperationParams SHIPPING_RATE_LIST = OperationParams.of("GET /v1/shipping_rates",
            "active", "created", "currency", "ending_before", "expand", "limit", "starting_after");

    private final EmulatorStore store;
    private final EmulatorClock clock;
    private final PriceRules priceRules;

    public DiscountsAndRatesApi(EmulatorStore store, EmulatorClock clock, PriceRules priceRules) {
        this.store = store;
        this.clock = clock;
        this.priceRules = priceRules;
    }

    public Router addTo(Router router) {
        return router
                .stripe("POST", "/v1/coupons", this::createCoupon)
                .stripe("GET", "/v1/coupons", this::listCoupons)
                .stripe("GET", "/v1/coupons/{coupon}", this::retrieveCoupon)
                .stripe("POST", "/v1/coupons/{coupon}", this::updateCoupon)
                .stripe("POST", "/v1/promotion_codes", this::createPromotionCode)
                .stripe("GET", "/v1/promotion_codes", this::listPromotionCodes)
                .stripe("GET", "/v1/promotion_codes/{promotion_code}", this::retrievePromotionCode)
                .stripe("POST", "/v1/promotion_codes/{promotion_code}", this::updatePromotionCode)
                .stripe("POST", "/v1/tax_rates", this::createTaxRate)
                .stripe("GET", "/v1/tax_rates", this::listTaxRates)
                .stripe("GET", "/v1/tax_rates/{tax_rate}", r -> {
                    TaxRate rate = Requests.retrieve(r, "tax_rate", store.taxRates(), "tax_rate", List.of());
                    return ApiResult.ok(() -> CatalogJson.taxRate(rate));
                })
                .stripe("POST", "/v1/tax_rates/{tax_rate}", this::updateTaxRate)
                .stripe("POST", "/v1/shipping_rates", this::createShippingRate)
                .stripe("GET", "/v1/shipping_rates", this::listShippingRates)
                .stripe("GET", "/v1/shipping_rates/{shipping_rate_token}", r -> {
                    ShippingRate rate = Requests.retrieve(r, "shipping_rate_token", store.shippingRates(),
                            "shipping_rate", List.of());
                    return ApiResult.ok(() -> CatalogJson.shippingRate(rate));
                })
                .stripe("POST", "/v1/shipping_rates/{shipping_rate_token}", this::updateShippingRate);
    }

    // Coupons

    private ApiResult createCoupon(ApiRequest request) {
        Params p = request.params();
        COUPON_CREATE.check(p);
        boolean appliesTo = expandsAppliesTo(Expand.read(p), "");
        boolean hasPercent = p.has("percent_off");
        boolean hasAmount = p.has("amount_off");
        if (hasPercent == hasAmount) {
            throw ApiError.invalid(hasPercent ? "parameters_exclusive" : "parameter_missing", "percent_off",
                    "You must specify exactly one of these parameters: amount_off, percent_off.");
        }
        BigDecimal percentOff = null;
        Long amountOff = null;
        String currency = priceRules.currency(p.nonEmptyString("currency", ""), "currency");
        if (hasPercent) {
            percentOff = new BigDecimal(p.requiredString("percent_off", "")).stripTrailingZeros();
            if (percentOff.signum() <= 0 || percentOff.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw ApiError.invalid(null, "percent_off", "Invalid percent_off: must be greater than 0"
                        + " and at most 100 (it is " + percentOff.toPlainString() + ")");
            }
        } else {
            amountOff = p.integer("amount_off", "");
            if (amountOff < 1) {
                throw ApiError.invalid("parameter_invalid_integer", "amount_off",
                        "Invalid amount_off: must be a positive integer (it is " + amountOff + ")");
            }
            if (currency == null) {
                throw ApiError.invalid("parameter_missing", "currency",
                        "Missing required param: currency. `currency` is required with `amount_off`.");
            }
        }
        String duration = p.has("duration") ? p.requiredString("duration", "") : "once";
        Long months = p.integer("duration_in_months", "");
        if ("repeating".equals(duration) != (months != null)) {
            throw ApiError.invalid(null, "duration_in_months", "`duration_in_months` is required with, and"
                    + " only allowed with, `duration=repeating`.");
        }
        Long maxRedemptions = positive(p, "max_redemptions");
        Long redeemBy = p.integer("redeem_by", "");
        long now = clock.epochSecond();
        if (redeemBy != null && redeemBy <= now) {
            throw ApiError.invalid(null, "redeem_by", "Invalid redeem_by: it must be in the future (it is "
                    + redeemBy + ", now is " + now + ")");
        }
        Params applies = p.object("applies_to", "");
        List<String> products = applies == null ? null : Requests.strings(applies, "products");
        if (products != null) {
            for (int i = 0; i < products.size(); i++) {
                if (store.products().get(products.get(i)) == null) {
                    throw ApiError.invalid("resource_missing", "applies_to[products][" + i + "]",
                            "No such product: '" + products.get(i) + "'");
                }
            }
        }
        String generated = store.ids().next("");
        var coupon = new Coupon(Requests.idOf(p, generated), now,
                Requests.text(p, "name"), percentOff, amountOff, currency, duration.intern(), months,
                maxRedemptions, redeemBy, 0, products,
                Metadata.parse(p.object("metadata", ""), "metadata", store.interner()::intern));
        Requests.insert(p, store.coupons(), "Coupon", generated, coupon);
        return ApiResult.ok(() -> CatalogJson.coupon(coupon, now, appliesTo));
    }

    private ApiResult retrieveCoupon(ApiRequest request) {
        Coupon coupon = Requests.retrieve(request, "coupon", store.coupons(), "coupon", List.of("applies_to"));
        boolean appliesTo = expandsAppliesTo(Expand.read(request.params()), "");
        return ApiResult.ok(() -> CatalogJson.coupon(coupon, clock.epochSecond(), appliesTo));
    }

    private ApiResult updateCoupon(ApiRequest request) {
        Params p = request.params();
        COUPON_UPDATE.check(p);
        boolean appliesTo = expandsAppliesTo(Expand.read(p), "");
        Coupon current = Requests.existing(request, "coupon", store.coupons(), "coupon");
        Coupon updated = store.coupons().update(current.id(), c -> new Coupon(c.id(), c.created(),
                Requests.text(p, "name", c.name()), c.percentOff(), c.amountOff(), c.currency(), c.duration(),
                c.durationInMonths(), c.maxRedemptions(), c.redeemBy(), c.timesRedeemed(),
                c.appliesToProducts(), Metadata.merge(c.metadata(), p, "metadata", store.interner()::intern)));
        return ApiResult.ok(() -> CatalogJson.coupon(updated, clock.epochSecond(), appliesTo));
    }

    private ApiResult listCoupons(ApiRequest request) {
        ListParams list = ListParams.read(request.params(), COUPON_LIST);
        boolean appliesTo = expandsAppliesTo(list.expand(), "data.");
        Page<Coupon> page = list.page(store.coupons(), c -> true, Coupon::created, "coupon");
        long now = clock.epochSecond();
        return ApiResult.ok(() -> page.toJson("/v1/coupons", c -> CatalogJson.coupon(c, now, appliesTo)));
    }

    private static boolean expandsAppliesTo(List<String> expand, String prefix) {
        return Expand.check(expand, List.of("applies_to"), prefix).contains("applies_to");
    }

    // Promotion codes

    private ApiResult createPromotionCode(ApiRequest request) {
        Params p = request.params();
        PROMOTION_CODE_CREATE.check(p);
        boolean expandCoupon = expandsCoupon(Expand.read(p), "");
        Params promotion = p.object("promotion", "");
        if (promotion == null || promotion.isEmpty()) {
            throw ApiError.parameterMissing("promotion");
        }
        String type = promotion.requiredString("type", "promotion");
        String couponId = promotion.requiredString("coupon", "promotion");
        if (!"coupon".equals(type)) {
            throw ApiError.invalidEnum("promotion[type]", type, List.of("coupon"));
        }
        if (store.coupons().get(couponId) == null) {
            throw ApiError.invalid("resource_missing", "promotion[coupon]", "No such coupon: '" + couponId + "'");
        }
        String code = p.nonEmptyString("code", "");
        if (code == null) {
            code = randomCode(8);
        } else if (!code.matches("[A-Za-z0-9_-]{1,500}")) {
            throw ApiError.invalid(null, "code", "Invalid code: it may contain only letters, digits, '-'"
                    + " and '_' (it is '" + code + "')");
        }
        if (activeCode(code) != null) {
            throw ApiError.invalid(null, "code", "An active promotion code with `code: " + code
                    + "` already exists.");
        }
        String customer = p.nonEmptyString("customer", "");
        if (customer != null && store.customers().get(customer) == null) {
            throw ApiError.invalid("resource_missing", "customer", "No such customer: '" + customer + "'");
        }
        Params restrictions = p.object("restrictions", "");
        Long minimum = null;
        String minimumCurrency = null;
        boolean firstTime = false;
        if (restrictions != null) {
            minimum = restrictions.integer("minimum_amount", "restrictions");
            minimumCurrency = priceRules.currency(restrictions.nonEmptyString("minimum_amount_currency",
                    "restrictions"), "restrictions[minimum_amount_currency]");
            if ((minimum == null) != (minimumCurrency == null)) {
                throw ApiError.invalid(null, "restrictions[minimum_amount_currency]", "`minimum_amount` and"
                        + " `minimum_amount_currency` must be given together.");
            }
            firstTime = Requests.bool(restrictions, "first_time_transaction", false);
        }
        long now = clock.epochSecond();
        Long expiresAt = p.integer("expires_at", "");
        var promotionCode = new PromotionCode(store.ids().next("promo_"), now, code, couponId,
                Requests.bool(p, "active", true), customer, expiresAt, positive(p, "max_redemptions"), 0,
                firstTime, minimum, minimumCurrency,
                Metadata.parse(p.object("metadata", ""), "metadata", store.interner()::intern));
        store.promotionCodes().insert(promotionCode.id(), promotionCode);
        return ApiResult.ok(() -> renderPromotionCode(promotionCode, expandCoupon));
    }

    private ApiResult retrievePromotionCode(ApiRequest request) {
        PromotionCode code = Requests.retrieve(request, "promotion_code", store.promotionCodes(),
                "promotion_code", List.of("promotion.coupon"));
        boolean expandCoupon = expandsCoupon(Expand.read(request.params()), "");
        return ApiResult.ok(() -> renderPromotionCode(code, expandCoupon));
    }

    private ApiResult updatePromotionCode(ApiRequest request) {
        Params p = request.params();
        PROMOTION_CODE_UPDATE.check(p);
        boolean expandCoupon = expandsCoupon(Expand.read(p), "");
        PromotionCode current = Requests.existing(request, "promotion_code", store.promotionCodes(),
                "promotion_code");
        boolean active = Requests.bool(p, "active", current.active());
        if (active && !current.active() && activeCode(current.code()) != null) {
            throw ApiError.invalid(null, "active", "An active promotion code with `code: " + current.code()
                    + "` already exists.");
        }
        PromotionCode updated = store.promotionCodes().update(current.id(), c -> c.with(active,
                Metadata.merge(c.metadata(), p, "metadata", store.interner()::intern)));
        return ApiResult.ok(() -> renderPromotionCode(updated, expandCoupon));
    }

    private ApiResult listPromotionCodes(ApiRequest request) {
        Params p = request.params();
        ListParams list = ListParams.read(p, PROMOTION_CODE_LIST);
        boolean expandCoupon = expandsCoupon(list.expand(), "data.");
        Boolean active = Requests.optionalBool(p, "active");
        String code = p.nonEmptyString("code", "");
        String coupon = p.nonEmptyString("coupon", "");
        String customer = p.nonEmptyString("customer", "");
        Predicate<PromotionCode> filter = c -> (active == null || c.active() == active)
                && (code == null || code.equalsIgnoreCase(c.code()))
                && (coupon == null || coupon.equals(c.coupon()))
                && (customer == null || customer.equals(c.customer()));
        Page<PromotionCode> page = list.page(store.promotionCodes(), filter, PromotionCode::created,
                "promotion code");
        return ApiResult.ok(() -> page.toJson("/v1/promotion_codes", c -> renderPromotionCode(c, expandCoupon)));
    }

    /** The active promotion code with this code (codes are case-insensitive), or null. */
    private PromotionCode activeCode(String code) {
        for (PromotionCode other : store.promotionCodes().all()) {
            if (other.active() && other.code().equalsIgnoreCase(code)) {
                return other;
            }
        }
        return null;
    }

    private Map<String, Object> renderPromotionCode(PromotionCode code, boolean expandCoupon) {
        Coupon coupon = expandCoupon ? store.coupons().get(code.coupon()) : null;
        return CatalogJson.promotionCode(code, coupon == null ? code.coupon()
                : CatalogJson.coupon(coupon, clock.epochSecond(), false));
    }

    private static boolean expandsCoupon(List<String> expand, String prefix) {
        return Expand.check(expand, List.of("promotion.coupon"), prefix).contains("promotion.coupon");
    }

    // Tax rates

    private ApiResult createTaxRate(ApiRequest request) {
        Params p = request.params();
        TAX_RATE_CREATE.check(p);
        Expand.check(Expand.read(p), List.of(), "");
        var percentage = new BigDecimal(p.requiredString("percentage", "")).stripTrailingZeros();
        if (percentage.signum() < 0 || percentage.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw ApiError.invalid(null, "percentage", "Invalid percentage: must be between 0 and 100 (it is "
                    + percentage.toPlainString() + ")");
        }
        if (!p.has("inclusive")) {
            throw ApiError.parameterMissing("inclusive");
        }
        var rate = new TaxRate(store.ids().next("txr_"), clock.epochSecond(),
                p.requiredString("display_name", ""), Requests.text(p, "description"), percentage,
                Requests.bool(p, "inclusive", false), Requests.bool(p, "active", true), country(p),
                Requests.text(p, "state"), Requests.text(p, "jurisdiction"), Requests.text(p, "tax_type"),
                Metadata.parse(p.object("metadata", ""), "metadata", store.interner()::intern));
        store.taxRates().insert(rate.id(), rate);
        return ApiResult.ok(() -> CatalogJson.taxRate(rate));
    }

    private ApiResult updateTaxRate(ApiRequest request) {
        Params p = request.params();
        TAX_RATE_UPDATE.check(p);
        Expand.check(Expand.read(p), List.of(), "");
        TaxRate current = Requests.existing(request, "tax_rate", store.taxRates(), "tax_rate");
        TaxRate updated = store.taxRates().update(current.id(), c -> new TaxRate(c.id(), c.created(),
                p.has("display_name") ? p.requiredString("display_name", "") : c.displayName(),
                Requests.text(p, "description", c.description()), c.percentage(), c.inclusive(),
                Requests.bool(p, "active", c.active()), p.has("country") ? country(p) : c.country(),
                Requests.text(p, "state", c.state()), Requests.text(p, "jurisdiction", c.jurisdiction()),
                Requests.text(p, "tax_type", c.taxType()),
                Metadata.merge(c.metadata(), p, "metadata", store.interner()::intern)));
        return ApiResult.ok(() -> CatalogJson.taxRate(updated));
    }

    private ApiResult listTaxRates(ApiRequest request) {
        Params p = request.params();
        ListParams list = ListParams.read(p, TAX_RATE_LIST);
        Expand.check(list.expand(), List.of(), "data.");
        Boolean active = Requests.optionalBool(p, "active");
        Boolean inclusive = Requests.optionalBool(p, "inclusive");
        Page<TaxRate> page = list.page(store.taxRates(), t -> (active == null || t.active() == active)
                && (inclusive == null || t.inclusive() == inclusive), TaxRate::created, "tax rate");
        return ApiResult.ok(() -> page.toJson("/v1/tax_rates", CatalogJson::taxRate));
    }

    /** A two-letter ISO country code, upper case as Stripe stores it, or null. */
    private static String country(Params p) {
        String country = Requests.text(p, "country");
        if (country == null) {
            return null;
        }
        if (!country.matches("[A-Za-z]{2}")) {
            throw ApiError.invalid(null, "country", "Invalid country: must be a two-letter ISO code such as"
                    + " DE (it is '" + country + "')");
        }
        return country.toUpperCase(Locale.ROOT);
    }

    // Shipping rates

    private ApiResult createShippingRate(ApiRequest request) {
        Params p = request.params();
        SHIPPING_RATE_CREATE.check(p);
        Expand.check(Expand.read(p), List.of(), "");
        ShippingRate rate = ShippingRates.parse(p, "", store.ids().next("shr_"), clock.epochSecond(),
                priceRules, store.interner()::intern);
        store.shippingRates().insert(rate.id(), rate);
        return ApiResult.ok(() -> CatalogJson.shippingRate(rate));
    }

    private ApiResult updateShippingRate(ApiRequest request) {
        Params p = request.params();
        SHIPPING_RATE_UPDATE.check(p);
        Expand.check(Expand.read(p), List.of(), "");
        ShippingRate current = Requests.existing(request, "shipping_rate_token", store.shippingRates(),
                "shipping_rate");
        String taxBehavior = p.nonEmptyString("tax_behavior", "");
        if (taxBehavior != null && !"unspecified".equals(current.taxBehavior())
                && !taxBehavior.equals(current.taxBehavior())) {
            throw ApiError.invalid(null, "tax_behavior", "The tax_behavior of a shipping rate cannot be"
                    + " changed once it is set to `" + current.taxBehavior() + "`.");
        }
        ShippingRate updated = store.shippingRates().update(current.id(), c -> c.with(
                Requests.bool(p, "active", c.active()), taxBehavior != null ? taxBehavior.intern() : c.taxBehavior(),
                Metadata.merge(c.metadata(), p, "metadata", store.interner()::intern)));
        return ApiResult.ok(() -> CatalogJson.shippingRate(updated));
    }

    private ApiResult listShippingRates(ApiRequest request) {
        Params p = request.params();
        ListParams list = ListParams.read(p, SHIPPING_RATE_LIST);
        Expand.check(list.expand(), List.of(), "data.");
        Boolean active = Requests.optionalBool(p, "active");
        String currency = p.nonEmptyString("currency", "");
        Page<ShippingRate> page = list.page(store.shippingRates(), r -> (active == null || r.active() == active)
                && (currency == null || currency.equals(r.currency())), ShippingRate::created, "shipping rate");
        return ApiResult.ok(() -> page.toJson("/v1/shipping_rates", CatalogJson::shippingRate));
    }

    // Shared

    private static Long positive(Params p, String name) {
        Long value = p.integer(name, "");
        if (value != null && value < 1) {
            throw ApiError.invalid("parameter_invalid_integer", name,
                    "Invalid " + name + ": must be a positive integer (it is " + value + ")");
        }
        return value;
    }

    private String randomCode(int length) {
        String id = store.ids().next("");
        return id.substring(Math.max(0, id.length() - length)).toUpperCase(Locale.ROOT);
    }
}
