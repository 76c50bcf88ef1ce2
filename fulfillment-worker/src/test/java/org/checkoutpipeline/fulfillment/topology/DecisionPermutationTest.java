package org.checkoutpipeline.fulfillment.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.test.TestRecord;
import org.checkoutpipeline.events.CancellationReason;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.OrderCancelled;
import org.checkoutpipeline.events.OrderState;
import org.checkoutpipeline.events.OrderStatus;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.fulfillment.TestEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * For each checkout scenario, every arrival order of its events (with a duplicate), and random
 * arrival orders of every event delivered twice, end in the same status and exactly one decision.
 */
class DecisionPermutationTest {

    private static final Instant EVENT_TIME = Instant.parse("2026-03-01T09:00:00Z");

    enum Scenario {
        PAYMENT(OrderState.FULFILLMENT_REQUESTED) {
            @Override
            List<SpecificRecord> events(TestEvents e, Instant now) {
                var completed = e.completed(CheckoutMode.PAYMENT, PaymentStatus.PAID);
                return List.of(e.placed(CheckoutMode.PAYMENT), e.created(CheckoutMode.PAYMENT, now.plusSeconds(3600)),
                        completed, completed);
            }

            @Override
            void checkDecision(TestEvents e, SpecificRecord decision) {
                FulfillmentRequested fulfilment = (FulfillmentRequested) decision;
                assertThat(fulfilment.getMode()).isEqualTo(CheckoutMode.PAYMENT);
                assertThat(fulfilment.getPaymentStatus()).isEqualTo(PaymentStatus.PAID);
                assertThat(fulfilment.getPaymentIntentId()).isEqualTo("pi_" + e.orderId());
                assertThat(fulfilment.getCustomerId()).isEqualTo("cus_" + e.orderId());
                assertThat(fulfilment.getAmountTotal().getAmount()).isEqualTo(TestEvents.AMOUNT);
                assertThat(fulfilment.getLineItems()).hasSize(1);
                assertThat(fulfilment.getMetadata()).containsEntry("channel", "web");
            }
        },
        SUBSCRIPTION(OrderState.FULFILLMENT_REQUESTED) {
            @Override
            List<SpecificRecord> events(TestEvents e, Instant now) {
                var completed = e.completed(CheckoutMode.SUBSCRIPTION, PaymentStatus.PAID);
                return List.of(e.placed(CheckoutMode.SUBSCRIPTION),
                        e.created(CheckoutMode.SUBSCRIPTION, now.plusSeconds(3600)), completed, completed);
            }

            @Override
            void checkDecision(TestEvents e, SpecificRecord decision) {
                FulfillmentRequested fulfilment = (FulfillmentRequested) decision;
                assertThat(fulfilment.getMode()).isEqualTo(CheckoutMode.SUBSCRIPTION);
                assertThat(fulfilment.getSubscriptionId()).isEqualTo("sub_" + e.orderId());
                assertThat(fulfilment.getLineItems().get(0).getRecurring()).isNotNull();
            }
        },
        SETUP(OrderState.FULFILLMENT_REQUESTED) {
            @Override
            List<SpecificRecord> events(TestEvents e, Instant now) {
                var completed = e.completed(CheckoutMode.SETUP, PaymentStatus.NO_PAYMENT_REQUIRED);
                return List.of(e.placed(CheckoutMode.SETUP), e.created(CheckoutMode.SETUP, now.plusSeconds(3600)),
                        completed, completed);
            }

            @Override
            void checkDecision(TestEvents e, SpecificRecord decision) {
                FulfillmentRequested fulfilment = (FulfillmentRequested) decision;
                assertThat(fulfilment.getMode()).isEqualTo(CheckoutMode.SETUP);
                assertThat(fulfilment.getPaymentStatus()).isEqualTo(PaymentStatus.NO_PAYMENT_REQUIRED);
                assertThat(fulfilment.getSetupIntentId()).isEqualTo("seti_" + e.orderId());
                assertThat(fulfilment.getCustomerId()).isEqualTo("cus_" + e.orderId());
            }
        },
        ASYNC_SUCCESS(OrderState.FULFILLMENT_REQUESTED) {
            @Override
            List<SpecificRecord> events(TestEvents e, Instant now) {
                var succeeded = e.asyncSucceeded();
                return List.of(e.placed(CheckoutMode.PAYMENT), e.created(CheckoutMode.PAYMENT, now.plusSeconds(3600)),
                        e.completed(CheckoutMode.PAYMENT, PaymentStatus.UNPAID), succeeded, succeeded);
            }

            @Override
            void checkDecision(TestEvents e, SpecificRecord decision) {
                FulfillmentRequested fulfilment = (FulfillmentRequested) decision;
                assertThat(fulfilment.getPaymentStatus()).isEqualTo(PaymentStatus.PAID);
                assertThat(fulfilment.getPaymentIntentId()).isEqualTo("pi_" + e.orderId());
            }
        },
        ASYNC_FAILURE(OrderState.CANCELLED) {
            @Override
            List<SpecificRecord> events(TestEvents e, Instant now) {
                var failed = e.asyncFailed();
                return List.of(e.placed(CheckoutMode.PAYMENT), e.created(CheckoutMode.PAYMENT, now.plusSeconds(3600)),
                        e.completed(CheckoutMode.PAYMENT, PaymentStatus.UNPAID), failed, failed);
            }

            @Override
            void checkDecision(TestEvents e, SpecificRecord decision) {
                assertThat(((OrderCancelled) decision).getReason()).isEqualTo(CancellationReason.ASYNC_PAYMENT_FAILED);
                assertThat(((OrderCancelled) decision).getCheckoutSessionId()).isEqualTo(e.sessionId());
            }
        },
        EXPIRY(OrderState.CANCELLED) {
            @Override
            List<SpecificRecord> events(TestEvents e, Instant now) {
                var expired = e.expired();
                return List.of(e.placed(CheckoutMode.PAYMENT), e.created(CheckoutMode.PAYMENT, now.plusSeconds(3600)),
                        expired, expired);
            }

            @Override
            void checkDecision(TestEvents e, SpecificRecord decision) {
                assertThat(((OrderCancelled) decision).getReason()).isEqualTo(CancellationReason.CHECKOUT_EXPIRED);
                assertThat(((OrderCancelled) decision).getCheckoutSessionId()).isEqualTo(e.sessionId());
            }
        },
        CHECKOUT_FAILURE(OrderState.CANCELLED) {
            @Override
            List<SpecificRecord> events(TestEvents e, Instant now) {
                var placed = e.placed(CheckoutMode.PAYMENT);
                var failed = e.failed();
                return List.of(placed, failed, failed, placed);
            }

            @Override
            void checkDecision(TestEvents e, SpecificRecord decision) {
                OrderCancelled cancelled = (OrderCancelled) decision;
                assertThat(cancelled.getReason()).isEqualTo(CancellationReason.CHECKOUT_FAILED);
                assertThat(cancelled.getDetail()).contains("STRIPE_REJECTED", "unit_amount");
            }
        },
        EXPIRY_AFTER_PAYMENT(OrderState.FULFILLMENT_REQUESTED) {
            @Override
            List<SpecificRecord> events(TestEvents e, Instant now) {
                var completed = e.completed(CheckoutMode.PAYMENT, PaymentStatus.PAID);
                return List.of(e.placed(CheckoutMode.PAYMENT), e.created(CheckoutMode.PAYMENT, now.plusSeconds(3600)),
                        completed, e.expired(), completed);
            }

            @Override
            void checkDecision(TestEvents e, SpecificRecord decision) {
                assertThat(((FulfillmentRequested) decision).getPaymentIntentId()).isEqualTo("pi_" + e.orderId());
            }
        };

        final OrderState finalStatus;

        Scenario(OrderState finalStatus) {
            this.finalStatus = finalStatus;
        }

        /** The scenario's events, the duplicate included; {@code now} is the wall-clock time. */
        abstract List<SpecificRecord> events(TestEvents events, Instant now);

        abstract void checkDecision(TestEvents events, SpecificRecord decision);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void everyArrivalOrderOfTheEventsAndADuplicateEndsInTheSameStatusAndOneDecision(Scenario scenario) throws Exception {
        int eventCount = scenario.events(new TestEvents("probe", EVENT_TIME), Instant.now()).size();
        List<List<Integer>> arrivalOrders = permutations(eventCount);
        assertThat(arrivalOrders).hasSize(factorial(eventCount));
        runAll(scenario, arrivalOrders.size(), (index, events) -> {
            List<Integer> order = arrivalOrders.get(index);
            List<SpecificRecord> arriving = new ArrayList<>();
            order.forEach(position -> arriving.add(events.get(position)));
            return arriving;
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void everyEventDeliveredTwiceInRandomOrderStillGivesOneDecision(Scenario scenario) throws Exception {
        Random random = new Random(scenario.ordinal());
        runAll(scenario, 40, (index, events) -> {
            List<SpecificRecord> arriving = new ArrayList<>(events);
            arriving.addAll(events);
            Collections.shuffle(arriving, random);
            return arriving;
        });
    }

    private interface Arrival {
        List<SpecificRecord> order(int index, List<SpecificRecord> events);
    }

    private static void runAll(Scenario scenario, int runs, Arrival arrival) throws Exception {
        String reference = null;
        try (TopologyHarness harness = new TopologyHarness()) {
            for (int run = 0; run < runs; run++) {
                TestEvents events = new TestEvents(scenario.name().toLowerCase() + "-" + run, EVENT_TIME);
                List<SpecificRecord> arriving = arrival.order(run, scenario.events(events, harness.clock.instant()));
                arriving.forEach(harness::send);
                harness.advance(TopologyHarness.SETTLEMENT.plus(TopologyHarness.CHECK_INTERVAL));
                harness.advance(TopologyHarness.CHECK_INTERVAL);

                List<TestRecord<String, SpecificRecord>> decisions = harness.readDecisions();
                String description = scenario + " arriving as " + arriving.stream()
                        .map(event -> event.getSchema().getName()).toList();
                assertThat(decisions).as(description).hasSize(1);
                assertThat(decisions.get(0).key()).isEqualTo(events.orderId());
                assertThat(decisions.get(0).value()).as(description)
                        .isInstanceOf(scenario.finalStatus == OrderState.CANCELLED ? OrderCancelled.class
                                : FulfillmentRequested.class);
                scenario.checkDecision(events, decisions.get(0).value());

                List<TestRecord<String, OrderStatus>> statuses = harness.readStatuses();
                assertThat(statuses).as(description).isNotEmpty()
                        .allSatisfy(status -> assertThat(status.key()).isEqualTo(events.orderId()));
                OrderStatus last = statuses.get(statuses.size() - 1).value();
                assertThat(last.getStatus()).as(description).isEqualTo(scenario.finalStatus);
                String normalized = normalized(last, events.orderId());
                if (reference == null) {
                    reference = normalized;
                }
                assertThat(normalized).as(description).isEqualTo(reference);
            }
        }
    }

    /** The status without what differs between runs: the order id, times of processing, the session's expiry time. */
    private static String normalized(OrderStatus status, String orderId) {
        return OrderStatus.newBuilder(status).setEventId("-").setOccurredAt(Instant.EPOCH).setUpdatedAt(Instant.EPOCH)
                .setExpiresAt(null).build().toString().replace(orderId, "ORDER");
    }

    static List<List<Integer>> permutations(int size) {
        List<List<Integer>> result = new ArrayList<>();
        permute(new ArrayList<>(), new boolean[size], result);
        return result;
    }

    private static void permute(List<Integer> prefix, boolean[] used, List<List<Integer>> result) {
        if (prefix.size() == used.length) {
            result.add(List.copyOf(prefix));
            return;
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                used[i] = true;
                prefix.add(i);
                permute(prefix, used, result);
                prefix.remove(prefix.size() - 1);
                used[i] = false;
            }
        }
    }

    private static int factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }
}
