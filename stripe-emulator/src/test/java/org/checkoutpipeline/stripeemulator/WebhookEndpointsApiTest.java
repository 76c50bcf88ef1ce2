package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.WebhookEndpoint;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.WebhookEndpointCreateParams.EnabledEvent;
import com.stripe.param.WebhookEndpointListParams;
import com.stripe.param.WebhookEndpointUpdateParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookEndpointsApiTest extends EmulatorTestSupport {

    @AfterEach
    void deleteEndpoints() {
        emulator.webhooks().index().snapshot().forEach(e -> emulator.webhooks().delete(e.id()));
    }

    private static WebhookEndpoint create(String url, EnabledEvent... events) throws Exception {
        var params = WebhookEndpointCreateParams.builder().setUrl(url).setDescription("bridge");
        for (EnabledEvent event : events) {
            params.addEnabledEvent(event);
        }
        return stripe.v1().webhookEndpoints().create(params.build());
    }

    @Test
    void createsAnEndpointAndReturnsItsSigningSecretOnlyOnce() throws Exception {
        WebhookEndpoint created = create("https://merchant.example/stripe/webhook",
                EnabledEvent.CHECKOUT__SESSION__COMPLETED, EnabledEvent.CHECKOUT__SESSION__EXPIRED);
        WebhookEndpoint retrieved = stripe.v1().webhookEndpoints().retrieve(created.getId());

        assertThat(created.getId()).startsWith("we_");
        assertThat(created.getSecret()).matches("whsec_[A-Za-z0-9]{32}");
        assertThat(created.getStatus()).isEqualTo("enabled");
        assertThat(created.getEnabledEvents())
                .containsExactly("checkout.session.completed", "checkout.session.expired");
        assertThat(retrieved.getUrl()).isEqualTo("https://merchant.example/stripe/webhook");
        assertThat(retrieved.getDescription()).isEqualTo("bridge");
        assertThat(retrieved.getSecret()).isNull();
    }

    @Test
    void listsUpdatesAndDeletesEndpoints() throws Exception {
        WebhookEndpoint first = create("https://one.example/hook", EnabledEvent.ALL);
        WebhookEndpoint second = create("https://two.example/hook", EnabledEvent.ALL);

        var listed = stripe.v1().webhookEndpoints().list(WebhookEndpointListParams.builder().build());
        WebhookEndpoint disabled = stripe.v1().webhookEndpoints().update(first.getId(),
                WebhookEndpointUpdateParams.builder().setDisabled(true).setUrl("https://one.example/v2").build());
        WebhookEndpoint deleted = stripe.v1().webhookEndpoints().delete(second.getId());

        assertThat(listed.getData()).extracting(WebhookEndpoint::getId)
                .containsExactly(second.getId(), first.getId());
        assertThat(listed.getData().get(0).getEnabledEvents()).containsExactly("*");
        assertThat(disabled.getStatus()).isEqualTo("disabled");
        assertThat(disabled.getUrl()).isEqualTo("https://one.example/v2");
        assertThat(deleted.getDeleted()).isTrue();
        assertThatThrownBy(() -> stripe.v1().webhookEndpoints().retrieve(second.getId()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void refusesAnEndpointWithoutAnHttpUrlOrEvents() {
        assertThatThrownBy(() -> create("ftp://merchant.example/hook", EnabledEvent.ALL))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getParam()).isEqualTo("url");
                    assertThat(e.getMessage()).contains("ftp://merchant.example/hook");
                });
        assertThatThrownBy(() -> create("https://merchant.example/hook"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("enabled_events"));
    }

    @Test
    void refusesAnEventTypeThatIsNotOne() throws Exception {
        var response = post("/v1/webhook_endpoints",
                "url=https%3A%2F%2Fmerchant.example%2Fhook&enabled_events[]=completed");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"param\":\"enabled_events[0]\"", "'completed'");
    }
}
