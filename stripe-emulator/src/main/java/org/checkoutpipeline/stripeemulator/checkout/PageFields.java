package org.checkoutpipeline.stripeemulator.checkout;

import java.util.List;
import java.util.Map;

/**
 * What a session's payment page asks for beyond email, payment details and shipping, and the text it
 * shows: Stripe's {@code billing_address_collection}, {@code phone_number_collection},
 * {@code tax_id_collection}, {@code custom_fields}, {@code custom_text} and {@code consent_collection}.
 *
 * @param billingAddress {@code auto} (country and postal code), {@code required} (the full
 *     address), or null when not given
 * @param phone whether a phone number is required
 * @param taxIds {@code tax_id_collection}, or null when not given
 * @param customText the messages by position ({@code after_submit}, {@code shipping_address},
 *     {@code submit}, {@code terms_of_service_acceptance})
 * @param termsOfService {@code required}, {@code none}, or null when not given
 * @param promotions {@code auto}, {@code none}, or null when not given
 * @param businessName {@code name_collection[business]} when enabled, else null
 * @param individualName {@code name_collection[individual]} when enabled, else null
 */
public record PageFields(String billingAddress, boolean phone, TaxIdCollection taxIds,
        List<CustomField> customFields, Map<String, String> customText, String termsOfService,
        String promotions, NameField businessName, NameField individualName) {

    public static final PageFields NONE = new PageFields(null, false, null, List.of(), Map.of(), null, null, null,
            null);

    /** A name the page asks for ({@code name_collection[business|individual]}); null when not enabled. */
    public record NameField(boolean optional) {}

    /** Whether the page asks for a business name: with tax IDs, or {@code name_collection[business]}. */
    public boolean asksBusinessName() {
        return businessName != null || taxIds != null && taxIds.enabled();
    }

    /** The tax ID types the emulator's page offers (Stripe has many more, by country). */
    public static final List<String> TAX_ID_TYPES = List.of("eu_vat", "gb_vat", "ch_vat", "no_vat", "au_abn",
            "ca_bn", "in_gst", "jp_cn", "us_ein");

    /** {@code tax_id_collection}: whether the page asks for tax IDs and whether one is required. */
    public record TaxIdCollection(boolean enabled, String required) {}

    /**
     * One of up to three {@code custom_fields}.
     *
     * @param type {@code text}, {@code numeric} or {@code dropdown}
     * @param options a dropdown's choices (empty for other types)
     */
    public record CustomField(String key, String label, String type, boolean optional, String defaultValue,
            Integer minimumLength, Integer maximumLength, List<Option> options) {

        public record Option(String label, String value) {}
    }

    public boolean requiresTerms() {
        return "required".equals(termsOfService);
    }

    public boolean asksPromotionsConsent() {
        return "auto".equals(promotions);
    }

    public boolean hasConsentCollection() {
        return termsOfService != null || promotions != null;
    }
}
