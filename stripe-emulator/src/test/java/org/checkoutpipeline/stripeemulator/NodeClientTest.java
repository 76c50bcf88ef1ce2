package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The same emulator, driven by Stripe's official Node client, the language of Stripe's Checkout guides. */
class NodeClientTest extends EmulatorTestSupport {

    @Test
    void aMerchantsCatalogCustomerAndSessionWorkFromNode() throws Exception {
        JsonNode seen = NodeClient.run(emulator, "catalog");

        assertThat(seen.get("amount_total").asLong()).isEqualTo(2500);
        assertThat(seen.get("currency").asText()).isEqualTo("eur");
        assertThat(seen.get("status").asText()).isEqualTo("complete");
        assertThat(seen.get("payment_status").asText()).isEqualTo("paid");
        assertThat(seen.get("customer").asBoolean()).isTrue();
        assertThat(seen.get("customer_email").asBoolean()).isTrue();
        assertThat(seen.get("line_price").asBoolean()).isTrue();
        assertThat(seen.get("line_product_sku").asText()).isEqualTo("BEANS-1KG");
        assertThat(seen.get("listed").toString()).isEqualTo("[true]");
        assertThat(seen.get("lookup_product_name").asText()).isEqualTo("Coffee beans");
        assertThat(seen.get("customer_city").asText()).isEqualTo("Paris");
    }

    @Test
    void nodeSeesStripesErrorsForBadAndUnmodelledParameters() throws Exception {
        JsonNode seen = NodeClient.run(emulator, "validation");

        assertRefused(seen.get("locale"), null, "locale");
        assertRefused(seen.get("nested"), "parameter_unknown", "payment_intent_data[bogus]");
        assertRefused(seen.get("unmodelled"), null, "ui_mode");
        assertThat(seen.get("unmodelled").get("message").asText()).contains("does not model `ui_mode=elements`");
        assertRefused(seen.get("price"), "resource_missing", "line_items[0][price]");
    }

    private static void assertRefused(JsonNode refusal, String code, String param) {
        assertThat(refusal.get("refused").asBoolean()).as(refusal.toString()).isTrue();
        assertThat(refusal.get("type").asText()).isEqualTo("StripeInvalidRequestError");
        assertThat(refusal.get("status").asInt()).isEqualTo(400);
        assertThat(refusal.get("code").isNull() ? null : refusal.get("code").asText()).isEqualTo(code);
        assertThat(refusal.get("param").asText()).isEqualTo(param);
    }
}
