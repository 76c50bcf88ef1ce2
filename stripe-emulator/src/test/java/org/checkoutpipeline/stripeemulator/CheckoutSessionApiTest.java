package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionListParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import com.stripe.param.checkout.SessionLineItemListParams;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckoutSessionApiTest extends EmulatorTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createsAnOpenPaymentSessionWithComputedAmountsAndAHostedUrl() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(payment()
                .setClientReferenceId("order-42")
                .putMetadata("order_id", "42")
                .setCustomerEmail("buyer@example.com")
                .addLineItem(item("usd", 350, 3))
                .build());

        assertThat(session.getId()).startsWith("cs_test_");
        assertThat(session.getObject()).isEqualTo("checkout.session");
        assertThat(session.getStatus()).isEqualTo("open");
        assertThat(session.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(session.getMode()).isEqualTo("payment");
        assertThat(session.getLivemode()).isFalse();
        assertThat(session.getCurrency()).isEqualTo("usd");
        assertThat(session.getAmountSubtotal()).isEqualTo(2 * 2000 + 3 * 350);
        assertThat(session.getAmountTotal()).isEqualTo(5050);
        assertThat(session.getUrl()).isEqualTo(emulator.publicBaseUrl() + "/c/pay/" + session.getId());
        assertThat(session.getSuccessUrl())
                .isEqualTo("https://shop.example/success?session_id={CHECKOUT_SESSION_ID}");
        assertThat(session.getClientReferenceId()).isEqualTo("order-42");
        assertThat(session.getMetadata()).containsEntry("order_id", "42");
        assertThat(session.getCustomerEmail()).isEqualTo("buyer@example.com");
        assertThat(session.getCreated()).isEqualTo(emulator.clock().epochSecond());
        assertThat(session.getExpiresAt()).isEqualTo(session.getCreated() + 24 * 3600);
        assertThat(session.getLastResponse().headers().firstValue("Request-Id").orElseThrow())
                .startsWith("req_");
    }

    @Test
    void everyCreateCallMakesANewSession() throws Exception {
        Session first = createPayment();
        Session second = createPayment();

        assertThat(first.getId()).isNotEqualTo(second.getId());
    }

    @Test
    void retrievesAStoredSessionByIdAndReportsUnknownIdsAsResourceMissing() throws Exception {
        Session created = createPayment();

        Session retrieved = stripe.v1().checkout().sessions().retrieve(created.getId());

        assertThat(retrieved.getId()).isEqualTo(created.getId());
        assertThat(retrieved.getAmountTotal()).isEqualTo(created.getAmountTotal());
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().retrieve("cs_test_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getParam()).isEqualTo("session");
                    assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
                    assertThat(e.getStripeError().getMessage())
                            .isEqualTo("No such checkout.session: 'cs_test_missing'");
                });
    }

    @Test
    void createsSubscriptionAndSetupSessions() throws Exception {
        Session subscription = createSubscription();
        Session setup = createSetup();

        assertThat(subscription.getMode()).isEqualTo("subscription");
        assertThat(subscription.getAmountTotal()).isEqualTo(1500);
        assertThat(subscription.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(setup.getMode()).isEqualTo("setup");
        assertThat(setup.getCurrency()).isEqualTo("eur");
        assertThat(setup.getAmountTotal()).isNull();
        assertThat(setup.getPaymentStatus()).isEqualTo("no_payment_required");
    }

    @Test
    void expiresAnOpenSessionAndRefusesToExpireItTwice() throws Exception {
        Session session = createPayment();

        Session expired = stripe.v1().checkout().sessions().expire(session.getId());

        assertThat(expired.getStatus()).isEqualTo("expired");
        assertThat(expired.getUrl()).isNull();
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().expire(session.getId()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getMessage()).isEqualTo("Only Checkout Sessions with a"
                            + " status in [\"open\"] can be expired. This Checkout Session has a status of"
                            + " \"expired\".");
                });
    }

    @Test
    void expandsLineItemsOnRetrieveInTheIndexedForm() throws Exception {
        Session session = createPayment();

        Session expanded = stripe.v1().checkout().sessions().retrieve(session.getId(),
                SessionRetrieveParams.builder().addExpand("line_items").build());

        assertThat(expanded.getLineItems().getData()).hasSize(1);
        var item = expanded.getLineItems().getData().get(0);
        assertThat(item.getId()).startsWith("li_");
        assertThat(item.getPrice().getId()).startsWith("price_");
        assertThat(item.getPrice().getProduct()).startsWith("prod_");
        assertThat(item.getPrice().getUnitAmount()).isEqualTo(2000);
        assertThat(item.getQuantity()).isEqualTo(2);
        assertThat(item.getAmountTotal()).isEqualTo(4000);
        assertThat(item.getDescription()).isEqualTo("T-shirt");
    }

    @Test
    void expandsWithTheEmptyBracketFormAndPercentEncodedBrackets() throws Exception {
        Session session = createPayment();

        HttpResponse<String> response = get("/v1/checkout/sessions/" + session.getId()
                + "?expand%5B%5D=line_items");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<?, ?> body = JSON.readValue(response.body(), Map.class);
        assertThat(((Map<?, ?>) body.get("line_items")).get("object")).isEqualTo("list");
    }

    @Test
    void refusesToExpandAFieldThatCannotBeExpanded() {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(
                payment().addExpand("success_url").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getParam()).isEqualTo("expand[0]");
                    assertThat(e.getStripeError().getMessage())
                            .isEqualTo("This property cannot be expanded (success_url).");
                });
    }

    @Test
    void listsSessionsNewestFirstAndPagesWithStartingAfterAndEndingBefore() throws Exception {
        String reference = "page-" + System.nanoTime();
        var created = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            created.add(stripe.v1().checkout().sessions().create(
                    payment().setClientReferenceId(reference).build()).getId());
        }

        var first = stripe.v1().checkout().sessions().list(SessionListParams.builder()
                .setLimit(2L).build());
        var second = stripe.v1().checkout().sessions().list(SessionListParams.builder()
                .setLimit(2L).setStartingAfter(first.getData().get(1).getId()).build());
        var back = stripe.v1().checkout().sessions().list(SessionListParams.builder()
                .setLimit(2L).setEndingBefore(second.getData().get(0).getId()).build());

        assertThat(first.getData()).extracting(Session::getId)
                .containsExactly(created.get(4), created.get(3));
        assertThat(first.getHasMore()).isTrue();
        assertThat(second.getData()).extracting(Session::getId)
                .containsExactly(created.get(2), created.get(1));
        assertThat(back.getData()).extracting(Session::getId)
                .containsExactly(created.get(4), created.get(3));
        assertThat(first.getUrl()).isEqualTo("/v1/checkout/sessions");
    }

    @Test
    void autoPaginationVisitsEverySessionOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            createPayment();
        }
        int stored = emulator.store().sessions().size();
        var ids = new ArrayList<String>();

        stripe.v1().checkout().sessions().list(SessionListParams.builder().setLimit(2L).build())
                .autoPagingIterable().forEach(s -> ids.add(s.getId()));

        assertThat(ids).hasSize(stored).doesNotHaveDuplicates();
    }

    @Test
    void filtersSessionsByStatusCustomerPaymentIntentAndCreated() throws Exception {
        Session paid = createPaymentForNewCustomer();
        complete(paid.getId(), "card_number=4242424242424242");
        Session completed = stripe.v1().checkout().sessions().retrieve(paid.getId());

        var byCustomer = stripe.v1().checkout().sessions().list(SessionListParams.builder()
                .setCustomer(completed.getCustomer()).build());
        var byIntent = stripe.v1().checkout().sessions().list(SessionListParams.builder()
                .setPaymentIntent(completed.getPaymentIntent()).build());
        var complete = stripe.v1().checkout().sessions().list(SessionListParams.builder()
                .setStatus(SessionListParams.Status.COMPLETE).setLimit(100L).build());
        var open = stripe.v1().checkout().sessions().list(SessionListParams.builder()
                .setStatus(SessionListParams.Status.OPEN).setLimit(100L).build());
        var future = stripe.v1().checkout().sessions().list(SessionListParams.builder()
                .setCreated(SessionListParams.Created.builder()
                        .setGt(emulator.clock().epochSecond() + 1000).build()).build());
        var bracketQuery = get("/v1/checkout/sessions?created%5Bgte%5D="
                + completed.getCreated() + "&created[lte]=" + completed.getCreated() + "&limit=100");

        assertThat(byCustomer.getData()).extracting(Session::getId).containsExactly(paid.getId());
        assertThat(byIntent.getData()).extracting(Session::getId).containsExactly(paid.getId());
        assertThat(complete.getData()).extracting(Session::getStatus).containsOnly("complete");
        assertThat(complete.getData()).extracting(Session::getId).contains(paid.getId());
        assertThat(open.getData()).extracting(Session::getStatus).containsOnly("open");
        assertThat(future.getData()).isEmpty();
        assertThat(bracketQuery.body()).contains(paid.getId());
    }

    @Test
    void refusesListLimitsOutsideOneToHundred() {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().list(
                SessionListParams.builder().setLimit(101L).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("limit"));
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().list(
                SessionListParams.builder().setLimit(0L).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("limit"));
    }

    @Test
    void pagesThroughLineItems() throws Exception {
        var params = payment();
        for (int i = 0; i < 4; i++) {
            params.addLineItem(item("usd", 100 + i, 1));
        }
        Session session = stripe.v1().checkout().sessions().create(params.build());
        var service = stripe.v1().checkout().sessions().lineItems();

        var first = service.list(session.getId(),
                SessionLineItemListParams.builder().setLimit(3L).build());
        var rest = service.list(session.getId(), SessionLineItemListParams.builder()
                .setLimit(3L).setStartingAfter(first.getData().get(2).getId()).build());

        assertThat(first.getData()).hasSize(3);
        assertThat(first.getHasMore()).isTrue();
        assertThat(rest.getData()).hasSize(2);
        assertThat(rest.getHasMore()).isFalse();
        assertThat(rest.getData().get(1).getAmountTotal()).isEqualTo(103);
        assertThat(first.getUrl()).isEqualTo("/v1/checkout/sessions/" + session.getId()
                + "/line_items");
    }

    @Test
    void refusesRequestsWithoutAValidTestKey() throws Exception {
        StripeClient noKey = StripeClient.builder().setApiKey("sk_live_realkey1234")
                .setApiBase(emulator.baseUrl()).build();
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                URI.create(emulator.baseUrl() + "/v1/checkout/sessions")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThatThrownBy(() -> noKey.v1().checkout().sessions().list())
                .isInstanceOfSatisfying(AuthenticationException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(401));
        assertThat(missing.statusCode()).isEqualTo(401);
        Map<?, ?> error = (Map<?, ?>) JSON.readValue(missing.body(), Map.class).get("error");
        assertThat(error.get("type")).isEqualTo("invalid_request_error");
        assertThat((String) error.get("message")).startsWith("You did not provide an API key.");
        assertThat(missing.headers().firstValue("Request-Id")).hasValueSatisfying(
                id -> assertThat(id).startsWith("req_"));
    }

    @Test
    void acceptsBasicAuthenticationAsCurlSendsIt() throws Exception {
        String basic = Base64.getEncoder().encodeToString("sk_test_x:".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(emulator.baseUrl() + "/v1/checkout/sessions?limit=1"))
                .header("Authorization", "Basic " + basic).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"object\":\"list\"");
    }

    @Test
    void answersUnknownPathsWithAStripeShaped404() throws Exception {
        HttpResponse<String> response = get("/v1/charges");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Unrecognized request URL (GET: /v1/charges)");
    }

    @Test
    void keepsALiteralCheckoutSessionIdPlaceholderAndAcceptsFormBodiesInAnyOrder() throws Exception {
        HttpResponse<String> response = post("/v1/checkout/sessions",
                "line_items[0][quantity]=1&success_url=https%3A%2F%2Fa.example%2Fdone%3Fs%3D%7BCHECKOUT_SESSION_ID%7D"
                        + "&line_items[0][price_data][unit_amount]=900&mode=payment"
                        + "&line_items[0][price_data][product_data][name]=Mug"
                        + "&line_items[0][price_data][currency]=gbp");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<?, ?> body = JSON.readValue(response.body(), Map.class);
        assertThat(body.get("success_url")).isEqualTo("https://a.example/done?s={CHECKOUT_SESSION_ID}");
        assertThat(body.get("amount_total")).isEqualTo(900);
        assertThat(body.get("currency")).isEqualTo("gbp");
    }

    @Test
    void honoursUnitAmountDecimal() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(3L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency("usd").setUnitAmountDecimal(new java.math.BigDecimal("100.5"))
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName("Fractional").build()).build()).build())
                .build());

        assertThat(session.getAmountTotal()).isEqualTo(302);
    }
}
