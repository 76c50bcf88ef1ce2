package org.checkoutpipeline.schemas.order;

import java.net.URI;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.checkoutpipeline.events.AdjustableQuantity;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.CheckoutOptions;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.Recurring;
import org.checkoutpipeline.events.UiMode;
import org.checkoutpipeline.schemas.serde.EventRegistry;

/**
 * What makes an {@code OrderPlaced} one that Stripe Checkout can accept: the rules Stripe enforces
 * on a session, checked up front. The order producer runs it before publishing, so a storefront
 * learns about a bad order at once; the checkout worker runs it before calling Stripe, so an order
 * published some other way fails as {@code INVALID_ORDER} naming its field instead of as a Stripe
 * error. Rules that need Stripe's own data (supported currencies, minimum charges) are left to
 * Stripe.
 */
public final class OrderValidator {

    static {
        // Avro 1.12 loads generated classes (for builder defaults and copies) only once trusted; trust the pipeline's.
        EventRegistry.standard();
    }

    static final int MAX_ORDER_ID = 200;
    static final int MAX_LINE_ITEMS = 100;
    static final int MAX_RECURRING_ITEMS = 20;
    static final int MAX_ONE_TIME_ITEMS_IN_SUBSCRIPTION = 20;
    /** Stripe allows 50 metadata keys; the checkout worker adds {@code order_id}. */
    static final int MAX_METADATA_KEYS = 49;
    static final int MAX_METADATA_KEY = 40;
    static final int MAX_METADATA_VALUE = 500;
    static final long MAX_UNIT_AMOUNT = 99_999_999L;
    static final int MAX_IMAGES = 8;
    static final long MAX_ADJUSTABLE = 999_999L;
    static final long MIN_LIFETIME_SECONDS = 30 * 60;
    static final long MAX_LIFETIME_SECONDS = 24 * 60 * 60;
    private static final Map<String, Integer> MAX_INTERVAL_COUNT = Map.of("DAY", 365, "WEEK", 52, "MONTH", 12, "YEAR", 1);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Set<String> ISO_CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(currency -> currency.getCurrencyCode().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());

    /**
     * @throws InvalidOrderException for the first rule the order breaks, naming the field and value
     */
    public void validate(OrderPlaced order) {
        text("eventId", order.getEventId(), 255);
        text("orderId", order.getOrderId(), MAX_ORDER_ID);
        String currency = order.getCurrency();
        require(currency != null && currency.matches("[a-z]{3}") && ISO_CURRENCIES.contains(currency), "currency", currency,
                "currency must be a lowercase ISO 4217 code such as 'usd'. Got: '" + currency + "'");
        pages(order);
        String email = order.getCustomerEmail();
        require(email == null || EMAIL.matcher(email).matches(), "customerEmail", email,
                "customerEmail is not an email address. Got: '" + email + "'");
        Long lifetime = order.getCheckoutLifetimeSeconds();
        require(lifetime == null || (lifetime >= MIN_LIFETIME_SECONDS && lifetime <= MAX_LIFETIME_SECONDS),
                "checkoutLifetimeSeconds", lifetime, "checkoutLifetimeSeconds must be from " + MIN_LIFETIME_SECONDS
                        + " to " + MAX_LIFETIME_SECONDS + " (30 minutes to 24 hours). Got: " + lifetime);
        metadata(order.getMetadata(), order.getOrderId());
        lineItems(order.getMode(), order.getLineItems());
        if (order.getCheckout() != null) {
            CheckoutOptionsRules.validate(order);
        }
    }

    /** The hosted page needs a success and a cancel URL; an embedded page a return URL and neither of the others. */
    private static void pages(OrderPlaced order) {
        CheckoutOptions options = order.getCheckout();
        UiMode mode = options == null || options.getUiMode() == null ? UiMode.HOSTED : options.getUiMode();
        require(mode == UiMode.HOSTED || mode == UiMode.EMBEDDED, "checkout.uiMode", mode,
                "checkout.uiMode must be HOSTED or EMBEDDED. Got: " + mode);
        if (mode == UiMode.HOSTED) {
            url("successUrl", order.getSuccessUrl());
            url("cancelUrl", order.getCancelUrl());
            require(options == null || options.getReturnUrl() == null, "checkout.returnUrl", options == null ? null
                    : options.getReturnUrl(), "checkout.returnUrl is for an EMBEDDED page; a HOSTED one uses successUrl"
                    + " and cancelUrl. Got: '" + (options == null ? null : options.getReturnUrl()) + "'");
            return;
        }
        require(order.getSuccessUrl().isEmpty(), "successUrl", order.getSuccessUrl(), "successUrl must be empty for an "
                + "EMBEDDED page (Stripe returns the customer to checkout.returnUrl). Got: '" + order.getSuccessUrl() + "'");
        require(order.getCancelUrl().isEmpty(), "cancelUrl", order.getCancelUrl(), "cancelUrl must be empty for an "
                + "EMBEDDED page (the customer never leaves the storefront). Got: '" + order.getCancelUrl() + "'");
        url("checkout.returnUrl", options.getReturnUrl());
    }

    private static void lineItems(CheckoutMode mode, List<LineItem> items) {
        require(mode != null, "mode", null, "mode must be PAYMENT, SUBSCRIPTION or SETUP. Got: null");
        if (mode == CheckoutMode.SETUP) {
            require(items.isEmpty(), "lineItems", items.size(), "lineItems must be empty in SETUP mode (it saves "
                    + "payment details and charges nothing). Got " + items.size() + " items");
            return;
        }
        require(!items.isEmpty(), "lineItems", 0, "lineItems must not be empty in " + mode + " mode");
        require(items.size() <= MAX_LINE_ITEMS, "lineItems", items.size(),
                "lineItems must have at most " + MAX_LINE_ITEMS + " items. Got " + items.size());
        int recurring = 0;
        int catalog = 0;
        for (int i = 0; i < items.size(); i++) {
            LineItem item = items.get(i);
            String path = "lineItems[" + i + "]";
            require(item.getQuantity() >= 1, path + ".quantity", item.getQuantity(),
                    path + ".quantity must be at least 1. Got: " + item.getQuantity());
            require(item.getSku() == null || (!item.getSku().isBlank() && item.getSku().length() <= MAX_METADATA_VALUE),
                    path + ".sku", item.getSku(), path + ".sku must be 1 to " + MAX_METADATA_VALUE + " characters. Got: '"
                            + item.getSku() + "'");
            adjustable(path, item);
            if (item.getPriceId() != null) {
                catalogItem(path, item);
                catalog++;
                continue;
            }
            require(item.getName() != null && !item.getName().isBlank(), path + ".name", item.getName(),
                    path + ".name must not be blank. Got: '" + item.getName() + "'");
            require(item.getUnitAmount() >= 0 && item.getUnitAmount() <= MAX_UNIT_AMOUNT, path + ".unitAmount",
                    item.getUnitAmount(), path + ".unitAmount must be from 0 to " + MAX_UNIT_AMOUNT
                            + " (minor units). Got: " + item.getUnitAmount());
            require(item.getImages().size() <= MAX_IMAGES, path + ".images", item.getImages().size(),
                    path + ".images may have at most " + MAX_IMAGES + " URLs. Got " + item.getImages().size());
            for (int j = 0; j < item.getImages().size(); j++) {
                url(path + ".images[" + j + "]", item.getImages().get(j));
            }
            Recurring interval = item.getRecurring();
            if (interval != null) {
                require(mode == CheckoutMode.SUBSCRIPTION, path + ".recurring", interval.getInterval(),
                        path + ".recurring is only allowed in SUBSCRIPTION mode; this order is " + mode);
                int max = MAX_INTERVAL_COUNT.get(interval.getInterval().name());
                require(interval.getIntervalCount() >= 1 && interval.getIntervalCount() <= max,
                        path + ".recurring.intervalCount", interval.getIntervalCount(),
                        path + ".recurring.intervalCount must be from 1 to " + max + " for "
                                + interval.getInterval() + ". Got: " + interval.getIntervalCount());
                recurring++;
            }
        }
        // A catalog Price may recur; only Stripe knows, so the recurring counts are checked on inline prices alone.
        if (catalog > 0) {
            return;
        }
        if (mode == CheckoutMode.SUBSCRIPTION) {
            require(recurring >= 1, "lineItems", recurring,
                    "a SUBSCRIPTION order needs at least one line item with recurring set. Got none");
            require(recurring <= MAX_RECURRING_ITEMS, "lineItems", recurring,
                    "a SUBSCRIPTION order may have at most " + MAX_RECURRING_ITEMS + " recurring items. Got " + recurring);
            require(items.size() - recurring <= MAX_ONE_TIME_ITEMS_IN_SUBSCRIPTION, "lineItems", items.size() - recurring,
                    "a SUBSCRIPTION order may have at most " + MAX_ONE_TIME_ITEMS_IN_SUBSCRIPTION + " one-time items. Got "
                            + (items.size() - recurring));
        }
    }

    /** A line priced by a catalog Price: the Price supplies what an inline price would state. */
    private static void catalogItem(String path, LineItem item) {
        require(!item.getPriceId().isBlank(), path + ".priceId", item.getPriceId(),
                path + ".priceId must not be blank. Got: '" + item.getPriceId() + "'");
        String by = " must be empty with priceId (the Price " + item.getPriceId() + " supplies it). Got: ";
        require(item.getName().isEmpty(), path + ".name", item.getName(), path + ".name" + by + "'" + item.getName() + "'");
        require(item.getUnitAmount() == 0, path + ".unitAmount", item.getUnitAmount(), path + ".unitAmount" + by
                + item.getUnitAmount());
        require(item.getRecurring() == null, path + ".recurring", item.getRecurring(), path + ".recurring" + by
                + item.getRecurring());
        require(item.getDescription() == null, path + ".description", item.getDescription(), path + ".description" + by
                + "'" + item.getDescription() + "'");
        require(item.getImages().isEmpty(), path + ".images", item.getImages(), path + ".images" + by + item.getImages());
        require(item.getTaxBehavior() == null, path + ".taxBehavior", item.getTaxBehavior(), path + ".taxBehavior" + by
                + item.getTaxBehavior());
    }

    private static void adjustable(String path, LineItem item) {
        AdjustableQuantity range = item.getAdjustableQuantity();
        if (range == null) {
            return;
        }
        require(range.getMinimum() >= 0 && range.getMinimum() <= range.getMaximum() && range.getMaximum() <= MAX_ADJUSTABLE,
                path + ".adjustableQuantity", range.getMinimum() + ".." + range.getMaximum(), path
                        + ".adjustableQuantity must have 0 <= minimum <= maximum <= " + MAX_ADJUSTABLE + ". Got: "
                        + range.getMinimum() + ".." + range.getMaximum());
        require(item.getQuantity() >= range.getMinimum() && item.getQuantity() <= range.getMaximum(), path + ".quantity",
                item.getQuantity(), path + ".quantity must be within adjustableQuantity " + range.getMinimum() + ".."
                        + range.getMaximum() + ". Got: " + item.getQuantity());
    }

    private static void metadata(Map<String, String> metadata, String orderId) {
        require(metadata.size() <= MAX_METADATA_KEYS, "metadata", metadata.size(),
                "metadata may have at most " + MAX_METADATA_KEYS + " keys. Got " + metadata.size());
        metadata.forEach((key, value) -> {
            String path = "metadata['" + key + "']";
            require(!key.isEmpty() && key.length() <= MAX_METADATA_KEY && key.indexOf('[') < 0 && key.indexOf(']') < 0,
                    path, key, "metadata keys must be 1 to " + MAX_METADATA_KEY
                            + " characters without square brackets. Got: '" + key + "'");
            require(!key.equals("order_id") || value.equals(orderId), path, value,
                    "metadata['order_id'] is reserved for the orderId '" + orderId + "'. Got: '" + value + "'");
            require(value.length() <= MAX_METADATA_VALUE, path, value,
                    path + " must be at most " + MAX_METADATA_VALUE + " characters. Got " + value.length());
        });
    }

    static void text(String field, String value, int maxLength) {
        require(value != null && !value.isBlank(), field, value, field + " must not be blank. Got: '" + value + "'");
        require(value.length() <= maxLength, field, value,
                field + " must be at most " + maxLength + " characters. Got " + value.length());
    }

    static void url(String field, String url) {
        boolean valid;
        try {
            URI uri = URI.create(url.replace("{CHECKOUT_SESSION_ID}", "placeholder"));
            valid = uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException | NullPointerException e) {
            valid = false;
        }
        require(valid, field, url, field + " must be an absolute http(s) URL. Got: '" + url + "'");
    }

    static void require(boolean condition, String field, Object value, String message) {
        if (!condition) {
            throw new InvalidOrderException(field, value, message);
        }
    }
}
