package org.checkoutpipeline.checkout.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.stripe.param.checkout.SessionCreateParams;
import org.checkoutpipeline.checkout.Orders;
import org.checkoutpipeline.events.AdjustableQuantity;
import org.checkoutpipeline.events.CheckoutOptions;
import org.checkoutpipeline.events.CustomField;
import org.checkoutpipeline.events.CustomFieldOption;
import org.checkoutpipeline.events.CustomFieldType;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.ShippingRateData;
import org.checkoutpipeline.events.SubmitType;
import org.checkoutpipeline.events.TaxBehavior;
import org.checkoutpipeline.events.UiMode;
import org.checkoutpipeline.schemas.order.LineItems;
import org.junit.jupiter.api.Test;

class SessionRequestsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final SessionRequests requests = new SessionRequests(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void idempotencyKeyDependsOnTheOrderIdAlone() {
        assertThat(SessionRequests.idempotencyKey("order-42")).isEqualTo("checkout-pipeline-order-order-42");
        assertThat(SessionRequests.idempotencyKey("order-42")).isEqualTo(SessionRequests.idempotencyKey("order-42"));
        assertThat(SessionRequests.idempotencyKey("order-43")).isNotEqualTo(SessionRequests.idempotencyKey("order-42"));
    }

    @Test
    void longOrderIdIsHashedToFitStripesKeyLimit() {
        String key = SessionRequests.idempotencyKey("o".repeat(300));
        assertThat(key).hasSizeLessThanOrEqualTo(255).startsWith("checkout-pipeline-order-sha256-");
        assertThat(SessionRequests.idempotencyKey("o".repeat(300) + "x")).isNotEqualTo(key);
    }

    @Test
    void paymentOrderMapsToPriceDataLineItemsAndReferences() {
        OrderPlaced order = Orders.payment("order-7").build();

        SessionCreateParams params = requests.paramsFor(order);

        assertThat(params.getMode()).isEqualTo(SessionCreateParams.Mode.PAYMENT);
        assertThat(params.getClientReferenceId()).isEqualTo("order-7");
        assertThat(params.getMetadata()).isEqualTo(Map.of("channel", "web", "order_id", "order-7"));
        assertThat(params.getCustomerEmail()).isEqualTo("jane@example.com");
        assertThat(params.getLineItems()).hasSize(2);
        SessionCreateParams.LineItem first = params.getLineItems().get(0);
        assertThat(first.getQuantity()).isEqualTo(2L);
        assertThat(first.getPriceData().getCurrency()).isEqualTo("usd");
        assertThat(first.getPriceData().getUnitAmount()).isEqualTo(2_499L);
        assertThat(first.getPriceData().getProductData().getName()).isEqualTo("Coffee beans");
        assertThat(first.getPriceData().getProductData().getDescription()).isEqualTo("1 kg, whole");
        assertThat(first.getPriceData().getRecurring()).isNull();
        assertThat(params.getCurrency()).isNull();
        assertThat(params.getExpiresAt()).isNull();
    }

    @Test
    void subscriptionItemsCarryTheirInterval() {
        SessionCreateParams params = requests.paramsFor(Orders.subscription("order-8").build());
        SessionCreateParams.LineItem.PriceData.Recurring recurring = params.getLineItems().get(0).getPriceData().getRecurring();
        assertThat(recurring.getInterval()).isEqualTo(SessionCreateParams.LineItem.PriceData.Recurring.Interval.MONTH);
        assertThat(recurring.getIntervalCount()).isEqualTo(1L);
    }

    @Test
    void setupOrderSendsTheCurrencyAndNoItems() {
        SessionCreateParams params = requests.paramsFor(Orders.setup("order-9").build());
        assertThat(params.getMode()).isEqualTo(SessionCreateParams.Mode.SETUP);
        assertThat(params.getCurrency()).isEqualTo("usd");
        assertThat(params.getLineItems()).isNull();
    }

    @Test
    void expiryIsPlacedAtPlusLifetimeSoRetriesSendTheSameParameters() {
        OrderPlaced order = Orders.payment("order-10").setPlacedAt(NOW.minusSeconds(60)).setCheckoutLifetimeSeconds(3_600L).build();
        assertThat(requests.paramsFor(order).getExpiresAt()).isEqualTo(NOW.minusSeconds(60).plusSeconds(3_600).getEpochSecond());
        SessionRequests later = new SessionRequests(Clock.fixed(NOW.plusSeconds(120), ZoneOffset.UTC));
        assertThat(later.paramsFor(order).getExpiresAt()).isEqualTo(requests.paramsFor(order).getExpiresAt());
    }

    @Test
    void expiryTooCloseForStripeIsLeftToItsDefault() {
        OrderPlaced backlog = Orders.payment("order-11").setPlacedAt(NOW.minusSeconds(3_000)).setCheckoutLifetimeSeconds(3_600L).build();
        assertThat(requests.paramsFor(backlog).getExpiresAt()).isNull();
    }

    @Test
    void anOrderWithoutV2FieldsSendsOnlyTheParametersOfVersion1() {
        Map<String, Object> form = requests.paramsFor(Orders.payment("order-v1").build()).toMap();

        assertThat(form).containsOnlyKeys("mode", "success_url", "cancel_url", "client_reference_id", "metadata",
                "customer_email", "line_items");
        @SuppressWarnings("unchecked")
        Map<String, Object> line = (Map<String, Object>) ((List<Object>) form.get("line_items")).get(0);
        assertThat(line).containsOnlyKeys("quantity", "price_data");
    }

    @Test
    void checkoutOptionsBecomeTheirStripeParameters() {
        OrderPlaced order = Orders.payment("order-v2").setCustomerEmail(null)
                .setLineItems(List.of(LineItems.price("price_1", 1), LineItem.newBuilder(LineItems.inline("Beans", 2_499, 2))
                        .setSku("BEANS").setImages(List.of("https://s.example/b.png")).setTaxBehavior(TaxBehavior.EXCLUSIVE)
                        .setAdjustableQuantity(new AdjustableQuantity(1L, 9L)).build()))
                .setCheckout(CheckoutOptions.newBuilder().setPaymentMethodTypes(List.of("card", "ideal")).setLocale("de")
                        .setStripeCustomerId("cus_1").setCouponId("TEN").setShippingCountries(List.of("DE"))
                        .setShippingRates(List.of(new ShippingRateData("Express", 1_500L, 1, 2, null)))
                        .setTaxRateIds(List.of("txr_1")).setManualCapture(true).setRequireTermsOfService(true)
                        .setSubmitType(SubmitType.BOOK)
                        .setCustomFields(List.of(new CustomField("size", "Size", CustomFieldType.DROPDOWN, false,
                                List.of(new CustomFieldOption("m", "Medium")))))
                        .build())
                .build();

        Map<String, Object> form = requests.paramsFor(order).toMap();

        assertThat(form).containsEntry("payment_method_types", List.of("card", "ideal")).containsEntry("locale", "de")
                .containsEntry("customer", "cus_1").containsEntry("submit_type", "book")
                .containsEntry("shipping_address_collection", Map.of("allowed_countries", List.of("DE")))
                .containsEntry("payment_intent_data", Map.of("capture_method", "manual"))
                .containsEntry("consent_collection", Map.of("terms_of_service", "required"))
                .containsEntry("discounts", List.of(Map.of("coupon", "TEN")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) form.get("line_items");
        assertThat(lines.get(0)).containsEntry("price", "price_1").containsEntry("tax_rates", List.of("txr_1"));
        assertThat(lines.get(1).get("price_data").toString()).contains("sku=BEANS", "images=[https://s.example/b.png]",
                "tax_behavior=exclusive");
        assertThat(lines.get(1).get("adjustable_quantity")).isEqualTo(Map.of("enabled", true, "minimum", 1L, "maximum", 9L));
        assertThat(form.get("shipping_options").toString()).contains("display_name=Express", "amount=1500", "currency=usd",
                "business_day");
        assertThat(form.get("custom_fields").toString()).contains("key=size", "custom=Size", "value=m");
    }

    @Test
    void anEmbeddedOrderSendsItsReturnUrlInsteadOfTheHostedPagesUrls() {
        OrderPlaced order = Orders.payment("order-embedded").setSuccessUrl("").setCancelUrl("")
                .setCheckout(CheckoutOptions.newBuilder().setUiMode(UiMode.EMBEDDED).setReturnUrl("https://s.example/back")
                        .build()).build();

        Map<String, Object> form = requests.paramsFor(order).toMap();

        assertThat(form).containsEntry("ui_mode", "embedded_page").containsEntry("return_url", "https://s.example/back")
                .doesNotContainKeys("success_url", "cancel_url");
    }
}
