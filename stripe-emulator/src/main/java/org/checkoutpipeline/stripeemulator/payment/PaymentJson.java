package org.checkoutpipeline.stripeemulator.payment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the objects that completing a session creates, in Stripe's shapes. */
public final class PaymentJson {

    /** The path of the emulator's page for a voucher's payment instructions ({@code hosted_voucher_url}). */
    public static final String VOUCHER_PATH = "/c/voucher/";

    private final java.util.function.Supplier<String> publicBaseUrl;

    public PaymentJson(java.util.function.Supplier<String> publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    /** The id of a PaymentIntent's PaymentMethod and Charge: derived from the intent's, so they cost no storage. */
    public static String derivedId(String prefix, String intentId) {
        return prefix + intentId.substring(intentId.indexOf('_') + 1);
    }

    public Map<String, Object> customer(Customer c) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", c.id());
        json.put("object", "customer");
        json.put("address", c.address() == null ? null : c.address().toJson());
        json.put("balance", 0);
        json.put("created", c.created());
        json.put("currency", null);
        json.put("default_source", null);
        json.put("delinquent", false);
        json.put("description", c.description());
        json.put("discount", null);
        json.put("email", c.email());
        json.put("invoice_prefix", c.id().substring(4, 12).toUpperCase(java.util.Locale.ROOT));
        var invoiceSettings = new LinkedHashMap<String, Object>();
        invoiceSettings.put("custom_fields", null);
        invoiceSettings.put("default_payment_method", null);
        invoiceSettings.put("footer", null);
        invoiceSettings.put("rendering_options", null);
        json.put("invoice_settings", invoiceSettings);
        json.put("livemode", false);
        json.put("metadata", new java.util.TreeMap<>(c.metadata()));
        json.put("name", c.name());
        json.put("next_invoice_sequence", 1);
        json.put("phone", c.phone());
        json.put("preferred_locales", List.of());
        json.put("shipping", c.shipping() == null ? null : c.shipping().toJson());
        json.put("tax_exempt", "none");
        json.put("test_clock", null);
        return json;
    }

    /** A failed attempt's {@code last_payment_error}, with the PaymentMethod it was made with. */
    private static Map<String, Object> failedAttempt(PaymentIntent p) {
        PaymentIntent.FailedAttempt f = p.failedAttempt();
        var error = new LinkedHashMap<String, Object>();
        error.put("code", f.code());
        error.put("decline_code", f.declineCode());
        error.put("message", f.message());
        error.put("payment_method", Map.of("id", derivedId("pm_", p.id()) + "_failed", "object", "payment_method",
                "type", f.paymentMethodType()));
        error.put("type", f.type());
        return error;
    }

    public Map<String, Object> paymentIntent(PaymentIntent p) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", p.id());
        json.put("object", "payment_intent");
        json.put("amount", p.amount());
        json.put("amount_capturable", p.amountCapturable());
        json.put("amount_received", p.amountReceived());
        json.put("application", null);
        json.put("application_fee_amount", null);
        json.put("automatic_payment_methods", null);
        json.put("canceled_at", p.canceledAt());
        json.put("cancellation_reason", p.cancellationReason());
        json.put("capture_method", p.captureMethod());
        json.put("client_secret", p.id() + "_secret_emulator");
        json.put("confirmation_method", "automatic");
        json.put("created", p.created());
        json.put("currency", p.currency());
        json.put("customer", p.customer());
        json.put("description", p.data().description());
        json.put("last_payment_error", p.failedAttempt() != null ? failedAttempt(p)
                : p.declineCode() == null ? null : Map.of(
                "code", "payment_intent_payment_attempt_failed", "decline_code", p.declineCode(),
                "message", "The payment failed.", "type", "card_error"));
        boolean charged = hasCharge(p);
        json.put("latest_charge", charged ? derivedId("ch_", p.id()) : null);
        json.put("livemode", false);
        json.put("metadata", new java.util.TreeMap<>(p.data().metadata()));
        json.put("next_action", nextAction(p));
        json.put("on_behalf_of", null);
        json.put("payment_method", derivedId("pm_", p.id()));
        json.put("payment_method_types", List.of(p.paymentMethodType()));
        json.put("receipt_email", p.data().receiptEmail());
        json.put("setup_future_usage", p.data().setupFutureUsage());
        json.put("shipping", null);
        json.put("statement_descriptor", p.data().statementDescriptor());
        json.put("statement_descriptor_suffix", p.data().statementDescriptorSuffix());
        json.put("status", p.status());
        json.put("transfer_data", null);
        json.put("transfer_group", null);
        return json;
    }

    /** A voucher's instructions while it waits to be paid: Stripe's {@code <type>_display_details}. */
    private Map<String, Object> nextAction(PaymentIntent p) {
        if (!"requires_action".equals(p.status()) || p.voucherExpiresAt() == null) {
            return null;
        }
        String url = publicBaseUrl.get() + VOUCHER_PATH + p.id();
        String number = voucherNumber(p.id());
        var details = new LinkedHashMap<String, Object>();
        switch (p.paymentMethodType()) {
            case "oxxo" -> {
                details.put("expires_after", p.voucherExpiresAt());
                details.put("hosted_voucher_url", url);
                details.put("number", number);
            }
            case "boleto" -> {
                details.put("expires_at", p.voucherExpiresAt());
                details.put("hosted_voucher_url", url);
                details.put("number", number);
                details.put("pdf", url + "/pdf");
            }
            case "konbini" -> {
                details.put("expires_at", p.voucherExpiresAt());
                details.put("hosted_voucher_url", url);
                var store = new LinkedHashMap<String, Object>();
                store.put("confirmation_number", number.substring(0, 10));
                store.put("payment_code", number.substring(0, 12));
                var stores = new LinkedHashMap<String, Object>();
                for (String chain : List.of("familymart", "lawson", "ministop", "seicomart")) {
                    stores.put(chain, store);
                }
                details.put("stores", stores);
            }
            default -> { // multibanco
                details.put("entity", "12345");
                details.put("expires_at", p.voucherExpiresAt());
                details.put("hosted_voucher_url", url);
                details.put("reference", number.substring(0, 9));
            }
        }
        String type = p.paymentMethodType() + "_display_details";
        var json = new LinkedHashMap<String, Object>();
        json.put("type", type);
        json.put(type, details);
        return json;
    }

    /** A voucher's number: digits derived from the intent's id, stable across reads. */
    public static String voucherNumber(String intentId) {
        String digits = Long.toString(Math.abs((long) intentId.hashCode()) * 7919L + 100_000_000_000L);
        return (digits + "00000000000000").substring(0, 14);
    }

    /**
     * The PaymentMethod a session was paid with, rebuilt from its PaymentIntent (or SetupIntent):
     * its type, that type's details, and who paid.
     */
    public Map<String, Object> paymentMethod(String id, String type, Map<String, Object> details, String customer,
            long created, String email, String name) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", id);
        json.put("object", "payment_method");
        json.put("allow_redisplay", "unspecified");
        json.put("billing_details", billingDetails(email, name));
        json.put("created", created);
        json.put("customer", customer);
        json.put("customer_account", null);
        json.put("livemode", false);
        json.put("metadata", Map.of());
        json.put("type", type);
        json.put(type, details == null ? Map.of() : details);
        return json;
    }

    /** Who paid, as a PaymentMethod and a Charge show it: the email and name the page collected. */
    private static Map<String, Object> billingDetails(String email, String name) {
        var billing = new LinkedHashMap<String, Object>();
        billing.put("address", null);
        billing.put("email", email);
        billing.put("name", name);
        billing.put("phone", null);
        billing.put("tax_id", null);
        return billing;
    }

    /**
     * Whether a PaymentIntent has a Charge: once paid or authorized, while a debit is processing
     * (pending), and after a debit failed (failed). A voucher has none until it is paid.
     */
    public static boolean hasCharge(PaymentIntent p) {
        return switch (p.status()) {
            case "succeeded", "requires_capture", "processing" -> true;
            case "requires_payment_method" -> p.voucherExpiresAt() == null && p.declineCode() != null;
            default -> false;
        };
    }

    /** The Charge of a captured or authorized PaymentIntent, with the method's {@code payment_method_details}. */
    public Map<String, Object> charge(PaymentIntent p, String email, String name) {
        var methodDetails = new LinkedHashMap<String, Object>();
        methodDetails.put("type", p.paymentMethodType());
        methodDetails.put(p.paymentMethodType(), p.methodDetails() == null ? Map.of() : p.methodDetails());
        boolean captured = "succeeded".equals(p.status()) || "processing".equals(p.status());
        boolean failed = "requires_payment_method".equals(p.status());
        boolean paid = "succeeded".equals(p.status()) || "requires_capture".equals(p.status());
        String status = failed ? "failed" : "processing".equals(p.status()) ? "pending" : "succeeded";
        var outcome = new LinkedHashMap<String, Object>();
        outcome.put("network_status", failed ? "declined_by_network" : "approved_by_network");
        outcome.put("reason", null);
        outcome.put("risk_level", "normal");
        outcome.put("seller_message", failed ? "The bank did not make the payment." : "pending".equals(status)
                ? "The payment is pending." : "Payment complete.");
        outcome.put("type", failed ? "issuer_declined" : "authorized");
        var json = new LinkedHashMap<String, Object>();
        json.put("id", derivedId("ch_", p.id()));
        json.put("object", "charge");
        json.put("amount", p.amount());
        json.put("amount_captured", !captured ? 0 : "succeeded".equals(p.status()) ? p.amountReceived() : p.amount());
        json.put("amount_refunded", 0);
        json.put("application", null);
        json.put("application_fee", null);
        json.put("application_fee_amount", null);
        json.put("balance_transaction", null);
        json.put("billing_details", billingDetails(email, name));
        json.put("calculated_statement_descriptor", p.data().statementDescriptor());
        json.put("captured", captured);
        json.put("created", p.created());
        json.put("currency", p.currency());
        json.put("customer", p.customer());
        json.put("description", p.data().description());
        json.put("disputed", false);
        json.put("failure_balance_transaction", null);
        json.put("failure_code", failed ? p.declineCode() : null);
        json.put("failure_message", failed ? "The payment failed." : null);
        json.put("fraud_details", Map.of());
        json.put("livemode", false);
        json.put("metadata", new java.util.TreeMap<>(p.data().metadata()));
        json.put("on_behalf_of", null);
        json.put("outcome", outcome);
        json.put("paid", paid);
        json.put("payment_intent", p.id());
        json.put("payment_method", derivedId("pm_", p.id()));
        json.put("payment_method_details", methodDetails);
        json.put("receipt_email", p.data().receiptEmail());
        json.put("receipt_number", null);
        json.put("receipt_url", null);
        json.put("refunded", false);
        json.put("review", null);
        json.put("shipping", null);
        json.put("source", null);
        json.put("source_transfer", null);
        json.put("statement_descriptor", p.data().statementDescriptor());
        json.put("statement_descriptor_suffix", p.data().statementDescriptorSuffix());
        json.put("status", status);
        json.put("transfer_data", null);
        json.put("transfer_group", null);
        return json;
    }

    public Map<String, Object> subscription(Subscription s) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", s.id());
        json.put("object", "subscription");
        json.put("billing_cycle_anchor", s.created());
        json.put("cancel_at", null);
        json.put("cancel_at_period_end", false);
        json.put("canceled_at", null);
        json.put("collection_method", "charge_automatically");
        json.put("created", s.created());
        json.put("currency", s.currency());
        json.put("customer", s.customer());
        json.put("default_payment_method", null);
        json.put("description", s.data().description());
        var items = new LinkedHashMap<String, Object>();
        items.put("object", "list");
        items.put("data", new ArrayList<>());
        items.put("has_more", false);
        items.put("url", "/v1/subscription_items?subscription=" + s.id());
        json.put("items", items);
        json.put("latest_invoice", null);
        json.put("livemode", false);
        json.put("metadata", new java.util.TreeMap<>(s.data().metadata()));
        json.put("start_date", s.created());
        json.put("status", s.status());
        json.put("test_clock", null);
        json.put("trial_end", s.trialEnd());
        json.put("trial_start", s.trialEnd() == null ? null : s.created());
        return json;
    }

    public Map<String, Object> setupIntent(SetupIntent s) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", s.id());
        json.put("object", "setup_intent");
        json.put("application", null);
        json.put("cancellation_reason", null);
        json.put("client_secret", s.id() + "_secret_emulator");
        json.put("created", s.created());
        json.put("customer", s.customer());
        json.put("description", s.description());
        json.put("last_setup_error", null);
        json.put("livemode", false);
        json.put("metadata", new java.util.TreeMap<>(s.metadata()));
        json.put("next_action", null);
        json.put("payment_method", derivedId("pm_", s.id()));
        json.put("payment_method_types", List.of(s.paymentMethodType()));
        json.put("status", s.status());
        json.put("usage", "off_session");
        return json;
    }

    public Map<String, Object> invoice(Invoice in) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", in.id());
        json.put("object", "invoice");
        json.put("account_country", "US");
        json.put("account_name", null);
        json.put("account_tax_ids", null);
        json.put("amount_due", in.total());
        json.put("amount_overpaid", 0);
        json.put("amount_paid", in.total());
        json.put("amount_remaining", 0);
        json.put("amount_shipping", 0);
        json.put("application", null);
        json.put("attempt_count", 1);
        json.put("attempted", true);
        json.put("auto_advance", false);
        var tax = new LinkedHashMap<String, Object>();
        tax.put("disabled_reason", null);
        tax.put("enabled", false);
        tax.put("liability", null);
        tax.put("provider", null);
        tax.put("status", null);
        json.put("automatic_tax", tax);
        json.put("automatically_finalizes_at", null);
        json.put("billing_reason", "manual");
        json.put("collection_method", "charge_automatically");
        json.put("created", in.created());
        json.put("currency", in.currency());
        json.put("custom_fields", in.customFields().isEmpty() ? null : in.customFields());
        json.put("customer", in.customer());
        json.put("customer_account", null);
        json.put("customer_address", in.customerAddress() == null ? null : in.customerAddress().toJson());
        json.put("customer_email", in.customerEmail());
        json.put("customer_name", in.customerName());
        json.put("customer_phone", in.customerPhone());
        json.put("customer_shipping", null);
        json.put("customer_tax_exempt", "none");
        json.put("customer_tax_ids", List.of());
        json.put("default_payment_method", null);
        json.put("default_source", null);
        json.put("default_tax_rates", List.of());
        json.put("description", in.description());
        json.put("discounts", List.of());
        json.put("due_date", null);
        json.put("effective_at", in.created());
        json.put("ending_balance", 0);
        json.put("footer", in.footer());
        json.put("from_invoice", null);
        json.put("hosted_invoice_url", null);
        json.put("invoice_pdf", null);
        json.put("issuer", Map.of("type", "self"));
        json.put("last_finalization_error", null);
        json.put("latest_revision", null);
        var lines = new ArrayList<Object>();
        for (Invoice.Line line : in.lines()) {
            var l = new LinkedHashMap<String, Object>();
            l.put("id", line.id());
            l.put("object", "line_item");
            l.put("amount", line.amount());
            l.put("currency", line.currency());
            l.put("description", line.description());
            l.put("discount_amounts", List.of());
            l.put("discountable", true);
            l.put("discounts", List.of());
            l.put("invoice", in.id());
            l.put("livemode", false);
            l.put("metadata", Map.of());
            l.put("parent", null);
            l.put("period", Map.of("end", in.created(), "start", in.created()));
            l.put("pretax_credit_amounts", List.of());
            l.put("pricing", null);
            l.put("quantity", line.quantity());
            l.put("quantity_decimal", Long.toString(line.quantity()));
            l.put("subscription", null);
            l.put("subtotal", line.amount());
            l.put("taxes", List.of());
            lines.add(l);
        }
        var list = new LinkedHashMap<String, Object>();
        list.put("object", "list");
        list.put("data", lines);
        list.put("has_more", false);
        list.put("url", "/v1/invoices/" + in.id() + "/lines");
        json.put("lines", list);
        json.put("livemode", false);
        json.put("metadata", new java.util.TreeMap<>(in.metadata()));
        json.put("next_payment_attempt", null);
        json.put("number", in.number());
        json.put("on_behalf_of", null);
        json.put("parent", null);
        var settings = new LinkedHashMap<String, Object>();
        settings.put("default_mandate", null);
        settings.put("payment_method_options", null);
        settings.put("payment_method_types", null);
        json.put("payment_settings", settings);
        json.put("period_end", in.created());
        json.put("period_start", in.created());
        json.put("post_payment_credit_notes_amount", 0);
        json.put("pre_payment_credit_notes_amount", 0);
        json.put("receipt_number", null);
        json.put("rendering", null);
        json.put("shipping_cost", null);
        json.put("shipping_details", null);
        json.put("starting_balance", 0);
        json.put("statement_descriptor", null);
        json.put("status", "paid");
        var transitions = new LinkedHashMap<String, Object>();
        transitions.put("finalized_at", in.created());
        transitions.put("marked_uncollectible_at", null);
        transitions.put("paid_at", in.created());
        transitions.put("voided_at", null);
        json.put("status_transitions", transitions);
        json.put("subscription", null);
        json.put("subtotal", in.subtotal());
        json.put("subtotal_excluding_tax", in.subtotal());
        json.put("test_clock", null);
        json.put("total", in.total());
        json.put("total_discount_amounts", List.of());
        json.put("total_excluding_tax", in.total() - in.tax());
        json.put("total_pretax_credit_amounts", List.of());
        json.put("total_taxes", List.of());
        json.put("webhooks_delivered_at", in.created());
        return json;
    }
}
