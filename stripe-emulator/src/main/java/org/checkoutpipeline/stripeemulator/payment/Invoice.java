package org.checkoutpipeline.stripeemulator.payment;

import java.util.List;
import java.util.Map;

/**
 * The paid Invoice a payment-mode session creates with {@code invoice_creation[enabled]=true}.
 *
 * @param lines the session's line items as invoice lines
 * @param customFields {@code invoice_data[custom_fields]}: name and value pairs
 */
public record Invoice(String id, long created, String customer, String currency, long subtotal, long tax,
        long total, String customerEmail, String customerName, String customerPhone, Address customerAddress,
        String description, String footer, Map<String, String> metadata, List<Map<String, String>> customFields,
        List<Line> lines, String number) {

    /** One invoice line: what was bought, for how much. */
    public record Line(String id, String description, long quantity, long amount, String currency) {}

    /**
     * What {@code invoice_creation[invoice_data]} sets on the Invoice.
     *
     * @param customFields name and value pairs (up to four)
     */
    public record Data(String description, String footer, Map<String, String> metadata,
            List<Map<String, String>> customFields) {

        public static final Data NONE = new Data(null, null, Map.of(), List.of());
    }
}
