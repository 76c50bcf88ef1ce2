package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.checkoutpipeline.stripeemulator.api.ParamSchema;
import org.junit.jupiter.api.Test;

/** The parameter definitions the emulator validates against are the generated ones, complete. */
class ApiParamsTest {

    @Test
    void theCommittedDefinitionsAreWhatTheGeneratorWrites() throws Exception {
        assertThat(Files.readString(ApiParamsGenerator.OUTPUT))
                .as("%s is stale: run mvn -pl stripe-emulator test-compile exec:java@api-params",
                        ApiParamsGenerator.OUTPUT)
                .isEqualTo(ApiParamsGenerator.render());
    }

    @Test
    void theCreateOperationKnowsAllFiftyOneTopLevelParametersOfDahlia() {
        var create = ParamSchema.dahlia().operation("POST /v1/checkout/sessions");
        assertThat(ParamSchema.dahlia().apiVersion()).isEqualTo("2026-07-29.dahlia");
        assertThat(create.properties()).hasSize(51).containsKeys("locale", "ui_mode",
                "payment_method_options", "shipping_options", "custom_fields");
        assertThat(create.child("payment_method_options").child("card").properties())
                .containsKey("request_three_d_secure");
    }

    /** stripe-java's request classes and the OpenAPI spec name the same nested parameters. */
    @Test
    void stripeJavasRequestClassesAgreeWithTheOpenApiSpecOnEveryNestedName() throws Exception {
        JsonNode spec = new ObjectMapper().readTree(ApiParamsGenerator.render())
                .path("operations").path("POST /v1/checkout/sessions");
        JsonNode reflected = ApiParamsGenerator.schemaOf(
                com.stripe.param.checkout.SessionCreateParams.class);
        var missing = new ArrayList<String>();
        names(spec, "", missing, reflected);
        assertThat(missing).as("parameters in the spec that stripe-java does not declare").isEmpty();
    }

    private static void names(JsonNode spec, String path, List<String> missing, JsonNode reflected) {
        JsonNode properties = spec.path("properties");
        properties.fieldNames().forEachRemaining(name -> {
            JsonNode other = find(reflected, name);
            if (other == null) {
                missing.add(path + "[" + name + "]");
                return;
            }
            JsonNode child = properties.get(name);
            JsonNode items = child.has("items") ? child.get("items") : child;
            JsonNode otherItems = other.has("items") ? other.get("items") : other;
            names(items, path + "[" + name + "]", missing, otherItems);
            for (JsonNode alternative : child.path("anyOf")) {
                names(alternative.has("items") ? alternative.get("items") : alternative,
                        path + "[" + name + "]", missing, otherItems);
            }
        });
    }

    private static JsonNode find(JsonNode reflected, String name) {
        if (reflected.path("properties").has(name)) {
            return reflected.path("properties").get(name);
        }
        for (JsonNode alternative : reflected.path("anyOf")) {
            JsonNode target = alternative.has("items") ? alternative.get("items") : alternative;
            if (target.path("properties").has(name)) {
                return target.path("properties").get(name);
            }
        }
        return null;
    }
}
