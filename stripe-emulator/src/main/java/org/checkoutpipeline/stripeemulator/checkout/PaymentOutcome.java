package org.checkoutpipeline.stripeemulator.checkout;

import java.util.List;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.Params;

/**
 * What happens when the customer pays: chosen by a Stripe test card number, a test IBAN (delayed
 * SEPA debit) or an explicit {@code outcome}.
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
 *   <tr><td>DE89370400440532013000, {@code outcome=async_success}</td><td>completes unpaid,
 *     later succeeds</td></tr>
 *   <tr><td>DE62370400440532013001, {@code outcome=async_failure}</td><td>completes unpaid,
 *     later fails</td></tr>
 * </table>
 *
 * @param decline for a declined card: Stripe's error code, decline code and message
 */
public record PaymentOutcome(Kind kind, String paymentMethodType, Decline decline) {

    /** The kind of outcome. */
    public enum Kind { SUCCESS, DECLINE, ASYNC_SUCCESS, ASYNC_FAILURE }

    /** A card decline as Stripe reports it. */
    public record Decline(String code, String declineCode, String message) {}

    public static final String ASYNC_SUCCESS_IBAN = "DE89370400440532013000";
    public static final String ASYNC_FAILURE_IBAN = "DE62370400440532013001";
    /** Stripe's test card that requires 3D Secure authentication before it pays. */
    public static final String AUTHENTICATION_CARD = "4000002760003184";

    private static final List<String> SUCCESS_CARDS = List.of("4242424242424242",
            "5555555555554444", "4000056655665556", "378282246310005", "6011111111111117");
    private static final Map<String, Decline> DECLINE_CARDS = Map.of(
            "4000000000000002", new Decline("card_declined", "generic_decline", "Your card was declined."),
            "4000000000009995", new Decline("card_declined", "insufficient_funds",
                    "Your card has insufficient funds."),
            "4000000000000069", new Decline("expired_card", "expired_card", "Your card has expired."),
            "4000000000000127", new Decline("incorrect_cvc", "incorrect_cvc",
                    "Your card's security code is incorrect."));
    private static final List<String> OUTCOMES = List.of("success", "async_success", "async_failure");

    public static PaymentOutcome success() {
        return new PaymentOutcome(Kind.SUCCESS, "card", null);
    }

    /**
     * The outcome of paying with a test card (spaces ignored), or null when the number is not one
     * of Stripe's test cards. {@link #AUTHENTICATION_CARD} is not included: it needs a decision
     * first, which only the payment page asks for.
     */
    public static PaymentOutcome ofCard(String number) {
        String digits = number.replace(" ", "");
        if (SUCCESS_CARDS.contains(digits)) {
            return success();
        }
        Decline decline = DECLINE_CARDS.get(digits);
        return decline == null ? null : new PaymentOutcome(Kind.DECLINE, "card", decline);
    }

    /** The delayed outcome of a test IBAN (spaces and case ignored), or null for other IBANs. */
    public static PaymentOutcome ofIban(String iban) {
        String normalized = iban.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (normalized.equals(ASYNC_SUCCESS_IBAN)) {
            return new PaymentOutcome(Kind.ASYNC_SUCCESS, "sepa_debit", null);
        }
        if (normalized.equals(ASYNC_FAILURE_IBAN)) {
            return new PaymentOutcome(Kind.ASYNC_FAILURE, "sepa_debit", null);
        }
        return null;
    }

    /**
     * Reads {@code card_number}, {@code iban} or {@code outcome}; a card 4242... when none given.
     * {@link #AUTHENTICATION_CARD} pays as if the customer approved the authentication step.
     */
    public static PaymentOutcome from(Params params) {
        String card = params.nonEmptyString("card_number", "");
        String iban = params.nonEmptyString("iban", "");
        String outcome = params.nonEmptyString("outcome", "");
        int given = (card != null ? 1 : 0) + (iban != null ? 1 : 0) + (outcome != null ? 1 : 0);
        if (given > 1) {
            throw ApiError.invalid("parameters_exclusive", "outcome",
                    "You may only specify one of these parameters: card_number, iban, outcome.");
        }
        if (card != null) {
            String digits = card.replace(" ", "");
            PaymentOutcome result = digits.equals(AUTHENTICATION_CARD) ? success() : ofCard(digits);
            if (result == null) {
                throw ApiError.invalid(null, "card_number", "Unknown test card number: " + card
                        + ". Use 4242424242424242 (succeeds) or a decline card such as 4000000000000002.");
            }
            return result;
        }
        if (iban != null) {
            PaymentOutcome result = ofIban(iban);
            if (result == null) {
                throw ApiError.invalid(null, "iban", "Unknown test IBAN: " + iban + ". Use "
                        + ASYNC_SUCCESS_IBAN + " (succeeds later) or " + ASYNC_FAILURE_IBAN
                        + " (fails later).");
            }
            return result;
        }
        if (outcome == null || outcome.equals("success")) {
            return success();
        }
        return switch (outcome) {
            case "async_success" -> new PaymentOutcome(Kind.ASYNC_SUCCESS, "sepa_debit", null);
            case "async_failure" -> new PaymentOutcome(Kind.ASYNC_FAILURE, "sepa_debit", null);
            default -> throw ApiError.invalidEnum("outcome", outcome, OUTCOMES);
        };
    }

    public boolean isAsync() {
        return kind == Kind.ASYNC_SUCCESS || kind == Kind.ASYNC_FAILURE;
    }
}
