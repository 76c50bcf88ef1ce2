package org.checkoutpipeline.fulfillment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.checkoutpipeline.events.Address;
import org.checkoutpipeline.events.Amounts;
import org.checkoutpipeline.events.AppliedDiscount;
import org.checkoutpipeline.events.CaptureState;
import org.checkoutpipeline.events.ChargedLineItem;
import org.checkoutpipeline.events.CheckoutAsyncPaymentFailed;
import org.checkoutpipeline.events.CheckoutAsyncPaymentSucceeded;
import org.checkoutpipeline.events.CheckoutCompleted;
import org.checkoutpipeline.events.CheckoutCreated;
import org.checkoutpipeline.events.CheckoutExpired;
import org.checkoutpipeline.events.CheckoutFailed;
import org.checkoutpipeline.events.CheckoutFailureReason;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.Consent;
import org.checkoutpipeline.events.CustomFieldValue;
import org.checkoutpipeline.events.CustomerDetails;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.Money;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.events.Purchase;
import org.checkoutpipeline.events.Recurring;
import org.checkoutpipeline.events.RecurringInterval;
import org.checkoutpipeline.events.ShippingDetails;
import org.checkoutpipeline.events.TaxId;
import org.checkoutpipeline.fulfillment.config.FulfillmentTopics;
import org.checkoutpipeline.schemas.serde.EventRegistry;

/**
 * Input events for one order, with ids derived from the order id and event times fixed relative to
 * {@code base}, so the same scenario for two orders differs only in the order id.
 */
public final class TestEvents {

    public static final long AMOUNT = 4_200;

    private final String orderId;
    private final Instant base;

    static {
        // Builders that copy a record or fill an enum default load its class, which Avro checks: trust ours first.
        EventRegistry.standard();
    }

    public TestEvents(String orderId, Instant base) {
        this.orderId = orderId;
        this.base = base;
    }

    public String orderId() {
        return orderId;
    }

    public String sessionId() {
        return "cs_test_" + orderId;
    }

    public OrderPlaced placed(CheckoutMode mode) {
        LineItem line = LineItem.newBuilder().setName("Tea").setUnitAmount(mode == CheckoutMode.SETUP ? 0 : 2_100)
                .setQuantity(2)
                .setRecurring(mode == CheckoutMode.SUBSCRIPTION ? new Recurring(RecurringInterval.MONTH, 1) : null)
                .build();
        return OrderPlaced.newBuilder().setEventId("evt_placed_" + orderId).setOrderId(orderId).setOccurredAt(base)
                .setPlacedAt(base).setCustomerEmail("jo@example.com").setMode(mode).setCurrency("eur")
                .setLineItems(List.of(line)).setSuccessUrl("https://shop.example/ok").setCancelUrl("https://shop.example/no")
                .setMetadata(Map.of("channel", "web")).build();
    }

    public CheckoutCreated created(CheckoutMode mode, Instant expiresAt) {
        return CheckoutCreated.newBuilder().setEventId("evt_created_" + orderId).setOrderId(orderId)
                .setOccurredAt(base.plusSeconds(1)).setCheckoutSessionId(sessionId())
                .setUrl("https://checkout.stripe.com/c/pay/" + sessionId()).setExpiresAt(expiresAt).setMode(mode)
                .setAmountTotal(mode == CheckoutMode.SETUP ? null : new Money(AMOUNT, "eur")).build();
    }

    public CheckoutCompleted completed(CheckoutMode mode, PaymentStatus paymentStatus) {
        return CheckoutCompleted.newBuilder().setEventId("evt_completed_" + orderId).setOrderId(orderId)
                .setOccurredAt(base.plusSeconds(60)).setCheckoutSessionId(sessionId()).setMode(mode)
                .setPaymentStatus(paymentStatus)
                .setAmountTotal(mode == CheckoutMode.SETUP ? null : new Money(AMOUNT, "eur"))
                .setCustomerId("cus_" + orderId).setCustomerEmail("jo@example.com")
                .setPaymentIntentId(mode == CheckoutMode.PAYMENT ? "pi_" + orderId : null)
                .setSubscriptionId(mode == CheckoutMode.SUBSCRIPTION ? "sub_" + orderId : null)
                .setSetupIntentId(mode == CheckoutMode.SETUP ? "seti_" + orderId : null)
                .build();
    }

    /** A card purchase with every part set: two lines (an inline one with its SKU, a catalog one without), shipping, a code. */
    public static Purchase purchase() {
        return purchase(CaptureState.CAPTURED, "card");
    }

    public static Purchase purchase(CaptureState capture, String paymentMethodType) {
        Address address = new Address("Hauptstr. 1", null, "Berlin", null, "10115", "DE");
        return Purchase.newBuilder()
                .setFetched(true)
                .setLineItems(List.of(
                        ChargedLineItem.newBuilder().setStripeLineItemId("li_1").setDescription("Tea").setPriceId("price_inline")
                                .setProductId("prod_tea").setSku("TEA-1").setQuantity(2).setUnitAmount(1_000L)
                                .setAmountSubtotal(2_000).setAmountDiscount(200).setAmountTax(342).setAmountTotal(2_142).build(),
                        ChargedLineItem.newBuilder().setStripeLineItemId("li_2").setDescription("Pot").setPriceId("price_pot")
                                .setProductId("prod_pot").setQuantity(1).setUnitAmount(900L)
                                .setAmountSubtotal(900).setAmountDiscount(90).setAmountTax(154).setAmountTotal(964).build()))
                .setAmounts(new Amounts("eur", 2_900L, 290L, 500L, 496L, 3_606L))
                .setDiscounts(List.of(new AppliedDiscount("TENOFF", "promo_1")))
                .setShipping(new ShippingDetails("Jo Example", "+49301234567", address, "shr_1", "Standard", 500L))
                .setCustomer(new CustomerDetails("cus_1", "Jo Example", "jo@example.com", "+49301234567", address,
                        List.of(new TaxId("eu_vat", "DE123456789"))))
                .setCustomFields(List.of(new CustomFieldValue("giftnote", "Happy birthday")))
                .setConsent(new Consent("accepted", null))
                .setPaymentMethodType(paymentMethodType)
                .setCapture(capture)
                .build();
    }

    public CheckoutAsyncPaymentSucceeded asyncSucceeded() {
        return CheckoutAsyncPaymentSucceeded.newBuilder().setEventId("evt_async_ok_" + orderId).setOrderId(orderId)
                .setOccurredAt(base.plus(Duration.ofHours(26))).setCheckoutSessionId(sessionId())
                .setPaymentIntentId("pi_" + orderId).setAmountTotal(new Money(AMOUNT, "eur")).build();
    }

    public CheckoutAsyncPaymentFailed asyncFailed() {
        return CheckoutAsyncPaymentFailed.newBuilder().setEventId("evt_async_failed_" + orderId).setOrderId(orderId)
                .setOccurredAt(base.plus(Duration.ofHours(26))).setCheckoutSessionId(sessionId())
                .setPaymentIntentId("pi_" + orderId).build();
    }

    public CheckoutExpired expired() {
        return CheckoutExpired.newBuilder().setEventId("evt_expired_" + orderId).setOrderId(orderId)
                .setOccurredAt(base.plus(Duration.ofHours(24))).setCheckoutSessionId(sessionId()).build();
    }

    public CheckoutFailed failed() {
        return CheckoutFailed.newBuilder().setEventId("evt_failed_" + orderId).setOrderId(orderId)
                .setOccurredAt(base.plusSeconds(2)).setReason(CheckoutFailureReason.STRIPE_REJECTED)
                .setDetail("line_items[0][price_data][unit_amount] must be at least 50 cents. Got: 10")
                .setField("line_items[0][price_data][unit_amount]").build();
    }

    /** The topic an event goes to: the orders topic for an {@link OrderPlaced}, else the checkout events topic. */
    public static String topicOf(FulfillmentTopics topics, SpecificRecord event) {
        return event instanceof OrderPlaced ? topics.ordersPlaced() : topics.checkoutEvents();
    }
}
