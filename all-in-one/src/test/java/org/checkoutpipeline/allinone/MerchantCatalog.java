package org.checkoutpipeline.allinone;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.stripe.StripeClient;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.PromotionCodeCreateParams;
import com.stripe.param.ShippingRateCreateParams;
import com.stripe.param.TaxRateCreateParams;

/**
 * A merchant's Stripe account on the pipeline's emulator, set up through stripe-java as a merchant
 * would: products with SKUs in their metadata, prices, a coupon and a promotion code, a shipping rate,
 * a tax rate, a customer, and the automatic tax table. Also plays the customer through the
 * emulator's completion control, which checks every entry as the hosted page does.
 */
final class MerchantCatalog {

    final String mugPrice;
    final String clubPrice;
    final String couponId;
    final String promotionCodeId;
    final String promotionCode;
    final String standardShipping;
    final String salesTax;
    final String customerId;

    private final String emulatorBase;
    private final StripeClient stripe;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    MerchantCatalog(String emulatorBase, String apiKey) throws Exception {
        this.emulatorBase = emulatorBase;
        this.stripe = StripeClient.builder().setApiKey(apiKey).setApiBase(emulatorBase).build();
        var mug = stripe.v1().products().create(ProductCreateParams.builder().setName("Enamel mug")
                .putMetadata("sku", "MUG-RED").setShippable(true).build());
        mugPrice = stripe.v1().prices().create(PriceCreateParams.builder().setProduct(mug.getId()).setCurrency("eur")
                .setUnitAmount(1_200L).setTaxBehavior(PriceCreateParams.TaxBehavior.EXCLUSIVE).build()).getId();
        var club = stripe.v1().products().create(ProductCreateParams.builder().setName("Coffee club")
                .putMetadata("sku", "CLUB-MONTHLY").build());
        clubPrice = stripe.v1().prices().create(PriceCreateParams.builder().setProduct(club.getId()).setCurrency("usd")
                .setUnitAmount(1_500L).setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build()).build()).getId();
        couponId = stripe.v1().coupons().create(CouponCreateParams.builder().setAmountOff(5_000L).setCurrency("usd")
                .setName("Fifty off").build()).getId();
        var tenPercent = stripe.v1().coupons().create(CouponCreateParams.builder()
                .setPercentOff(new BigDecimal("10")).build());
        promotionCode = "WELCOME" + (System.nanoTime() % 1_000_000);
        promotionCodeId = stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder().setCode(promotionCode)
                .setPromotion(PromotionCodeCreateParams.Promotion.builder()
                        .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).setCoupon(tenPercent.getId()).build())
                .build()).getId();
        standardShipping = stripe.v1().shippingRates().create(ShippingRateCreateParams.builder().setDisplayName("Standard")
                .setType(ShippingRateCreateParams.Type.FIXED_AMOUNT)
                .setFixedAmount(ShippingRateCreateParams.FixedAmount.builder().setAmount(500L).setCurrency("eur").build())
                .setTaxBehavior(ShippingRateCreateParams.TaxBehavior.EXCLUSIVE).build()).getId();
        salesTax = stripe.v1().taxRates().create(TaxRateCreateParams.builder().setDisplayName("Sales tax")
                .setPercentage(new BigDecimal("8.25")).setInclusive(false).build()).getId();
        customerId = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Grace Hopper")
                .setEmail("grace@example.com").build()).getId();
        send("POST", "/_emulator/automatic_tax", "application/json", "{\"rates\": {\"DE\": \"19\", \"AT\": \"20\"}}");
    }

    /**
     * Completes the session through the emulator's control with these form fields, as the customer
     * on the page would; fails unless the emulator accepts the payment.
     */
    void pay(String sessionId, Map<String, String> fields) throws Exception {
        send("POST", "/_emulator/checkout/sessions/" + sessionId + "/complete", "application/x-www-form-urlencoded",
                form(fields));
    }

    /** An attempt that Stripe declines: answers the HTTP status (402) and body, leaving the session open. */
    HttpResponse<String> attempt(String sessionId, Map<String, String> fields) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(emulatorBase + "/_emulator/checkout/sessions/" + sessionId
                        + "/complete")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session as Stripe holds it, with its line items and their products. */
    com.stripe.model.checkout.Session session(String sessionId) throws Exception {
        return stripe.v1().checkout().sessions().retrieve(sessionId, com.stripe.param.checkout.SessionRetrieveParams.builder()
                .addExpand("line_items.data.price.product").build());
    }

    /** Expires the open session now, as the merchant's {@code POST /v1/checkout/sessions/{id}/expire} does. */
    void expire(String sessionId) throws Exception {
        stripe.v1().checkout().sessions().expire(sessionId);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A card payment by {@code email}, plus {@code more} fields. */
    void payByCard(String sessionId, String email, Map<String, String> more) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("card_number", "4242424242424242");
        fields.put("email", email);
        fields.putAll(more);
        pay(sessionId, fields);
    }

    private void send(String method, String path, String contentType, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emulatorBase + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
