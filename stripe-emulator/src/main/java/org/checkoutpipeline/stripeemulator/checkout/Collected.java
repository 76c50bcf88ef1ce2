package org.checkoutpipeline.stripeemulator.checkout;

import java.util.List;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.catalog.ShippingRate;
import org.checkoutpipeline.stripeemulator.catalog.TaxRate;
import org.checkoutpipeline.stripeemulator.payment.Address;

/**
 * What the customer entered on the payment page beyond email and name; {@link #NONE} until then.
 *
 * @param shippingRate the shipping option they chose, or null for the default (the first)
 * @param shipping the name and address to ship to ({@code collected_information.shipping_details}),
 *     or null
 * @param automaticTax the rate automatic tax found for the customer's location, or null while unknown
 */
public record Collected(ShippingRate shippingRate, Address.Shipping shipping, Details details,
        TaxRate automaticTax) {

    public static final Collected NONE = new Collected(null, null, Details.NONE, null);

    /**
     * The rest of what the page collected, as {@code customer_details}, {@code custom_fields} and
     * {@code consent} show it.
     *
     * @param billingAddress the billing address, or null
     * @param customFields the values by custom field key
     * @param termsAccepted whether the terms of service were accepted
     * @param promotions {@code opt_in}, {@code opt_out}, or null when not asked
     */
    public record Details(Address billingAddress, String phone, String businessName, List<TaxId> taxIds,
            Map<String, String> customFields, boolean termsAccepted, String promotions, String individualName) {

        public static final Details NONE = new Details(null, null, null, List.of(), Map.of(), false, null, null);
    }

    /** A customer's tax ID: Stripe's type ({@code eu_vat}, {@code gb_vat}, ...) and the number. */
    public record TaxId(String type, String value) {}
}
