package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.model.checkout.Session;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks every kind of object the emulator returns against Stripe's official OpenAPI schemas
 * (test resources {@code stripe-reference/}): types, required fields, nullability, enum values,
 * and that no field outside the 2026 schema is sent.
 */
class SchemaConformanceTest extends EmulatorTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SchemaValidator validator;
    private static JsonNode extract;

    @BeforeAll
    static void loadSchemas() throws IOException {
        extract = read("checkout-session-openapi-extract.json");
        validator = new SchemaValidator(extract, read("checkout-subschemas-2023-08-16.json"));
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = SchemaConformanceTest.class.getResourceAsStream(
                "/stripe-reference/" + name)) {
            return JSON.readTree(in);
        }
    }

    private static JsonNode body(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static JsonNode responseSchema(String path, String method) {
        return extract.at("/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method
                + "/responses/200/content/application~1json/schema");
    }

    private static void assertConforms(JsonNode value, JsonNode schema, String what) {
        List<String> problems = validator.validate(value, schema, what);
        assertThat(problems).as(what).isEmpty();
    }

    private static void assertSession(JsonNode session, String what) {
        assertConforms(session, validator.schema("checkout.session"), what);
    }

    @Test
    void sessionsConformInEveryModeAndState() throws Exception {
        Session payment = createPayment();
        Session subscription = createSubscription();
        Session setup = createSetup();
        Session expired = createPayment();
        stripe.v1().checkout().sessions().expire(expired.getId());
        Session async = createEuroPayment();
        complete(payment.getId(), "card_number=4242424242424242");
        complete(subscription.getId(), "");
        complete(setup.getId(), "");
        complete(async.getId(), "outcome=async_success");
        Session open = createSubscription();

        for (String id : List.of(payment.getId(), subscription.getId(), setup.getId(), expired.getId(),
                async.getId(), open.getId())) {
            assertSession(body(get("/v1/checkout/sessions/" + id)), id);
            assertSession(body(get("/v1/checkout/sessions/" + id + "?expand[]=line_items"
                    + "&expand[]=customer&expand[]=payment_intent&expand[]=subscription"
                    + "&expand[]=setup_intent")), id + " expanded");
        }
    }

    @Test
    void listsAndLineItemsConform() throws Exception {
        Session session = createSubscription();

        assertConforms(body(get("/v1/checkout/sessions?limit=5&expand[]=data.line_items")),
                responseSchema("/v1/checkout/sessions", "get"), "session list");
        assertConforms(body(get("/v1/checkout/sessions/" + session.getId() + "/line_items")),
                responseSchema("/v1/checkout/sessions/{session}/line_items", "get"), "line items");
        assertConforms(body(get("/v1/checkout/sessions/" + session.getId() + "/line_items"))
                .get("data").get(0), validator.schema("item"), "item");
    }

    @Test
    void createAndExpireResponsesConformToTheirOperations() throws Exception {
        HttpResponse<String> created = post("/v1/checkout/sessions", "mode=setup&currency=usd");
        String id = body(created).get("id").asText();

        assertConforms(body(created), responseSchema("/v1/checkout/sessions", "post"), "create");
        assertConforms(body(post("/v1/checkout/sessions/" + id + "/expire", "")),
                responseSchema("/v1/checkout/sessions/{session}/expire", "post"), "expire");
    }

    @Test
    void eventsConform() throws Exception {
        Session session = createPayment();
        complete(session.getId(), "");

        JsonNode events = body(get("/v1/events?limit=20"));
        assertThat(events.get("data").size()).isPositive();
        for (JsonNode event : events.get("data")) {
            assertConforms(event, validator.schema("event"), event.get("type").asText());
            if (event.get("type").asText().startsWith("checkout.session.")) {
                assertSession(event.get("data").get("object"), "data.object of " + event.get("id"));
            }
        }
    }

    @Test
    void errorsConform() throws Exception {
        var errors = new ArrayList<HttpResponse<String>>();
        errors.add(post("/v1/checkout/sessions", "foo=bar"));
        errors.add(get("/v1/checkout/sessions/cs_test_nope"));
        errors.add(http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(emulator.baseUrl() + "/v1/events")).build(),
                HttpResponse.BodyHandlers.ofString()));
        errors.add(complete(createPayment().getId(), "card_number=4000000000000002"));

        for (HttpResponse<String> error : errors) {
            assertThat(error.statusCode()).isGreaterThanOrEqualTo(400);
            assertConforms(body(error), validator.schema("error"), error.body());
        }
    }

    @Test
    void theValidatorCatchesAWrongType() throws Exception {
        var session = (com.fasterxml.jackson.databind.node.ObjectNode)
                body(get("/v1/checkout/sessions/" + createPayment().getId()));
        session.put("amount_total", "lots");
        session.remove("created");
        session.put("status", "paused");

        List<String> problems = validator.validate(session, validator.schema("checkout.session"), "s");

        assertThat(problems).hasSize(3);
    }
}
