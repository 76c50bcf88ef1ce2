package org.checkoutpipeline.fulfillment.state;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.checkoutpipeline.events.OrderState;

/**
 * What an order's facts mean at a given moment.
 *
 * @param status      the order's status
 * @param detail      why, for people reading the status
 * @param due         the decision to make now, if the order is undecided and one is due; else null
 * @param alerts      the alerts that hold now
 * @param nextCheckAt when the passing of time may change this verdict; null if only new events can
 */
public record Verdict(OrderState status, String detail, Decision due, Set<OrderFacts.Alert> alerts, Instant nextCheckAt) {

    public Verdict {
        alerts = Set.copyOf(alerts);
    }

    public Optional<Decision> dueDecision() {
        return Optional.ofNullable(due);
    }

    public boolean expiryOverdue() {
        return alerts.contains(OrderFacts.Alert.EXPIRY_OVERDUE);
    }
}
