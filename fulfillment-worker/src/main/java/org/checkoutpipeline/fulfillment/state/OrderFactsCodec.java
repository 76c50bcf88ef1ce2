package org.checkoutpipeline.fulfillment.state;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.errors.SerializationException;
import org.checkoutpipeline.events.CancellationReason;
import org.checkoutpipeline.events.CheckoutFailureReason;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.OrderState;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.events.RecurringInterval;

/**
 * The binary form of {@link OrderFacts}, version 2: a version byte ({@value #VERSION}), then the
 * fields of {@code OrderFacts} in declaration order, each nested record in its own declaration order.
 * Strings are UTF-8 behind their length plus one (zero for null); integers are variable-length
 * (zig-zag for signed ones); instants are a presence flag, epoch seconds and nanoseconds; enums
 * are written by name; optional facts, amounts and decisions are behind a presence flag; lists,
 * maps and sets behind their size.
 *
 * A completion's {@link Purchase} is its Avro binary encoding behind its length, written with the
 * {@code Purchase} schema of the release that introduced this format ({@code FulfillmentRequested} v2).
 *
 * <p>A change of the format gets a new version byte, and the reader keeps reading every earlier
 * version, so that a newer worker reads an older one's state and changelog. Version 1 had no SKU or
 * price id per line, no purchase, no async payment method and no expired session's last error.
 */
final class OrderFactsCodec {

    static final int VERSION = 2;
    static final int VERSION_1 = 1;

    private OrderFactsCodec() {
    }

    static byte[] write(OrderFacts order) {
        StateWriter out = new StateWriter(256);
        out.writeByte(VERSION);
        out.writeString(order.orderId());
        writePlaced(out, order.placed());
        writeCreated(out, order.created());
        writeFailed(out, order.failed());
        writeCompleted(out, order.completed());
        writeAsync(out, order.asyncSucceeded());
        writeAsync(out, order.asyncFailed());
        writeExpired(out, order.expired());
        out.writeInstant(order.firstSeenAt());
        out.writeInstant(order.settlementStartedAt());
        writeDecision(out, order.decision());
        out.writeVarLong(order.alerts().size());
        for (OrderFacts.Alert alert : OrderFacts.Alert.values()) {
            if (order.alerts().contains(alert)) {
                out.writeEnum(alert);
            }
        }
        out.writeEnum(order.lastStatus());
        out.writeInstant(order.nextCheckAt());
        out.writeSignedLong(order.version());
        out.writeInstant(order.updatedAt());
        out.writeVarLong(order.timeline().size());
        for (TimelineItem item : order.timeline()) {
            out.writeString(item.eventType());
            out.writeString(item.eventId());
            out.writeInstant(item.occurredAt());
        }
        return out.toByteArray();
    }

    /** Reads a state written by {@link #write}; {@code bytes[0]} is the version byte. */
    static OrderFacts read(byte[] bytes) {
        int format = bytes[0];
        if (format != VERSION && format != VERSION_1) {
            throw new SerializationException("Order state format version " + bytes[0] + " is unknown to this "
                    + "worker (it reads versions 1 to " + VERSION + " and the JSON of earlier releases)");
        }
        boolean v2 = format >= 2;
        StateReader in = new StateReader(bytes, 1);
        String orderId = in.readString();
        Fact.Placed placed = readPlaced(in, v2);
        Fact.SessionCreated created = readCreated(in);
        Fact.CheckoutFailure failed = readFailed(in);
        Fact.Completion completed = readCompleted(in, v2);
        Fact.AsyncPayment asyncSucceeded = readAsync(in, v2);
        Fact.AsyncPayment asyncFailed = readAsync(in, v2);
        Fact.Expiry expired = readExpired(in, v2);
        var firstSeenAt = in.readInstant();
        var settlementStartedAt = in.readInstant();
        Decision decision = readDecision(in);
        int alertCount = in.readCount();
        Set<OrderFacts.Alert> alerts = EnumSet.noneOf(OrderFacts.Alert.class);
        for (int i = 0; i < alertCount; i++) {
            alerts.add(in.readEnum(OrderFacts.Alert.class));
        }
        OrderState lastStatus = in.readEnum(OrderState.class);
        var nextCheckAt = in.readInstant();
        long version = in.readSignedLong();
        var updatedAt = in.readInstant();
        int timelineSize = in.readCount();
        List<TimelineItem> timeline = new ArrayList<>(timelineSize);
        for (int i = 0; i < timelineSize; i++) {
            timeline.add(new TimelineItem(in.readString(), in.readString(), in.readInstant()));
        }
        if (!in.atEnd()) {
            throw new SerializationException("Order state of order " + orderId + " has bytes after its timeline");
        }
        return new OrderFacts(orderId, placed, created, failed, completed, asyncSucceeded, asyncFailed, expired,
                firstSeenAt, settlementStartedAt, decision, alerts, lastStatus, nextCheckAt, version, updatedAt,
                timeline);
    }

    private static void writePlaced(StateWriter out, Fact.Placed fact) {
        out.writeBoolean(fact != null);
        if (fact == null) {
            return;
        }
        out.writeString(fact.eventId());
        out.writeInstant(fact.occurredAt());
        out.writeInstant(fact.placedAt());
        out.writeEnum(fact.mode());
        out.writeString(fact.currency());
        out.writeString(fact.customerId());
        out.writeString(fact.customerEmail());
        out.writeVarLong(fact.lineItems().size());
        for (Fact.Item item : fact.lineItems()) {
            out.writeString(item.name());
            out.writeString(item.description());
            out.writeSignedLong(item.unitAmount());
            out.writeSignedLong(item.quantity());
            out.writeEnum(item.interval());
            out.writeBoolean(item.intervalCount() != null);
            if (item.intervalCount() != null) {
                out.writeSignedLong(item.intervalCount());
            }
            out.writeString(item.sku());
            out.writeString(item.priceId());
        }
        out.writeVarLong(fact.metadata().size());
        for (Map.Entry<String, String> entry : fact.metadata().entrySet()) {
            out.writeString(entry.getKey());
            out.writeString(entry.getValue());
        }
    }

    private static Fact.Placed readPlaced(StateReader in, boolean v2) {
        if (!in.readBoolean()) {
            return null;
        }
        String eventId = in.readString();
        var occurredAt = in.readInstant();
        var placedAt = in.readInstant();
        CheckoutMode mode = in.readEnum(CheckoutMode.class);
        String currency = in.readString();
        String customerId = in.readString();
        String customerEmail = in.readString();
        int itemCount = in.readCount();
        List<Fact.Item> items = new ArrayList<>(itemCount);
        for (int i = 0; i < itemCount; i++) {
            String name = in.readString();
            String description = in.readString();
            long unitAmount = in.readSignedLong();
            long quantity = in.readSignedLong();
            RecurringInterval interval = in.readEnum(RecurringInterval.class);
            Integer intervalCount = in.readBoolean() ? Math.toIntExact(in.readSignedLong()) : null;
            String sku = v2 ? in.readString() : null;
            String priceId = v2 ? in.readString() : null;
            items.add(new Fact.Item(name, description, unitAmount, quantity, interval, intervalCount, sku, priceId));
        }
        int metadataSize = in.readCount();
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < metadataSize; i++) {
            metadata.put(in.readString(), in.readString());
        }
        return new Fact.Placed(eventId, occurredAt, placedAt, mode, currency, customerId, customerEmail, items, metadata);
    }

    private static void writeCreated(StateWriter out, Fact.SessionCreated fact) {
        out.writeBoolean(fact != null);
        if (fact != null) {
            out.writeString(fact.eventId());
            out.writeInstant(fact.occurredAt());
            out.writeString(fact.sessionId());
            out.writeString(fact.url());
            out.writeInstant(fact.expiresAt());
            out.writeEnum(fact.mode());
            writeAmount(out, fact.amountTotal());
        }
    }

    private static Fact.SessionCreated readCreated(StateReader in) {
        return !in.readBoolean() ? null : new Fact.SessionCreated(in.readString(), in.readInstant(), in.readString(),
                in.readString(), in.readInstant(), in.readEnum(CheckoutMode.class), readAmount(in));
    }

    private static void writeFailed(StateWriter out, Fact.CheckoutFailure fact) {
        out.writeBoolean(fact != null);
        if (fact != null) {
            out.writeString(fact.eventId());
            out.writeInstant(fact.occurredAt());
            out.writeEnum(fact.reason());
            out.writeString(fact.detail());
            out.writeString(fact.field());
        }
    }

    private static Fact.CheckoutFailure readFailed(StateReader in) {
        return !in.readBoolean() ? null : new Fact.CheckoutFailure(in.readString(), in.readInstant(),
                in.readEnum(CheckoutFailureReason.class), in.readString(), in.readString());
    }

    private static void writeCompleted(StateWriter out, Fact.Completion fact) {
        out.writeBoolean(fact != null);
        if (fact != null) {
            out.writeString(fact.eventId());
            out.writeInstant(fact.occurredAt());
            out.writeString(fact.sessionId());
            out.writeEnum(fact.mode());
            out.writeEnum(fact.paymentStatus());
            writeAmount(out, fact.amountTotal());
            out.writeString(fact.customerId());
            out.writeString(fact.customerEmail());
            out.writeString(fact.paymentIntentId());
            out.writeString(fact.subscriptionId());
            out.writeString(fact.setupIntentId());
            out.writeBytes(fact.purchase() == null ? null : PurchaseBytes.write(fact.purchase()));
        }
    }

    private static Fact.Completion readCompleted(StateReader in, boolean v2) {
        return !in.readBoolean() ? null : new Fact.Completion(in.readString(), in.readInstant(), in.readString(),
                in.readEnum(CheckoutMode.class), in.readEnum(PaymentStatus.class), readAmount(in), in.readString(),
                in.readString(), in.readString(), in.readString(), in.readString(),
                v2 ? PurchaseBytes.read(in.readBytes()) : null);
    }

    private static void writeAsync(StateWriter out, Fact.AsyncPayment fact) {
        out.writeBoolean(fact != null);
        if (fact != null) {
            out.writeString(fact.eventId());
            out.writeInstant(fact.occurredAt());
            out.writeString(fact.sessionId());
            out.writeBoolean(fact.succeeded());
            out.writeString(fact.paymentIntentId());
            writeAmount(out, fact.amountTotal());
            out.writeString(fact.paymentMethodType());
        }
    }

    private static Fact.AsyncPayment readAsync(StateReader in, boolean v2) {
        return !in.readBoolean() ? null : new Fact.AsyncPayment(in.readString(), in.readInstant(), in.readString(),
                in.readBoolean(), in.readString(), readAmount(in), v2 ? in.readString() : null);
    }

    private static void writeExpired(StateWriter out, Fact.Expiry fact) {
        out.writeBoolean(fact != null);
        if (fact != null) {
            out.writeString(fact.eventId());
            out.writeInstant(fact.occurredAt());
            out.writeString(fact.sessionId());
            out.writeString(fact.failedMethodType());
            out.writeString(fact.failureCode());
            out.writeString(fact.failureMessage());
        }
    }

    private static Fact.Expiry readExpired(StateReader in, boolean v2) {
        return !in.readBoolean() ? null : new Fact.Expiry(in.readString(), in.readInstant(), in.readString(),
                v2 ? in.readString() : null, v2 ? in.readString() : null, v2 ? in.readString() : null);
    }

    private static void writeAmount(StateWriter out, Fact.Amount amount) {
        out.writeBoolean(amount != null);
        if (amount != null) {
            out.writeSignedLong(amount.amount());
            out.writeString(amount.currency());
        }
    }

    private static Fact.Amount readAmount(StateReader in) {
        return !in.readBoolean() ? null : new Fact.Amount(in.readSignedLong(), in.readString());
    }

    private static void writeDecision(StateWriter out, Decision decision) {
        out.writeBoolean(decision != null);
        if (decision != null) {
            out.writeEnum(decision.outcome());
            out.writeEnum(decision.reason());
            out.writeString(decision.detail());
            out.writeInstant(decision.decidedAt());
            out.writeString(decision.eventId());
        }
    }

    private static Decision readDecision(StateReader in) {
        return !in.readBoolean() ? null : new Decision(in.readEnum(Decision.Outcome.class),
                in.readEnum(CancellationReason.class), in.readString(), in.readInstant(), in.readString());
    }
}
