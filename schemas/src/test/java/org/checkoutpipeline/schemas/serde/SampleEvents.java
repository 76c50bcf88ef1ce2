package org.checkoutpipeline.schemas.serde;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.checkoutpipeline.events.Address;
import org.checkoutpipeline.events.Amounts;
import org.checkoutpipeline.events.AppliedDiscount;
import org.checkoutpipeline.events.CancellationReason;
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
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.Money;
import org.checkoutpipeline.events.OrderCancelled;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.OrderState;
import org.checkoutpipeline.events.OrderStatus;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.events.Purchase;
import org.checkoutpipeline.events.Recurring;
import org.checkoutpipeline.events.RecurringInterval;
import org.checkoutpipeline.events.ShippingDetails;
import org.checkoutpipeline.events.TaxId;
import org.checkoutpipeline.events.TimelineEntry;
import org.checkoutpipeline.events.UiMode;
import org.checkoutpipeline.schemas.order.LineItems;

/** One fully populated event of every type, for round-trip tests. */
final class SampleEvents {

    static final Instant AT = Instant.parse("2026-11-26T10:15:30.123Z");
    static final Money TOTAL = new Money(4_998L, "usd");

    private SampleEvents() {
    }

    static OrderPlaced orderPlaced() {
        return OrderPlaced.newBuilder()
                .setEventId("evt-order-1").setOrderId("order-1").setOccurredAt(AT).setPlacedAt(AT.minusSeconds(2))
                .setCustomerEmail("jane@example.com").setCustomerId("customer-42")
                .setMode(CheckoutMode.SUBSCRIPTION).setCurrency("usd")
                .setLineItems(List.of(
                        LineItems.inline("Coffee beans", "1 kg, whole", 2_499L, 2L, null),
                        LineItems.inline("Coffee club", null, 999L, 1L, new Recurring(RecurringInterval.MONTH, 1))))
                .setSuccessUrl("https://shop.example/thanks?session={CHECKOUT_SESSION_ID}")
                .setCancelUrl("https://shop.example/cart")
                .setMetadata(Map.of("channel", "web"))
                .setCheckoutLifetimeSeconds(3_600L)
                .build();
    }

    static List<SpecificRecord> oneOfEach() {
        return List.of(
                orderPlaced(),
                new CheckoutCreated("evt-2", "order-1", AT, "cs_test_1", "http://localhost:12111/c/pay/cs_test_1",
                        AT.plusSeconds(3_600), CheckoutMode.PAYMENT, TOTAL, UiMode.HOSTED, null),
                new CheckoutFailed("evt-3", "order-2", AT, CheckoutFailureReason.STRIPE_REJECTED,
                        "Stripe rejected line_items[0][price_data][unit_amount]: Invalid integer: -5",
                        "line_items[0][price_data][unit_amount]", "parameter_invalid_integer", "req_123"),
                new CheckoutCompleted("evt_1Abc", "order-1", AT, "cs_test_1", CheckoutMode.PAYMENT, PaymentStatus.PAID,
                        TOTAL, TOTAL, "cus_1", "jane@example.com", "pi_1", null, null, purchase()),
                new CheckoutExpired("evt_2Abc", "order-3", AT, "cs_test_3", null),
                new CheckoutAsyncPaymentSucceeded("evt_3Abc", "order-4", AT, "cs_test_4", "pi_4", TOTAL),
                new CheckoutAsyncPaymentFailed("evt_4Abc", "order-5", AT, "cs_test_5", "pi_5", TOTAL, "sepa_debit"),
                new FulfillmentRequested("evt-5", "order-1", AT, "cs_test_1", CheckoutMode.PAYMENT, PaymentStatus.PAID,
                        TOTAL, orderPlaced().getLineItems(), Map.of("channel", "web"), "cus_1", "jane@example.com",
                        "pi_1", null, null, purchase()),
                new OrderCancelled("evt-6", "order-3", AT, "cs_test_3", CancellationReason.CHECKOUT_EXPIRED,
                        "Checkout Session cs_test_3 expired unpaid"),
                new OrderStatus("evt-7", "order-1", AT, OrderState.FULFILLMENT_REQUESTED, CheckoutMode.PAYMENT,
                        "cs_test_1", null, AT.plusSeconds(86_400), TOTAL, PaymentStatus.PAID, null, null, false, AT,
                        List.of(new TimelineEntry("OrderPlaced", "evt-order-1", AT),
                                new TimelineEntry("CheckoutCompleted", "evt_1Abc", AT.plusSeconds(60))), purchase()));
    }

    /** A purchase with every part set, so each round-trips. */
    static Purchase purchase() {
        Address address = new Address("1 Main St", null, "Berlin", null, "10115", "DE");
        return Purchase.newBuilder()
                .setFetched(true)
                .setLineItems(List.of(ChargedLineItem.newBuilder().setStripeLineItemId("li_1").setDescription("Coffee beans")
                        .setPriceId("price_1").setProductId("prod_1").setSku("BEANS-1KG").setQuantity(2).setUnitAmount(2_499L)
                        .setAmountSubtotal(4_998).setAmountDiscount(500).setAmountTax(0).setAmountTotal(4_498).build()))
                .setAmounts(new Amounts("usd", 4_998L, 500L, 500L, 0L, 4_998L))
                .setDiscounts(List.of(new AppliedDiscount("coupon_10", "promo_1")))
                .setShipping(new ShippingDetails("Jane Doe", "+4930123456", address, "shr_1", "Standard", 500L))
                .setCustomer(new CustomerDetails("cus_1", "Jane Doe", "jane@example.com", "+4930123456", address,
                        List.of(new TaxId("eu_vat", "DE123456789"))))
                .setCustomFields(List.of(new CustomFieldValue("gift", "yes")))
                .setConsent(new Consent("accepted", "opt_in"))
                .setPaymentMethodType("card")
                .setCapture(CaptureState.CAPTURED)
                .setTrialEnd(null)
                .build();
    }
}
