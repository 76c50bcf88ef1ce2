package org.checkoutpipeline.stripeemulator.checkout;

import org.checkoutpipeline.stripeemulator.catalog.ShippingRate;
import org.checkoutpipeline.stripeemulator.payment.Address;

/**
 * What the customer entered on the payment page beyond email and name; {@link #NONE} until then.
 *
 * @param shippingRate the shipping option they chose, or null for the default (the first)
 * @param shipping the name and address to ship to ({@code collected_information.shipping_details}),
 *     or null
 */
public record Collected(ShippingRate shippingRate, Address.Shipping shipping) {

    public static final Collected NONE = new Collected(null, null);
}
