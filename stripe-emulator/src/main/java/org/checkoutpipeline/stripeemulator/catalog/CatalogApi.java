package org.checkoutpipeline.stripeemulator.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
import org.checkoutpipeline.stripeemulator.currency.Currencies;
import org.checkoutpipeline.stripeemulator.payment.Address;
import org.checkoutpipeline.stripeemulator.payment.Customer;
import org.checkoutpipeline.stripeemulator.payment.PaymentJson;
import org.checkoutpipeline.stripeemulator.store.EmulatorStore;
import org.checkoutpipeline.stripeemulator.store.ObjectIndex;
import org.checkoutpipeline.stripeemulator.store.Page;

/**
 * Stripe's catalog and customer API: create, retrieve, update and list Products, Prices and
 * Customers, with Stripe's filters and pagination. Each operation declares the parameters it
 * implements; every other parameter Stripe defines is refused with a message saying so.
 */
public final class CatalogApi {

    private static final OperationParams PRODUCT_CREATE = OperationParams.of("POST /v1/products",
            "active", "description", "expand", "id", "images", "metadata", "name", "shippable",
            "statement_descriptor", "tax_code", "unit_label", "url");
    private static final OperationParams PRODUCT_UPDATE = OperationParams.of("POST /v1/products/{id}",
            "active", "description", "expand", "images", "metadata", "name", "shippable",
            "statement_descriptor", "tax_code", "unit_label", "url");
    private static final OperationParams PRODUCT_LIST = OperationParams.of("GET /v1/products",
            "active", "created", "ending_before", "expand", "ids", "limit", "shippable", "starting_after",
            "url");
    private static final OperationParams PRICE_CREATE = OperationParams.of("POST /v1/prices",
            "active", "billing_scheme=per_unit", "currency", "expand", "lookup_key", "metadata", "nickname",
            "product", "product_data[name]", "product_data[active]", "product_data[metadata]",
            "product_data[statement_descriptor]", "product_data[tax_code]", "product_data[unit_label]",
            "recurring[interval]", "recurring[interval_count]", "recurring[usage_type]=licensed",
            "tax_behavior", "transfer_lookup_key", "unit_amount", "unit_amount_decimal");
    private static final OperationParams PRICE_UPDATE = OperationParams.of("POST /v1/prices/{price}",
            "active", "expand", "lookup_key", "metadata", "nickname", "tax_behavior",
            "transfer_lookup_key");
    private static final OperationParams PRICE_LIST = OperationParams.of("GET /v1/prices",
            "active", "created", "currency", "ending_before", "expand", "limit", "lookup_keys", "product",
            "recurring[interval]", "recurring[usage_type]=licensed", "starting_after", "type");
    private static final OperationParams CUSTOMER_CREATE = OperationParams.of("POST /v1/customers",
            "address", "description", "email", "expand", "metadata", "name", "phone", "shipping");
    private static final OperationParams CUSTOMER_UPDATE = OperationParams.of(
            "POST /v1/customers/{customer}",
            "address", "description", "email", "expand", "metadata", "name", "phone", "shipping");
    private static final OperationParams CUSTOMER_LIST = OperationParams.of("GET /v1/customers",
            "created", "email", "ending_before", "expand", "limit", "starting_after");
    private static final Set<String> EXPAND_ONLY = Set.of("expand");
    private static final int MAX_IMAGES = 8;

    private final EmulatorStore store;
    private final EmulatorClock clock;
    private final PriceRules priceRules;
    private final PaymentJson paymentJson;

    public CatalogApi(EmulatorStore store, EmulatorClock clock, Currencies currencies,
            PaymentJson paymentJson) {
        this.store = store;
        this.clock = clock;
        this.priceRules = new PriceRules(currencies);
        this.paymentJson = paymentJson;
    }

    public Router addTo(Router router) {
        return router
                .stripe("POST", "/v1/products", this::createProduct)
                .stripe("GET", "/v1/products", this::listProducts)
                .stripe("GET", "/v1/products/{id}", r -> {
                    Product product = Requests.retrieve(r, "id", store.products(), "product", List.of());
                    return ApiResult.ok(() -> CatalogJson.product(product));
                })
                .stripe("POST", "/v1/products/{id}", this::updateProduct)
                .stripe("POST", "/v1/prices", this::createPrice)
                .stripe("GET", "/v1/prices", this::listPrices)
                .stripe("GET", "/v1/prices/{price}", this::retrievePrice)
                .stripe("POST", "/v1/prices/{price}", this::updatePrice)
                .stripe("POST", "/v1/customers", this::createCustomer)
                .stripe("GET", "/v1/customers", this::listCustomers)
                .stripe("GET", "/v1/customers/{customer}", r -> {
                    Customer customer = Requests.retrieve(r, "customer", store.customers(), "customer", List.of());
                    return ApiResult.ok(() -> paymentJson.customer(customer));
                })
                .stripe("POST", "/v1/customers/{customer}", this::updateCustomer);
    }

    // Products

    private ApiResult createProduct(ApiRequest request) {
        Params p = request.params();
        PRODUCT_CREATE.check(p);
        Expand.check(Expand.read(p), List.of(), "");
        String generated = store.ids().next("prod_");
        long now = clock.epochSecond();
        var product = new Product(Requests.idOf(p, generated), now, now,
                p.requiredString("name", ""), Requests.text(p, "description"),
                Requests.bool(p, "active", true), images(p, List.of()), Requests.text(p, "url"),
                p.has("shippable") ? Requests.bool(p, "shippable", false) : null,
                Requests.text(p, "unit_label"), Requests.text(p, "statement_descriptor"),
                Requests.text(p, "tax_code"), Metadata.parse(p.object("metadata", ""), "metadata",
                        store.interner()::intern));
        Requests.insert(p, store.products(), "Product", generated, product);
        return ApiResult.ok(() -> CatalogJson.product(product));
    }

    private ApiResult updateProduct(ApiRequest request) {
        Params p = request.params();
        PRODUCT_UPDATE.check(p);
        Expand.check(Expand.read(p), List.of(), "");
        Product current = Requests.existing(request, "id", store.products(), "product");
        if (p.has("name") && "".equals(p.tree().get("name"))) {
            throw ApiError.emptyString("name");
        }
        Product updated = store.products().update(current.id(), c -> new Product(c.id(), c.created(),
                clock.epochSecond(), p.has("name") ? p.string("name", "") : c.name(),
                Requests.text(p, "description", c.description()),
                Requests.bool(p, "active", c.active()), images(p, c.images()),
                Requests.text(p, "url", c.url()),
                p.has("shippable") ? (Boolean) Requests.bool(p, "shippable", false) : c.shippable(),
                Requests.text(p, "unit_label", c.unitLabel()),
                Requests.text(p, "statement_descriptor", c.statementDescriptor()),
                Requests.text(p, "tax_code", c.taxCode()),
                Metadata.merge(c.metadata(), p, "metadata", store.interner()::intern)));
        return ApiResult.ok(() -> CatalogJson.product(updated));
    }

    private ApiResult listProducts(ApiRequest request) {
        Params p = request.params();
        ListParams list = ListParams.read(p, PRODUCT_LIST);
        Expand.check(list.expand(), List.of(), "data.");
        Boolean active = Requests.optionalBool(p, "active");
        Boolean shippable = Requests.optionalBool(p, "shippable");
        String url = p.nonEmptyString("url", "");
        List<String> ids = Requests.strings(p, "ids");
        Page<Product> page = list.page(store.products(), pr -> (active == null || pr.active() == active)
                        && (shippable == null || shippable.equals(pr.shippable()))
                        && (url == null || url.equals(pr.url()))
                        && (ids == null || ids.contains(pr.id())), Product::created, "product");
        return ApiResult.ok(() -> page.toJson("/v1/products", CatalogJson::product));
    }

    // Prices

    private ApiResult createPrice(ApiRequest request) {
        Params p = request.params();
        PRICE_CREATE.check(p);
        boolean expandProduct = expandsProduct(Expand.read(p), "");
        PriceRules.Terms terms = priceRules.parse(p, "");
        String productId = p.nonEmptyString("product", "");
        Params productData = p.object("product_data", "");
        long now = clock.epochSecond();
        if (productId != null && productData != null) {
            throw ApiError.invalid("parameters_exclusive", "product",
                    "You may only specify one of these parameters: product, product_data.");
        }
        Product newProduct = null;
        if (productId != null) {
            if (store.products().get(productId) == null) {
                throw ApiError.invalid("resource_missing", "product", "No such product: '" + productId + "'");
            }
        } else if (productData != null) {
            newProduct = new Product(store.ids().next("prod_"), now, now,
                    productData.requiredString("name", "product_data"), null,
                    Requests.bool(productData, "active", true), List.of(), null, null,
                    Requests.text(productData, "unit_label"),
                    Requests.text(productData, "statement_descriptor"),
                    Requests.text(productData, "tax_code"),
                    Metadata.parse(productData.object("metadata", "product_data"), "product_data[metadata]",
                            store.interner()::intern));
            productId = newProduct.id();
        } else {
            throw ApiError.invalid("parameter_missing", "product",
                    "Missing required param: product. Either product or product_data is required.");
        }
        String lookupKey = Requests.text(p, "lookup_key");
        boolean transfer = Requests.bool(p, "transfer_lookup_key", false);
        checkLookupKey(lookupKey, transfer, null);
        if (newProduct != null) {
            store.products().insert(newProduct.id(), newProduct);
        }
        if (lookupKey != null && transfer) {
            releaseLookupKey(lookupKey);
        }
        var price = new Price(store.ids().next("price_"), now, productId, Requests.bool(p, "active", true),
                terms.currency(), terms.unitAmount(), terms.unit().toPlainString(), terms.interval(),
                terms.intervalCount(), lookupKey, Requests.text(p, "nickname"), terms.taxBehavior(),
                Metadata.parse(p.object("metadata", ""), "metadata", store.interner()::intern));
        store.prices().insert(price.id(), price);
        return ApiResult.ok(() -> renderPrice(price, expandProduct));
    }

    private ApiResult retrievePrice(ApiRequest request) {
        request.params().requireOnly(EXPAND_ONLY, "");
        boolean expandProduct = expandsProduct(Expand.read(request.params()), "");
        Price price = Requests.existing(request, "price", store.prices(), "price");
        return ApiResult.ok(() -> renderPrice(price, expandProduct));
    }

    private ApiResult updatePrice(ApiRequest request) {
        Params p = request.params();
        PRICE_UPDATE.check(p);
        boolean expandProduct = expandsProduct(Expand.read(p), "");
        Price current = Requests.existing(request, "price", store.prices(), "price");
        String taxBehavior = p.nonEmptyString("tax_behavior", "");
        if (taxBehavior != null && !"unspecified".equals(current.taxBehavior())
                && !taxBehavior.equals(current.taxBehavior())) {
            throw ApiError.invalid(null, "tax_behavior", "The tax_behavior of a price cannot be changed"
                    + " once it is set to `" + current.taxBehavior() + "`.");
        }
        String lookupKey = Requests.text(p, "lookup_key", current.lookupKey());
        boolean transfer = Requests.bool(p, "transfer_lookup_key", false);
        checkLookupKey(lookupKey, transfer, current.id());
        if (lookupKey != null && transfer) {
            releaseLookupKey(lookupKey);
        }
        Price updated = store.prices().update(current.id(), c -> new Price(c.id(), c.created(),
                c.product(), Requests.bool(p, "active", c.active()), c.currency(), c.unitAmount(),
                c.unitAmountDecimal(), c.interval(), c.intervalCount(), lookupKey,
                Requests.text(p, "nickname", c.nickname()),
                taxBehavior != null ? taxBehavior.intern() : c.taxBehavior(),
                Metadata.merge(c.metadata(), p, "metadata", store.interner()::intern)));
        return ApiResult.ok(() -> renderPrice(updated, expandProduct));
    }

    private ApiResult listPrices(ApiRequest request) {
        Params p = request.params();
        ListParams list = ListParams.read(p, PRICE_LIST);
        boolean expandProduct = expandsProduct(list.expand(), "data.");
        Boolean active = Requests.optionalBool(p, "active");
        String currency = p.nonEmptyString("currency", "");
        String product = p.nonEmptyString("product", "");
        String type = p.nonEmptyString("type", "");
        List<String> lookupKeys = Requests.strings(p, "lookup_keys");
        Params recurring = p.object("recurring", "");
        String interval = recurring == null ? null : recurring.nonEmptyString("interval", "recurring");
        Predicate<Price> filter = pr -> (active == null || pr.active() == active)
                && (currency == null || currency.equals(pr.currency()))
                && (product == null || product.equals(pr.product()))
                && (type == null || type.equals(pr.type()))
                && (lookupKeys == null || pr.lookupKey() != null && lookupKeys.contains(pr.lookupKey()))
                && (interval == null || interval.equals(pr.interval()));
        Page<Price> page = list.page(store.prices(), filter, Price::created, "price");
        return ApiResult.ok(() -> page.toJson("/v1/prices", pr -> renderPrice(pr, expandProduct)));
    }

    private Map<String, Object> renderPrice(Price price, boolean expandProduct) {
        Product product = expandProduct ? store.products().get(price.product()) : null;
        return CatalogJson.price(price, product == null ? price.product() : CatalogJson.product(product));
    }

    private static boolean expandsProduct(List<String> expand, String prefix) {
        return Expand.check(expand, List.of("product"), prefix).contains("product");
    }

    /** Stripe keeps lookup keys unique among prices; {@code transfer_lookup_key} moves one. */
    private void checkLookupKey(String lookupKey, boolean transfer, String self) {
        if (lookupKey == null || transfer) {
            return;
        }
        for (Price other : store.prices().all()) {
            if (lookupKey.equals(other.lookupKey()) && !other.id().equals(self)) {
                throw ApiError.invalid(null, "lookup_key", "A price (`" + other.id()
                        + "`) already uses that lookup key.");
            }
        }
    }

    private void releaseLookupKey(String lookupKey) {
        for (Price other : store.prices().all()) {
            if (lookupKey.equals(other.lookupKey())) {
                store.prices().update(other.id(), c -> new Price(c.id(), c.created(), c.product(), c.active(),
                        c.currency(), c.unitAmount(), c.unitAmountDecimal(), c.interval(), c.intervalCount(),
                        null, c.nickname(), c.taxBehavior(), c.metadata()));
            }
        }
    }

    // Customers

    private ApiResult createCustomer(ApiRequest request) {
        Params p = request.params();
        CUSTOMER_CREATE.check(p);
        Expand.check(Expand.read(p), List.of(), "");
        var customer = new Customer(store.ids().next("cus_"), clock.epochSecond(),
                Requests.text(p, "email"), Requests.text(p, "name"),
                Requests.text(p, "description"), Requests.text(p, "phone"),
                Address.parse(p, "address", ""), Address.Shipping.parse(p, ""),
                Metadata.parse(p.object("metadata", ""), "metadata", store.interner()::intern));
        store.customers().insert(customer.id(), customer);
        return ApiResult.ok(() -> paymentJson.customer(customer));
    }

    private ApiResult updateCustomer(ApiRequest request) {
        Params p = request.params();
        CUSTOMER_UPDATE.check(p);
        Expand.check(Expand.read(p), List.of(), "");
        Customer current = Requests.existing(request, "customer", store.customers(), "customer");
        Customer updated = store.customers().update(current.id(), c -> new Customer(c.id(), c.created(),
                Requests.text(p, "email", c.email()),
                Requests.text(p, "name", c.name()),
                Requests.text(p, "description", c.description()),
                Requests.text(p, "phone", c.phone()),
                p.has("address") ? Address.parse(p, "address", "") : c.address(),
                p.has("shipping") ? Address.Shipping.parse(p, "") : c.shipping(),
                Metadata.merge(c.metadata(), p, "metadata", store.interner()::intern)));
        return ApiResult.ok(() -> paymentJson.customer(updated));
    }

    private ApiResult listCustomers(ApiRequest request) {
        Params p = request.params();
        ListParams list = ListParams.read(p, CUSTOMER_LIST);
        Expand.check(list.expand(), List.of(), "data.");
        String email = p.nonEmptyString("email", "");
        Page<Customer> page = list.page(store.customers(), c -> email == null || email.equals(c.email()),
                Customer::created, "customer");
        return ApiResult.ok(() -> page.toJson("/v1/customers", paymentJson::customer));
    }


    private static List<String> images(Params p, List<String> current) {
        List<String> images = Requests.strings(p, "images");
        if (images == null) {
            return current;
        }
        if (images.size() > MAX_IMAGES) {
            throw ApiError.invalid(null, "images", "You may only specify up to " + MAX_IMAGES
                    + " images; you passed " + images.size() + ".");
        }
        return images;
    }
}
