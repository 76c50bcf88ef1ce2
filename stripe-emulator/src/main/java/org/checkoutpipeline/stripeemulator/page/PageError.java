package org.checkoutpipeline.stripeemulator.page;

import java.util.Arrays;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;

/**
 * What the payment page tells the customer when a payment attempt did not go through, in Stripe's
 * words. The code travels in the page's address after a redirect ({@code ?error=card_declined}),
 * so the message shown is always one of these fixed texts; what the customer entered does not (see
 * {@link EnteredValues}).
 */
public enum PageError {
    GENERIC_DECLINE("generic_decline", "Your card was declined."),
    INSUFFICIENT_FUNDS("insufficient_funds", "Your card has insufficient funds."),
    EXPIRED_CARD("expired_card", "Your card has expired."),
    INCORRECT_CVC("incorrect_cvc", "Your card's security code is incorrect."),
    AUTHENTICATION_FAILED("payment_intent_authentication_failure", "We are unable to authenticate"
            + " your payment method. Please choose a different payment method and try again."),
    LIVE_CARD("live_card_in_test_mode", "Your card was declined. Your request was in test mode, but"
            + " used a non test card. For a list of valid test cards, visit:"
            + " https://stripe.com/docs/testing."),
    INCORRECT_NUMBER("incorrect_number", "Your card number is invalid."),
    INCOMPLETE_NUMBER("incomplete_number", "Your card number is incomplete."),
    INVALID_EXPIRY("invalid_expiry", "Your card's expiration date is incomplete. Enter it as MM / YY."),
    EXPIRY_IN_PAST("expiry_in_past", "Your card's expiration date is in the past."),
    INCOMPLETE_CVC("incomplete_cvc", "Your card's security code is incomplete."),
    INVALID_EMAIL("email_invalid", "Your email address is invalid."),
    INCOMPLETE_IBAN("incomplete_iban", "The IBAN you entered is incomplete."),
    UNKNOWN_IBAN("test_iban_required", "In test mode, use the test IBAN "
            + PaymentOutcome.ASYNC_SUCCESS_IBAN + " (succeeds after a delay) or "
            + PaymentOutcome.ASYNC_FAILURE_IBAN + " (fails after a delay)."),
    INCOMPLETE_NAME("incomplete_name", "Enter the account holder's full name."),
    INCOMPLETE_ACCOUNT("incomplete_account_number", "Your account number is incomplete."),
    UNKNOWN_ACCOUNT("test_account_number_required", "In test mode, use one of the test account numbers listed"
            + " below the field."),
    INCOMPLETE_BOLETO_TAX_ID("incomplete_boleto_tax_id", "Enter your CPF or CNPJ (11 or 14 digits)."),
    PROMOTION_CODE_INVALID("promotion_code_invalid", "This code is invalid."),
    PROMOTION_CODE_RESTRICTED("promotion_code_restricted", "This code can't be applied to this order."),
    INCOMPLETE_SHIPPING("incomplete_shipping_address", "Your shipping address is incomplete."),
    SHIPPING_COUNTRY("shipping_country_unavailable", "Shipping to this country isn't available. Choose"
            + " another address."),
    INCOMPLETE_BILLING("incomplete_billing_address", "Your billing address is incomplete."),
    INVALID_PHONE("invalid_phone", "Your phone number is incomplete or invalid."),
    INVALID_TAX_ID("invalid_tax_id", "Your tax ID is incomplete or invalid."),
    INCOMPLETE_FIELD("incomplete_custom_field", "Fill in every required field; check the values you entered."),
    TERMS_REQUIRED("terms_of_service_required", "Agree to the terms of service to continue.");

    private final String code;
    private final String message;

    PageError(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** The error for a code from the page address, or null for anything unknown. */
    public static PageError fromCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst().orElse(null);
    }

    /** The page's message for a Stripe decline code; the generic decline for any it has no words for. */
    public static PageError forDecline(String declineCode) {
        PageError error = fromCode(declineCode);
        return error == null ? GENERIC_DECLINE : error;
    }
}
