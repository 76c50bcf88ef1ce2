package org.checkoutpipeline.stripeemulator.checkout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.Params;
import org.checkoutpipeline.stripeemulator.methods.PaymentMethodCatalog;
import org.checkoutpipeline.stripeemulator.methods.PaymentMethodSpec;
import org.checkoutpipeline.stripeemulator.methods.TestPayments;

/**
 * What happens when the customer pays, chosen as in Stripe's test mode: by the payment method and
 * its test value (a test card number, a test IBAN or account number, a voucher email pattern, the
 * redirect test page's authorize / fail), or by an explicit {@code outcome}.
 *
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><td>4242424242424242, 5555555555554444, {@code outcome=success}</td><td>paid</td></tr>
 *   <tr><td>4000000000000002</td><td>declined: card_declined / generic_decline</td></tr>
 *   <tr><td>4000000000009995</td><td>declined: card_declined / insufficient_funds</td></tr>
 *   <tr><td>4000000000000069</td><td>declined: expired_card</td></tr>
 *   <tr><td>4000000000000127</td><td>declined: incorrect_cvc</td></tr>
 *   <tr><td>4000002760003184</td><td>paid after 3D Secure authentication (approved, or failed on
 *     the payment page)</td></tr>
 *   <tr><td>a redirect method</td><td>paid when authorized on the test page; failed otherwise</td></tr>
 *   <tr><td>a debit's test value ({@link TestPayments}), {@code outcome=async_success / _failure}</td>
 *     <td>completes unpaid, later succeeds or fails</td></tr>
 *   <tr><td>a voucher</td><td>completes unpaid, later paid or expired per the email pattern</td></tr>
 * </table>
 *
 * @param decline for a declined card: Stripe's error code, decline code and message
 * @param settleAfterSeconds for a delayed outcome, emulator seconds until it settles:
 *     {@link #CONFIGURED_DELAY} for the emulator's configured delay, {@link #AT_VOUCHER_EXPIRY}
 * @param details the PaymentMethod's type-specific hash ({@code card}: brand, last4, ...)
 */
public record PaymentOutcome(Kind kind, String paymentMethodType, Decline decline, long settleAfterSeconds,
        Map<String, Object> details) {

    /** The kind of outcome. */
    public enum Kind { SUCCESS, DECLINE, ASYNC_SUCCESS, ASYNC_FAILURE }

    /** A card decline as Stripe reports it. */
    public record Decline(String code, String declineCode, String message) {}

    public static final long CONFIGURED_DELAY = -1;
    public static final long AT_VOUCHER_EXPIRY = -2;
    public static final String ASYNC_SUCCESS_IBAN = "DE89370400440532013000";
    public static final String ASYNC_FAILURE_IBAN = "DE62370400440532013001";
    /** Stripe's test card that requires 3D Secure authentication before it pays. */
    public static final String AUTHENTICATION_CARD = "4000002760003184";
    private static final String DEFAULT_CARD = "4242424242424242";

    private static final List<String> SUCCESS_CARDS = List.of(DEFAULT_CARD,
            "5555555555554444", "4000056655665556", "378282246310005", "6011111111111117");
    private static final Map<String, Decline> DECLINE_CARDS = Map.of(
            "4000000000000002", new Decline("card_declined", "generic_decline", "Your card was declined."),
            "4000000000009995", new Decline("card_declined", "insufficient_funds",
                    "Your card has insufficient funds."),
            "4000000000000069", new Decline("expired_card", "expired_card", "Your card has expired."),
            "4000000000000127", new Decline("incorrect_cvc", "incorrect_cvc",
                    "Your card's security code is incorrect."));
    private static final List<String> OUTCOMES = List.of("success", "async_success", "async_failure");
    private static final List<String> REDIRECT_RESULTS = List.of("authorize", "fail");

    public static PaymentOutcome success() {
        return paid("card", cardDetails(DEFAULT_CARD));
    }

    /** Paid at once with {@code type} (a card, Link, an authorized redirect). */
    public static PaymentOutcome paid(String type, Map<String, Object> details) {
        return new PaymentOutcome(Kind.SUCCESS, type, null, 0, details);
    }

    /** Completes unpaid, then succeeds or fails after {@code settleAfterSeconds}. */
    public static PaymentOutcome delayed(String type, boolean succeeds, long settleAfterSeconds,
            Map<String, Object> details) {
        return new PaymentOutcome(succeeds ? Kind.ASYNC_SUCCESS : Kind.ASYNC_FAILURE, type, null,
                settleAfterSeconds, details);
    }

    /**
     * The outcome of paying with a test card (spaces ignored), or null when the number is not one
     * of Stripe's test cards. {@link #AUTHENTICATION_CARD} is not included: it needs a decision
     * first, which only the payment page asks for.
     */
    public static PaymentOutcome ofCard(String number) {
        String digits = number.replace(" ", "");
        if (SUCCESS_CARDS.contains(digits)) {
            return paid("card", cardDetails(digits));
        }
        Decline decline = DECLINE_CARDS.get(digits);
        return decline == null ? null : new PaymentOutcome(Kind.DECLINE, "card", decline, 0, cardDetails(digits));
    }

    /** The 3D Secure test card, once the customer approved the authentication. */
    public static PaymentOutcome authenticated() {
        return paid("card", cardDetails(AUTHENTICATION_CARD));
    }

    /** The delayed outcome of a debit's test value (spaces and case ignored), or null for other values. */
    public static PaymentOutcome ofDebit(String type, String value) {
        TestPayments.Result result = TestPayments.debitResult(type, value);
        if (result == null) {
            return null;
        }
        String compact = value.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        return delayed(type, result.succeeds(), result.delayed() ? TestPayments.DELAYED_SECONDS : CONFIGURED_DELAY,
                debitDetails(type, compact));
    }

    /** The delayed outcome of a test IBAN (spaces and case ignored), or null for other IBANs. */
    public static PaymentOutcome ofIban(String iban) {
        return ofDebit("sepa_debit", iban);
    }

    /** A voucher (OXXO, Boleto, Konbini, Multibanco) whose fate the customer's email decides. */
    public static PaymentOutcome ofVoucher(String type, String email) {
        return ofVoucher(type, email, Map.of());
    }

    /** A voucher with its PaymentMethod's details (Boleto's {@code tax_id}: the CPF or CNPJ). */
    public static PaymentOutcome ofVoucher(String type, String email, Map<String, Object> details) {
        TestPayments.VoucherFate fate = TestPayments.voucher(email);
        return delayed(type, fate.paid, fate.afterSeconds < 0 ? AT_VOUCHER_EXPIRY : fate.afterSeconds, details);
    }

    /**
     * Reads the completion control's {@code payment_method} with its test value ({@code card_number},
     * the debit's {@code iban} / {@code account_number}, {@code redirect=authorize|fail}, the voucher's
     * {@code email}), or the older {@code iban} / {@code outcome} alone; a card 4242... when none is
     * given. The method must be one the session offers.
     */
    public static PaymentOutcome from(Params params, CheckoutSession session) {
        String card = params.nonEmptyString("card_number", "");
        String iban = params.nonEmptyString("iban", "");
        String outcome = params.nonEmptyString("outcome", "");
        int given = (card != null ? 1 : 0) + (iban != null ? 1 : 0) + (outcome != null ? 1 : 0);
        if (given > 1) {
            throw ApiError.invalid("parameters_exclusive", "outcome",
                    "You may only specify one of these parameters: card_number, iban, outcome.");
        }
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw ApiError.invalidEnum("outcome", outcome, OUTCOMES);
        }
        String type = params.nonEmptyString("payment_method", "");
        if (type == null) {
            type = iban != null || (outcome != null && outcome.startsWith("async")) ? "sepa_debit" : "card";
        }
        PaymentMethodSpec spec = PaymentMethodCatalog.stripe().get(type);
        if (spec == null || !session.methods().offers(type)) {
            throw ApiError.invalid(null, "payment_method", "This Checkout Session does not offer the payment"
                    + " method `" + type + "`; it offers " + String.join(", ", session.methods().types()) + ".");
        }
        boolean debit = spec.flow() == org.checkoutpipeline.stripeemulator.methods.Flow.DELAYED_DEBIT;
        if (outcome != null && outcome.startsWith("async") != debit) {
            throw ApiError.invalid(null, "outcome", debit
                    ? "`outcome=" + outcome + "` pays at once; `" + type + "` is a delayed debit: use"
                            + " `outcome=async_success` or `async_failure`, or one of its test values."
                    : "`outcome=" + outcome + "` needs a delayed payment method; `" + type + "` is not one.");
        }
        return switch (spec.flow()) {
            case IMMEDIATE -> type.equals("card") ? card(card) : paid(type, Map.of());
            case REDIRECT -> redirect(params, type);
            case DELAYED_DEBIT -> debit(params, type, iban, outcome, session);
            // The email the customer pays with decides a voucher's fate: the one entered, else the prefilled one.
            case VOUCHER -> ofVoucher(type, params.nonEmptyString("email", "") != null
                    ? params.nonEmptyString("email", "") : session.customerEmail(), boletoDetails(params, type));
        };
    }

    private static PaymentOutcome card(String card) {
        if (card == null) {
            return success();
        }
        String digits = card.replace(" ", "");
        PaymentOutcome result = digits.equals(AUTHENTICATION_CARD) ? authenticated() : ofCard(digits);
        if (result == null) {
            throw ApiError.invalid(null, "card_number", "Unknown test card number: " + card
                    + ". Use 4242424242424242 (succeeds) or a decline card such as 4000000000000002.");
        }
        return result;
    }

    private static PaymentOutcome redirect(Params params, String type) {
        String result = params.nonEmptyString("redirect", "");
        if (result != null && !REDIRECT_RESULTS.contains(result)) {
            throw ApiError.invalidEnum("redirect", result, REDIRECT_RESULTS);
        }
        if ("fail".equals(result)) {
            return authenticationFailed(type);
        }
        return paid(type, Map.of());
    }

    /** A customer who failed the redirect's (or a card's 3D Secure) test step: Stripe's authentication failure. */
    public static PaymentOutcome authenticationFailed(String type) {
        ApiError error = redirectFailed();
        return new PaymentOutcome(Kind.DECLINE, type, new Decline(error.code(), null, error.getMessage()), 0, Map.of());
    }

    /** The 402 a declined attempt answers: a card decline is a {@code card_error}, a failed authentication is not. */
    public ApiError declineError() {
        if (decline.code().equals("payment_intent_authentication_failure")) {
            return redirectFailed();
        }
        return new ApiError(402, "card_error", decline.code(), null, decline.message(), decline.declineCode(), false);
    }

    /** {@code last_payment_error.type} of this declined attempt. */
    public String declineType() {
        return decline.code().equals("payment_intent_authentication_failure") ? "invalid_request_error" : "card_error";
    }

    /** The error of a redirect the customer failed on the test page: Stripe's authentication failure. */
    public static ApiError redirectFailed() {
        return new ApiError(402, "invalid_request_error", "payment_intent_authentication_failure", null,
                "The provided payment method has failed authentication. Provide a new payment method to attempt"
                        + " to fulfill this PaymentIntent again.", null, false);
    }

    private static PaymentOutcome debit(Params params, String type, String iban, String outcome,
            CheckoutSession session) {
        TestPayments.DebitInput input = TestPayments.debit(type);
        String value = iban != null ? iban : params.nonEmptyString(input.field(), "");
        PaymentOutcome result;
        if (outcome != null) {
            String first = input.values().keySet().iterator().next();
            result = delayed(type, outcome.equals("async_success"), CONFIGURED_DELAY, debitDetails(type, first));
        } else if (value == null) {
            result = ofDebit(type, input.values().keySet().iterator().next());
        } else {
            result = ofDebit(type, value);
            if (result == null) {
                throw ApiError.invalid(null, iban != null ? "iban" : input.field(), "Unknown test " + input.label()
                        + " for " + type + ": " + value + ". Use one of " + String.join(", ", input.values().keySet())
                        + ".");
            }
        }
        return outcome == null ? result.in(session.mode()) : result;
    }

    /** This outcome for a session in {@code mode}: saving a debit mandate charges nothing, so nothing settles later. */
    public PaymentOutcome in(CheckoutSession.Mode mode) {
        return mode == CheckoutSession.Mode.SETUP && isAsync() ? paid(paymentMethodType, details) : this;
    }

    /** Boleto's CPF or CNPJ from the control's {@code boleto_tax_id} (digits, 11 or 14), as its PaymentMethod holds it. */
    private static Map<String, Object> boletoDetails(Params params, String type) {
        String taxId = params.nonEmptyString("boleto_tax_id", "");
        if (!type.equals("boleto")) {
            if (taxId != null) {
                throw ApiError.invalid(null, "boleto_tax_id", "`boleto_tax_id` applies to Boleto only, not `" + type + "`.");
            }
            return Map.of();
        }
        String digits = taxId == null ? "00000000000" : taxId.replaceAll("[.\\-/ ]", "");
        if (!digits.matches("\\d{11}|\\d{14}")) {
            throw ApiError.invalid(null, "boleto_tax_id", "Invalid boleto_tax_id: " + taxId
                    + ". Enter a CPF (11 digits) or CNPJ (14 digits), such as 000.000.000-00.");
        }
        return Map.of("tax_id", digits);
    }

    public boolean isAsync() {
        return kind == Kind.ASYNC_SUCCESS || kind == Kind.ASYNC_FAILURE;
    }

    static Map<String, Object> cardDetails(String number) {
        String brand = number.startsWith("4") ? "visa" : number.startsWith("5") ? "mastercard"
                : number.startsWith("3") ? "amex" : number.startsWith("6") ? "discover" : "unknown";
        var checks = new LinkedHashMap<String, Object>();
        checks.put("address_line1_check", null);
        checks.put("address_postal_code_check", null);
        checks.put("cvc_check", "pass");
        var card = new LinkedHashMap<String, Object>();
        card.put("brand", brand);
        card.put("checks", checks);
        card.put("country", "US");
        card.put("display_brand", brand);
        card.put("exp_month", 12);
        card.put("exp_year", 2034);
        card.put("fingerprint", fingerprint(number));
        card.put("funding", "credit");
        card.put("generated_from", null);
        card.put("last4", number.substring(number.length() - 4));
        card.put("networks", Map.of("available", List.of(brand)));
        card.put("regulated_status", null);
        card.put("three_d_secure_usage", Map.of("supported", true));
        card.put("wallet", null);
        return java.util.Collections.unmodifiableMap(card);
    }

    private static Map<String, Object> debitDetails(String type, String value) {
        var details = new LinkedHashMap<String, Object>();
        String last4 = value.substring(Math.max(0, value.length() - 4));
        switch (type) {
            case "sepa_debit" -> {
                details.put("bank_code", value.length() >= 12 ? value.substring(4, 12) : null);
                details.put("branch_code", "");
                details.put("country", value.substring(0, 2));
                details.put("generated_from", null);
            }
            case "us_bank_account" -> {
                details.put("account_holder_type", "individual");
                details.put("account_type", "checking");
                details.put("bank_name", "STRIPE TEST BANK");
                details.put("routing_number", "110000000");
            }
            case "bacs_debit" -> details.put("sort_code", "108800");
            case "au_becs_debit" -> details.put("bsb_number", "000000");
            case "acss_debit" -> {
                details.put("bank_name", "STRIPE TEST BANK");
                details.put("institution_number", "000");
                details.put("transit_number", "11000");
            }
            default -> { }
        }
        details.put("fingerprint", fingerprint(value));
        details.put("last4", last4);
        return java.util.Collections.unmodifiableMap(details);
    }

    private static String fingerprint(String value) {
        return Integer.toHexString(value.hashCode() & 0x7fffffff) + "emul";
    }
}
