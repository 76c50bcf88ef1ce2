package org.checkoutpipeline.fulfillment.state;

import org.apache.avro.specific.SpecificRecord;
import org.checkoutpipeline.events.CheckoutAsyncPaymentFailed;
import org.checkoutpipeline.events.CheckoutAsyncPaymentSucceeded;
import org.checkoutpipeline.events.CheckoutCompleted;
import org.checkoutpipeline.events.CheckoutCreated;
import org.checkoutpipeline.events.CheckoutExpired;
import org.checkoutpipeline.events.CheckoutFailed;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.Money;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.PaymentError;

/** Turns the input events of {@code orders.placed} and {@code checkout.events} into {@link Fact}s. */
public final class EventFacts {

    private EventFacts() {
    }

    /**
     * The fact an input event states.
     *
     * @throws IllegalArgumentException for a record type the fulfillment worker does not read
     */
    public static Fact of(SpecificRecord event) {
        if (event instanceof OrderPlaced e) {
            return new Fact.Placed(e.getEventId(), e.getOccurredAt(), e.getPlacedAt(), e.getMode(), e.getCurrency(),
                    e.getCustomerId(), e.getCustomerEmail(), e.getLineItems().stream().map(EventFacts::item).toList(),
                    e.getMetadata());
        }
        if (event instanceof CheckoutCreated e) {
            return new Fact.SessionCreated(e.getEventId(), e.getOccurredAt(), e.getCheckoutSessionId(), e.getUrl(),
                    e.getExpiresAt(), e.getMode(), amount(e.getAmountTotal()));
        }
        if (event instanceof CheckoutFailed e) {
            return new Fact.CheckoutFailure(e.getEventId(), e.getOccurredAt(), e.getReason(), e.getDetail(), e.getField());
        }
        if (event instanceof CheckoutCompleted e) {
            return new Fact.Completion(e.getEventId(), e.getOccurredAt(), e.getCheckoutSessionId(), e.getMode(),
                    e.getPaymentStatus(), amount(e.getAmountTotal()), e.getCustomerId(), e.getCustomerEmail(),
                    e.getPaymentIntentId(), e.getSubscriptionId(), e.getSetupIntentId(), e.getPurchase());
        }
        if (event instanceof CheckoutAsyncPaymentSucceeded e) {
            return new Fact.AsyncPayment(e.getEventId(), e.getOccurredAt(), e.getCheckoutSessionId(), true,
                    e.getPaymentIntentId(), amount(e.getAmountTotal()), null);
        }
        if (event instanceof CheckoutAsyncPaymentFailed e) {
            return new Fact.AsyncPayment(e.getEventId(), e.getOccurredAt(), e.getCheckoutSessionId(), false,
                    e.getPaymentIntentId(), amount(e.getAmountTotal()), e.getPaymentMethodType());
        }
        if (event instanceof CheckoutExpired e) {
            PaymentError error = e.getLastPaymentError();
            return error == null ? new Fact.Expiry(e.getEventId(), e.getOccurredAt(), e.getCheckoutSessionId(), null, null, null)
                    : new Fact.Expiry(e.getEventId(), e.getOccurredAt(), e.getCheckoutSessionId(), error.getPaymentMethodType(),
                            error.getCode(), error.getMessage());
        }
        throw new IllegalArgumentException("A " + event.getSchema().getName()
                + " is not an input of the fulfillment worker (expected OrderPlaced or a checkout event)");
    }

    /** The orderId an input event names. */
    public static String orderIdOf(SpecificRecord event) {
        Object orderId = event.get(event.getSchema().getField("orderId").pos());
        return orderId == null ? null : orderId.toString();
    }

    private static Fact.Item item(LineItem line) {
        return new Fact.Item(line.getName(), line.getDescription(), line.getUnitAmount(), line.getQuantity(),
                line.getRecurring() == null ? null : line.getRecurring().getInterval(),
                line.getRecurring() == null ? null : line.getRecurring().getIntervalCount(), line.getSku(), line.getPriceId());
    }

    private static Fact.Amount amount(Money money) {
        return money == null ? null : new Fact.Amount(money.getAmount(), money.getCurrency());
    }
}
