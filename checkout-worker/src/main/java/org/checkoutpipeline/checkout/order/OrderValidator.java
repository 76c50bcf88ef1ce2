package org.checkoutpipeline.checkout.order;

import java.net.URI;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.Recurring;

/**
 * Checks an order against the rules Stripe Checkout would enforce, so an order that cannot
 * succeed fails at once with a message naming its field and value, without a Stripe call.
 * Rules that need Stripe's own data (which currencies it supports, minimum charges) are left to
 * Stripe: its rejection becomes {@code STRIPE_REJECTED}.
 */
public final class OrderValidator {

    /** Stripe's limits on a Checkout Session. */
    static final int MAX_LINE_ITEMS = 100;
    static final int MAX_RECURRING_ITEMS = 20;
    static final int MAX_ONE_TIME_ITEMS_IN_SUBSCRIPTION = 20;
    static final int MAX_CLIENT_REFERENCE_ID = 200;
    /** Stripe allows 50 metadata keys; the worker adds {@code order_id}. */
    static final int MAX_METADATA_KEYS = 49;
    static final int MAX_METADATA_KEY = 40;
    static final int MAX_METADATA_VALUE = 500;
    static final long MAX_UNIT_AMOUNT = 99_999_999L;
    static final long MIN_LIFETIME_SECONDS = 30 * 60;
    static final long MAX_LIFETIME_SECONDS = 24 * 60 * 60;
    /** Stripe caps a recurring interval at one year. */
    private static final Map<String, Integer> MAX_INTERVAL_COUNT = Map.of("DAY", 365, "WEEK", 52, "MONTH", 12, "YEAR", 1);

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Set<String> ISO_CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(currency -> currency.getCurrencyCode().toLowerCase())
            .collect(Collectors.toUnmodifiableSet());

    /**
     * @throws InvalidOrderException for the first rule the order breaks
     */
    public void validate(OrderPlaced order) throws InvalidOrderException {
        String orderId = order.getOrderId();
        require(!orderId.isBlank(), "orderId", "orderId must not be blank");
        require(orderId.length() <= MAX_CLIENT_REFERENCE_ID, "orderId",
                "orderId must be at most " + MAX_CLIENT_REFERENCE_ID + " characters (Stripe's client_reference_id). Got "
                        + orderId.length());
        String currency = order.getCurrency();
        require(currency.matches("[a-z]{3}") && ISO_CURRENCIES.contains(currency), "currency",
                "currency must be a lowercase ISO 4217 code such as 'usd'. Got: '" + currency + "'");
        checkUrl("successUrl", order.getSuccessUrl());
        checkUrl("cancelUrl", order.getCancelUrl());
        String email = order.getCustomerEmail();
        require(email == null || EMAIL.matcher(email).matches(), "customerEmail",
                "customerEmail is not an email address. Got: '" + email + "'");
        checkMetadata(order.getMetadata(), orderId);
        Long lifetime = order.getCheckoutLifetimeSeconds();
        require(lifetime == null || (lifetime >= MIN_LIFETIME_SECONDS && lifetime <= MAX_LIFETIME_SECONDS),
                "checkoutLifetimeSeconds", "checkoutLifetimeSeconds must be from " + MIN_LIFETIME_SECONDS + " to "
                        + MAX_LIFETIME_SECONDS + " (30 minutes to 24 hours). Got: " + lifetime);
        checkLineItems(order.getMode(), order.getLineItems());
    }

    private static void checkLineItems(CheckoutMode mode, List<LineItem> items) throws InvalidOrderException {
        if (mode == CheckoutMode.SETUP) {
            require(items.isEmpty(), "lineItems", "lineItems must be empty in SETUP mode (it saves payment details "
                    + "and charges nothing). Got " + items.size() + " items");
            return;
        }
        require(!items.isEmpty(), "lineItems", "lineItems must not be empty in " + mode + " mode");
        require(items.size() <= MAX_LINE_ITEMS, "lineItems",
                "lineItems must have at most " + MAX_LINE_ITEMS + " items. Got " + items.size());
        int recurring = 0;
        for (int i = 0; i < items.size(); i++) {
            LineItem item = items.get(i);
            String path = "lineItems[" + i + "]";
            require(!item.getName().isBlank(), path + ".name", path + ".name must not be blank");
            require(item.getUnitAmount() >= 0, path + ".unitAmount",
                    path + ".unitAmount must not be negative. Got: " + item.getUnitAmount());
            require(item.getUnitAmount() <= MAX_UNIT_AMOUNT, path + ".unitAmount",
                    path + ".unitAmount must be at most " + MAX_UNIT_AMOUNT + ". Got: " + item.getUnitAmount());
            require(item.getQuantity() >= 1, path + ".quantity",
                    path + ".quantity must be at least 1. Got: " + item.getQuantity());
            Recurring interval = item.getRecurring();
            if (interval != null) {
                require(mode == CheckoutMode.SUBSCRIPTION, path + ".recurring",
                        path + ".recurring is only allowed in SUBSCRIPTION mode; this order is " + mode);
                int max = MAX_INTERVAL_COUNT.get(interval.getInterval().name());
                require(interval.getIntervalCount() >= 1 && interval.getIntervalCount() <= max,
                        path + ".recurring.intervalCount", path + ".recurring.intervalCount must be from 1 to " + max
                                + " for " + interval.getInterval() + " (at most one year). Got: " + interval.getIntervalCount());
                recurring++;
            }
        }
        if (mode == CheckoutMode.SUBSCRIPTION) {
            require(recurring >= 1, "lineItems", "a SUBSCRIPTION order needs at least one item with recurring set");
            require(recurring <= MAX_RECURRING_ITEMS, "lineItems",
                    "a SUBSCRIPTION order may have at most " + MAX_RECURRING_ITEMS + " recurring items. Got " + recurring);
            require(items.size() - recurring <= MAX_ONE_TIME_ITEMS_IN_SUBSCRIPTION, "lineItems",
                    "a SUBSCRIPTION order may have at most " + MAX_ONE_TIME_ITEMS_IN_SUBSCRIPTION + " one-time items. Got "
                            + (items.size() - recurring));
        }
    }

    private static void checkMetadata(Map<String, String> metadata, String orderId) throws InvalidOrderException {
        require(metadata.size() <= MAX_METADATA_KEYS, "metadata",
                "metadata may have at most " + MAX_METADATA_KEYS + " keys. Got " + metadata.size());
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            String path = "metadata['" + key + "']";
            require(!key.isEmpty() && key.length() <= MAX_METADATA_KEY, path,
                    "metadata keys must be 1 to " + MAX_METADATA_KEY + " characters. Got: '" + key + "'");
            require(key.indexOf('[') < 0 && key.indexOf(']') < 0, path,
                    "metadata keys must not contain square brackets. Got: '" + key + "'");
            require(!key.equals("order_id") || entry.getValue().equals(orderId), path,
                    "metadata['order_id'] is set by the worker to the orderId '" + orderId + "'. Got: '" + entry.getValue() + "'");
            require(entry.getValue().length() <= MAX_METADATA_VALUE, path,
                    path + " must be at most " + MAX_METADATA_VALUE + " characters. Got " + entry.getValue().length());
        }
    }

    private static void checkUrl(String field, String url) throws InvalidOrderException {
        boolean valid;
        try {
            URI uri = URI.create(url.replace("{CHECKOUT_SESSION_ID}", "placeholder"));
            valid = uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        require(valid, field, field + " must be an absolute http(s) URL. Got: '" + url + "'");
    }

    private static void require(boolean condition, String field, String message) throws InvalidOrderException {
        if (!condition) {
            throw new InvalidOrderException(field, message);
        }
    }
}
