package org.checkoutpipeline.stripeemulator.payment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the objects that completing a session creates, in Stripe's shapes. */
public final class PaymentJson {

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
        json.put("last_payment_error", p.declineCode() == null ? null : Map.of(
                "code", "payment_intent_payment_attempt_failed", "decline_code", p.declineCode(),
                "message", "The payment failed.", "type", "card_error"));
        boolean charged = "succeeded".equals(p.status()) || "requires_capture".equals(p.status());
        json.put("latest_charge", charged ? "ch_" + p.id().substring(3) : null);
        json.put("livemode", false);
        json.put("metadata", new java.util.TreeMap<>(p.data().metadata()));
        json.put("next_action", null);
        json.put("on_behalf_of", null);
        json.put("payment_method", "pm_" + p.id().substring(3));
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
        json.put("description", null);
        json.put("last_setup_error", null);
        json.put("livemode", false);
        json.put("metadata", Map.of());
        json.put("next_action", null);
        json.put("payment_method", "pm_" + s.id().substring(5));
        json.put("payment_method_types", List.of(s.paymentMethodType()));
        json.put("status", s.status());
        json.put("usage", "off_session");
        return json;
    }
}
