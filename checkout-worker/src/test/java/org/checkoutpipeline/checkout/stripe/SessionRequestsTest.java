package org.checkoutpipeline.checkout.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.stripe.param.checkout.SessionCreateParams;
import org.checkoutpipeline.checkout.Orders;
import org.checkoutpipeline.events.OrderPlaced;
import org.junit.jupiter.api.Test;

class SessionRequestsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final SessionRequests requests = new SessionRequests(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void idempotencyKeyDependsOnTheOrderIdAlone() {
        assertThat(SessionRequests.idempotencyKey("order-42")).isEqualTo("checkout-pipeline-order-order-42");
        assertThat(SessionRequests.idempotencyKey("order-42")).isEqualTo(SessionRequests.idempotencyKey("order-42"));
        assertThat(SessionRequests.idempotencyKey("order-43")).isNotEqualTo(SessionRequests.idempotencyKey("order-42"));
    }

    @Test
    void longOrderIdIsHashedToFitStripesKeyLimit() {
        String key = SessionRequests.idempotencyKey("o".repeat(300));
        assertThat(key).hasSizeLessThanOrEqualTo(255).startsWith("checkout-pipeline-order-sha256-");
        assertThat(SessionRequests.idempotencyKey("o".repeat(300) + "x")).isNotEqualTo(key);
    }

    @Test
    void paymentOrderMapsToPriceDataLineItemsAndReferences() {
        OrderPlaced order = Orders.payment("order-7").build();

        SessionCreateParams params = requests.paramsFor(order);

        assertThat(params.getMode()).isEqualTo(SessionCreateParams.Mode.PAYMENT);
        assertThat(params.getClientReferenceId()).isEqualTo("order-7");
        assertThat(params.getMetadata()).isEqualTo(Map.of("channel", "web", "order_id", "order-7"));
        assertThat(params.getCustomerEmail()).isEqualTo("jane@example.com");
        assertThat(params.getLineItems()).hasSize(2);
        SessionCreateParams.LineItem first = params.getLineItems().get(0);
        assertThat(first.getQuantity()).isEqualTo(2L);
        assertThat(first.getPriceData().getCurrency()).isEqualTo("usd");
        assertThat(first.getPriceData().getUnitAmount()).isEqualTo(2_499L);
        assertThat(first.getPriceData().getProductData().getName()).isEqualTo("Coffee beans");
        assertThat(first.getPriceData().getProductData().getDescription()).isEqualTo("1 kg, whole");
        assertThat(first.getPriceData().getRecurring()).isNull();
        assertThat(params.getCurrency()).isNull();
        assertThat(params.getExpiresAt()).isNull();
    }

    @Test
    void subscriptionItemsCarryTheirInterval() {
        SessionCreateParams params = requests.paramsFor(Orders.subscription("order-8").build());
        SessionCreateParams.LineItem.PriceData.Recurring recurring = params.getLineItems().get(0).getPriceData().getRecurring();
        assertThat(recurring.getInterval()).isEqualTo(SessionCreateParams.LineItem.PriceData.Recurring.Interval.MONTH);
        assertThat(recurring.getIntervalCount()).isEqualTo(1L);
    }

    @Test
    void setupOrderSendsTheCurrencyAndNoItems() {
        SessionCreateParams params = requests.paramsFor(Orders.setup("order-9").build());
        assertThat(params.getMode()).isEqualTo(SessionCreateParams.Mode.SETUP);
        assertThat(params.getCurrency()).isEqualTo("usd");
        assertThat(params.getLineItems()).isNull();
    }

    @Test
    void expiryIsPlacedAtPlusLifetimeSoRetriesSendTheSameParameters() {
        OrderPlaced order = Orders.payment("order-10").setPlacedAt(NOW.minusSeconds(60)).setCheckoutLifetimeSeconds(3_600L).build();
        assertThat(requests.paramsFor(order).getExpiresAt()).isEqualTo(NOW.minusSeconds(60).plusSeconds(3_600).getEpochSecond());
        SessionRequests later = new SessionRequests(Clock.fixed(NOW.plusSeconds(120), ZoneOffset.UTC));
        assertThat(later.paramsFor(order).getExpiresAt()).isEqualTo(requests.paramsFor(order).getExpiresAt());
    }

    @Test
    void expiryTooCloseForStripeIsLeftToItsDefault() {
        OrderPlaced backlog = Orders.payment("order-11").setPlacedAt(NOW.minusSeconds(3_000)).setCheckoutLifetimeSeconds(3_600L).build();
        assertThat(requests.paramsFor(backlog).getExpiresAt()).isNull();
    }
}
