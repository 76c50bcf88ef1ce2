package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData.ProductData;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData.Recurring;
import com.stripe.param.checkout.SessionCreateParams.Mode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Checkout rule, as stripe-java reports it: exception type, error type, code and param. */
class ValidationErrorsTest extends EmulatorTestSupport {

    private static PriceData.Builder price(String currency) {
        return PriceData.builder().setCurrency(currency)
                .setProductData(ProductData.builder().setName("Thing").build());
    }

    private static LineItem line(PriceData.Builder price, Long quantity) {
        var builder = LineItem.builder().setPriceData(price.build());
        if (quantity != null) {
            builder.setQuantity(quantity);
        }
        return builder.build();
    }

    private static SessionCreateParams.Builder paymentWith(LineItem item) {
        return SessionCreateParams.builder().setMode(Mode.PAYMENT).addLineItem(item);
    }

    private static SessionCreateParams.Builder valid() {
        return paymentWith(line(price("usd").setUnitAmount(1000L), 1L));
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    static Stream<Arguments> invalidRequests() {
        long now = START.getEpochSecond();
        var tooManyKeys = valid();
        for (int i = 0; i < 51; i++) {
            tooManyKeys.putMetadata("k" + i, "v");
        }
        var tooManyItems = SessionCreateParams.builder().setMode(Mode.PAYMENT);
        for (int i = 0; i < 101; i++) {
            tooManyItems.addLineItem(line(price("usd").setUnitAmount(100L), 1L));
        }
        var tooManyRecurring = SessionCreateParams.builder().setMode(Mode.SUBSCRIPTION);
        for (int i = 0; i < 21; i++) {
            tooManyRecurring.addLineItem(line(price("usd").setUnitAmount(100L)
                    .setRecurring(Recurring.builder().setInterval(Recurring.Interval.MONTH).build()), 1L));
        }
        return Stream.of(
                Arguments.of("unknown parameter", valid().putExtraParam("foo", "bar"),
                        "parameter_unknown", "foo"),
                Arguments.of("unknown nested parameter", paymentWith(line(price("usd")
                        .setUnitAmount(100L).putExtraParam("colour", "red"), 1L)),
                        "parameter_unknown", "line_items[0][price_data][colour]"),
                Arguments.of("missing mode", SessionCreateParams.builder()
                        .addLineItem(line(price("usd").setUnitAmount(1000L), 1L)),
                        "parameter_missing", "mode"),
                Arguments.of("unknown mode", SessionCreateParams.builder().putExtraParam("mode", "donation")
                        .addLineItem(line(price("usd").setUnitAmount(1000L), 1L)), null, "mode"),
                Arguments.of("payment mode without line items", SessionCreateParams.builder()
                        .setMode(Mode.PAYMENT), "parameter_missing", "line_items"),
                Arguments.of("subscription mode without line items", SessionCreateParams.builder()
                        .setMode(Mode.SUBSCRIPTION), "parameter_missing", "line_items"),
                Arguments.of("line items in setup mode", SessionCreateParams.builder().setMode(Mode.SETUP)
                        .setCurrency("usd").addLineItem(line(price("usd").setUnitAmount(1000L), 1L)),
                        null, "line_items"),
                Arguments.of("setup mode without currency", SessionCreateParams.builder()
                        .setMode(Mode.SETUP), "parameter_missing", "currency"),
                Arguments.of("subscription without a recurring price", SessionCreateParams.builder()
                        .setMode(Mode.SUBSCRIPTION).addLineItem(line(price("usd").setUnitAmount(1000L), 1L)),
                        null, "line_items"),
                Arguments.of("recurring price in payment mode", paymentWith(line(price("usd")
                        .setUnitAmount(1000L)
                        .setRecurring(Recurring.builder().setInterval(Recurring.Interval.MONTH).build()), 1L)),
                        null, "line_items[0][price_data][recurring]"),
                Arguments.of("uppercase currency", paymentWith(line(price("USD").setUnitAmount(1000L), 1L)),
                        null, "line_items[0][price_data][currency]"),
                Arguments.of("unsupported currency", paymentWith(line(price("xyz").setUnitAmount(1000L),
                        1L)), null, "line_items[0][price_data][currency]"),
                Arguments.of("two currencies", valid().addLineItem(line(price("eur").setUnitAmount(1000L),
                        1L)), null, "line_items[1][price_data][currency]"),
                Arguments.of("unit amount not an integer", paymentWith(line(price("usd")
                        .putExtraParam("unit_amount", "12.5"), 1L)),
                        "parameter_invalid_integer", "line_items[0][price_data][unit_amount]"),
                Arguments.of("negative unit amount", paymentWith(line(price("usd").setUnitAmount(-1L), 1L)),
                        "parameter_invalid_integer", "line_items[0][price_data][unit_amount]"),
                Arguments.of("unit amount above Stripe's maximum", paymentWith(line(price("usd")
                        .setUnitAmount(100_000_000L), 1L)),
                        "amount_too_large", "line_items[0][price_data][unit_amount]"),
                Arguments.of("both unit amount forms", paymentWith(line(price("usd").setUnitAmount(100L)
                        .setUnitAmountDecimal(new java.math.BigDecimal("100")), 1L)),
                        "parameters_exclusive", "line_items[0][price_data][unit_amount]"),
                Arguments.of("no unit amount", paymentWith(line(price("usd"), 1L)),
                        "parameter_missing", "line_items[0][price_data][unit_amount]"),
                Arguments.of("below the currency's minimum charge", paymentWith(line(price("usd")
                        .setUnitAmount(49L), 1L)), "amount_too_small", "line_items"),
                Arguments.of("below the minimum charge in another currency", paymentWith(line(price("mxn")
                        .setUnitAmount(999L), 1L)), "amount_too_small", "line_items"),
                Arguments.of("missing quantity", paymentWith(line(price("usd").setUnitAmount(1000L), null)),
                        "parameter_missing", "line_items[0][quantity]"),
                Arguments.of("zero quantity", paymentWith(line(price("usd").setUnitAmount(1000L), 0L)),
                        "parameter_invalid_integer", "line_items[0][quantity]"),
                Arguments.of("quantity not an integer", paymentWith(LineItem.builder()
                        .setPriceData(price("usd").setUnitAmount(1000L).build())
                        .putExtraParam("quantity", "two").build()),
                        "parameter_invalid_integer", "line_items[0][quantity]"),
                Arguments.of("missing product name", paymentWith(LineItem.builder().setQuantity(1L)
                        .setPriceData(PriceData.builder().setCurrency("usd").setUnitAmount(1000L)
                                .setProductData(ProductData.builder().putExtraParam("description", "x").build())
                                .build()).build()),
                        "parameter_missing", "line_items[0][price_data][product_data][name]"),
                Arguments.of("more than 100 line items", tooManyItems, null, "line_items"),
                Arguments.of("more than 20 recurring items", tooManyRecurring, null, "line_items"),
                Arguments.of("expiry under 30 minutes", valid().setExpiresAt(now + 29 * 60), null,
                        "expires_at"),
                Arguments.of("expiry over 24 hours", valid().setExpiresAt(now + 24 * 3600 + 1), null,
                        "expires_at"),
                Arguments.of("expiry not an integer", valid().putExtraParam("expires_at", "soon"),
                        "parameter_invalid_integer", "expires_at"),
                Arguments.of("client reference id over 200 characters",
                        valid().setClientReferenceId(repeat('r', 201)), null, "client_reference_id"),
                Arguments.of("more than 50 metadata keys", tooManyKeys, null, "metadata"),
                Arguments.of("metadata key over 40 characters",
                        valid().putMetadata(repeat('k', 41), "v"), null, "metadata[" + repeat('k', 41) + "]"),
                Arguments.of("metadata value over 500 characters",
                        valid().putMetadata("note", repeat('v', 501)), null, "metadata[note]"),
                Arguments.of("relative success url", valid().setSuccessUrl("/thanks"), "url_invalid",
                        "success_url"),
                Arguments.of("non-http cancel url", valid().setCancelUrl("ftp://example.com/x"),
                        "url_invalid", "cancel_url"),
                Arguments.of("malformed customer email", valid().setCustomerEmail("not-an-email"),
                        "email_invalid", "customer_email"),
                Arguments.of("empty success url", valid().putExtraParam("success_url", ""),
                        "parameter_invalid_empty", "success_url"),
                Arguments.of("locale outside Stripe's list", valid().putExtraParam("locale", "xx-bogus"),
                        null, "locale"),
                Arguments.of("unknown ui mode", valid().putExtraParam("ui_mode", "bogus"), null, "ui_mode"),
                Arguments.of("unknown capture method", valid().putExtraParam("payment_intent_data",
                        java.util.Map.of("capture_method", "bogus")), null,
                        "payment_intent_data[capture_method]"),
                Arguments.of("unknown nested key", valid().putExtraParam("payment_intent_data",
                        java.util.Map.of("bogus", "1")), "parameter_unknown", "payment_intent_data[bogus]"),
                Arguments.of("boolean that is not one", valid().putExtraParam("allow_promotion_codes", "yes"),
                        "parameter_invalid_boolean", "allow_promotion_codes"),
                Arguments.of("string where a hash belongs", valid().putExtraParam("payment_intent_data",
                        "manual"), "parameter_invalid_hash", "payment_intent_data"),
                Arguments.of("hash where a string belongs", valid().putExtraParam("client_reference_id",
                        java.util.Map.of("a", "b")), "parameter_invalid_string", "client_reference_id"),
                Arguments.of("required key of a nested hash missing", valid().putExtraParam(
                        "tax_id_collection", java.util.Map.of("required", "never")), "parameter_missing",
                        "tax_id_collection[enabled]"),
                Arguments.of("string over its limit", valid().putExtraParam("payment_intent_data",
                        java.util.Map.of("statement_descriptor", repeat('s', 23))), null,
                        "payment_intent_data[statement_descriptor]"),
                Arguments.of("unknown key inside a payment method's options", valid().putExtraParam(
                        "payment_method_options", java.util.Map.of("card", java.util.Map.of("bogus", "1"))),
                        "parameter_unknown", "payment_method_options[card][bogus]"),
                Arguments.of("price id the emulator does not know", SessionCreateParams.builder()
                        .setMode(Mode.PAYMENT).addLineItem(LineItem.builder().setPrice("price_123")
                                .setQuantity(1L).build()), "resource_missing", "line_items[0][price]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void refusesInvalidCreateParameters(String rule, SessionCreateParams.Builder params,
            String code, String param) {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(params.build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
                    assertThat(e.getCode()).isEqualTo(code);
                    assertThat(e.getParam()).isEqualTo(param);
                    assertThat(e.getStripeError().getMessage()).isNotBlank();
                });
    }

    /** Valid Stripe parameters whose behaviour the emulator does not model: refused, never ignored. */
    static Stream<Arguments> unmodelledParameters() {
        return Stream.of(
                Arguments.of(valid().putExtraParam("ui_mode", "elements"), "ui_mode"),
                Arguments.of(valid().putExtraParam("payment_intent_data",
                        java.util.Map.of("transfer_group", "g1")), "payment_intent_data[transfer_group]"),
                Arguments.of(valid().putExtraParam("wallet_options", java.util.Map.of("link",
                        java.util.Map.of("display", "never"))), "wallet_options[link][display]"),
                Arguments.of(paymentWith(line(price("usd").setUnitAmount(1000L)
                        .setProductData(ProductData.builder().setName("Mug").setUnitLabel("mug").build()), 1L)),
                        "line_items[0][price_data][product_data][unit_label]"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unmodelledParameters")
    void refusesAValidParameterItDoesNotModelSayingSo(SessionCreateParams.Builder params, String param) {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(params.build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getParam()).isEqualTo(param);
                    assertThat(e.getStripeError().getMessage())
                            .contains("does not model `" + param)
                            .contains("refuses it rather than ignore it");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void storesNothingWhenARequestIsRefused(String rule, SessionCreateParams.Builder params,
            String code, String param) {
        int before = emulator.store().sessions().size();

        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(params.build()))
                .isInstanceOf(InvalidRequestException.class);

        assertThat(emulator.store().sessions().size()).isEqualTo(before);
    }
}
