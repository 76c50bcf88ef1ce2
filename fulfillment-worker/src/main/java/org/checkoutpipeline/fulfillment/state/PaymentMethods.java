package org.checkoutpipeline.fulfillment.state;

import java.util.Set;

/**
 * How a Stripe payment method type pays, as far as cancellation reasons need it: a voucher is paid
 * later in cash or at a bank (its expiry is {@code VOUCHER_EXPIRED}); a redirect method sends the
 * customer to a bank or wallet (a failure there is {@code REDIRECT_PAYMENT_FAILED}). Cards and Link
 * pay in place and bank debits settle later; neither is a redirect. The lists follow the categories of
 * the project's payment method fact sheet; a type not listed (wallets, bank redirects, buy now pay
 * later, real-time payments) counts as a redirect.
 */
final class PaymentMethods {

    static final Set<String> VOUCHERS = Set.of("boleto", "konbini", "multibanco", "oxxo");
    static final Set<String> IN_PLACE = Set.of("card", "kr_card", "link");
    /** Bank debits, and the bank transfer of {@code customer_balance}: they settle after Checkout. */
    static final Set<String> DEBITS = Set.of("acss_debit", "au_becs_debit", "bacs_debit", "customer_balance",
            "nz_bank_account", "sepa_debit", "us_bank_account");

    private PaymentMethods() {
    }

    static boolean isVoucher(String type) {
        return type != null && VOUCHERS.contains(type);
    }

    static boolean isRedirect(String type) {
        return type != null && !IN_PLACE.contains(type) && !DEBITS.contains(type) && !VOUCHERS.contains(type);
    }
}
