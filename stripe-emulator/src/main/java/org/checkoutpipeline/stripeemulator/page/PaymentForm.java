package org.checkoutpipeline.stripeemulator.page;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;
import org.checkoutpipeline.stripeemulator.checkout.Collected;
import org.checkoutpipeline.stripeemulator.checkout.CompletionService.Payer;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;
import org.checkoutpipeline.stripeemulator.methods.PaymentMethodCatalog;
import org.checkoutpipeline.stripeemulator.methods.PaymentMethodSpec;
import org.checkoutpipeline.stripeemulator.payment.Address;

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
    sealed interface Submission permits Pay, Authenticate, Redirect, Retry, ApplyCode {}

    /** Charge (or start a delayed debit) now. */
    record Pay(PaymentOutcome outcome, Payer payer) implements Submission {}

    /** Show the 3D Secure step before paying. */
    record Authenticate(Payer payer) implements Submission {}

    /** Send the customer to the redirect method's authorize / fail test page before paying. */
    record Redirect(String paymentMethod, Payer payer) implements Submission {}

    /** Back to the form with a message, and what the customer had entered. */
    record Retry(PageError error, String paymentMethod, Payer entered, PaymentOutcome declined) implements Submission {
        Retry(PageError error, String paymentMethod, Payer entered) {
            this(error, paymentMethod, entered, null);
        }
    }

    /** Apply the promotion code typed (the form's Apply button), without paying. */
    record ApplyCode(String paymentMethod, Payer entered) implements Submission {}

    /**
     * @param form the decoded form fields
     * @param today the emulator's current month, against which card expiry is checked
     * @throws BadForm when the submission is not the page's form at all
     */
    static Submission read(Map<String, Object> form, CheckoutSession session, YearMonth today) {
        String method = field(form, "payment_method");
        if (method == null && !session.collectsPaymentMethod()) {
            // payment_method_collection=if_required with nothing due: no payment details are asked for.
            String email = trim(field(form, "email"));
            var entered = new Payer(email, null, trim(field(form, "promotion_code")), trim(field(form, "shipping_rate")),
                    shipping(form), details(form, session), quantities(form, session),
                optionalItems(form, session));
            if (form.containsKey("apply_promotion_code")) {
                return new ApplyCode(CARD, entered);
            }
            if (email == null || !EMAIL.matcher(email).matches()) {
                return new Retry(PageError.INVALID_EMAIL, CARD, entered);
            }
            return new Pay(PaymentOutcome.success(), entered);
        }
        if (method == null || !session.methods().offers(method)) {
            throw new BadForm("payment_method must be one of " + String.join(", ", session.methods().types())
                    + ", was " + (method == null ? "missing" : "'" + method + "'") + ".");
        }
        String email = trim(field(form, "email"));
        String name = trim(field(form, nameField(method)));
        var entered = new Payer(email, name, trim(field(form, "promotion_code")),
                trim(field(form, "shipping_rate")), shipping(form), details(form, session), quantities(form, session),
                optionalItems(form, session));
        if (form.containsKey("apply_promotion_code")) {
            return new ApplyCode(method, entered);
        }
        if (email == null || !EMAIL.matcher(email).matches()) {
            return new Retry(PageError.INVALID_EMAIL, method, entered);
        }
        PaymentMethodSpec spec = PaymentMethodCatalog.stripe().get(method);
        return switch (spec.flow()) {
            case IMMEDIATE -> method.equals(CARD) ? card(form, entered, today)
                    : new Pay(PaymentOutcome.paid(method, java.util.Map.of()), entered);
            case REDIRECT -> new Redirect(method, entered);
            case DELAYED_DEBIT -> debit(form, method, entered, session);
            case VOUCHER -> voucher(form, method, entered);
        };
    }

    /** The form field holding the name for a payment method: the card's, the account holder's. */
    static String nameField(String method) {
        return method.equals(CARD) ? "billing_name" : method.equals(SEPA_DEBIT) ? "account_holder_name"
                : "holder_" + method;
    }

    /** The form field of a debit's account: the IBAN for SEPA, the account number for the others. */
    static String accountField(String method) {
        return method.equals(SEPA_DEBIT) ? "iban" : "account_number_" + method;
    }

    /** The form field of Boleto's CPF / CNPJ. */
    static final String BOLETO_TAX_ID = "boleto_tax_id";

    private static Submission debit(Map<String, Object> form, String method, Payer payer, CheckoutSession session) {
        boolean sepa = method.equals(SEPA_DEBIT);
        String account = digitsOnly(field(form, accountField(method)));
        if (account == null || account.length() < (sepa ? 15 : 6)) {
            return new Retry(sepa ? PageError.INCOMPLETE_IBAN : PageError.INCOMPLETE_ACCOUNT, method, payer);
        }
        if (payer.name() == null) {
            return new Retry(PageError.INCOMPLETE_NAME, method, payer);
        }
        PaymentOutcome outcome = PaymentOutcome.ofDebit(method, account);
        if (outcome == null) {
            return new Retry(sepa ? PageError.UNKNOWN_IBAN : PageError.UNKNOWN_ACCOUNT, method, payer);
        }
        return new Pay(outcome.in(session.mode()), payer);
    }

    private static Submission voucher(Map<String, Object> form, String method, Payer payer) {
        if (method.equals("boleto")) {
            String taxId = digitsOnly(field(form, BOLETO_TAX_ID));
            String digits = taxId == null ? "" : taxId.replace(".", "").replace("/", "");
            if (!DIGITS.matcher(digits).matches() || !(digits.length() == 11 || digits.length() == 14)) {
                return new Retry(PageError.INCOMPLETE_BOLETO_TAX_ID, method, payer);
            }
            if (payer.name() == null) {
                return new Retry(PageError.INCOMPLETE_NAME, method, payer);
            }
        }
        java.util.Map<String, Object> details = method.equals("boleto")
                ? java.util.Map.of("tax_id", digitsOnly(field(form, BOLETO_TAX_ID)).replace(".", "").replace("/", ""))
                : java.util.Map.of();
        return new Pay(PaymentOutcome.ofVoucher(method, payer.email(), details), payer);
    }

    /** The quantity fields of lines with {@code adjustable_quantity}; a field that is not a number is left out. */
    private static Map<Integer, Long> quantities(Map<String, Object> form, CheckoutSession session) {
        var chosen = new java.util.TreeMap<Integer, Long>();
        for (int i = 0; i < session.lineItems().size(); i++) {
            String value = trim(field(form, "quantity_" + i));
            if (value != null && session.lineItems().get(i).adjustable() != null && DIGITS.matcher(value).matches()
                    && value.length() < 8) {
                chosen.put(i, Long.parseLong(value));
            }
        }
        return chosen;
    }

    /** The optional items ticked on the page ({@code optional_<index>}), with their quantity fields. */
    private static Map<Integer, Long> optionalItems(Map<String, Object> form, CheckoutSession session) {
        var added = new java.util.TreeMap<Integer, Long>();
        var offered = session.options().optionalItems();
        for (int i = 0; i < offered.size(); i++) {
            if (!"add".equals(field(form, "optional_" + i))) {
                continue;
            }
            String value = trim(field(form, "optional_quantity_" + i));
            long quantity = value != null && DIGITS.matcher(value).matches() && value.length() < 8
                    ? Long.parseLong(value) : offered.get(i).quantity();
            added.put(i, quantity);
        }
        return added;
    }

    /** The page's other fields: billing address, phone, business tax ID, custom fields, consent boxes. */
    private static Collected.Details details(Map<String, Object> form, CheckoutSession session) {
        var billing = new Address(trim(field(form, "billing_city")), trim(field(form, "billing_country")),
                trim(field(form, "billing_line1")), trim(field(form, "billing_line2")),
                trim(field(form, "billing_postal_code")), trim(field(form, "billing_state")));
        boolean noBilling = billing.equals(new Address(null, null, null, null, null, null));
        String taxIdValue = trim(field(form, "tax_id_value"));
        List<Collected.TaxId> taxIds = taxIdValue == null ? List.of()
                : List.of(new Collected.TaxId(trim(field(form, "tax_id_type")), taxIdValue));
        var custom = new LinkedHashMap<String, String>();
        for (var f : session.options().fields().customFields()) {
            String value = trim(field(form, "custom_field_" + f.key()));
            if (value != null) {
                custom.put(f.key(), value);
            }
        }
        String promotions = session.options().fields().asksPromotionsConsent()
                ? ("opt_in".equals(field(form, "consent_promotions")) ? "opt_in" : "opt_out") : null;
        return new Collected.Details(noBilling ? null : billing, trim(field(form, "phone")),
                trim(field(form, "business_name")), taxIds, custom, "accepted".equals(field(form, "consent_terms")),
                promotions, trim(field(form, "individual_name")));
    }

    /** The shipping address fields, or null when the form has none filled in. */
    private static Address.Shipping shipping(Map<String, Object> form) {
        String name = trim(field(form, "shipping_name"));
        var address = new Address(trim(field(form, "shipping_city")), trim(field(form, "shipping_country")),
                trim(field(form, "shipping_line1")), trim(field(form, "shipping_line2")),
                trim(field(form, "shipping_postal_code")), trim(field(form, "shipping_state")));
        boolean empty = name == null && address.equals(new Address(null, null, null, null, null, null));
        return empty ? null : new Address.Shipping(name, null, address);
    }

    private static Submission card(Map<String, Object> form, Payer payer, YearMonth today) {
        String number = digitsOnly(field(form, "card_number"));
        if (number == null || number.length() < 12) {
            return new Retry(PageError.INCOMPLETE_NUMBER, CARD, payer);
        }
        if (!DIGITS.matcher(number).matches() || !luhn(number)) {
            return new Retry(PageError.INCORRECT_NUMBER, CARD, payer);
        }
        String expiry = trim(field(form, "card_expiry"));
        var match = expiry == null ? null : EXPIRY.matcher(expiry);
        if (match == null || !match.matches()) {
            return new Retry(PageError.INVALID_EXPIRY, CARD, payer);
        }
        int month = Integer.parseInt(match.group(1));
        int year = Integer.parseInt(match.group(2));
        if (month < 1 || month > 12) {
            return new Retry(PageError.INVALID_EXPIRY, CARD, payer);
        }
        if (YearMonth.of(year < 100 ? 2000 + year : year, month).isBefore(today)) {
            return new Retry(PageError.EXPIRY_IN_PAST, CARD, payer);
        }
        String cvc = trim(field(form, "card_cvc"));
        if (cvc == null || !DIGITS.matcher(cvc).matches() || cvc.length() < 3 || cvc.length() > 4) {
            return new Retry(PageError.INCOMPLETE_CVC, CARD, payer);
        }
        if (number.equals(PaymentOutcome.AUTHENTICATION_CARD)) {
            return new Authenticate(payer);
        }
        PaymentOutcome outcome = PaymentOutcome.ofCard(number);
        if (outcome == null) {
            return new Retry(PageError.LIVE_CARD, CARD, payer);
        }
        if (outcome.kind() == PaymentOutcome.Kind.DECLINE) {
            return new Retry(PageError.forDecline(outcome.decline().declineCode()), CARD, payer, outcome);
        }
        return new Pay(outcome, payer);
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
