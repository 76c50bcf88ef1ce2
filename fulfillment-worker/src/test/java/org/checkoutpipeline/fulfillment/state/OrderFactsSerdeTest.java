package org.checkoutpipeline.fulfillment.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.common.errors.SerializationException;
import org.checkoutpipeline.events.CancellationReason;
import org.checkoutpipeline.events.CheckoutFailureReason;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.OrderState;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.events.RecurringInterval;
import org.checkoutpipeline.fulfillment.TestEvents;
import org.junit.jupiter.api.Test;

class OrderFactsSerdeTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final OrderDecider DECIDER = new OrderDecider(
            new OrderDecider.Rules(Duration.ofMinutes(30), Duration.ofMinutes(15), Duration.ofMinutes(2)));
    /** How releases before the binary form wrote the state. */
    private static final ObjectMapper EARLIER_RELEASE_JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, true)
            .configure(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS, false);

    private final TestEvents events = new TestEvents("o-1", NOW.minusSeconds(600));
    private final OrderFactsSerde serde = new OrderFactsSerde();

    @Test
    void aDecidedOrderSurvivesItsBinaryFormUnchanged() {
        OrderFacts decided = decidedSubscription();

        byte[] bytes = serde.serializer().serialize("t", decided);

        assertThat(bytes[0]).isEqualTo((byte) OrderFactsCodec.VERSION);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(decided);
    }

    @Test
    void everyKindOfFactAndNanosecondTimesSurviveTheBinaryForm() {
        Instant precise = Instant.parse("1969-12-31T23:59:59.123456789Z");
        OrderFacts order = OrderFacts.empty("o-ü")
                .with(new Fact.Placed("e1", precise, NOW, CheckoutMode.SUBSCRIPTION, "eur", "cus_1", null,
                        List.of(new Fact.Item("Tea", null, -5, 3, RecurringInterval.YEAR, 2, "TEA-1", null),
                                new Fact.Item("", null, 0, 1, null, null, null, "price_pot")),
                        Map.of("channel", "web", "note", "")), NOW)
                .with(new Fact.SessionCreated("e2", NOW, "cs_1", "https://x", NOW.plusSeconds(60), CheckoutMode.PAYMENT,
                        null), NOW)
                .with(new Fact.CheckoutFailure("e3", NOW, CheckoutFailureReason.STRIPE_REJECTED, "too low", null), NOW)
                .with(new Fact.Completion("e4", NOW, "cs_1", CheckoutMode.PAYMENT, PaymentStatus.UNPAID,
                        new Fact.Amount(Long.MIN_VALUE, "eur"), null, "a@b.c", "pi_1", null, null, TestEvents.purchase()), NOW)
                .with(new Fact.AsyncPayment("e5", NOW, "cs_1", true, "pi_1", new Fact.Amount(Long.MAX_VALUE, "usd"), null), NOW)
                .with(new Fact.AsyncPayment("e6", NOW, "cs_1", false, null, null, "oxxo"), NOW)
                .with(new Fact.Expiry("e7", NOW, "cs_1", "ideal", "payment_intent_authentication_failure", "Failed"), NOW.plusNanos(1));
        OrderFacts cancelled = order.decided(Decision.cancel("o-ü", CancellationReason.ASYNC_PAYMENT_FAILED, "failed", NOW))
                .settled(OrderState.CANCELLED, Set.of(OrderFacts.Alert.ORDER_MISSING, OrderFacts.Alert.EXPIRY_OVERDUE),
                        null, NOW);

        byte[] bytes = serde.serializer().serialize("t", cancelled);

        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(cancelled);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", OrderFacts.empty("o-2"))))
                .isEqualTo(OrderFacts.empty("o-2"));
    }

    @Test
    void theJsonStateOfEarlierReleasesIsStillRead() throws Exception {
        OrderFacts decided = decidedSubscription();

        byte[] json = EARLIER_RELEASE_JSON.writeValueAsBytes(decided);

        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(decided);
    }

    @Test
    void anUnknownFormatVersionOrATruncatedStateIsRefusedNamingTheProblem() {
        byte[] bytes = serde.serializer().serialize("t", decidedSubscription());
        byte[] newer = bytes.clone();
        newer[0] = 3;

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", newer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 3");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class);
    }

    private OrderFacts decidedSubscription() {
        OrderFacts order = OrderFacts.empty("o-1")
                .with(EventFacts.of(events.placed(CheckoutMode.SUBSCRIPTION)), NOW)
                .with(EventFacts.of(events.created(CheckoutMode.SUBSCRIPTION, NOW.plusSeconds(3600))), NOW)
                .with(EventFacts.of(events.completed(CheckoutMode.SUBSCRIPTION, PaymentStatus.PAID)), NOW);
        return order.decided(DECIDER.decide(order, NOW).due())
                .settled(OrderState.FULFILLMENT_REQUESTED, Set.of(OrderFacts.Alert.EXPIRY_OVERDUE), NOW, NOW);
    }
}
