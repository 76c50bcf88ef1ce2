package org.checkoutpipeline.allinone.demo;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.PromotionCodeCreateParams;
import org.checkoutpipeline.events.CaptureState;
import org.checkoutpipeline.events.ChargedLineItem;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.Purchase;

/**
 * The demo merchant's Stripe account: a promotion code its shipped-goods customers type in, and what
 * each story's {@code FulfillmentRequested} must carry for a warehouse, a mailer and a ledger.
 */
final class DemoShop {

    private DemoShop() {
    }

    /** Creates a 10 % coupon and a promotion code for it (unique to this run); returns the code customers type. */
    static String promotionCode(String apiBase, String apiKey, String runTag) {
        StripeClient stripe = StripeClient.builder().setApiKey(apiKey).setApiBase(apiBase).build();
        String code = "DEMO" + UUID.nameUUIDFromBytes(runTag.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT);
        try {
            var coupon = stripe.v1().coupons().create(CouponCreateParams.builder().setPercentOff(new BigDecimal("10"))
                    .setName("Demo 10 % off").build());
            stripe.v1().promotionCodes().create(PromotionCodeCreateParams.builder().setCode(code)
                    .setPromotion(PromotionCodeCreateParams.Promotion.builder()
                            .setType(PromotionCodeCreateParams.Promotion.Type.COUPON).setCoupon(coupon.getId()).build())
                    .build());
        } catch (StripeException e) {
            throw new IllegalStateException("Could not create the demo's promotion code: " + e.getMessage(), e);
        }
        return code;
    }

    /** What the story's fulfilment lacks, or null when it carries everything the story implies. */
    static String missingFromPurchase(Story story, CheckoutMode mode, Purchase purchase) {
        if (purchase == null || !purchase.getFetched()) {
            return "the purchase read back from Stripe";
        }
        if (mode != CheckoutMode.SETUP && purchase.getLineItems().isEmpty()) {
            return "its charged line items";
        }
        return switch (story) {
            case SHIP_WITH_CODE -> purchase.getShipping() == null || purchase.getShipping().getAddress() == null
                    ? "the shipping address"
                    : purchase.getShipping().getAmount() <= 0 ? "the shipping cost"
                    : purchase.getDiscounts().isEmpty() || purchase.getDiscounts().get(0).getPromotionCodeId() == null
                    ? "the promotion code" : purchase.getAmounts().getTax() <= 0 ? "the tax"
                    : purchase.getLineItems().stream().map(ChargedLineItem::getSku).anyMatch(java.util.Objects::isNull)
                    ? "a SKU on every line" : null;
            case TRIAL -> purchase.getTrialEnd() == null ? "the trial end" : null;
            case REDIRECT_PAYS -> "ideal".equals(purchase.getPaymentMethodType()) ? null : "payment method ideal";
            case VOUCHER_PAID -> "konbini".equals(purchase.getPaymentMethodType()) ? null : "payment method konbini";
            case PAY, DECLINED_THEN_PAY, CANCEL_THEN_PAY, EMBEDDED -> purchase.getCapture() == CaptureState.CAPTURED
                    || purchase.getCapture() == CaptureState.NONE ? null : "a captured payment";
            default -> null;
        };
    }
}
