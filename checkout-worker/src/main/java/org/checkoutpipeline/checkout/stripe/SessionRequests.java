package org.checkoutpipeline.checkout.stripe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData;
import org.checkoutpipeline.events.CheckoutOptions;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.UiMode;
import org.checkoutpipeline.schemas.order.LineItems;

/**
 * Turns a (valid) order into the parameters of {@code POST /v1/checkout/sessions} and the
 * idempotency key that makes every attempt for one order return the same session.
 */
public final class SessionRequests {

    /** Stripe refuses an {@code expires_at} less than 30 minutes ahead; keep a margin for the request's flight. */
    static final Duration MIN_EXPIRY_AHEAD = Duration.ofMinutes(31);
    static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final String KEY_PREFIX = "checkout-pipeline-order-";

    private final Clock clock;

    public SessionRequests(Clock clock) {
        this.clock = clock;
    }

    /**
     * The idempotency key for an order: a function of the orderId alone, so a redelivered or
     * republished order gets the same session back (for the 24 hours Stripe keeps keys).
     */
    public static String idempotencyKey(String orderId) {
        String key = KEY_PREFIX + orderId;
        if (key.length() <= MAX_IDEMPOTENCY_KEY) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(orderId.getBytes(StandardCharsets.UTF_8));
            return KEY_PREFIX + "sha256-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The session parameters. {@code expires_at} is derived from the order's {@code placedAt}, not
     * from the time of the call, so a retry after a crash sends the same parameters; only when
     * that moment is already too close (a backlog) is it left to Stripe's 24-hour default.
     */
    public SessionCreateParams paramsFor(OrderPlaced order) {
        CheckoutOptions options = order.getCheckout();
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.valueOf(order.getMode().name()))
                .setClientReferenceId(order.getOrderId())
                .putAllMetadata(order.getMetadata())
                .putMetadata("order_id", order.getOrderId());
        if (options != null && options.getUiMode() == UiMode.EMBEDDED) {
            params.setUiMode(SessionCreateParams.UiMode.EMBEDDED_PAGE).setReturnUrl(options.getReturnUrl());
        } else {
            params.setSuccessUrl(order.getSuccessUrl()).setCancelUrl(order.getCancelUrl());
        }
        if (order.getCustomerEmail() != null) {
            params.setCustomerEmail(order.getCustomerEmail());
        }
        expiresAt(order).ifPresent(at -> params.setExpiresAt(at.getEpochSecond()));
        List<String> taxRates = options == null ? List.of() : options.getTaxRateIds();
        switch (order.getMode()) {
            case SETUP -> params.setCurrency(order.getCurrency());
            case PAYMENT, SUBSCRIPTION -> order.getLineItems()
                    .forEach(item -> params.addLineItem(lineItem(item, order.getCurrency(), taxRates)));
        }
        if (options != null && options.getManualCapture()) {
            params.setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                    .setCaptureMethod(SessionCreateParams.PaymentIntentData.CaptureMethod.MANUAL).build());
        }
        if (options != null) {
            CheckoutOptionsParams.apply(params, order, options);
        }
        return params.build();
    }

    Optional<Instant> expiresAt(OrderPlaced order) {
        Long lifetime = order.getCheckoutLifetimeSeconds();
        if (lifetime == null) {
            return Optional.empty();
        }
        Instant at = order.getPlacedAt().plusSeconds(lifetime);
        return at.isBefore(clock.instant().plus(MIN_EXPIRY_AHEAD)) ? Optional.empty() : Optional.of(at);
    }

    private static SessionCreateParams.LineItem lineItem(LineItem item, String currency, List<String> taxRates) {
        var line = SessionCreateParams.LineItem.builder().setQuantity(item.getQuantity());
        if (!taxRates.isEmpty()) {
            line.addAllTaxRate(taxRates);
        }
        if (item.getAdjustableQuantity() != null) {
            line.setAdjustableQuantity(SessionCreateParams.LineItem.AdjustableQuantity.builder().setEnabled(true)
                    .setMinimum(item.getAdjustableQuantity().getMinimum())
                    .setMaximum(item.getAdjustableQuantity().getMaximum()).build());
        }
        if (item.getPriceId() != null) {
            return line.setPrice(item.getPriceId()).build();
        }
        PriceData.ProductData.Builder product = PriceData.ProductData.builder().setName(item.getName());
        if (!item.getImages().isEmpty()) {
            product.addAllImage(item.getImages());
        }
        if (item.getDescription() != null && !item.getDescription().isBlank()) {
            product.setDescription(item.getDescription());
        }
        if (item.getSku() != null) {
            product.putMetadata(LineItems.SKU_METADATA, item.getSku());
        }
        PriceData.Builder price = PriceData.builder()
                .setCurrency(currency)
                .setUnitAmount(item.getUnitAmount())
                .setProductData(product.build());
        if (item.getTaxBehavior() != null) {
            price.setTaxBehavior(PriceData.TaxBehavior.valueOf(item.getTaxBehavior().name()));
        }
        if (item.getRecurring() != null) {
            price.setRecurring(PriceData.Recurring.builder()
                    .setInterval(PriceData.Recurring.Interval.valueOf(item.getRecurring().getInterval().name()))
                    .setIntervalCount((long) item.getRecurring().getIntervalCount())
                    .build());
        }
        return line.setPriceData(price.build()).build();
    }
}
