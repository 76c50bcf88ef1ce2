package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Coupon;
import com.stripe.model.LineItem;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Product;
import com.stripe.model.PromotionCode;
import com.stripe.model.ShippingRate;
import com.stripe.model.TaxRate;
import com.stripe.model.checkout.Session;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.PromotionCodeCreateParams;
import com.stripe.param.PromotionCodeUpdateParams;
import com.stripe.param.ShippingRateCreateParams;
import com.stripe.param.TaxRateCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.Discount;
import com.stripe.param.checkout.SessionCreateParams.ShippingOption;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Discounts, tax rates and shipping through stripe-java: the session's and each line's amounts, in
 * Stripe's order of operations, and the PaymentIntent charging the total.
 */
class MoneyTest extends EmulatorTestSupport {

    private static Coupon percentOff(String percent) throws Exception {
        return stripe.v1().coupons().create(CouponCreateParams.builder()
                .setPercentOff(new BigDecimal(percent)).build());
    }

    private static Coupon amountOff(long amount, String currency) throws Exception {
        return stripe.v1().coupons().create(CouponCreateParams.builder().setAmountOff(amount)
                .setCurrency(currency).setDuration(CouponCreateParams.Duration.ONCE).build());
    }

    private static TaxRate taxRate(String percentage, boolean inclusive) throws Exception {
        return stripe.v1().taxRates().create(TaxRateCreateParams.builder().setDisplayName("VAT")
                .setPercentage(new BigDecimal(percentage)).setInclusive(inclusive).setCountry("de").build());
    }

    private static SessionCreateParams.Builder twoLines() {
        return SessionCreateParams.builder().setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl("https://shop.example/ok")
                .addLineItem(item("usd", 2000, 2))
                .addLineItem(item("usd", 1000, 1));
    }

    private static List<LineItem> lines(Session session) throws Exception {
        return stripe.v1().checkout().sessions().lineItems().list(session.getId()).getData();
    }

    @Test
    void aPercentageCouponDiscountsEveryLineBeforeTheTotal() throws Exception {
        Coupon coupon = percentOff("25");
        Session session = stripe.v1().checkout().sessions().create(twoLines()
                .addDiscount(Discount.builder().setCoupon(coupon.getId()).build()).build());

        assertThat(session.getAmountSubtotal()).isEqualTo(5000);
        assertThat(session.getTotalDetails().getAmountDiscount()).isEqualTo(1250);
        assertThat(session.getAmountTotal()).isEqualTo(3750);
        assertThat(session.getDiscounts()).singleElement()
                .satisfies(d -> assertThat(d.getCoupon()).isEqualTo(coupon.getId()));
        assertThat(lines(session)).extracting(LineItem::getAmountDiscount).containsExactly(1000L, 250L);
        assertThat(lines(session)).extracting(LineItem::getAmountTotal).containsExactly(3000L, 750L);
    }

    @Test
    void anAmountCouponIsSpreadInProportionWithTheRemainderOnTheLargestFraction() throws Exception {
        Coupon coupon = amountOff(1000, "usd");
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://shop.example/ok")
                .addLineItem(item("usd", 1000, 1)).addLineItem(item("usd", 1000, 1))
                .addLineItem(item("usd", 1000, 1))
                .addDiscount(Discount.builder().setCoupon(coupon.getId()).build()).build());

        assertThat(lines(session)).extracting(LineItem::getAmountDiscount).containsExactly(334L, 333L, 333L);
        assertThat(session.getAmountTotal()).isEqualTo(2000);
    }

    @Test
    void aCouponForCertainProductsDiscountsOnlyThem() throws Exception {
        Product mug = stripe.v1().products().create(ProductCreateParams.builder().setName("Mug").build());
        Coupon coupon = stripe.v1().coupons().create(CouponCreateParams.builder()
                .setPercentOff(new BigDecimal("50"))
                .setAppliesTo(CouponCreateParams.AppliesTo.builder().addProduct(mug.getId()).build()).build());
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://shop.example/ok")
                .addLineItem(item("usd", 2000, 1))
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd")
                                .setUnitAmount(1000L).setProduct(mug.getId()).build()).build())
                .addDiscount(Discount.builder().setCoupon(coupon.getId()).build()).build());

        assertThat(lines(session)).extracting(LineItem::getAmountDiscount).containsExactly(0L, 500L);
        assertThat(session.getAmountTotal()).isEqualTo(2500);
    }

    @Test
    void exclusiveTaxIsAddedAndInclusiveTaxIsContainedAfterTheDiscount() throws Exception {
        TaxRate vat = taxRate("19", false);
        TaxRate included = taxRate("20", true);
        Coupon coupon = percentOff("10");
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://shop.example/ok")
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L).addTaxRate(vat.getId())
                        .setPriceData(priceData(1000)).build())
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L).addTaxRate(included.getId())
                        .setPriceData(priceData(1200)).build())
                .addDiscount(Discount.builder().setCoupon(coupon.getId()).build()).build());

        // Line 1: 1000 - 100 = 900, + 19% = 171. Line 2: 1200 - 120 = 1080, of which 20/120 is tax = 180.
        assertThat(lines(session)).extracting(LineItem::getAmountTax).containsExactly(171L, 180L);
        assertThat(lines(session)).extracting(LineItem::getAmountTotal).containsExactly(1071L, 1080L);
        assertThat(session.getTotalDetails().getAmountTax()).isEqualTo(351);
        assertThat(session.getAmountTotal()).isEqualTo(2151);
    }

    @Test
    void theFirstShippingOptionIsChargedUntilTheCustomerChoosesAnother() throws Exception {
        ShippingRate express = stripe.v1().shippingRates().create(ShippingRateCreateParams.builder()
                .setDisplayName("Express").setFixedAmount(ShippingRateCreateParams.FixedAmount.builder()
                        .setAmount(1500L).setCurrency("usd").build()).build());
        Session session = stripe.v1().checkout().sessions().create(twoLines()
                .setShippingAddressCollection(SessionCreateParams.ShippingAddressCollection.builder()
                        .addAllowedCountry(SessionCreateParams.ShippingAddressCollection.AllowedCountry.US)
                        .addAllowedCountry(SessionCreateParams.ShippingAddressCollection.AllowedCountry.CA)
                        .build())
                .addShippingOption(ShippingOption.builder().setShippingRateData(
                        ShippingOption.ShippingRateData.builder().setDisplayName("Ground")
                                .setFixedAmount(ShippingOption.ShippingRateData.FixedAmount.builder()
                                        .setAmount(500L).setCurrency("usd").build()).build()).build())
                .addShippingOption(ShippingOption.builder().setShippingRate(express.getId()).build())
                .build());

        assertThat(session.getShippingOptions()).extracting(Session.ShippingOption::getShippingAmount)
                .containsExactly(500L, 1500L);
        String ground = session.getShippingOptions().get(0).getShippingRate();
        assertThat(stripe.v1().shippingRates().retrieve(ground).getDisplayName()).isEqualTo("Ground");
        assertThat(session.getShippingCost().getShippingRate()).isEqualTo(ground);
        assertThat(session.getTotalDetails().getAmountShipping()).isEqualTo(500);
        assertThat(session.getAmountTotal()).isEqualTo(5500);

        assertThat(complete(session.getId(), "card_number=4242424242424242&shipping_rate=" + express.getId()
                + "&shipping[name]=Ada&shipping[address][line1]=1 Main St&shipping[address][country]=MX")
                .body()).contains("\"param\":\"shipping[address][country]\"");
        assertThat(complete(session.getId(), "card_number=4242424242424242&shipping_rate=" + express.getId())
                .statusCode()).isEqualTo(400);
        assertThat(complete(session.getId(), "card_number=4242424242424242&shipping_rate=" + express.getId()
                + "&shipping[name]=Ada Lovelace&shipping[address][line1]=1 Main St&shipping[address][city]=Boston"
                + "&shipping[address][postal_code]=02110&shipping[address][country]=US").statusCode())
                .isEqualTo(200);

        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getShippingCost().getShippingRate()).isEqualTo(express.getId());
        assertThat(paid.getAmountTotal()).isEqualTo(6500);
        assertThat(paid.getCollectedInformation().getShippingDetails().getName()).isEqualTo("Ada Lovelace");
        assertThat(paid.getCollectedInformation().getShippingDetails().getAddress().getCity()).isEqualTo("Boston");
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(paid.getPaymentIntent());
        assertThat(intent.getAmount()).isEqualTo(6500);
    }

    @Test
    void aPromotionCodeTypedByTheCustomerDiscountsThePaymentAndIsCountedOnce() throws Exception {
        Coupon coupon = percentOff("20");
        String code = "SPRING" + (System.nanoTime() % 100000);
        PromotionCode promo = stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder()
                .setCode(code).setPromotion(PromotionCodeCreateParams.Promotion.builder()
                        .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).setCoupon(coupon.getId()).build())
                .setRestrictions(PromotionCodeCreateParams.Restrictions.builder().setMinimumAmount(3000L)
                        .setMinimumAmountCurrency("usd").build())
                .build());
        Session plain = createPayment();
        assertThat(complete(plain.getId(), "card_number=4242424242424242&promotion_code=" + code).body())
                .contains("\"param\":\"promotion_code\"");

        Session session = stripe.v1().checkout().sessions().create(twoLines().setAllowPromotionCodes(true).build());
        assertThat(session.getAllowPromotionCodes()).isTrue();
        assertThat(complete(session.getId(), "card_number=4242424242424242&promotion_code="
                + code.toLowerCase(java.util.Locale.ROOT)).statusCode()).isEqualTo(200);

        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getTotalDetails().getAmountDiscount()).isEqualTo(1000);
        assertThat(paid.getAmountTotal()).isEqualTo(4000);
        assertThat(paid.getDiscounts()).singleElement()
                .satisfies(d -> assertThat(d.getPromotionCode()).isEqualTo(promo.getId()));
        assertThat(stripe.v1().paymentIntents().retrieve(paid.getPaymentIntent()).getAmount()).isEqualTo(4000);
        assertThat(stripe.v1().promotionCodes().retrieve(promo.getId()).getTimesRedeemed()).isEqualTo(1);
        assertThat(stripe.v1().coupons().retrieve(coupon.getId()).getTimesRedeemed()).isEqualTo(1);
    }

    @Test
    void aPromotionCodeIsRefusedWhenItsRestrictionsDoNotHold() throws Exception {
        Coupon coupon = percentOff("20");
        PromotionCode promo = stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder()
                .setPromotion(PromotionCodeCreateParams.Promotion.builder()
                        .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).setCoupon(coupon.getId()).build())
                .setRestrictions(PromotionCodeCreateParams.Restrictions.builder().setMinimumAmount(10_000L)
                        .setMinimumAmountCurrency("usd").build())
                .build());
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(twoLines()
                .addDiscount(Discount.builder().setPromotionCode(promo.getId()).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getParam()).isEqualTo("discounts[0][promotion_code]");
                    assertThat(e.getMessage()).contains("at least 10000");
                });
        stripe.v1().promotionCodes().update(promo.getId(), PromotionCodeUpdateParams.builder().setActive(false).build());
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(twoLines()
                .addDiscount(Discount.builder().setPromotionCode(promo.getId()).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage()).contains("inactive"));
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(twoLines()
                .addDiscount(Discount.builder().setCoupon("missing").build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getParam()).isEqualTo("discounts[0][coupon]");
                });
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(twoLines().setAllowPromotionCodes(true)
                .addDiscount(Discount.builder().setCoupon(coupon.getId()).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("parameters_exclusive"));
        Coupon euros = amountOff(500, "eur");
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(twoLines()
                .addDiscount(Discount.builder().setCoupon(euros.getId()).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage()).contains("eur"));
    }

    @Test
    void aFullDiscountNeedsNoPayment() throws Exception {
        Coupon free = percentOff("100");
        Session session = stripe.v1().checkout().sessions().create(twoLines()
                .addDiscount(Discount.builder().setCoupon(free.getId()).build()).build());
        assertThat(session.getAmountTotal()).isZero();
        assertThat(complete(session.getId(), "card_number=4242424242424242").statusCode()).isEqualTo(200);

        Session done = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(done.getStatus()).isEqualTo("complete");
        assertThat(done.getPaymentStatus()).isEqualTo("no_payment_required");
        assertThat(done.getPaymentIntent()).isNull();
    }

    @Test
    void couponsAndRatesAreValidatedWhenCreated() {
        assertThatThrownBy(() -> stripe.v1().coupons().create(CouponCreateParams.builder().setAmountOff(100L).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("currency"));
        assertThatThrownBy(() -> stripe.v1().coupons().create(CouponCreateParams.builder()
                .setPercentOff(new BigDecimal("120")).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("percent_off"));
        assertThatThrownBy(() -> stripe.v1().coupons().create(CouponCreateParams.builder()
                .setPercentOff(new BigDecimal("10")).setDuration(CouponCreateParams.Duration.REPEATING).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("duration_in_months"));
        assertThatThrownBy(() -> stripe.v1().taxRates().create(TaxRateCreateParams.builder().setDisplayName("VAT")
                .setPercentage(new BigDecimal("19")).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("inclusive"));
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(twoLines()
                .addShippingOption(ShippingOption.builder().setShippingRate("shr_missing").build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("shipping_options[0][shipping_rate]"));
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L).addTaxRate("txr_missing").setPriceData(priceData(1000)).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("line_items[0][tax_rates][0]"));
    }

    private static SessionCreateParams.LineItem.PriceData priceData(long amount) {
        return SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd").setUnitAmount(amount)
                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName("Thing").build())
                .build();
    }

    private static SessionCreateParams.LineItem taxedItem(long amount, SessionCreateParams.LineItem.PriceData.TaxBehavior behavior) {
        return SessionCreateParams.LineItem.builder().setQuantity(1L).setPriceData(
                SessionCreateParams.LineItem.PriceData.builder().setCurrency("eur").setUnitAmount(amount)
                        .setTaxBehavior(behavior)
                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName("Thing")
                                .build()).build()).build();
    }

    @Test
    void automaticTaxUsesTheCustomersLocationOnLinesAndShipping() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://shop.example/ok")
                .addLineItem(taxedItem(10_000, SessionCreateParams.LineItem.PriceData.TaxBehavior.EXCLUSIVE))
                .addLineItem(taxedItem(5_000, SessionCreateParams.LineItem.PriceData.TaxBehavior.INCLUSIVE))
                .setAutomaticTax(SessionCreateParams.AutomaticTax.builder().setEnabled(true).build())
                .setShippingAddressCollection(SessionCreateParams.ShippingAddressCollection.builder()
                        .addAllowedCountry(SessionCreateParams.ShippingAddressCollection.AllowedCountry.DE).build())
                .addShippingOption(ShippingOption.builder().setShippingRateData(ShippingOption.ShippingRateData.builder()
                        .setDisplayName("DHL").setTaxBehavior(ShippingOption.ShippingRateData.TaxBehavior.EXCLUSIVE)
                        .setFixedAmount(ShippingOption.ShippingRateData.FixedAmount.builder().setAmount(500L)
                                .setCurrency("eur").build()).build()).build())
                .build());
        assertThat(session.getAutomaticTax().getEnabled()).isTrue();
        assertThat(session.getAutomaticTax().getStatus()).isEqualTo("requires_location_inputs");
        assertThat(session.getAmountTotal()).isEqualTo(15_500);

        assertThat(complete(session.getId(), "card_number=4242424242424242&shipping[name]=Ada"
                + "&shipping[address][line1]=Unter den Linden 1&shipping[address][city]=Berlin"
                + "&shipping[address][country]=DE").statusCode()).isEqualTo(200);

        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getAutomaticTax().getStatus()).isEqualTo("complete");
        // 19%: 1900 added to 10000; 798 inside 5000 (5000 x 19/119); 95 added to the 500 shipping.
        assertThat(lines(paid)).extracting(LineItem::getAmountTax).containsExactly(1900L, 798L);
        assertThat(paid.getShippingCost().getAmountTax()).isEqualTo(95);
        assertThat(paid.getTotalDetails().getAmountTax()).isEqualTo(2793);
        assertThat(paid.getAmountTotal()).isEqualTo(17_495);
        assertThat(stripe.v1().paymentIntents().retrieve(paid.getPaymentIntent()).getAmount()).isEqualTo(17_495);
    }

    @Test
    void aTestSetsTheAutomaticTaxTableThroughTheControlEndpoint() throws Exception {
        try {
            assertThat(postJson("/_emulator/automatic_tax", "{\"rates\": {\"US-CA\": \"10\", \"US\": \"0\"}}")
                    .statusCode()).isEqualTo(200);
            assertThat(postJson("/_emulator/automatic_tax", "{\"rates\": {\"california\": \"10\"}}").body())
                    .contains("\"param\":\"rates\"");
            Session session = stripe.v1().checkout().sessions().create(payment()
                    .setAutomaticTax(SessionCreateParams.AutomaticTax.builder().setEnabled(true).build()).build());
            assertThat(complete(session.getId(), "card_number=4242424242424242&billing_address[country]=US"
                    + "&billing_address[state]=CA&billing_address[postal_code]=94103").statusCode()).isEqualTo(200);
            assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getTotalDetails().getAmountTax())
                    .isEqualTo(400);
            assertThat(complete(stripe.v1().checkout().sessions().create(payment().setAutomaticTax(
                    SessionCreateParams.AutomaticTax.builder().setEnabled(true).build()).build()).getId(),
                    "card_number=4242424242424242").body()).contains("\"param\":\"billing_address[country]\"");
        } finally {
            emulator.automaticTax().reset();
        }
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L).addTaxRate(taxRate("19", false).getId())
                        .setPriceData(priceData(1000)).build())
                .setAutomaticTax(SessionCreateParams.AutomaticTax.builder().setEnabled(true).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("line_items[0][tax_rates]"));
    }

    @Test
    void anAdjustableQuantityIsTheCustomersToChooseWithinItsBounds() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://shop.example/ok")
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(2L).setPriceData(priceData(1000))
                        .setAdjustableQuantity(SessionCreateParams.LineItem.AdjustableQuantity.builder().setEnabled(true)
                                .setMinimum(1L).setMaximum(5L).build()).build())
                .addLineItem(item("usd", 500, 1)).build());
        assertThat(lines(session).get(0).getAdjustableQuantity().getMaximum()).isEqualTo(5);
        assertThat(get("/c/pay/" + session.getId()).body()).contains("name=\"quantity_0\"", "max=\"5\"")
                .doesNotContain("name=\"quantity_1\"");

        assertThat(complete(session.getId(), "card_number=4242424242424242&line_items[0][quantity]=9").body())
                .contains("\"param\":\"line_items[0][quantity]\"");
        assertThat(complete(session.getId(), "card_number=4242424242424242&line_items[1][quantity]=3").body())
                .contains("not adjustable");
        assertThat(complete(session.getId(), "card_number=4242424242424242&line_items[0][quantity]=4").statusCode())
                .isEqualTo(200);

        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getAmountTotal()).isEqualTo(4500);
        assertThat(lines(paid).get(0).getQuantity()).isEqualTo(4);
        assertThat(stripe.v1().paymentIntents().retrieve(paid.getPaymentIntent()).getAmount()).isEqualTo(4500);
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(7L).setPriceData(priceData(1000))
                        .setAdjustableQuantity(SessionCreateParams.LineItem.AdjustableQuantity.builder().setEnabled(true)
                                .setMaximum(5L).build()).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("line_items[0][quantity]"));
    }
}
