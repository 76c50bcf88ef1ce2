package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.model.checkout.Session;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** The list endpoints' shared cursor check and list object. */
class ListCursorTest extends EmulatorTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode error(String path, String expectedParam) throws Exception {
        var response = get(path);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("resource_missing");
        assertThat(error.get("param").asText()).isEqualTo(expectedParam);
        return error;
    }

    @Test
    void anUnknownCursorIsNamedWithItsObjectNoun() throws Exception {
        Session session = createPayment();
        String lineItems = "/v1/checkout/sessions/" + session.getId() + "/line_items";

        assertThat(error("/v1/checkout/sessions?starting_after=cs_test_gone", "starting_after")
                .get("message").asText()).isEqualTo("No such object: 'cs_test_gone'");
        assertThat(error("/v1/events?ending_before=evt_gone", "ending_before").get("message").asText())
                .isEqualTo("No such event: 'evt_gone'");
        assertThat(error("/v1/webhook_endpoints?starting_after=we_gone", "starting_after")
                .get("message").asText()).isEqualTo("No such webhook endpoint: 'we_gone'");
        assertThat(error(lineItems + "?ending_before=li_gone", "ending_before").get("message").asText())
                .isEqualTo("No such line item: 'li_gone'");
    }

    @Test
    void listsAreStripeListObjects() throws Exception {
        Session session = createPayment();

        for (String path : new String[] {"/v1/checkout/sessions?limit=1", "/v1/events?limit=1",
                "/v1/webhook_endpoints", "/v1/checkout/sessions/" + session.getId() + "/line_items"}) {
            var response = get(path);
            JsonNode list = JSON.readTree(response.body());
            var keys = new ArrayList<String>();
            list.fieldNames().forEachRemaining(keys::add);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(keys).containsExactly("object", "data", "has_more", "url");
            assertThat(list.get("object").asText()).isEqualTo("list");
            assertThat(list.get("url").asText()).isEqualTo(path.replaceFirst("\\?.*", ""));
        }
    }
}
