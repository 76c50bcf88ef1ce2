package org.checkoutpipeline.stripeemulator.checkout;

import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.catalog.Coupon;
import org.checkoutpipeline.stripeemulator.catalog.PromotionCode;
import org.checkoutpipeline.stripeemulator.store.EmulatorStore;

/**
 * Decides whether a coupon or promotion code may discount a session, with Stripe's rules: the
 * coupon exists and is valid (not past {@code redeem_by} or {@code max_redemptions}), an
 * {@code amount_off} is in the session's currency; a promotion code is active, not expired, not
 * used up, and its restrictions hold (customer, minimum subtotal, first-time transaction).
 * Refusals name the parameter ({@code discounts[0][promotion_code]}, or the page's code field).
 */
final class Discounts {

    private final EmulatorStore store;

    Discounts(EmulatorStore store) {
        this.store = store;
    }

    SessionOptions.Discount coupon(String couponId, String currency, long now, String param) {
        Coupon coupon = store.coupons().get(couponId);
        if (coupon == null) {
            throw ApiError.invalid("resource_missing", param, "No such coupon: '" + couponId + "'");
        }
        checkCoupon(coupon, currency, now, param);
        return new SessionOptions.Discount(coupon, null);
    }

    /** @param customerId the session's customer, or null */
    SessionOptions.Discount promotionCode(PromotionCode code, String currency, long subtotal,
            String customerId, long now, String param) {
        if (!code.active()) {
            throw ApiError.invalid(null, param, "This promotion code (" + code.code() + ") is inactive.");
        }
        if (code.expiresAt() != null && now >= code.expiresAt()) {
            throw ApiError.invalid(null, param, "This promotion code (" + code.code() + ") has expired.");
        }
        if (code.maxRedemptions() != null && code.timesRedeemed() >= code.maxRedemptions()) {
            throw ApiError.invalid(null, param, "This promotion code (" + code.code()
                    + ") has been redeemed the maximum number of times.");
        }
        if (code.customer() != null && !code.customer().equals(customerId)) {
            throw ApiError.invalid(null, param, "This promotion code (" + code.code()
                    + ") is restricted to another customer.");
        }
        if (code.minimumAmount() != null) {
            if (!code.minimumAmountCurrency().equals(currency)) {
                throw ApiError.invalid(null, param, "This promotion code (" + code.code() + ") needs an order in "
                        + code.minimumAmountCurrency() + "; this session is in " + currency + ".");
            }
            if (subtotal < code.minimumAmount()) {
                throw ApiError.invalid(null, param, "This promotion code (" + code.code() + ") needs a subtotal"
                        + " of at least " + code.minimumAmount() + " " + currency + " minor units (it is "
                        + subtotal + ").");
            }
        }
        if (code.firstTimeTransaction() && customerId != null && hasPaid(customerId)) {
            throw ApiError.invalid(null, param, "This promotion code (" + code.code()
                    + ") is for first-time customers only; this customer has paid before.");
        }
        Coupon coupon = store.coupons().get(code.coupon());
        if (coupon == null) {
            throw ApiError.invalid(null, param, "This promotion code's coupon (" + code.coupon() + ") no longer exists.");
        }
        checkCoupon(coupon, currency, now, param);
        return new SessionOptions.Discount(coupon, code);
    }

    /** The active promotion code a customer typed (codes are case-insensitive), or null. */
    PromotionCode activeCode(String typed) {
        for (PromotionCode code : store.promotionCodes().all()) {
            if (code.active() && code.code().equalsIgnoreCase(typed)) {
                return code;
            }
        }
        return null;
    }

    /** Counts the redemption of a completed session's discount. */
    void redeem(SessionOptions.Discount discount) {
        if (discount == null) {
            return;
        }
        store.coupons().update(discount.coupon().id(), Coupon::redeemed);
        if (discount.promotionCode() != null) {
            store.promotionCodes().update(discount.promotionCode().id(), PromotionCode::redeemed);
        }
    }

    private static void checkCoupon(Coupon coupon, String currency, long now, String param) {
        if (!coupon.valid(now)) {
            throw ApiError.invalid(null, param, "This coupon (" + coupon.id() + ") is no longer valid: it is"
                    + " past its redeem_by date or its max_redemptions.");
        }
        if (coupon.amountOff() != null && !coupon.currency().equals(currency)) {
            throw ApiError.invalid(null, param, "The coupon " + coupon.id() + " takes an amount off in "
                    + coupon.currency() + "; this session is in " + currency + ".");
        }
    }

    private boolean hasPaid(String customerId) {
        for (CheckoutSession s : store.sessions().all()) {
            if (customerId.equals(s.customerId()) && s.status() == CheckoutSession.Status.COMPLETE) {
                return true;
            }
        }
        return false;
    }
}
