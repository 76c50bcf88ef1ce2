package org.checkoutpipeline.bridge.mapping;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import com.stripe.Stripe;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Event;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import org.apache.avro.specific.SpecificRecord;
import org.checkoutpipeline.events.CheckoutAsyncPaymentFailed;
import org.checkoutpipeline.events.CheckoutAsyncPaymentSucceeded;
import org.checkoutpipeline.events.CheckoutCompleted;
import org.checkoutpipeline.events.CheckoutExpired;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.Money;
import org.checkoutpipeline.events.PaymentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a verified Stripe event into the pipeline's record for it. The order comes from the
 * session's {@code client_reference_id} (the checkout worker sets it to the orderId), falling back
 * to {@code metadata.order_id}; the record's {@code eventId} is Stripe's {@code evt_} id.
 */
public final class EventMapper {

    private static final Logger log = LoggerFactory.getLogger(EventMapper.class);

    public static final String COMPLETED = "checkout.session.completed";
    public static final String EXPIRED = "checkout.session.expired";
    public static final String ASYNC_SUCCEEDED = "checkout.session.async_payment_succeeded";
    public static final String ASYNC_FAILED = "checkout.session.async_payment_failed";
    /** The event types the bridge publishes, also what reconciliation lists. */
    public static final java.util.List<String> HANDLED_TYPES = java.util.List.of(COMPLETED, EXPIRED, ASYNC_SUCCEEDED, ASYNC_FAILED);

    private final AtomicBoolean versionWarned = new AtomicBoolean();
    private final SessionReader reader;

    /** Maps from the webhooks alone, reading nothing back from Stripe (no API key). */
    public EventMapper() {
        this(null);
    }

    /**
     * @param reader reads each completed session (and an expired or failed one's PaymentIntent) back
     *               from Stripe; null publishes what the webhook carries
     */
    public EventMapper(SessionReader reader) {
        this.reader = reader;
    }

    /** The event cannot be published correctly without the session read back from Stripe: answer 503, Stripe delivers again. */
    public static final class SessionUnreadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SessionUnreadException(String message) {
            super(message);
        }
    }

    /** Why an event is answered 200 but not published; the name is the metric's {@code reason} tag. */
    public enum Ignored { UNHANDLED_TYPE, NOT_OUR_SESSION }

    /** The mapping: a record to publish with its order (the Kafka key), or why there is none. */
    public record Mapped(SpecificRecord record, String orderId, Ignored ignored) {
        static Mapped of(SpecificRecord record, String orderId) {
            return new Mapped(record, orderId, null);
        }

        static Mapped ignore(Ignored reason) {
            return new Mapped(null, null, reason);
        }
    }

    public Mapped map(Event event) {
        if (!HANDLED_TYPES.contains(event.getType())) {
            return Mapped.ignore(Ignored.UNHANDLED_TYPE);
        }
        Session session = session(event);
        String orderId = orderId(session);
        if (orderId == null) {
            return Mapped.ignore(Ignored.NOT_OUR_SESSION);
        }
        Instant occurredAt = Instant.ofEpochSecond(event.getCreated());
        SessionReader.Read completion = event.getType().equals(COMPLETED) ? read(session, true) : null;
        if (completion == null && reader != null && event.getType().equals(COMPLETED) && "payment".equals(session.getMode())
                && "unpaid".equals(session.getPaymentStatus())) {
            // Only the PaymentIntent tells an authorisation to capture (fulfil now) from a delayed payment
            // (wait): without it the order would wait for an event that may never come. Stripe delivers again.
            throw new SessionUnreadException("Checkout Session " + session.getId() + " completed unpaid and could not be"
                    + " read back from Stripe within " + reader.budget() + " to tell a manual capture from a delayed"
                    + " payment");
        }
        SpecificRecord record = switch (event.getType()) {
            case COMPLETED -> CheckoutCompleted.newBuilder()
                    .setEventId(event.getId()).setOrderId(orderId).setOccurredAt(occurredAt)
                    .setCheckoutSessionId(session.getId())
                    .setMode(CheckoutMode.valueOf(session.getMode().toUpperCase()))
                    .setPaymentStatus(PaymentStatus.valueOf(session.getPaymentStatus().toUpperCase()))
                    .setAmountSubtotal(money(session.getAmountSubtotal(), session.getCurrency()))
                    .setAmountTotal(money(session.getAmountTotal(), session.getCurrency()))
                    .setCustomerId(session.getCustomer())
                    .setCustomerEmail(email(session))
                    .setPaymentIntentId(session.getPaymentIntent())
                    .setSubscriptionId(session.getSubscription())
                    .setSetupIntentId(session.getSetupIntent())
                    .setPurchase(Purchases.of(session, completion))
                    .build();
            case EXPIRED -> CheckoutExpired.newBuilder()
                    .setEventId(event.getId()).setOrderId(orderId).setOccurredAt(occurredAt)
                    .setCheckoutSessionId(session.getId())
                    // Only a session the customer tried to pay has a PaymentIntent to read.
                    .setLastPaymentError(session.getPaymentIntent() == null ? null
                            : Purchases.lastPaymentError(read(session, false)))
                    .build();
            case ASYNC_SUCCEEDED -> new CheckoutAsyncPaymentSucceeded(event.getId(), orderId, occurredAt, session.getId(),
                    session.getPaymentIntent(), money(session.getAmountTotal(), session.getCurrency()));
            case ASYNC_FAILED -> CheckoutAsyncPaymentFailed.newBuilder()
                    .setEventId(event.getId()).setOrderId(orderId).setOccurredAt(occurredAt)
                    .setCheckoutSessionId(session.getId())
                    .setPaymentIntentId(session.getPaymentIntent())
                    .setAmountTotal(money(session.getAmountTotal(), session.getCurrency()))
                    .setPaymentMethodType(Purchases.paymentMethodType(read(session, false)))
                    .build();
            default -> throw new IllegalStateException("Unhandled type " + event.getType());
        };
        return Mapped.of(record, orderId);
    }

    /**
     * The session inside the event. stripe-java only deserializes objects of its own pinned API
     * version; an event of another version (an endpoint set to a newer version) is still read, with
     * a warning once, since the fields used here are stable across versions.
     */
    private Session session(Event event) {
        var deserializer = event.getDataObjectDeserializer();
        Optional<StripeObject> object = deserializer.getObject();
        if (object.isPresent()) {
            return (Session) object.get();
        }
        if (versionWarned.compareAndSet(false, true)) {
            log.warn("Stripe events arrive with API version {} but stripe-java is pinned to {}; reading them anyway. "
                    + "Set the webhook endpoint's API version to {} to silence this.", event.getApiVersion(),
                    Stripe.API_VERSION, Stripe.API_VERSION);
        }
        try {
            return (Session) deserializer.deserializeUnsafe();
        } catch (EventDataObjectDeserializationException e) {
            throw new IllegalArgumentException("Event " + event.getId() + " carries no readable Checkout Session: "
                    + e.getMessage(), e);
        }
    }

    private SessionReader.Read read(Session session, boolean withLineItems) {
        return reader == null ? null : reader.read(session.getId(), withLineItems).orElse(null);
    }

    private static String orderId(Session session) {
        if (session.getClientReferenceId() != null && !session.getClientReferenceId().isBlank()) {
            return session.getClientReferenceId();
        }
        Map<String, String> metadata = session.getMetadata();
        return metadata == null ? null : metadata.get("order_id");
    }

    private static String email(Session session) {
        if (session.getCustomerDetails() != null && session.getCustomerDetails().getEmail() != null) {
            return session.getCustomerDetails().getEmail();
        }
        return session.getCustomerEmail();
    }

    private static Money money(Long amount, String currency) {
        return amount == null || currency == null ? null : new Money(amount, currency);
    }
}
