package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.param.EventListParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The payment page over plain HTTP: what it shows, how it escapes, what it refuses. */
class HostedPageHttpTest extends EmulatorTestSupport {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    static HttpResponse<String> open(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String token(String html) {
        Matcher m = TOKEN.matcher(html);
        assertThat(m.find()).as("the page has a csrf_token field").isTrue();
        return m.group(1);
    }

    static Map<String, String> card(String token, String number) {
        var form = new LinkedHashMap<String, String>();
        form.put("csrf_token", token);
        form.put("email", "payer@example.com");
        form.put("payment_method", "card");
        form.put("card_number", number);
        form.put("card_expiry", "12 / 34");
        form.put("card_cvc", "123");
        return form;
    }

    static HttpResponse<String> submit(String url, Map<String, String> form, String... headers)
            throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return submitRaw(url, "application/x-www-form-urlencoded", body, headers);
    }

    static HttpResponse<String> submitRaw(String url, String type, String body, String... headers)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long completedEvents(String sessionId) throws Exception {
        return stripe.v1().events().list(EventListParams.builder().setType("checkout.session.completed")
                .setLimit(100L).build()).getData().stream()
                .filter(e -> e.getDataObjectDeserializer().getRawJson().contains(sessionId)).count();
    }

    @Test
    void showsTheLineItemsTheTotalAndAButtonWordedByMode() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl("https://shop.example/success")
                .setCancelUrl("https://shop.example/cancel")
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(2L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd")
                                .setUnitAmount(1999L)
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName("Hoodie").setDescription("Organic cotton, grey").build())
                                .build()).build())
                .addLineItem(item("usd", 500, 1))
                .build());

        String html = open(session.getUrl()).body();

        assertThat(html).contains("Hoodie", "Organic cotton, grey", "Qty 2", "$19.99 each", "$39.98",
                "T-shirt", "$5.00 each", "Total due today", "$44.98",
                ">Pay</button>", "href=\"https://shop.example/cancel\"", "name=\"card_number\"",
                "name=\"card_expiry\"", "name=\"card_cvc\"", "name=\"account_number_us_bank_account\"",
                "type=\"email\"");
        // A dollar session offers no SEPA Direct Debit: the page shows exactly the session's methods.
        assertThat(html).doesNotContain("name=\"iban\"", "pm-sepa_debit");
        assertThat(open(createSubscription().getUrl()).body())
                .contains("$15.00 per month", ">Subscribe</button>");
        assertThat(open(createSetup().getUrl()).body()).contains(">Save card</button>");
    }

    @Test
    void formatsZeroDecimalCurrenciesWithoutMinorUnits() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://shop.example/success")
                .addLineItem(item("jpy", 1500, 3)).build());

        assertThat(open(session.getUrl()).body()).contains("¥1,500 each", "¥4,500").doesNotContain("¥4,500.00");
    }

    @Test
    void merchantTextIsEscapedSoAScriptInAProductNameIsShownAsText() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl("https://shop.example/success")
                .setCancelUrl("https://shop.example/cancel?from=a&b=c")
                .setCustomerEmail("o'brien@example.com")
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd")
                                .setUnitAmount(100L)
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName("<script>alert(1)</script>")
                                        .setDescription("<img src=x onerror=alert(3)>").build())
                                .build()).build())
                .build());

        HttpResponse<String> page = open(session.getUrl());

        assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;",
                "&lt;img src=x onerror=alert(3)&gt;", "href=\"https://shop.example/cancel?from=a&amp;b=c\"",
                "o&#39;brien@example.com");
        String body = page.body();
        assertThat(body.split("<script", -1)).as("the page's own script is its only one").hasSize(2);
        String script = body.substring(body.indexOf("<script>") + 8, body.indexOf("</script>"));
        String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(script).doesNotContain("alert");
        assertThat(body).doesNotContain("<img");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'none'", "script-src 'sha256-" + hash + "'",
                        "frame-ancestors 'none'").doesNotContain("script-src 'unsafe"));
    }

    @Test
    void refusesRedirectTargetsThatAreNotHttp() {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(payment()
                .setSuccessUrl("javascript:alert(1)").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("success_url"));
    }

    @Test
    void payingRedirectsToTheSuccessUrlWithTheSessionIdAndThePageNeverChargesAgain() throws Exception {
        Session session = createPayment();
        String token = token(open(session.getUrl()).body());

        HttpResponse<String> paid = submit(session.getUrl(), card(token, "4242 4242 4242 4242"));
        HttpResponse<String> again = submit(session.getUrl(), card(token, "4242424242424242"));

        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location"))
                .hasValue("https://shop.example/success?session_id=" + session.getId());
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.headers().firstValue("Location")).hasValue("/c/pay/" + session.getId());
        assertThat(completedEvents(session.getId())).isEqualTo(1);
        Session retrieved = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(retrieved.getStatus()).isEqualTo("complete");
        assertThat(retrieved.getCustomerDetails().getEmail()).isEqualTo("payer@example.com");
        String completePage = open(session.getUrl()).body();
        assertThat(completePage).contains("Payment complete", "cannot be paid again")
                .doesNotContain("<form");
    }

    @Test
    void theMastercardTestCardPaysToo() throws Exception {
        Session session = createPayment();

        HttpResponse<String> paid = submit(session.getUrl(),
                card(token(open(session.getUrl()).body()), "5555 5555 5555 4444"));

        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus())
                .isEqualTo("paid");
    }

    @ParameterizedTest(name = "card {0} goes back to the form with {1}")
    @CsvSource({
            "4000000000000002, generic_decline, Your card was declined.",
            "4000000000009995, insufficient_funds, Your card has insufficient funds.",
            "4000000000000069, expired_card, Your card has expired.",
            "4000000000000127, incorrect_cvc, Your card's security code is incorrect.",
            "4242424242424241, incorrect_number, Your card number is invalid."})
    void aDeclinedCardGoesBackToTheFormWithTheMessageAndLeavesTheSessionOpen(String number, String code,
            String message) throws Exception {
        Session session = createPayment();
        String token = token(open(session.getUrl()).body());

        HttpResponse<String> declined = submit(session.getUrl(), card(token, number));

        assertThat(declined.statusCode()).isEqualTo(303);
        String location = declined.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/c/pay/" + session.getId() + "?error=" + code);
        assertThat(open(emulator.baseUrl() + location).body()).contains(message.replace("'", "&#39;"),
                "value=\"payer@example.com\"");
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus()).isEqualTo("open");
    }

    @Test
    void aBankDebitCompletesUnpaidAndSettlesLater() throws Exception {
        Session session = createEuroPayment();
        var form = new LinkedHashMap<String, String>();
        form.put("csrf_token", token(open(session.getUrl()).body()));
        form.put("email", "sepa@example.com");
        form.put("payment_method", "sepa_debit");
        form.put("iban", "DE89 3704 0044 0532 0130 00");
        form.put("account_holder_name", "Jenny Rosen");

        HttpResponse<String> response = submit(session.getUrl(), form);

        assertThat(response.statusCode()).isEqualTo(303);
        Session pending = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(pending.getStatus()).isEqualTo("complete");
        assertThat(pending.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(open(session.getUrl()).body()).contains("Your payment is processing");
        advanceClock(60);
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus())
                .isEqualTo("paid");
    }

    @Test
    void aPostFromAnotherSiteIsRefusedAndChargesNothing() throws Exception {
        Session session = createPayment();
        Session other = createPayment();
        String token = token(open(session.getUrl()).body());
        String otherToken = token(open(other.getUrl()).body());

        var fromEvilOrigin = submit(session.getUrl(), card(token, "4242424242424242"),
                "Origin", "https://evil.example");
        var crossSite = submit(session.getUrl(), card(token, "4242424242424242"),
                "Sec-Fetch-Site", "cross-site");
        var withoutToken = submit(session.getUrl(), card("", "4242424242424242"));
        var otherSessionsToken = submit(session.getUrl(), card(otherToken, "4242424242424242"));

        for (var response : java.util.List.of(fromEvilOrigin, crossSite, withoutToken, otherSessionsToken)) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("Payment refused");
        }
        assertThat(fromEvilOrigin.body()).contains("Origin: https://evil.example");
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus()).isEqualTo("open");
        var sameOrigin = submit(session.getUrl(), card(token, "4242424242424242"),
                "Origin", emulator.publicBaseUrl(), "Sec-Fetch-Site", "same-origin");
        assertThat(sameOrigin.statusCode()).isEqualTo(303);
    }

    @Test
    void aMalformedSubmissionGetsAClearErrorAndNoStackTrace() throws Exception {
        Session session = createPayment();
        String token = token(open(session.getUrl()).body());
        String tokenField = "csrf_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);

        var badEncoding = submitRaw(session.getUrl(), "application/x-www-form-urlencoded",
                tokenField + "&email=%zz");
        var noMethod = submitRaw(session.getUrl(), "application/x-www-form-urlencoded",
                tokenField + "&email=a%40b.example");
        var nested = submitRaw(session.getUrl(), "application/x-www-form-urlencoded",
                tokenField + "&payment_method=card&email[x]=1");
        var json = submitRaw(session.getUrl(), "application/json", "{\"email\":\"a@b.example\"}");
        var huge = submitRaw(session.getUrl(), "application/x-www-form-urlencoded",
                tokenField + "&email=" + "a".repeat(20_000));

        assertThat(badEncoding.body()).contains("not valid URL encoding");
        assertThat(noMethod.body()).contains("payment_method must be one of card, link,", ", was missing.");
        assertThat(nested.body()).contains("The field &#39;email&#39; must be a single value.");
        assertThat(json.body()).contains("application/x-www-form-urlencoded");
        assertThat(huge.body()).contains("larger than 16384 bytes");
        for (var response : java.util.List.of(badEncoding, noMethod, nested, json, huge)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(response.body()).doesNotContain("Exception", "at org.", "at java.");
        }
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus()).isEqualTo("open");
    }

    @Test
    void anExpiredSessionsPageSaysItExpired() throws Exception {
        Session session = createPayment();
        stripe.v1().checkout().sessions().expire(session.getId());

        HttpResponse<String> page = open(emulator.pageUrl(session.getId()));

        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("This checkout session has expired").doesNotContain("<form");
    }

    @Test
    void anUnknownSessionIsNotFound() throws Exception {
        HttpResponse<String> page = open(emulator.pageUrl("cs_test_doesnotexist"));

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Checkout session not found");
    }

    @Test
    void theAuthenticationCardAsksForApprovalBeforePaying() throws Exception {
        Session session = createPayment();
        String token = token(open(session.getUrl()).body());

        HttpResponse<String> challenge = submit(session.getUrl(), card(token, "4000002760003184"));
        String location = challenge.headers().firstValue("Location").orElseThrow();
        String step = open(emulator.baseUrl() + location).body();
        var approve = new LinkedHashMap<String, String>();
        approve.put("csrf_token", token(step));
        var entered = java.util.regex.Pattern.compile("name=\"entered\" value=\"([A-Za-z0-9]+)\"").matcher(step);
        assertThat(entered.find()).as("the step's form carries the token of what was entered").isTrue();
        approve.put("entered", entered.group(1));
        approve.put("decision", "approve");
        HttpResponse<String> approved = submit(emulator.baseUrl() + location.replaceAll("\\?.*", ""), approve);

        assertThat(location).startsWith("/c/pay/" + session.getId() + "/authenticate").doesNotContain("%40");
        assertThat(step).contains("Authenticate your payment", "$40.00");
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus()).isEqualTo("complete");
        assertThat(approved.headers().firstValue("Location"))
                .hasValue("https://shop.example/success?session_id=" + session.getId());
        assertThat(stripe.v1().events().list(EventListParams.builder()
                .setType("checkout.session.completed").build()).getData()).extracting(Event::getDataObjectDeserializer)
                .anySatisfy(d -> assertThat(d.getRawJson()).contains(session.getId()));
    }

    @Test
    void aTrialThatNeedsNoPaymentMethodIsStartedWithoutCardDetails() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setSuccessUrl("https://shop.example/ok")
                .addLineItem(monthly(1500))
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().setTrialPeriodDays(30L).build())
                .setPaymentMethodCollection(SessionCreateParams.PaymentMethodCollection.IF_REQUIRED).build());
        assertThat(session.getPaymentMethodCollection()).isEqualTo("if_required");
        String page = open(session.getUrl()).body();
        assertThat(page).contains("id=\"payment-methods\" hidden disabled");

        var form = new LinkedHashMap<String, String>();
        form.put("csrf_token", token(page));
        form.put("email", "trial@example.com");
        HttpResponse<String> started = submit(session.getUrl(), form);

        assertThat(started.headers().firstValue("Location")).hasValue("https://shop.example/ok");
        Session done = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(done.getStatus()).isEqualTo("complete");
        assertThat(done.getPaymentStatus()).isEqualTo("no_payment_required");
        assertThat(open(createSubscription().getUrl()).body()).contains("id=\"payment-methods\">");
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(payment()
                .setPaymentMethodCollection(SessionCreateParams.PaymentMethodCollection.IF_REQUIRED).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("payment_method_collection"));
    }
}
