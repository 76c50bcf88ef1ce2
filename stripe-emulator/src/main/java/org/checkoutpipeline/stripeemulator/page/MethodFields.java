package org.checkoutpipeline.stripeemulator.page;

import java.util.List;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;
import org.checkoutpipeline.stripeemulator.checkout.CompletionService.Payer;
import org.checkoutpipeline.stripeemulator.methods.PaymentMethodCatalog;
import org.checkoutpipeline.stripeemulator.methods.PaymentMethodSpec;
import org.checkoutpipeline.stripeemulator.methods.TestPayments;

/**
 * The payment-method part of the form: one tab per method the session offers (and no others), and
 * under each what that method asks for: card details, a debit's account and its mandate, nothing
 * but a note for a redirect or a voucher. The tabs switch without a script, by radio buttons and
 * rules generated for exactly these methods.
 */
final class MethodFields {

    private MethodFields() {}

    /**
     * @param selected the method the customer had chosen, or null for the first one
     * @param entered what the customer had typed (its name goes back in the selected method's field)
     */
    static Html render(CheckoutSession s, String selected, Payer entered, PageText text) {
        List<String> types = s.methods().types();
        String chosen = selected != null && types.contains(selected) ? selected : types.get(0);
        var radios = new StringBuilder();
        var labels = new StringBuilder("<div class=\"methods\">");
        var panels = new StringBuilder();
        var style = new StringBuilder("<style>");
        for (String type : types) {
            PaymentMethodSpec spec = PaymentMethodCatalog.stripe().get(type);
            radios.append("<input class=\"method-radio\" type=\"radio\" name=\"payment_method\" id=\"pm-")
                    .append(type).append("\" value=\"").append(type).append('"')
                    .append(type.equals(chosen) ? " checked" : "").append('>');
            labels.append("<label for=\"pm-").append(type).append("\">").append(Html.escape(label(spec, text)))
                    .append("</label>");
            String name = type.equals(chosen) && entered.name() != null ? entered.name() : "";
            panels.append("<div class=\"method-fields\" id=\"fields-").append(type).append("\">")
                    .append(fields(s, spec, name, text)).append("</div>");
            // Types are Stripe's fixed enum values ([a-z_]), never customer input.
            style.append("#pm-").append(type).append(":checked~.methods label[for=pm-").append(type)
                    .append("]{border-color:#635bff;box-shadow:0 0 0 1px #635bff;color:#635bff}")
                    .append("#pm-").append(type).append(":focus-visible~.methods label[for=pm-").append(type)
                    .append("]{outline:2px solid #635bff;outline-offset:2px}")
                    .append("#pm-").append(type).append(":checked~#fields-").append(type).append("{display:block}");
        }
        return new Html(style.append("</style>") + radios.toString() + labels.append("</div>") + panels);
    }

    /** The tab's name: Stripe's name for the method without its parenthesis ("iDEAL", "Klarna"). */
    static String label(PaymentMethodSpec spec, PageText text) {
        return switch (spec.type()) {
            case "card" -> text.t("Card");
            case "sepa_debit" -> text.t("SEPA Direct Debit");
            default -> spec.name().replaceAll("\\s*\\(.*\\)\\s*$", "");
        };
    }

    private static String fields(CheckoutSession s, PaymentMethodSpec spec, String name, PageText text) {
        String type = spec.type();
        return switch (spec.flow()) {
            case IMMEDIATE -> type.equals("card") ? card(name, text)
                    : hint("Link pays with the email above; in test mode no code is asked for.");
            case REDIRECT -> hint("After you press the button, " + label(spec, text) + " opens its test page,"
                    + " where you authorize or fail the payment.");
            case DELAYED_DEBIT -> debit(s, spec, name, text);
            case VOUCHER -> voucher(s, spec, name, text);
        };
    }

    private static String card(String name, PageText text) {
        return "<label for=\"card-number\">" + Html.escape(text.t("Card number")) + "</label>"
                + "<input type=\"text\" id=\"card-number\" name=\"card_number\" inputmode=\"numeric\""
                + " autocomplete=\"cc-number\" placeholder=\"1234 1234 1234 1234\">"
                + "<div class=\"row\"><div><label for=\"card-expiry\">" + Html.escape(text.t("Expiry")) + "</label>"
                + "<input type=\"text\" id=\"card-expiry\" name=\"card_expiry\" inputmode=\"numeric\""
                + " autocomplete=\"cc-exp\" placeholder=\"MM / YY\"></div>"
                + "<div><label for=\"card-cvc\">" + Html.escape(text.t("CVC")) + "</label>"
                + "<input type=\"text\" id=\"card-cvc\" name=\"card_cvc\" inputmode=\"numeric\""
                + " autocomplete=\"cc-csc\" placeholder=\"CVC\"></div></div>"
                + "<label for=\"billing-name\">" + Html.escape(text.t("Name on card")) + "</label>"
                + "<input type=\"text\" id=\"billing-name\" name=\"billing_name\" autocomplete=\"cc-name\" value=\""
                + Html.escape(name) + "\">"
                + hint("Test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined,"
                        + " 4000 0027 6000 3184 asks for authentication.");
    }

    private static String debit(CheckoutSession s, PaymentMethodSpec spec, String name, PageText text) {
        String type = spec.type();
        TestPayments.DebitInput input = TestPayments.debit(type);
        boolean sepa = type.equals("sepa_debit");
        String accountId = sepa ? "iban" : "account-" + type;
        String accountName = PaymentForm.accountField(type);
        String holderId = sepa ? "account-holder-name" : "holder-" + type;
        var values = new StringBuilder();
        input.values().forEach((value, result) -> values.append(values.length() == 0 ? "" : "; ")
                .append(value).append(' ').append(result.description()));
        return "<label for=\"" + accountId + "\">" + Html.escape(sepa ? text.t("IBAN") : input.label()) + "</label>"
                + "<input type=\"text\" id=\"" + accountId + "\" name=\"" + accountName + "\" autocomplete=\"off\""
                + (sepa ? " placeholder=\"DE00 0000 0000 0000 0000 00\"" : " inputmode=\"numeric\"") + ">"
                + "<label for=\"" + holderId + "\">" + Html.escape(text.t("Account holder name")) + "</label>"
                + "<input type=\"text\" id=\"" + holderId + "\" name=\"" + PaymentForm.nameField(type)
                + "\" autocomplete=\"name\" value=\"" + Html.escape(name) + "\">"
                + "<p class=\"mandate\" id=\"mandate-" + type + "\">" + Html.escape(mandate(s, type)) + "</p>"
                + hint("Test values: " + values + ".");
    }

    private static String voucher(CheckoutSession s, PaymentMethodSpec spec, String name, PageText text) {
        String type = spec.type();
        String fields = "";
        if (type.equals("boleto")) {
            fields = "<label for=\"holder-boleto\">" + Html.escape(text.t("Full name")) + "</label>"
                    + "<input type=\"text\" id=\"holder-boleto\" name=\"" + PaymentForm.nameField(type)
                    + "\" autocomplete=\"name\" value=\"" + Html.escape(name) + "\">"
                    + "<label for=\"boleto-tax-id\">CPF / CNPJ</label>"
                    + "<input type=\"text\" id=\"boleto-tax-id\" name=\"" + PaymentForm.BOLETO_TAX_ID
                    + "\" inputmode=\"numeric\" placeholder=\"000.000.000-00\">";
        }
        return fields + hint("You receive a " + label(spec, text) + " voucher to pay within "
                + s.methods().expiresAfterDays(type) + " days. Test emails: any address is paid after about"
                + " 3 minutes; one ending succeed_immediately@…, expire_immediately@…, expire_with_delay@… or"
                + " fill_never@… before the domain does as it says.");
    }

    /** The debit's mandate, as the customer accepts it by paying. */
    static String mandate(CheckoutSession s, String type) {
        var branding = s.options().branding();
        String merchant = branding != null && branding.displayName() != null ? branding.displayName()
                : "the merchant";
        return switch (type) {
            case "sepa_debit" -> "By providing your payment information and confirming this payment, you authorise (A) "
                    + merchant + " and Stripe, our payment service provider, to send instructions to your bank to debit"
                    + " your account and (B) your bank to debit your account in accordance with those instructions."
                    + " You are entitled to a refund from your bank under the terms and conditions of your agreement"
                    + " with your bank. A refund must be claimed within 8 weeks starting from the date on which your"
                    + " account was debited.";
            case "us_bank_account" -> "By confirming, you authorize " + merchant + " to debit the bank account"
                    + " above through the ACH network for this payment and, if needed, to credit it to correct an"
                    + " erroneous debit.";
            case "bacs_debit" -> "You are setting up a Direct Debit Instruction with " + merchant + " through"
                    + " Stripe. Your payments are protected by the Direct Debit Guarantee.";
            case "au_becs_debit" -> "By providing your bank account details, you agree to the Direct Debit Request"
                    + " and the Direct Debit Request service agreement, and authorise Stripe to debit the account"
                    + " through the Bulk Electronic Clearing System (BECS) on behalf of " + merchant + ".";
            default -> {
                Object options = s.methods().options().getOrDefault(type, java.util.Map.of()).get("mandate_options");
                var mandate = options instanceof java.util.Map<?, ?> m ? m : java.util.Map.of();
                yield "By confirming, you authorize " + merchant + " to debit the bank account above under a"
                        + " pre-authorized debit agreement: " + mandate.get("payment_schedule") + " payments, "
                        + mandate.get("transaction_type") + " account"
                        + (mandate.get("interval_description") == null ? "" : ", " + mandate.get("interval_description"))
                        + ".";
            }
        };
    }

    private static String hint(String text) {
        return "<p class=\"hint\">" + Html.escape(text) + "</p>";
    }

}
