package org.checkoutpipeline.stripeemulator.page;

import java.time.YearMonth;
import java.util.Map;
import java.util.regex.Pattern;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;
import org.checkoutpipeline.stripeemulator.checkout.CompletionService.Payer;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;

/**
 * Reads the payment page's form and decides what it asks for, the way Stripe's page checks the
 * card before charging: incomplete or invalid fields and declined test cards send the customer
 * back to the form with a message; a good test card or IBAN pays; the 3D Secure test card first
 * asks for authentication.
 */
final class PaymentForm {

    static final String CARD = "card";
    static final String SEPA_DEBIT = "sepa_debit";
    private static final int MAX_FIELD_LENGTH = 512;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern EXPIRY = Pattern.compile("(\\d{1,2})\\s*/?\\s*(\\d{2}|\\d{4})");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private PaymentForm() {}

    /** What the submission asks for. */
    sealed interface Submission permits Pay, Authenticate, Retry {}

    /** Charge (or start a delayed debit) now. */
    record Pay(PaymentOutcome outcome, Payer payer) implements Submission {}

    /** Show the 3D Secure step before paying. */
    record Authenticate(Payer payer) implements Submission {}

    /** Back to the form with a message. */
    record Retry(PageError error, String email, String paymentMethod) implements Submission {}

    /**
     * @param form the decoded form fields
     * @param today the emulator's current month, against which card expiry is checked
     * @throws BadForm when the submission is not the page's form at all
     */
    static Submission read(Map<String, Object> form, CheckoutSession session, YearMonth today) {
        String method = field(form, "payment_method");
        if (method == null || !(method.equals(CARD) || method.equals(SEPA_DEBIT))) {
            throw new BadForm("payment_method must be 'card' or 'sepa_debit', was "
                    + (method == null ? "missing" : "'" + method + "'") + ".");
        }
        String email = trim(field(form, "email"));
        if (email == null || !EMAIL.matcher(email).matches()) {
            return new Retry(PageError.INVALID_EMAIL, email, method);
        }
        return method.equals(CARD) ? card(form, email, today) : sepa(form, email, session);
    }

    private static Submission card(Map<String, Object> form, String email, YearMonth today) {
        String number = digitsOnly(field(form, "card_number"));
        Payer payer = new Payer(email, trim(field(form, "billing_name")));
        if (number == null || number.length() < 12) {
            return new Retry(PageError.INCOMPLETE_NUMBER, email, CARD);
        }
        if (!DIGITS.matcher(number).matches() || !luhn(number)) {
            return new Retry(PageError.INCORRECT_NUMBER, email, CARD);
        }
        String expiry = trim(field(form, "card_expiry"));
        var match = expiry == null ? null : EXPIRY.matcher(expiry);
        if (match == null || !match.matches()) {
            return new Retry(PageError.INVALID_EXPIRY, email, CARD);
        }
        int month = Integer.parseInt(match.group(1));
        int year = Integer.parseInt(match.group(2));
        if (month < 1 || month > 12) {
            return new Retry(PageError.INVALID_EXPIRY, email, CARD);
        }
        if (YearMonth.of(year < 100 ? 2000 + year : year, month).isBefore(today)) {
            return new Retry(PageError.EXPIRY_IN_PAST, email, CARD);
        }
        String cvc = trim(field(form, "card_cvc"));
        if (cvc == null || !DIGITS.matcher(cvc).matches() || cvc.length() < 3 || cvc.length() > 4) {
            return new Retry(PageError.INCOMPLETE_CVC, email, CARD);
        }
        if (number.equals(PaymentOutcome.AUTHENTICATION_CARD)) {
            return new Authenticate(payer);
        }
        PaymentOutcome outcome = PaymentOutcome.ofCard(number);
        if (outcome == null) {
            return new Retry(PageError.LIVE_CARD, email, CARD);
        }
        if (outcome.kind() == PaymentOutcome.Kind.DECLINE) {
            return new Retry(PageError.forDecline(outcome.decline().declineCode()), email, CARD);
        }
        return new Pay(outcome, payer);
    }

    private static Submission sepa(Map<String, Object> form, String email, CheckoutSession session) {
        String iban = field(form, "iban");
        String compact = iban == null ? "" : iban.replace(" ", "");
        if (compact.length() < 15) {
            return new Retry(PageError.INCOMPLETE_IBAN, email, SEPA_DEBIT);
        }
        String name = trim(field(form, "account_holder_name"));
        if (name == null) {
            return new Retry(PageError.INCOMPLETE_NAME, email, SEPA_DEBIT);
        }
        PaymentOutcome outcome = PaymentOutcome.ofIban(compact);
        if (outcome == null) {
            return new Retry(PageError.UNKNOWN_IBAN, email, SEPA_DEBIT);
        }
        if (session.mode() == CheckoutSession.Mode.SETUP) {
            // Saving a SEPA mandate charges nothing, so there is nothing to settle later.
            outcome = new PaymentOutcome(PaymentOutcome.Kind.SUCCESS, SEPA_DEBIT, null);
        }
        return new Pay(outcome, new Payer(email, name));
    }

    private static String field(Map<String, Object> form, String name) {
        Object value = form.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new BadForm("The field '" + name + "' must be a single value.");
        }
        if (text.length() > MAX_FIELD_LENGTH) {
            throw new BadForm("The field '" + name + "' is too long (" + text.length()
                    + " characters; at most " + MAX_FIELD_LENGTH + ").");
        }
        return text;
    }

    private static String trim(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static String digitsOnly(String value) {
        return value == null ? null : value.replace(" ", "").replace("-", "");
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
