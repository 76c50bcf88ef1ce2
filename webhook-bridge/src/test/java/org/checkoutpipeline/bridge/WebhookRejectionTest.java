package org.checkoutpipeline.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.net.Webhook;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams.Mode;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;
import org.checkoutpipeline.stripeemulator.webhooks.RetrySchedule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests that are not genuine, fresh Stripe events are refused with a 4xx and publish nothing.
 * The genuine body is a real {@code checkout.session.completed} event taken from the emulator.
 */
class WebhookRejectionTest {

    private static BridgeHarness harness;
    private static String genuineBody;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        harness = new BridgeHarness(RetrySchedule.NONE, 0);
        harness.startBridge();
        Session session = harness.createSession("order-genuine", Mode.PAYMENT);
        harness.emulator.complete(session.getId(), PaymentOutcome.success());
        String events = http.send(HttpRequest.newBuilder(URI.create(harness.emulator.baseUrl()
                        + "/v1/events?type=checkout.session.completed"))
                .header("Authorization", "Bearer " + BridgeHarness.API_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        genuineBody = JSON.readTree(events).get("data").get(0).toString();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void genuineSignedEventIsPublished() throws Exception {
        HttpResponse<String> response = post(genuineBody, sign(genuineBody, BridgeHarness.SECRET, now()));
        assertThat(response.statusCode()).isEqualTo(200);
        // The emulator delivers the same event too; whichever claims it first publishes it, once.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> harness.published().size() >= 1);
        assertThat(harness.published()).hasSize(1);
    }

    @Test
    void signatureWithAnotherSecretIsRefused() throws Exception {
        assertRefused(post(body("forged"), sign(body("forged"), "whsec_attacker", now())), 400);
    }

    @Test
    void bodyChangedAfterSigningIsRefused() throws Exception {
        String header = sign(body("tampered"), BridgeHarness.SECRET, now());
        ObjectNode tampered = (ObjectNode) JSON.readTree(body("tampered"));
        ((ObjectNode) tampered.get("data").get("object")).put("amount_total", 1);
        assertRefused(post(tampered.toString(), header), 400);
    }

    @Test
    void staleTimestampIsRefused() throws Exception {
        assertRefused(post(body("stale"), sign(body("stale"), BridgeHarness.SECRET, now() - 3_600)), 400);
    }

    @Test
    void missingOrMalformedSignatureHeaderIsRefused() throws Exception {
        assertRefused(post(body("unsigned"), null), 400);
        assertRefused(post(body("garbled"), "v0=abc"), 400);
    }

    @Test
    void signedBodyThatIsNotJsonIsRefused() throws Exception {
        assertRefused(post("not json at all", sign("not json at all", BridgeHarness.SECRET, now())), 400);
    }

    @Test
    void bodyOverOneMebibyteIsRefusedWith413() throws Exception {
        String huge = "{\"padding\":\"" + "x".repeat(1_100_000) + "\"}";
        assertRefused(post(huge, sign(huge, BridgeHarness.SECRET, now())), 413);
    }

    @Test
    void otherMethodsAndPathsAreRefused() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(bridge("/stripe/webhook")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(send(bridge("/stripe/webhook/extra"), body("path"), sign(body("path"), BridgeHarness.SECRET, now())).statusCode())
                .isEqualTo(404);
        assertThat(send(bridge("/webhooks"), body("path"), null).statusCode()).isEqualTo(404);
    }

    private void assertRefused(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).contains("error");
        assertThat(harness.published()).allSatisfy(record ->
                assertThat(record.get(record.getSchema().getField("eventId").pos()).toString()).doesNotStartWith("evt_test_"));
    }

    /** The genuine event under a fresh id, so each test's event would be new to the bridge. */
    private static String body(String id) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(genuineBody);
            return event.put("id", "evt_test_" + id).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> post(String body, String signature) throws Exception {
        return send(bridge("/stripe/webhook"), body, signature);
    }

    private static HttpResponse<String> send(URI uri, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI bridge(String path) {
        return URI.create("http://127.0.0.1:" + harness.bridgePort + path);
    }

    private static String sign(String payload, String secret, long timestamp) throws Exception {
        return Webhook.Signature.generateSignatureHeader(payload, secret, timestamp);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
