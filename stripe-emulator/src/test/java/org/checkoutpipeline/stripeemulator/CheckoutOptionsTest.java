package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.PaymentIntentData;
import com.stripe.param.checkout.SessionCreateParams.SubmitType;
import org.junit.jupiter.api.Test;

/** Checkout options that change what the page shows or what the payment carries. */
class CheckoutOptionsTest extends EmulatorTestSupport {

    @Test
    void submitTypeNamesThePagesButton() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(payment().setSubmitType(SubmitType.DONATE)
                .build());
        assertThat(session.getSubmitType()).isEqualTo("donate");
        assertThat(get("/c/pay/" + session.getId()).body()).contains(">Donate<");

        Session plain = createPayment();
        assertThat(plain.getSubmitType()).isNull();
        assertThat(get("/c/pay/" + plain.getId()).body()).contains(">Pay<").doesNotContain(">Donate<");
    }

    @Test
    void submitTypeIsRefusedInSetupMode() {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP).setCurrency("eur").setSuccessUrl("https://shop.example/ok")
                .setSubmitType(SubmitType.PAY).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("submit_type"));
    }

    @Test
    void paymentIntentDataReachesThePaymentIntent() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(payment()
                .setPaymentIntentData(PaymentIntentData.builder().setDescription("Order 1042")
                        .putMetadata("order_id", "1042").setReceiptEmail("ada@example.com")
                        .setSetupFutureUsage(PaymentIntentData.SetupFutureUsage.OFF_SESSION)
                        .setStatementDescriptorSuffix("ORDER 1042").build())
                .build());
        assertThat(complete(session.getId(), "card_number=4242424242424242").statusCode()).isEqualTo(200);

        String intentId = stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentIntent();
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(intentId);
        assertThat(intent.getDescription()).isEqualTo("Order 1042");
        assertThat(intent.getMetadata()).containsEntry("order_id", "1042");
        assertThat(intent.getReceiptEmail()).isEqualTo("ada@example.com");
        assertThat(intent.getSetupFutureUsage()).isEqualTo("off_session");
        assertThat(intent.getStatementDescriptorSuffix()).isEqualTo("ORDER 1042");
    }

    @Test
    void paymentIntentDataIsRefusedOutsidePaymentMode() {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setSuccessUrl("https://shop.example/ok")
                .addLineItem(monthly(1500))
                .setPaymentIntentData(PaymentIntentData.builder().setDescription("x").build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("payment_intent_data"));
    }

    @Test
    void aSessionsMetadataIsUpdatedAndNothingElse() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(payment().putMetadata("cart", "c1")
                .putMetadata("channel", "web").build());
        Session updated = stripe.v1().checkout().sessions().update(session.getId(),
                com.stripe.param.checkout.SessionUpdateParams.builder().putMetadata("cart", "")
                        .putMetadata("campaign", "winter").build());
        assertThat(updated.getMetadata()).containsOnlyKeys("channel", "campaign");
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getMetadata())
                .containsEntry("campaign", "winter");
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().update(session.getId(),
                com.stripe.param.checkout.SessionUpdateParams.builder().addShippingOption(
                        com.stripe.param.checkout.SessionUpdateParams.ShippingOption.builder()
                                .setShippingRate("shr_1").build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("does not model `shipping_options"));
    }

    private static SessionCreateParams.Builder embedded() {
        return SessionCreateParams.builder().setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(item("usd", 2000, 1)).setUiMode(SessionCreateParams.UiMode.EMBEDDED_PAGE);
    }

    @Test
    void anEmbeddedSessionHasAClientSecretAndAReturnUrlInsteadOfAPage() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(embedded()
                .setReturnUrl("https://shop.example/return?session_id={CHECKOUT_SESSION_ID}").build());

        assertThat(session.getUiMode()).isEqualTo("embedded_page");
        assertThat(session.getClientSecret()).startsWith(session.getId() + "_secret_");
        assertThat(session.getUrl()).isNull();
        assertThat(session.getReturnUrl()).isEqualTo("https://shop.example/return?session_id={CHECKOUT_SESSION_ID}");
        assertThat(session.getRedirectOnCompletion()).isEqualTo("always");
        assertThat(createPayment().getClientSecret()).isNull();

        var framed = get("/c/embed/" + session.getClientSecret());
        assertThat(framed.statusCode()).isEqualTo(200);
        assertThat(framed.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(framed.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors *");
        assertThat(framed.body()).contains("data-embedded");
        assertThat(get("/c/pay/" + session.getId()).statusCode()).isEqualTo(404);
        assertThat(get("/c/embed/" + session.getId() + "_secret_forged").statusCode()).isEqualTo(404);
    }

    @Test
    void anEmbeddedSessionFollowsStripesUrlRules() {
        assertRefused(embedded().setReturnUrl("https://shop.example/r").setSuccessUrl("https://shop.example/ok"),
                "success_url");
        assertRefused(embedded(), "return_url");
        assertRefused(embedded().setReturnUrl("https://shop.example/r")
                .setRedirectOnCompletion(SessionCreateParams.RedirectOnCompletion.NEVER), "return_url");
        assertRefused(payment().setReturnUrl("https://shop.example/r"), "return_url");
        assertRefused(payment().setRedirectOnCompletion(SessionCreateParams.RedirectOnCompletion.NEVER),
                "redirect_on_completion");
    }

    private static void assertRefused(SessionCreateParams.Builder params, String param) {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(params.build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo(param));
    }

    @Test
    void theLocaleChoosesThePagesLanguageAndAutoFollowsTheBrowser() throws Exception {
        Session french = stripe.v1().checkout().sessions().create(payment().setLocale(SessionCreateParams.Locale.FR)
                .build());
        assertThat(french.getLocale()).isEqualTo("fr");
        String page = get("/c/pay/" + french.getId()).body();
        assertThat(page).contains("lang=\"fr\"", ">Payer<", "Numéro de carte", "Total dû aujourd&#39;hui");

        Session auto = stripe.v1().checkout().sessions().create(payment().setLocale(SessionCreateParams.Locale.AUTO)
                .build());
        var german = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        emulator.baseUrl() + "/c/pay/" + auto.getId()))
                .header("Accept-Language", "nl-NL,de;q=0.8,en;q=0.5").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(german).contains("lang=\"de\"", ">Bezahlen<", "Kartennummer");
        assertThat(get("/c/pay/" + createPayment().getId()).body()).contains("lang=\"en\"", ">Pay<");

        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(payment()
                .setLocale(SessionCreateParams.Locale.IT).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getParam()).isEqualTo("locale");
                    assertThat(e.getMessage()).contains("does not model `locale=it`");
                });
    }

    @Test
    void brandingSettingsStyleThePageAndComeBackWithStripesDefaults() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(payment().setBrandingSettings(
                SessionCreateParams.BrandingSettings.builder().setDisplayName("Beans & Co")
                        .setButtonColor("#0a2540").setBorderStyle(SessionCreateParams.BrandingSettings.BorderStyle.PILL)
                        .setFontFamily(SessionCreateParams.BrandingSettings.FontFamily.ROBOTO_SLAB).build()).build());
        assertThat(session.getBrandingSettings().getDisplayName()).isEqualTo("Beans & Co");
        assertThat(session.getBrandingSettings().getButtonColor()).isEqualTo("#0a2540");
        assertThat(session.getBrandingSettings().getBackgroundColor()).isEqualTo("#ffffff");
        assertThat(session.getBrandingSettings().getBorderStyle()).isEqualTo("pill");
        assertThat(get("/c/pay/" + session.getId()).body()).contains("Beans &amp; Co",
                "background:#0a2540", "border-radius:999px", "font-family:\"Roboto Slab\"");

        assertRefused(payment().setBrandingSettings(SessionCreateParams.BrandingSettings.builder()
                .setButtonColor("red;}body{display:none").build()), "branding_settings[button_color]");
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(payment().setBrandingSettings(
                SessionCreateParams.BrandingSettings.builder().setLogo(SessionCreateParams.BrandingSettings.Logo.builder()
                        .setType(SessionCreateParams.BrandingSettings.Logo.Type.URL).setUrl("https://shop.example/l.png")
                        .build()).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("does not model"));
    }

    @Test
    void anExpiredSessionWithRecoveryOffersALinkToANewSessionWithTheSameCart() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(payment().putMetadata("cart", "c-9")
                .setAfterExpiration(SessionCreateParams.AfterExpiration.builder().setRecovery(
                        SessionCreateParams.AfterExpiration.Recovery.builder().setEnabled(true)
                                .setAllowPromotionCodes(true).build()).build()).build());
        assertThat(session.getAfterExpiration().getRecovery().getEnabled()).isTrue();
        assertThat(session.getAfterExpiration().getRecovery().getUrl()).isNull();
        assertThat(get("/c/recover/" + session.getId()).statusCode()).isEqualTo(410);

        Session expired = stripe.v1().checkout().sessions().expire(session.getId());
        String url = expired.getAfterExpiration().getRecovery().getUrl();
        assertThat(url).isEqualTo(emulator.baseUrl() + "/c/recover/" + session.getId());
        assertThat(expired.getAfterExpiration().getRecovery().getExpiresAt())
                .isEqualTo(expired.getExpiresAt() + 30L * 24 * 3600);

        var opened = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(303);
        String newId = opened.headers().firstValue("Location").orElseThrow().replace("/c/pay/", "");
        Session recovered = stripe.v1().checkout().sessions().retrieve(newId);
        assertThat(recovered.getStatus()).isEqualTo("open");
        assertThat(recovered.getRecoveredFrom()).isEqualTo(session.getId());
        assertThat(recovered.getAmountTotal()).isEqualTo(session.getAmountTotal());
        assertThat(recovered.getMetadata()).containsEntry("cart", "c-9");
        assertThat(recovered.getAllowPromotionCodes()).isTrue();
        assertThat(recovered.getAfterExpiration()).isNull();
        assertThat(get("/c/recover/" + createPayment().getId()).statusCode()).isEqualTo(410);
    }
}
