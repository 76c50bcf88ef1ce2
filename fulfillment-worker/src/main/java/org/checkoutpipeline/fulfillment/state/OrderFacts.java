package org.checkoutpipeline.fulfillment.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.checkoutpipeline.events.OrderState;

/**
 * Everything the fulfillment worker knows about one order: the facts its input events stated, the
 * decision made (if any), the alerts raised, and a bounded timeline. The status is derived from it
 * by {@link OrderDecider}.
 *
 * <p>Adding facts is commutative and idempotent: each kind of fact has one slot, and when two
 * different events claim the same slot the earlier one (by {@code occurredAt}, then event id) is
 * kept, so the state after a set of events does not depend on their arrival order or repetition.
 *
 * @param firstSeenAt       wall-clock time the first event of this order was processed
 * @param settlementStartedAt wall-clock time a cancelling fact (expiry, checkout failure) was first
 *                          recorded; cancellation waits a settlement period from then for a
 *                          payment that may have been overtaken
 * @param lastStatus        the status last published, kept for the orders-by-status gauge
 * @param nextCheckAt       when a time-based rule may next change this order, as indexed for punctuation
 * @param version           incremented on every visible change; names the status snapshots
 * @param updatedAt         wall-clock time of the last visible change
 */
public record OrderFacts(
        String orderId,
        Fact.Placed placed,
        Fact.SessionCreated created,
        Fact.CheckoutFailure failed,
        Fact.Completion completed,
        Fact.AsyncPayment asyncSucceeded,
        Fact.AsyncPayment asyncFailed,
        Fact.Expiry expired,
        Instant firstSeenAt,
        Instant settlementStartedAt,
        Decision decision,
        Set<Alert> alerts,
        OrderState lastStatus,
        Instant nextCheckAt,
        long version,
        Instant updatedAt,
        List<TimelineItem> timeline) {

    /** The most events kept in an order's timeline; later ones still count as facts. */
    public static final int TIMELINE_LIMIT = 64;

    private static final Comparator<Fact> EARLIEST =
            Comparator.comparing(Fact::occurredAt).thenComparing(Fact::eventId);

    /** Conditions worth an operator's attention, each counted once per order when raised. */
    public enum Alert {
        /** Checkout events arrived but the order itself did not within the wait timeout. */
        ORDER_MISSING,
        /** The session is past its expiry plus grace with neither an expiry nor a completion received: a lost webhook. */
        EXPIRY_OVERDUE
    }

    public OrderFacts {
        Objects.requireNonNull(orderId, "orderId");
        alerts = alerts == null || alerts.isEmpty() ? Set.of() : Set.copyOf(alerts);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** An order nothing is known about yet. */
    public static OrderFacts empty(String orderId) {
        return new OrderFacts(orderId, null, null, null, null, null, null, null, null, null, null,
                Set.of(), null, null, 0, null, List.of());
    }

    public boolean isDecided() {
        return decision != null;
    }

    /** Whether this event was recorded already (a redelivery or a duplicate webhook). */
    public boolean hasSeen(String eventId) {
        return timeline.stream().anyMatch(item -> item.eventId().equals(eventId));
    }

    /**
     * This order with one more fact, received at {@code now}; the same instance when the event
     * was seen before.
     */
    public OrderFacts with(Fact fact, Instant now) {
        if (hasSeen(fact.eventId())) {
            return this;
        }
        Fact.Placed placed = this.placed;
        Fact.SessionCreated created = this.created;
        Fact.CheckoutFailure failed = this.failed;
        Fact.Completion completed = this.completed;
        Fact.AsyncPayment asyncSucceeded = this.asyncSucceeded;
        Fact.AsyncPayment asyncFailed = this.asyncFailed;
        Fact.Expiry expired = this.expired;
        Instant settlementStartedAt = this.settlementStartedAt;
        if (fact instanceof Fact.Placed f) {
            placed = earliest(placed, f);
        } else if (fact instanceof Fact.SessionCreated f) {
            created = earliest(created, f);
        } else if (fact instanceof Fact.CheckoutFailure f) {
            failed = earliest(failed, f);
        } else if (fact instanceof Fact.Completion f) {
            completed = earliest(completed, f);
        } else if (fact instanceof Fact.AsyncPayment f && f.succeeded()) {
            asyncSucceeded = earliest(asyncSucceeded, f);
        } else if (fact instanceof Fact.AsyncPayment f) {
            asyncFailed = earliest(asyncFailed, f);
        } else if (fact instanceof Fact.Expiry f) {
            expired = earliest(expired, f);
        }
        if (settlementStartedAt == null && (fact instanceof Fact.Expiry || fact instanceof Fact.CheckoutFailure)) {
            settlementStartedAt = now;
        }
        List<TimelineItem> timeline = new ArrayList<>(this.timeline);
        timeline.add(new TimelineItem(fact.eventType(), fact.eventId(), fact.occurredAt()));
        timeline.sort(TimelineItem.CHRONOLOGICAL);
        if (timeline.size() > TIMELINE_LIMIT) {
            timeline = timeline.subList(0, TIMELINE_LIMIT);
        }
        return new OrderFacts(orderId, placed, created, failed, completed, asyncSucceeded, asyncFailed, expired,
                firstSeenAt == null ? now : firstSeenAt, settlementStartedAt, decision, alerts, lastStatus,
                nextCheckAt, version + 1, now, timeline);
    }

    /** This order with its decision recorded. */
    public OrderFacts decided(Decision decision) {
        if (this.decision != null) {
            throw new IllegalStateException("Order " + orderId + " is decided already (" + this.decision.outcome()
                    + "); cannot record " + decision.outcome());
        }
        return new OrderFacts(orderId, placed, created, failed, completed, asyncSucceeded, asyncFailed, expired,
                firstSeenAt, settlementStartedAt, decision, alerts, lastStatus, nextCheckAt, version + 1,
                decision.decidedAt(), timeline);
    }

    /** This order with the status, alerts and next check its latest verdict gave; the same instance when nothing changed. */
    public OrderFacts settled(OrderState status, Set<Alert> alerts, Instant nextCheckAt, Instant now) {
        if (status == lastStatus && alerts.equals(this.alerts) && Objects.equals(nextCheckAt, this.nextCheckAt)) {
            return this;
        }
        boolean visible = status != lastStatus || !alerts.equals(this.alerts);
        return new OrderFacts(orderId, placed, created, failed, completed, asyncSucceeded, asyncFailed, expired,
                firstSeenAt, settlementStartedAt, decision, alerts, status, nextCheckAt,
                visible ? version + 1 : version, visible ? now : updatedAt, timeline);
    }

    private static <F extends Fact> F earliest(F current, F candidate) {
        return current == null || EARLIEST.compare(candidate, current) < 0 ? candidate : current;
    }
}
