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
    void aDiscountedTaxedShippedOrderWithCollectedDetailsAddsUpFromNode() throws Exception {
        JsonNode seen = NodeClient.run(emulator, "money");

        // Created: 5000 + 20% VAT (1000) + 700 shipping = 6700. With the code: 5000 - 10% = 4500,
        // + 20% VAT = 900, + 700 shipping = 6100.
        assertThat(seen.get("created_total").asLong()).isEqualTo(6700);
        assertThat(seen.get("subtotal").asLong()).isEqualTo(5000);
        assertThat(seen.get("discount").asLong()).isEqualTo(500);
        assertThat(seen.get("tax").asLong()).isEqualTo(900);
        assertThat(seen.get("shipping").asLong()).isEqualTo(700);
        assertThat(seen.get("total").asLong()).isEqualTo(6100);
        assertThat(seen.get("charged").asLong()).isEqualTo(6100);
        assertThat(seen.get("line").toString()).isEqualTo("[5000,500,900,5400]");
        assertThat(seen.get("promotion_code").asBoolean()).isTrue();
        assertThat(seen.get("ship_to").asText()).isEqualTo("Paris");
        assertThat(seen.get("phone").asText()).isEqualTo("+33 1 23 45 67 89");
        assertThat(seen.get("gift").asText()).isEqualTo("Bon appetit");
        assertThat(seen.get("terms").asText()).isEqualTo("accepted");
        assertThat(seen.get("redeemed").asInt()).isEqualTo(1);
    }

    @Test
    void manualCaptureTrialsAndEmbeddedSessionsBehaveFromNode() throws Exception {
        JsonNode seen = NodeClient.run(emulator, "behaviour");

        assertThat(seen.get("held").toString()).isEqualTo("[\"requires_capture\",3000,\"Night of 1 Dec\",\"12\"]");
        assertThat(seen.get("captured").toString()).isEqualTo("[\"succeeded\",2000]");
        assertThat(seen.get("trial").toString()).isEqualTo("[\"no_payment_required\",\"trialing\",0]");
        assertThat(seen.get("embedded").toString())
                .isEqualTo("[null,true,\"https://shop.example/return?id={CHECKOUT_SESSION_ID}\"]");
    }

    @Test
    void localeQuantitiesOptionalItemsInvoicesNamesAndRecoveryWorkFromNode() throws Exception {
        JsonNode seen = NodeClient.run(emulator, "extras");

        assertThat(seen.get("locale").asText()).isEqualTo("de");
        assertThat(seen.get("german_page").asBoolean()).isTrue();
        assertThat(seen.get("total").asLong()).isEqualTo(2 * 2500 + 400);
        assertThat(seen.get("lines").toString()).isEqualTo("[\"Kanne x2\",\"Filters x1\"]");
        assertThat(seen.get("invoice").toString()).isEqualTo("[\"paid\",5400,\"Danke!\"]");
        assertThat(seen.get("individual_name").asText()).isEqualTo("Erika Muster");
        assertThat(seen.get("recovery_url").asBoolean()).isTrue();
    }

    @Test
    void billingTaxIdsCustomTextBrandingAndAutomaticTaxWorkFromNode() throws Exception {
        JsonNode seen = NodeClient.run(emulator, "details");

        // Before the address is known, automatic tax cannot be computed: the total is the subtotal.
        assertThat(seen.get("created").toString()).isEqualTo("[\"donate\",10000,true,\"required\",true,"
                + "\"Every euro goes to the cause.\",\"Good Cause\",\"#0a7d32\"]");
        assertThat(seen.get("updated_metadata").asText()).isEqualTo("spring");
        assertThat(seen.get("page").toString()).isEqualTo("[true,true,true]");
        assertThat(seen.get("missing_address").asBoolean()).isTrue();
        // The table says DE is 19%: 10000 exclusive + 1900 tax.
        assertThat(seen.get("paid").toString()).isEqualTo("[\"complete\",11900,1900,\"complete\"]");
        assertThat(seen.get("details").toString()).isEqualTo(
                "[\"Grete Spender\",\"Spender GmbH\",\"Berlin\",\"eu_vat\",\"DE123456789\",\"none\"]");
        assertThat(seen.get("customer").toString()).isEqualTo("[\"donor@example.com\",\"Berlin\"]");
    }

    @Test
    void paymentMethodsAreChosenAndPaidByTheirFlowsFromNodeInDahlia() throws Exception {
        JsonNode seen = NodeClient.run(emulator, "methods");

        assertFlows(seen, "2026-07-29.dahlia");
        assertRefused(seen.get("refused_currency"), null, "payment_method_types");
        assertThat(seen.get("refused_currency").get("message").asText())
                .contains("The payment method type ideal only supports the following currencies: eur.");
        // Dahlia has no allowed_payment_method_types on the session.
        assertThat(seen.get("allowed_field").asText()).isEqualTo("absent");
    }

    @Test
    void paymentMethodsAreChosenAndPaidByTheirFlowsFromNode23InEndive() throws Exception {
        JsonNode seen = NodeClient.run(emulator, "methods", NodeClient.ENDIVE);

        assertFlows(seen, "2026-10-28.endive");
        // allowed_payment_method_types drops ineligible methods silently: with none left, nothing can pay.
        assertRefused(seen.get("refused_currency"), null, "null");
        assertThat(seen.get("refused_currency").get("message").asText())
                .startsWith("No valid payment method types for this Checkout Session.");
        assertThat(seen.get("allowed_field").toString()).isEqualTo("[\"ideal\"]");
    }

    private static void assertFlows(JsonNode seen, String version) {
        assertThat(seen.get("version").asText()).isEqualTo(version);
        assertThat(seen.get("ideal").toString()).isEqualTo("[\"ideal\"]");
        assertThat(seen.get("dynamic").toString()).isEqualTo("[true,false,\"pmc_emulator_default\",[\"klarna\"]]");
        assertThat(seen.get("paid").toString()).isEqualTo("[\"paid\",\"ideal\"]");
        assertThat(seen.get("debit").toString())
                .isEqualTo("[\"unpaid\",\"unpaid\",\"requires_payment_method\",true]");
        assertThat(seen.get("voucher").toString())
                .isEqualTo("[2,\"requires_action\",\"oxxo_display_details\",true]");
        assertThat(seen.get("expired").toString()).isEqualTo("[\"unpaid\",\"requires_payment_method\",true]");
    }

    @Test
    void stripeNode23SpeaksEndiveAllowedMethodsAndEndpointsInItsVersion() throws Exception {
        JsonNode seen = NodeClient.run(emulator, "endive", NodeClient.ENDIVE);

        assertThat(seen.get("version").asText()).isEqualTo("2026-10-28.endive");
        // Allowed methods filter the dynamic set: oxxo (MXN only) and paypay (not emulated) drop out.
        assertThat(seen.get("allowed").toString())
                .isEqualTo("[[\"card\",\"ideal\"],[\"ideal\",\"card\",\"oxxo\",\"paypay\"]]");
        assertRefused(seen.get("types_refused"), "payment_method_types_no_longer_supported", "payment_method_types");
        assertThat(seen.get("endpoint_version").asText()).isEqualTo("2026-10-28.endive");
        assertRefused(seen.get("bogus_version"), null, "api_version");
        assertThat(seen.get("header").asText()).isEqualTo("2026-10-28.endive");
        // Events keep the account's version (dahlia) through the API, whatever the request's.
        assertThat(seen.get("event").toString()).isEqualTo("[\"2026-07-29.dahlia\",null]");
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
