package org.checkoutpipeline.schemas.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.checkoutpipeline.events.AdjustableQuantity;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.CheckoutOptions;
import org.checkoutpipeline.events.CustomField;
import org.checkoutpipeline.events.CustomFieldOption;
import org.checkoutpipeline.events.CustomFieldType;
import org.checkoutpipeline.events.CustomText;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.Recurring;
import org.checkoutpipeline.events.RecurringInterval;
import org.checkoutpipeline.events.ShippingRateData;
import org.checkoutpipeline.events.SubmitType;
import org.checkoutpipeline.events.TaxBehavior;
import org.checkoutpipeline.events.UiMode;
import org.checkoutpipeline.schemas.serde.EventRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderValidatorTest {

    static {
        // Builders fill record-array and enum defaults by loading the generated classes through Avro's trusted-class check.
        EventRegistry.standard();
    }

    private final OrderValidator validator = new OrderValidator();

    @Test
    void validOrdersOfEveryModePass() throws Exception {
        validator.validate(Orders.payment("order-1").build());
        validator.validate(Orders.subscription("order-2").build());
        validator.validate(Orders.setup("order-3").setCheckoutLifetimeSeconds(1_800L).build());
        validator.validate(Orders.payment("order-4").setMetadata(Map.of("order_id", "order-4")).build());
    }

    static Stream<Arguments> invalidOrders() {
        return Stream.of(
                invalid("blank orderId", "orderId", order -> order.setOrderId(" ")),
                invalid("orderId over 200 characters", "orderId", order -> order.setOrderId("x".repeat(201))),
                invalid("uppercase currency", "currency", order -> order.setCurrency("USD")),
                invalid("unknown currency", "currency", order -> order.setCurrency("abc")),
                invalid("relative success URL", "successUrl", order -> order.setSuccessUrl("/thanks")),
                invalid("ftp cancel URL", "cancelUrl", order -> order.setCancelUrl("ftp://shop.example/cart")),
                invalid("malformed email", "customerEmail", order -> order.setCustomerEmail("jane-at-example")),
                invalid("lifetime under 30 minutes", "checkoutLifetimeSeconds", order -> order.setCheckoutLifetimeSeconds(600L)),
                invalid("lifetime over 24 hours", "checkoutLifetimeSeconds", order -> order.setCheckoutLifetimeSeconds(90_000L)),
                invalid("no line items", "lineItems", order -> order.setLineItems(List.of())),
                invalid("101 line items", "lineItems", order -> order.setLineItems(items(101, null))),
                invalid("negative unit amount", "lineItems[1].unitAmount", order -> order.setLineItems(List.of(
                        item(100, null), LineItems.inline("Refund", null, -1L, 1L, null)))),
                invalid("unit amount over Stripe's maximum", "lineItems[0].unitAmount",
                        order -> order.setLineItems(List.of(LineItems.inline("Yacht", null, 100_000_000L, 1L, null)))),
                invalid("zero quantity", "lineItems[0].quantity",
                        order -> order.setLineItems(List.of(LineItems.inline("Mug", null, 1_200L, 0L, null)))),
                invalid("blank product name", "lineItems[0].name",
                        order -> order.setLineItems(List.of(LineItems.inline(" ", null, 1_200L, 1L, null)))),
                invalid("recurring item in payment mode", "lineItems[0].recurring",
                        order -> order.setLineItems(List.of(item(1_500, new Recurring(RecurringInterval.MONTH, 1))))),
                invalid("too many metadata keys", "metadata", order -> order.setMetadata(metadata(50))),
                invalid("metadata key with brackets", "metadata['a[b]']", order -> order.setMetadata(Map.of("a[b]", "x"))),
                invalid("metadata key over 40 characters", "metadata['" + "k".repeat(41) + "']",
                        order -> order.setMetadata(Map.of("k".repeat(41), "x"))),
                invalid("metadata value over 500 characters", "metadata['note']",
                        order -> order.setMetadata(Map.of("note", "v".repeat(501)))),
                invalid("order_id metadata that disagrees", "metadata['order_id']",
                        order -> order.setMetadata(Map.of("order_id", "someone-else"))),
                invalid("a catalog price with a name of its own", "lineItems[0].name", order -> order.setLineItems(List.of(
                        LineItem.newBuilder(LineItems.price("price_1", 1)).setName("Mug").build()))),
                invalid("a catalog price with an amount of its own", "lineItems[0].unitAmount", order -> order.setLineItems(
                        List.of(LineItem.newBuilder(LineItems.price("price_1", 1)).setUnitAmount(100).build()))),
                invalid("a quantity outside its adjustable range", "lineItems[0].quantity", order -> order.setLineItems(
                        List.of(LineItem.newBuilder(item(100, null)).setQuantity(12)
                                .setAdjustableQuantity(new AdjustableQuantity(1L, 10L)).build()))),
                invalid("nine images", "lineItems[0].images", order -> order.setLineItems(List.of(LineItem.newBuilder(
                        item(100, null)).setImages(java.util.Collections.nCopies(9, "https://s.example/i.png")).build()))),
                invalid("an embedded page without a return URL", "successUrl",
                        order -> order.setCheckout(options().setUiMode(UiMode.EMBEDDED).build())),
                invalid("an embedded page's missing return URL", "checkout.returnUrl", order -> order.setSuccessUrl("")
                        .setCancelUrl("").setCheckout(options().setUiMode(UiMode.EMBEDDED).build())),
                invalid("a return URL on the hosted page", "checkout.returnUrl",
                        order -> order.setCheckout(options().setReturnUrl("https://s.example/back").build())),
                invalid("a coupon and a promotion code", "checkout.promotionCodeId",
                        order -> order.setCheckout(options().setCouponId("c1").setPromotionCodeId("promo_1").build())),
                invalid("a code field beside the order's discount", "checkout.allowPromotionCodes",
                        order -> order.setCheckout(options().setCouponId("c1").setAllowPromotionCodes(true).build())),
                invalid("a promotion code given as the code text", "checkout.promotionCodeId",
                        order -> order.setCheckout(options().setPromotionCodeId("WELCOME10").build())),
                invalid("a lowercase shipping country", "checkout.shippingCountries[0]",
                        order -> order.setCheckout(options().setShippingCountries(List.of("de")).build())),
                invalid("shipping rates with nowhere to ship", "checkout.shippingCountries",
                        order -> order.setCheckout(options().setShippingRateIds(List.of("shr_1")).build())),
                invalid("six shipping options", "checkout.shippingRates", order -> order.setCheckout(options()
                        .setShippingCountries(List.of("DE")).setShippingRateIds(List.of("shr_1", "shr_2", "shr_3"))
                        .setShippingRates(List.of(new ShippingRateData("A", 1L, null, null, null),
                                new ShippingRateData("B", 1L, null, null, null), new ShippingRateData("C", 1L, null, null, null)))
                        .build())),
                invalid("automatic tax beside tax rates", "checkout.taxRateIds",
                        order -> order.setCheckout(options().setAutomaticTax(true).setTaxRateIds(List.of("txr_1")).build())),
                invalid("a trial on a one-time payment", "checkout.trialPeriodDays",
                        order -> order.setCheckout(options().setTrialPeriodDays(14).build())),
                invalid("a dropdown option's label over 100 characters", "checkout.customFields[0].options[0].label",
                        order -> order.setCheckout(options().setCustomFields(List.of(new CustomField("size", "Size",
                                CustomFieldType.DROPDOWN, false, List.of(new CustomFieldOption("m", "M".repeat(101))))))
                                .build())),
                invalid("a dropdown without options", "checkout.customFields[0].options",
                        order -> order.setCheckout(options().setCustomFields(List.of(
                                new CustomField("size", "Size", CustomFieldType.DROPDOWN, false, List.of()))).build())),
                invalid("terms text without the terms box", "checkout.customText.termsOfServiceAcceptance",
                        order -> order.setCheckout(options().setCustomText(new CustomText(null, null, "I agree", null))
                                .build())),
                invalid("a Stripe customer beside an email", "customerEmail",
                        order -> order.setCheckout(options().setStripeCustomerId("cus_1").build())),
                invalid("an unknown locale form", "checkout.locale",
                        order -> order.setCheckout(options().setLocale("German").build())));
    }

    private static CheckoutOptions.Builder options() {
        return CheckoutOptions.newBuilder();
    }

    @Test
    void everyOptionTogetherInItsModeIsValid() {
        validator.validate(Orders.payment("order-1").setCustomerEmail(null).setLineItems(List.of(
                        LineItem.newBuilder(LineItems.price("price_1", 2)).setSku("MUG")
                                .setAdjustableQuantity(new AdjustableQuantity(1L, 5L)).build(),
                        LineItem.newBuilder(item(900, null)).setTaxBehavior(TaxBehavior.EXCLUSIVE).build()))
                .setCheckout(options().setStripeCustomerId("cus_1").setAllowPromotionCodes(true)
                        .setShippingCountries(List.of("DE")).setShippingRateIds(List.of("shr_1"))
                        .setShippingRates(List.of(new ShippingRateData("Express", 1_500L, 1, 2, TaxBehavior.EXCLUSIVE)))
                        .setCollectBillingAddress(true).setCollectPhone(true).setCollectTaxId(true).setAutomaticTax(true)
                        .setCustomFields(List.of(new CustomField("size", "Size", CustomFieldType.DROPDOWN, false,
                                List.of(new CustomFieldOption("m", "Medium")))))
                        .setCustomText(new CustomText("Ships Monday", "DE only", "I agree", "Thanks"))
                        .setRequireTermsOfService(true).setCollectPromotionsConsent(true).setSubmitType(SubmitType.PAY)
                        .setManualCapture(true).setLocale("de").setPaymentMethodTypes(List.of("card", "ideal")).build())
                .build());
        validator.validate(Orders.subscription("order-2").setCheckout(options().setTrialPeriodDays(14)
                .setSubmitType(SubmitType.SUBSCRIBE).build()).build());
        validator.validate(Orders.payment("order-3").setSuccessUrl("").setCancelUrl("")
                .setCheckout(options().setUiMode(UiMode.EMBEDDED).setReturnUrl("https://s.example/back").build()).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void invalidPaymentOrderNamesTheField(String name, String field, UnaryOperator<OrderPlaced.Builder> change) {
        OrderPlaced order = change.apply(Orders.payment("order-1")).build();
        assertThatThrownBy(() -> validator.validate(order))
                .isInstanceOfSatisfying(InvalidOrderException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void aSubmitTypeOnASetUpIsInvalid() {
        OrderPlaced order = Orders.setup("order-1").setCheckout(options().setSubmitType(SubmitType.PAY).build()).build();
        assertThatThrownBy(() -> validator.validate(order))
                .isInstanceOfSatisfying(InvalidOrderException.class, e -> assertThat(e.field()).isEqualTo("checkout.submitType"));
    }

    @Test
    void subscriptionWithoutRecurringItemIsInvalid() {
        OrderPlaced order = Orders.subscription("order-1").setLineItems(List.of(item(1_200, null))).build();
        assertThatThrownBy(() -> validator.validate(order))
                .isInstanceOfSatisfying(InvalidOrderException.class, e -> assertThat(e.field()).isEqualTo("lineItems"))
                .hasMessageContaining("at least one line item with recurring");
    }

    @Test
    void subscriptionWithMoreThanTwentyRecurringItemsIsInvalid() {
        OrderPlaced order = Orders.subscription("order-1")
                .setLineItems(items(21, new Recurring(RecurringInterval.MONTH, 1))).build();
        assertThatThrownBy(() -> validator.validate(order)).hasMessageContaining("at most 20 recurring items. Got 21");
    }

    @Test
    void recurringIntervalLongerThanAYearIsInvalid() {
        OrderPlaced order = Orders.subscription("order-1")
                .setLineItems(List.of(item(1_500, new Recurring(RecurringInterval.MONTH, 13)))).build();
        assertThatThrownBy(() -> validator.validate(order))
                .isInstanceOfSatisfying(InvalidOrderException.class,
                        e -> assertThat(e.field()).isEqualTo("lineItems[0].recurring.intervalCount"))
                .hasMessageContaining("Got: 13");
    }

    @Test
    void setupOrderWithItemsIsInvalid() {
        OrderPlaced order = Orders.setup("order-1").setLineItems(List.of(item(1_200, null))).build();
        assertThatThrownBy(() -> validator.validate(order))
                .isInstanceOfSatisfying(InvalidOrderException.class, e -> assertThat(e.field()).isEqualTo("lineItems"));
    }

    @Test
    void messageNamesTheOffendingValue() {
        OrderPlaced order = Orders.payment("order-1").setCurrency("usdollar").build();
        assertThatThrownBy(() -> validator.validate(order))
                .hasMessage("currency must be a lowercase ISO 4217 code such as 'usd'. Got: 'usdollar'");
    }

    private static Arguments invalid(String name, String field, UnaryOperator<OrderPlaced.Builder> change) {
        return Arguments.of(name, field, change);
    }

    private static LineItem item(long amount, Recurring recurring) {
        return LineItems.inline("Item", null, amount, 1L, recurring);
    }

    private static List<LineItem> items(int count, Recurring recurring) {
        List<LineItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(item(100, recurring));
        }
        return items;
    }

    private static Map<String, String> metadata(int keys) {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < keys; i++) {
            metadata.put("key" + i, "value");
        }
        return metadata;
    }

    /** Valid orders of each mode, to break one rule at a time. */
    private static final class Orders {

        static OrderPlaced.Builder payment(String orderId) {
            return base(orderId, CheckoutMode.PAYMENT).setLineItems(new ArrayList<>(List.of(
                    LineItems.inline("Coffee beans", "1 kg, whole", 2_499L, 2L, null),
                    LineItems.inline("Grinder", null, 8_900L, 1L, null))));
        }

        static OrderPlaced.Builder subscription(String orderId) {
            return base(orderId, CheckoutMode.SUBSCRIPTION).setLineItems(new ArrayList<>(List.of(
                    LineItems.inline("Coffee club", null, 1_500L, 1L, new Recurring(RecurringInterval.MONTH, 1)),
                    LineItems.inline("Welcome mug", null, 1_200L, 1L, null))));
        }

        static OrderPlaced.Builder setup(String orderId) {
            return base(orderId, CheckoutMode.SETUP).setLineItems(new ArrayList<>());
        }

        private static OrderPlaced.Builder base(String orderId, CheckoutMode mode) {
            Instant now = Instant.parse("2026-11-26T10:00:00Z");
            return OrderPlaced.newBuilder()
                    .setEventId("evt-" + orderId).setOrderId(orderId).setOccurredAt(now).setPlacedAt(now)
                    .setCustomerEmail("jane@example.com").setMode(mode).setCurrency("usd")
                    .setSuccessUrl("https://shop.example/thanks?session={CHECKOUT_SESSION_ID}")
                    .setCancelUrl("https://shop.example/cart")
                    .setMetadata(Map.of("channel", "web"));
        }
    }
}
