package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.ApiException;
import com.stripe.exception.RateLimitException;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.faults.FaultConfig;
import org.checkoutpipeline.stripeemulator.faults.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest extends EmulatorTestSupport {

    @AfterEach
    void clearFaults() throws Exception {
        http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(emulator.baseUrl() + "/_emulator/faults")).DELETE().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anInjected500CreatesNothing() throws Exception {
        int before = emulator.store().sessions().size();
        postJson("/_emulator/faults",
                "{\"endpoints\":{\"POST /v1/checkout/sessions\":{\"error_rate\":1.0}}}");

        assertThatThrownBy(EmulatorTestSupport::createPayment)
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(500);
                    assertThat(e.getStripeError().getType()).isEqualTo("api_error");
                });
        assertThat(emulator.store().sessions().size()).isEqualTo(before);
        assertThat(stripe.v1().checkout().sessions().list().getObject()).isEqualTo("list");
    }

    @Test
    void anInjected429IsAStripeRateLimitError() throws Exception {
        var response = postJson("/_emulator/faults", "{\"rate_limit_error_rate\":1.0}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(EmulatorTestSupport::createPayment)
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(429);
                    assertThat(e.getCode()).isEqualTo("rate_limit");
                });
    }

    @Test
    void theRateLimiterRefusesRequestsBeyondItsRate() {
        emulator.faults().configure(new FaultConfig(FaultRule.NONE, Map.of(), 2));
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            try {
                stripe.v1().checkout().sessions().list();
            } catch (RateLimitException e) {
                refused++;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        assertThat(refused).isGreaterThanOrEqualTo(5);
    }

    @Test
    void latencyDelaysTheResponseByAtLeastTheConfiguredTime() throws Exception {
        emulator.faults().configure(new FaultConfig(new FaultRule(200, 0, 0, 0), Map.of(), 0));

        long start = System.nanoTime();
        createPayment();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMs).isGreaterThanOrEqualTo(200);
    }

    @Test
    void faultSettingsAreReadableAndRefuseUnknownFields() throws Exception {
        postJson("/_emulator/faults", "{\"latency_ms\":5,\"jitter_ms\":1,\"rate_limit_per_second\":50}");

        var current = get("/_emulator/faults");
        var bad = postJson("/_emulator/faults", "{\"latency\":5}");

        assertThat(current.body()).contains("\"latency_ms\":5", "\"rate_limit_per_second\":50.0");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown field latency");
    }

    @Test
    void emulatorEndpointsAreNeverFaulted() throws Exception {
        postJson("/_emulator/faults", "{\"error_rate\":1.0}");

        assertThat(get("/_emulator/clock").statusCode()).isEqualTo(200);
    }
}
