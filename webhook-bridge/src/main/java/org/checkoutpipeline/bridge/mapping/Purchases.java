package org.checkoutpipeline.bridge.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.stripe.model.LineItem;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.StripeError;
import com.stripe.model.checkout.Session;
import org.checkoutpipeline.events.Address;
import org.checkoutpipeline.events.Amounts;
import org.checkoutpipeline.events.AppliedDiscount;
import org.checkoutpipeline.events.CaptureState;
import org.checkoutpipeline.events.ChargedLineItem;
import org.checkoutpipeline.events.Consent;
import org.checkoutpipeline.events.CustomFieldValue;
import org.checkoutpipeline.events.CustomerDetails;
import org.checkoutpipeline.events.PaymentError;
import org.checkoutpipeline.events.Purchase;
import org.checkoutpipeline.events.Recurring;
import org.checkoutpipeline.events.RecurringInterval;
import org.checkoutpipeline.events.ShippingDetails;
import org.checkoutpipeline.events.TaxId;
import org.checkoutpipeline.schemas.order.LineItems;

/**
 * The pipeline's {@link Purchase} from a Stripe Checkout Session: from the session read back with
 * its expansions and line items, or, when that read failed, from the webhook's session alone.
 */
public final class Purchases {

    private Purchases() {
    }

    /**
     * @param read the session read back, or null to use {@code webhookSession} alone
     */
    public static Purchase of(Session webhookSession, SessionReader.Read read) {
        Session s = read == null ? webhookSession : read.session();
        var purchase = Purchase.newBuilder()
                .setFetched(read != null)
                .setLineItems(read == null ? List.of() : read.lineItems().stream().map(Purchases::line).toList())
                .setAmounts(amounts(s))
                .setDiscounts(s.getDiscounts() == null ? List.of() : s.getDiscounts().stream()
                        .map(d -> new AppliedDiscount(d.getCoupon(), d.getPromotionCode())).toList())
                .setShipping(shipping(s))
                .setCustomer(customer(s))
                .setCustomFields(customFields(s))
                .setConsent(s.getConsent() == null ? null
                        : new Consent(s.getConsent().getTermsOfService(), s.getConsent().getPromotions()))
                .setCapture(capture(s, read != null));
        PaymentIntent intent = s.getPaymentIntentObject();
        if (intent != null && intent.getPaymentMethodObject() != null) {
            purchase.setPaymentMethodType(intent.getPaymentMethodObject().getType());
        }
        if (s.getSubscriptionObject() != null && s.getSubscriptionObject().getTrialEnd() != null) {
            purchase.setTrialEnd(Instant.ofEpochSecond(s.getSubscriptionObject().getTrialEnd()));
        }
        return purchase.build();
    }

    /** The method type a session was paid with, from a session read back; null when unknown. */
    public static String paymentMethodType(SessionReader.Read read) {
        PaymentIntent intent = read == null ? null : read.session().getPaymentIntentObject();
        PaymentMethod method = intent == null ? null : intent.getPaymentMethodObject();
        return method == null ? null : method.getType();
    }

    /** Why the session's last payment attempt failed, from a session read back; null when none did. */
    public static PaymentError lastPaymentError(SessionReader.Read read) {
        PaymentIntent intent = read == null ? null : read.session().getPaymentIntentObject();
        StripeError error = intent == null ? null : intent.getLastPaymentError();
        if (error == null) {
            return null;
        }
        String type = error.getPaymentMethod() != null ? error.getPaymentMethod().getType() : paymentMethodType(read);
        return new PaymentError(error.getCode(), error.getDeclineCode(), error.getMessage(), type);
    }

    private static ChargedLineItem line(LineItem item) {
        Price price = item.getPrice();
        Product product = price == null ? null : price.getProductObject();
        var line = ChargedLineItem.newBuilder()
                .setStripeLineItemId(item.getId())
                .setDescription(item.getDescription() == null ? "" : item.getDescription())
                .setQuantity(item.getQuantity() == null ? 0 : item.getQuantity())
                .setAmountSubtotal(orZero(item.getAmountSubtotal()))
                .setAmountDiscount(orZero(item.getAmountDiscount()))
                .setAmountTax(orZero(item.getAmountTax()))
                .setAmountTotal(orZero(item.getAmountTotal()));
        if (price != null) {
            line.setPriceId(price.getId()).setUnitAmount(price.getUnitAmount())
                    .setProductId(product != null ? product.getId() : price.getProduct());
            if (price.getRecurring() != null && price.getRecurring().getInterval() != null) {
                Long count = price.getRecurring().getIntervalCount();
                line.setRecurring(new Recurring(RecurringInterval.valueOf(price.getRecurring().getInterval().toUpperCase(Locale.ROOT)),
                        count == null ? 1 : count.intValue()));
            }
        }
        if (product != null && product.getMetadata() != null) {
            line.setSku(product.getMetadata().get(LineItems.SKU_METADATA));
        }
        return line.build();
    }

    private static Amounts amounts(Session s) {
        if (s.getAmountTotal() == null || s.getCurrency() == null) {
            return null;
        }
        var totals = s.getTotalDetails();
        return new Amounts(s.getCurrency(), orZero(s.getAmountSubtotal()),
                totals == null ? 0 : orZero(totals.getAmountDiscount()),
                totals == null ? 0 : orZero(totals.getAmountShipping()),
                totals == null ? 0 : orZero(totals.getAmountTax()), s.getAmountTotal());
    }

    private static ShippingDetails shipping(Session s) {
        var collected = s.getCollectedInformation() == null ? null : s.getCollectedInformation().getShippingDetails();
        var cost = s.getShippingCost();
        if (collected == null && cost == null) {
            return null;
        }
        var shipping = ShippingDetails.newBuilder()
                .setName(collected == null ? null : collected.getName())
                .setAddress(collected == null ? null : address(collected.getAddress()))
                .setPhone(s.getCustomerDetails() == null ? null : s.getCustomerDetails().getPhone());
        if (cost != null) {
            shipping.setAmount(orZero(cost.getAmountTotal()))
                    .setShippingRateId(cost.getShippingRateObject() != null ? cost.getShippingRateObject().getId()
                            : cost.getShippingRate())
                    .setShippingRateName(cost.getShippingRateObject() == null ? null
                            : cost.getShippingRateObject().getDisplayName());
        }
        return shipping.build();
    }

    private static CustomerDetails customer(Session s) {
        var details = s.getCustomerDetails();
        if (details == null && s.getCustomer() == null) {
            return null;
        }
        var customer = CustomerDetails.newBuilder().setStripeCustomerId(s.getCustomer());
        if (details != null) {
            customer.setName(details.getName()).setEmail(details.getEmail()).setPhone(details.getPhone())
                    .setAddress(address(details.getAddress()))
                    .setTaxIds(details.getTaxIds() == null ? List.of() : details.getTaxIds().stream()
                            .filter(id -> id.getType() != null && id.getValue() != null)
                            .map(id -> new TaxId(id.getType(), id.getValue())).toList());
        }
        return customer.build();
    }

    private static List<CustomFieldValue> customFields(Session s) {
        if (s.getCustomFields() == null) {
            return List.of();
        }
        var values = new ArrayList<CustomFieldValue>();
        for (Session.CustomField field : s.getCustomFields()) {
            String value = switch (String.valueOf(field.getType())) {
                case "dropdown" -> field.getDropdown() == null ? null : field.getDropdown().getValue();
                case "numeric" -> field.getNumeric() == null ? null : field.getNumeric().getValue();
                default -> field.getText() == null ? null : field.getText().getValue();
            };
            values.add(new CustomFieldValue(field.getKey(), value));
        }
        return values;
    }

    /**
     * Where the money stands: from the PaymentIntent when the session was read back with it, else
     * from {@code payment_status} alone (which cannot tell an authorisation from a delayed payment).
     */
    private static CaptureState capture(Session s, boolean read) {
        if ("setup".equals(s.getMode()) || "no_payment_required".equals(s.getPaymentStatus())) {
            return CaptureState.NONE;
        }
        PaymentIntent intent = s.getPaymentIntentObject();
        if (intent != null) {
            return switch (String.valueOf(intent.getStatus())) {
                case "succeeded" -> CaptureState.CAPTURED;
                case "requires_capture" -> CaptureState.AUTHORIZED;
                case "processing", "requires_action" -> CaptureState.PENDING;
                default -> CaptureState.UNKNOWN;
            };
        }
        if ("paid".equals(s.getPaymentStatus())) {
            return CaptureState.CAPTURED;
        }
        // A subscription's first invoice still open means a delayed method settling; without the read, unknown.
        return read && "subscription".equals(s.getMode()) ? CaptureState.PENDING : CaptureState.UNKNOWN;
    }

    private static Address address(com.stripe.model.Address a) {
        return a == null ? null : new Address(a.getLine1(), a.getLine2(), a.getCity(), a.getState(), a.getPostalCode(),
                a.getCountry());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
