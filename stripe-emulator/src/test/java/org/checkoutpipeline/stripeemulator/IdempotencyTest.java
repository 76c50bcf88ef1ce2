package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class IdempotencyTest extends EmulatorTestSupport {

    private static RequestOptions key(String value) {
        return RequestOptions.builder().setIdempotencyKey(value).build();
    }

    @Test
    void replaysTheFirstResultForTheSameKeyAndParameters() throws Exception {
        String key = "order-" + UUID.randomUUID();
        int before = emulator.store().sessions().size();

        Session first = stripe.v1().checkout().sessions().create(payment().build(), key(key));
        Session second = stripe.v1().checkout().sessions().create(payment().build(), key(key));

        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getLastResponse().body()).isEqualTo(first.getLastResponse().body());
        assertThat(second.getLastResponse().headers().firstValue("Idempotent-Replayed"))
                .hasValue("true");
        assertThat(first.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(emulator.store().sessions().size()).isEqualTo(before + 1);
    }

    @Test
    void replaysTheOriginalBodyEvenAfterTheSessionChanged() throws Exception {
        String key = "order-" + UUID.randomUUID();
        Session first = stripe.v1().checkout().sessions().create(payment().build(), key(key));
        stripe.v1().checkout().sessions().expire(first.getId());

        Session replay = stripe.v1().checkout().sessions().create(payment().build(), key(key));

        assertThat(replay.getStatus()).isEqualTo("open");
        assertThat(replay.getLastResponse().body()).isEqualTo(first.getLastResponse().body());
    }

    @Test
    void refusesTheSameKeyWithDifferentParameters() throws Exception {
        String key = "order-" + UUID.randomUUID();
        stripe.v1().checkout().sessions().create(payment().build(), key(key));

        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(
                payment().setClientReferenceId("other").build(), key(key)))
                .isInstanceOfSatisfying(IdempotencyException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getType()).isEqualTo("idempotency_error");
                    assertThat(e.getStripeError().getMessage()).contains(key);
                });
    }

    @Test
    void treatsReorderedFormFieldsAsTheSameParameters() throws Exception {
        String key = "order-" + UUID.randomUUID();
        String a = "mode=payment&line_items[0][quantity]=1&line_items[0][price_data][currency]=usd"
                + "&line_items[0][price_data][unit_amount]=700"
                + "&line_items[0][price_data][product_data][name]=Cap";
        String b = "line_items[0][price_data][product_data][name]=Cap"
                + "&line_items[0][price_data][unit_amount]=700&line_items[0][price_data][currency]=usd"
                + "&line_items[0][quantity]=1&mode=payment";

        HttpResponse<String> first = postWithKey(key, a);
        HttpResponse<String> second = postWithKey(key, b);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void doesNotStoreFailedValidationsSoTheKeyCanBeRetriedWithFixedParameters() throws Exception {
        String key = "order-" + UUID.randomUUID();

        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(
                payment().setCustomerEmail("broken").build(), key(key)))
                .isInstanceOf(InvalidRequestException.class);
        Session fixed = stripe.v1().checkout().sessions().create(payment().build(), key(key));

        assertThat(fixed.getStatus()).isEqualTo("open");
    }

    @Test
    void replaysAStoredErrorForARequestThatRan() throws Exception {
        Session session = createPayment();
        stripe.v1().checkout().sessions().expire(session.getId());
        String key = "expire-" + UUID.randomUUID();

        HttpResponse<String> first = postWithKey(key, "", "/v1/checkout/sessions/" + session.getId()
                + "/expire");
        HttpResponse<String> second = postWithKey(key, "", "/v1/checkout/sessions/" + session.getId()
                + "/expire");

        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void concurrentRequestsWithOneKeyCreateExactlyOneSession() throws Exception {
        String key = "order-" + UUID.randomUUID();
        int before = emulator.store().sessions().size();
        int clients = 16;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(clients);
        List<CompletableFuture<HttpResponse<String>>> results = new ArrayList<>();
        String form = "mode=payment&line_items[0][quantity]=1&line_items[0][price_data][currency]=usd"
                + "&line_items[0][price_data][unit_amount]=700"
                + "&line_items[0][price_data][product_data][name]=Cap";
        for (int i = 0; i < clients; i++) {
            results.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return postWithKey(key, form);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        start.countDown();
        var ids = new ArrayList<String>();
        for (var future : results) {
            HttpResponse<String> response = future.get();
            assertThat(response.statusCode()).isIn(200, 409);
            if (response.statusCode() == 200) {
                ids.add(response.body().substring(7, response.body().indexOf('"', 7)));
            } else {
                assertThat(response.body()).contains("idempotency_error");
            }
        }
        pool.shutdown();

        assertThat(ids).isNotEmpty();
        assertThat(ids).allMatch(id -> id.equals(ids.get(0)));
        assertThat(emulator.store().sessions().size()).isEqualTo(before + 1);
    }

    @Test
    void forgetsKeysAfterTwentyFourHoursOfEmulatorTime() throws Exception {
        var emulatorWithClock = StripeEmulator.builder().port(0).host("127.0.0.1").build().start();
        try {
            var client = client(emulatorWithClock);
            String key = "order-" + UUID.randomUUID();
            Session first = client.v1().checkout().sessions().create(payment().build(), key(key));
            emulatorWithClock.clock().advance(Duration.ofHours(24).plusSeconds(1));

            Session second = client.v1().checkout().sessions().create(payment().build(), key(key));

            assertThat(second.getId()).isNotEqualTo(first.getId());
        } finally {
            emulatorWithClock.stop();
        }
    }

    private static HttpResponse<String> postWithKey(String key, String form) throws Exception {
        return postWithKey(key, form, "/v1/checkout/sessions");
    }

    private static HttpResponse<String> postWithKey(String key, String form, String path)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Authorization", "Bearer sk_test_emulator")
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
