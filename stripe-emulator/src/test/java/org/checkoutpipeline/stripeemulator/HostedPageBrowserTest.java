package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.api.Params;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A person paying on the hosted page in a real headless Chromium: one browser for the class, a
 * merchant site (success, cancel and a hostile page) on another origin, and a webhook receiver.
 */
class HostedPageBrowserTest extends EmulatorTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private static HttpServer merchant;
    private static String shop;
    private static WebhookReceiver webhooks;

    @BeforeAll
    static void startBrowserAndMerchant() throws IOException {
        merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        merchant.createContext("/", HostedPageBrowserTest::merchantPage);
        merchant.start();
        shop = "http://127.0.0.1:" + merchant.getAddress().getPort();
        webhooks = WebhookReceiver.start("whsec_browser_tests");
        emulator.webhooks().register(webhooks.url(), "whsec_browser_tests");
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowserAndMerchant() throws IOException {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            merchant.stop(0);
            webhooks.close();
        }
    }

    @AfterEach
    void desktopWindow() {
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    /** The merchant's site: landing pages, and a page that posts the payment form from elsewhere. */
    private static void merchantPage(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, Object> query = Params.parseForm(exchange.getRequestURI().getRawQuery()).tree();
        String body = switch (path) {
            case "/success" -> "<h1 id=\"landing\">Thank you</h1><p id=\"session\">" + query.get("session_id") + "</p>";
            case "/cancel" -> "<h1 id=\"landing\">Cart</h1>";
            case "/embedded" -> "<h1>Checkout</h1><iframe id=\"checkout\" style=\"width:100%;height:900px\" src=\""
                    + query.get("page") + "\"></iframe>";
            case "/attack" -> "<form method=\"post\" action=\"" + query.get("target") + "\">"
                    + "<input type=\"hidden\" name=\"csrf_token\" value=\"" + query.get("token") + "\">"
                    + "<input type=\"hidden\" name=\"email\" value=\"victim@example.com\">"
                    + "<input type=\"hidden\" name=\"payment_method\" value=\"card\">"
                    + "<input type=\"hidden\" name=\"card_number\" value=\"4242424242424242\">"
                    + "<input type=\"hidden\" name=\"card_expiry\" value=\"12/34\">"
                    + "<input type=\"hidden\" name=\"card_cvc\" value=\"123\">"
                    + "<button id=\"attack\">Win a prize</button></form>";
            default -> "not found";
        };
        byte[] bytes = ("<!doctype html><html><body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(path.equals("/favicon.ico") ? 404 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Session create(SessionCreateParams.Builder params) throws Exception {
        return stripe.v1().checkout().sessions().create(params
                .setSuccessUrl(shop + "/success?session_id={CHECKOUT_SESSION_ID}")
                .setCancelUrl(shop + "/cancel")
                .build());
    }

    private static SessionCreateParams.Builder paymentOf(SessionCreateParams.LineItem... items) {
        var params = SessionCreateParams.builder().setMode(SessionCreateParams.Mode.PAYMENT);
        for (var item : items) {
            params.addLineItem(item);
        }
        return params;
    }

    private static WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private static void fill(String id, String value) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(value);
    }

    private static void payWithCard(String number) {
        fill("email", "payer@example.com");
        fill("card-number", number);
        fill("card-expiry", "12 / 34");
        fill("card-cvc", "123");
        fill("billing-name", "Ada Lovelace");
        byId("submit").click();
    }

    private static void awaitLanding(Session session) {
        await().atMost(WAIT).until(() -> browser.getCurrentUrl()
                .equals(shop + "/success?session_id=" + session.getId()));
        assertThat(byId("session").getText()).isEqualTo(session.getId());
    }

    private static String status(Session session) throws Exception {
        return stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus();
    }

    @Test
    void paysInPaymentModeAndLandsOnTheSuccessUrlWithTheSessionId() throws Exception {
        Session session = create(paymentOf(item("usd", 2000, 2)));
        browser.get(session.getUrl());

        assertThat(byId("total").getText()).isEqualTo("$40.00");
        assertThat(byId("submit").getText()).isEqualTo("Pay");
        payWithCard("4242 4242 4242 4242");

        awaitLanding(session);
        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getStatus()).isEqualTo("complete");
        assertThat(paid.getPaymentStatus()).isEqualTo("paid");
        assertThat(paid.getCustomerDetails().getEmail()).isEqualTo("payer@example.com");
        await().atMost(WAIT).untilAsserted(() -> assertThat(webhooks.eventsMentioning(session.getId()))
                .extracting(Event::getType).contains("checkout.session.completed"));
        browser.get(session.getUrl());
        assertThat(byId("heading").getText()).isEqualTo("Payment complete");
        assertThat(browser.findElements(By.id("submit"))).isEmpty();
    }

    @Test
    void subscribesInSubscriptionMode() throws Exception {
        Session session = create(SessionCreateParams.builder().setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .addLineItem(monthly(1500)));
        browser.get(session.getUrl());

        assertThat(byId("total").getText()).isEqualTo("$15.00 per month");
        assertThat(byId("submit").getText()).isEqualTo("Subscribe");
        payWithCard("4242424242424242");

        awaitLanding(session);
        Session subscribed = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(subscribed.getSubscription()).startsWith("sub_");
        assertThat(stripe.v1().subscriptions().retrieve(subscribed.getSubscription()).getStatus())
                .isEqualTo("active");
    }

    @Test
    void savesACardInSetupMode() throws Exception {
        Session session = create(SessionCreateParams.builder().setMode(SessionCreateParams.Mode.SETUP)
                .setCurrency("eur"));
        browser.get(session.getUrl());

        assertThat(byId("submit").getText()).isEqualTo("Save card");
        payWithCard("4242424242424242");

        awaitLanding(session);
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getSetupIntent())
                .startsWith("seti_");
    }

    @Test
    void aDeclinedCardShowsTheErrorAndTheSameSessionCanThenBePaid() throws Exception {
        Session session = create(paymentOf(item("eur", 1250, 1)));
        browser.get(session.getUrl());

        payWithCard("4000000000000002");
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("error")).isEmpty());

        assertThat(byId("error").getText()).isEqualTo("Your card was declined.");
        assertThat(byId("email").getAttribute("value")).isEqualTo("payer@example.com");
        assertThat(status(session)).isEqualTo("open");
        payWithCard("4242424242424242");
        awaitLanding(session);
        assertThat(status(session)).isEqualTo("complete");
    }

    @Test
    void cancellingGoesToTheCancelUrlAndTheSessionCanStillBePaid() throws Exception {
        Session session = create(paymentOf(item("usd", 900, 1)));
        browser.get(session.getUrl());

        byId("back-link").click();
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().equals(shop + "/cancel"));
        assertThat(status(session)).isEqualTo("open");
        browser.navigate().back();
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().equals(session.getUrl()));
        payWithCard("4242424242424242");

        awaitLanding(session);
        assertThat(status(session)).isEqualTo("complete");
    }

    @Test
    void theAuthenticationStepCanFailAndThenBeApproved() throws Exception {
        Session session = create(paymentOf(item("gbp", 3000, 1)));
        browser.get(session.getUrl());

        payWithCard("4000002760003184");
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("/authenticate"));
        assertThat(byId("total").getText()).isEqualTo("£30.00");
        byId("fail").click();
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("error")).isEmpty());
        assertThat(byId("error").getText()).startsWith("We are unable to authenticate your payment method.");
        assertThat(status(session)).isEqualTo("open");

        payWithCard("4000002760003184");
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("/authenticate"));
        byId("approve").click();

        awaitLanding(session);
        assertThat(status(session)).isEqualTo("complete");
    }

    @Test
    void aBankDebitCompletesUnpaidAndSucceedsLater() throws Exception {
        Session session = create(paymentOf(item("eur", 4500, 1)));
        browser.get(session.getUrl());

        fill("email", "jenny@example.com");
        browser.findElement(By.cssSelector("label[for=pm-sepa_debit]")).click();
        fill("iban", "DE89 3704 0044 0532 0130 00");
        fill("account-holder-name", "Jenny Rosen");
        byId("submit").click();

        awaitLanding(session);
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus())
                .isEqualTo("unpaid");
        emulator.clock().advance(emulator.config().asyncPaymentDelay());
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus())
                .isEqualTo("paid");
        await().atMost(WAIT).untilAsserted(() -> assertThat(webhooks.eventsMentioning(session.getId()))
                .extracting(Event::getType).contains("checkout.session.async_payment_succeeded"));
    }

    @Test
    void anExpiredSessionsPageSaysItExpired() throws Exception {
        Session session = create(paymentOf(item("usd", 500, 1))
                .setExpiresAt(emulator.clock().epochSecond() + Duration.ofMinutes(31).toSeconds()));
        emulator.clock().advance(Duration.ofMinutes(31));

        browser.get(session.getUrl());

        assertThat(byId("heading").getText()).isEqualTo("This checkout session has expired");
        assertThat(browser.findElements(By.tagName("form"))).isEmpty();
        assertThat(status(session)).isEqualTo("expired");
    }

    @Test
    void aProductNamedLikeAScriptShowsAsText() throws Exception {
        Session session = create(paymentOf(SessionCreateParams.LineItem.builder().setQuantity(1L)
                .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd")
                        .setUnitAmount(100L)
                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                .setName("<script>alert(1)</script>").build())
                        .build()).build()));

        browser.get(session.getUrl());

        assertThat(browser.findElement(By.cssSelector(".item-name")).getText())
                .isEqualTo("<script>alert(1)</script>");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void aPaymentFormPostedFromAnotherSiteIsRefused() throws Exception {
        Session session = create(paymentOf(item("usd", 700, 1)));
        String token = HostedPageHttpTest.token(HostedPageHttpTest.open(session.getUrl()).body());
        browser.get(shop + "/attack?target=" + encode(session.getUrl()) + "&token=" + encode(token));

        byId("attack").click();

        await().atMost(WAIT).until(() -> browser.getCurrentUrl().equals(session.getUrl()));
        assertThat(byId("heading").getText()).isEqualTo("Payment refused");
        assertThat(status(session)).isEqualTo("open");
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void fitsAPhoneSizedScreen() throws Exception {
        Session session = create(paymentOf(item("usd", 2000, 1), item("usd", 350, 3)));
        browser.manage().window().setSize(new Dimension(375, 740));
        browser.get(session.getUrl());

        long viewport = (Long) ((ChromeDriver) browser).executeScript("return window.innerWidth;");
        long content = (Long) ((ChromeDriver) browser).executeScript(
                "return document.documentElement.scrollWidth;");
        WebElement pay = byId("submit");

        assertThat(content).isLessThanOrEqualTo(viewport);
        assertThat(pay.isDisplayed()).isTrue();
        assertThat(pay.getRect().getX() + pay.getRect().getWidth()).isLessThanOrEqualTo((int) viewport);
        assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/c/pay/" + session.getId());
    }

    private static com.stripe.model.PromotionCode promotionCode(String code, String percent) throws Exception {
        var coupon = stripe.v1().coupons().create(com.stripe.param.CouponCreateParams.builder()
                .setPercentOff(new java.math.BigDecimal(percent)).build());
        return stripe.v1().promotionCodes().create(com.stripe.param.PromotionCodeCreateParams.builder()
                .setCode(code).setPromotion(com.stripe.param.PromotionCodeCreateParams.Promotion.builder()
                        .setType(com.stripe.param.PromotionCodeCreateParams.Promotion.Type.COUPON)
                        .setCoupon(coupon.getId()).build()).build());
    }

    private static SessionCreateParams.Builder shippedOrder() {
        return paymentOf(item("usd", 2000, 2))
                .setAllowPromotionCodes(true)
                .setShippingAddressCollection(SessionCreateParams.ShippingAddressCollection.builder()
                        .addAllowedCountry(SessionCreateParams.ShippingAddressCollection.AllowedCountry.US)
                        .addAllowedCountry(SessionCreateParams.ShippingAddressCollection.AllowedCountry.CA).build())
                .addShippingOption(shippingOption("Ground", 500))
                .addShippingOption(shippingOption("Express", 1500));
    }

    private static SessionCreateParams.ShippingOption shippingOption(String name, long amount) {
        return SessionCreateParams.ShippingOption.builder().setShippingRateData(
                SessionCreateParams.ShippingOption.ShippingRateData.builder().setDisplayName(name)
                        .setFixedAmount(SessionCreateParams.ShippingOption.ShippingRateData.FixedAmount.builder()
                                .setAmount(amount).setCurrency("usd").build()).build()).build();
    }

    @Test
    void aCustomerAppliesACodePicksAShippingRateAndEntersAnAddress() throws Exception {
        String code = "WELCOME" + (System.nanoTime() % 100000);
        promotionCode(code, "10");
        Session session = create(shippedOrder());
        browser.get(session.getUrl());
        assertThat(byId("summary-shipping").getText()).contains("Ground", "$5.00");
        assertThat(byId("total-due").getText()).isEqualTo("$45.00");

        assertThat(browser.findElements(By.id("quantity-0"))).isEmpty();
        fill("promotion-code", "NOPE");
        byId("apply-code").click();
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("error")).isEmpty());
        assertThat(byId("error").getText()).isEqualTo("This code is invalid.");

        fill("promotion-code", code.toLowerCase(java.util.Locale.ROOT));
        byId("apply-code").click();
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("summary-discount")).isEmpty());
        assertThat(byId("summary-discount").getText()).contains(code, "−$4.00");
        assertThat(byId("total-due").getText()).isEqualTo("$41.00");
        assertThat(browser.findElements(By.id("error"))).isEmpty();

        payWithCard("4242424242424242");
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("error")).isEmpty());
        assertThat(byId("error").getText()).isEqualTo("Your shipping address is incomplete.");
        assertThat(browser.getCurrentUrl()).doesNotContain("payer").doesNotContain("%40");
        assertThat(byId("email").getAttribute("value")).isEqualTo("payer@example.com");
        assertThat(byId("promotion-code").getAttribute("value")).isEqualToIgnoringCase(code);

        fill("shipping-name", "Grace Hopper");
        byId("shipping-country").findElement(By.cssSelector("option[value=CA]")).click();
        fill("shipping-line1", "1 Rue Sainte-Catherine");
        fill("shipping-city", "Montreal");
        fill("shipping-postal-code", "H2X 1K4");
        browser.findElements(By.cssSelector("#shipping-options input[type=radio]")).get(1).click();
        payWithCard("4242424242424242");
        awaitLanding(session);

        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getCollectedInformation().getShippingDetails().getName()).isEqualTo("Grace Hopper");
        assertThat(paid.getCollectedInformation().getShippingDetails().getAddress().getCountry()).isEqualTo("CA");
        assertThat(paid.getShippingCost().getAmountTotal()).isEqualTo(1500);
        assertThat(paid.getTotalDetails().getAmountDiscount()).isEqualTo(400);
        assertThat(paid.getAmountTotal()).isEqualTo(4000 - 400 + 1500);
    }

    @Test
    void theShippingFormAndALongUnbrokenNameFitAPhone() throws Exception {
        Session session = create(shippedOrder().addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd").setUnitAmount(100L)
                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                .setName("Supercalifragilisticexpialidocious".repeat(4)).build()).build()).build()));
        browser.manage().window().setSize(new Dimension(375, 740));
        browser.get(session.getUrl());

        long viewport = (Long) ((ChromeDriver) browser).executeScript("return window.innerWidth;");
        long content = (Long) ((ChromeDriver) browser).executeScript("return document.documentElement.scrollWidth;");
        assertThat(content).isLessThanOrEqualTo(viewport);
        for (String id : new String[] {"shipping-country", "shipping-line1", "promotion-code", "apply-code", "submit"}) {
            var rect = byId(id).getRect();
            assertThat(rect.getX() + rect.getWidth()).as(id).isLessThanOrEqualTo((int) viewport);
        }
    }

    @Test
    void theBackButtonAfterPayingShowsTheCompletedPageNotTheForm() throws Exception {
        Session session = create(paymentOf(item("usd", 2000, 1)));
        browser.get(session.getUrl());
        payWithCard("4242424242424242");
        awaitLanding(session);

        browser.navigate().back();

        await().atMost(WAIT).until(() -> browser.getPageSource().contains("complete"));
        assertThat(browser.findElements(By.id("payment-form"))).isEmpty();
    }

    @Test
    void thePaymentMethodSelectorShowsKeyboardFocus() throws Exception {
        Session session = create(paymentOf(item("usd", 2000, 1)));
        browser.get(session.getUrl());
        byId("email").click();
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();

        var focused = browser.switchTo().activeElement();
        assertThat(focused.getAttribute("id")).isEqualTo("pm-card");
        String outline = (String) ((ChromeDriver) browser).executeScript(
                "const s = getComputedStyle(document.querySelector('label[for=pm-card]'));"
                        + " return s.outlineStyle + ' ' + s.outlineWidth;");
        assertThat(outline).doesNotStartWith("none").doesNotEndWith(" 0px");
    }

    private static SessionCreateParams.Builder detailedOrder() {
        var label = SessionCreateParams.CustomField.Label.builder()
                .setType(SessionCreateParams.CustomField.Label.Type.CUSTOM);
        return paymentOf(item("usd", 2500, 1))
                .setBillingAddressCollection(SessionCreateParams.BillingAddressCollection.REQUIRED)
                .setPhoneNumberCollection(SessionCreateParams.PhoneNumberCollection.builder().setEnabled(true).build())
                .addCustomField(SessionCreateParams.CustomField.builder().setKey("engraving")
                        .setType(SessionCreateParams.CustomField.Type.TEXT).setLabel(label.setCustom("Engraving").build())
                        .build())
                .addCustomField(SessionCreateParams.CustomField.builder().setKey("size")
                        .setType(SessionCreateParams.CustomField.Type.DROPDOWN).setLabel(label.setCustom("Size").build())
                        .setDropdown(SessionCreateParams.CustomField.Dropdown.builder()
                                .addOption(SessionCreateParams.CustomField.Dropdown.Option.builder().setLabel("Small")
                                        .setValue("s").build())
                                .addOption(SessionCreateParams.CustomField.Dropdown.Option.builder().setLabel("Large")
                                        .setValue("l").build()).build()).build())
                .setConsentCollection(SessionCreateParams.ConsentCollection.builder()
                        .setTermsOfService(SessionCreateParams.ConsentCollection.TermsOfService.REQUIRED).build())
                .setCustomText(SessionCreateParams.CustomText.builder().setSubmit(
                        SessionCreateParams.CustomText.Submit.builder().setMessage("Engraved items are final sale.")
                                .build()).build());
    }

    @Test
    void aCustomerFillsInBillingPhoneCustomFieldsAndAcceptsTheTerms() throws Exception {
        Session session = create(detailedOrder());
        browser.get(session.getUrl());
        assertThat(byId("custom-text-submit").getText()).isEqualTo("Engraved items are final sale.");

        fill("phone", "+1 555 010 9999");
        byId("billing-country").findElement(By.cssSelector("option[value=US]")).click();
        fill("billing-line1", "1 Main St");
        fill("billing-city", "Boston");
        fill("billing-postal-code", "02110");
        payWithCard("4242424242424242");
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("error")).isEmpty());
        assertThat(byId("error").getText()).isEqualTo("Fill in every required field; check the values you entered.");
        assertThat(byId("phone").getAttribute("value")).isEqualTo("+1 555 010 9999");
        assertThat(byId("billing-city").getAttribute("value")).isEqualTo("Boston");

        fill("custom-field-engraving", "For Grace");
        byId("custom-field-size").findElement(By.cssSelector("option[value=l]")).click();
        payWithCard("4242424242424242");
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("error")).isEmpty()
                && byId("error").getText().contains("terms"));
        assertThat(byId("error").getText()).isEqualTo("Agree to the terms of service to continue.");

        byId("consent-terms").click();
        payWithCard("4242424242424242");
        awaitLanding(session);

        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getCustomerDetails().getPhone()).isEqualTo("+1 555 010 9999");
        assertThat(paid.getCustomerDetails().getAddress().getCountry()).isEqualTo("US");
        assertThat(paid.getCustomFields()).extracting(f -> f.getKey()).containsExactly("engraving", "size");
        assertThat(paid.getCustomFields().get(1).getDropdown().getValue()).isEqualTo("l");
        assertThat(paid.getConsent().getTermsOfService()).isEqualTo("accepted");
    }

    @Test
    void theDetailedFormFitsAPhone() throws Exception {
        Session session = create(detailedOrder().setTaxIdCollection(SessionCreateParams.TaxIdCollection.builder()
                .setEnabled(true).build()));
        browser.manage().window().setSize(new Dimension(375, 740));
        browser.get(session.getUrl());

        long viewport = (Long) ((ChromeDriver) browser).executeScript("return window.innerWidth;");
        long content = (Long) ((ChromeDriver) browser).executeScript("return document.documentElement.scrollWidth;");
        assertThat(content).isLessThanOrEqualTo(viewport);
        for (String id : new String[] {"billing-country", "phone", "tax-id-type", "custom-field-size", "consent-terms",
                "submit"}) {
            var rect = byId(id).getRect();
            assertThat(rect.getX() + rect.getWidth()).as(id).isLessThanOrEqualTo((int) viewport);
        }
    }

    @Test
    void anEmbeddedPageInTheMerchantsSiteReturnsTheWholeWindowToTheReturnUrl() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(paymentOf(item("usd", 2000, 1))
                .setUiMode(SessionCreateParams.UiMode.EMBEDDED_PAGE)
                .setReturnUrl(shop + "/success?session_id={CHECKOUT_SESSION_ID}").build());
        browser.get(shop + "/embedded?page=" + java.net.URLEncoder.encode(
                emulator.baseUrl() + "/c/embed/" + session.getClientSecret(), StandardCharsets.UTF_8));
        browser.switchTo().frame("checkout");

        payWithCard("4000000000000002");
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("error")).isEmpty());
        assertThat(byId("error").getText()).isEqualTo("Your card was declined.");
        browser.switchTo().defaultContent();
        assertThat(browser.getCurrentUrl()).startsWith(shop + "/embedded");

        browser.switchTo().frame("checkout");
        payWithCard("4242424242424242");
        browser.switchTo().defaultContent();
        awaitLanding(session);
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus()).isEqualTo("complete");
    }

    @Test
    void aCustomerChangesAnAdjustableQuantityOnThePage() throws Exception {
        Session session = create(paymentOf(SessionCreateParams.LineItem.builder().setQuantity(1L)
                .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd").setUnitAmount(1200L)
                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName("Mug").build())
                        .build())
                .setAdjustableQuantity(SessionCreateParams.LineItem.AdjustableQuantity.builder().setEnabled(true)
                        .setMaximum(10L).build()).build()));
        browser.get(session.getUrl());
        fill("quantity-0", "3");
        payWithCard("4242424242424242");
        awaitLanding(session);

        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getAmountTotal()).isEqualTo(3600);
    }

    @Test
    void aCustomerAddsAnOptionalItemOnThePage() throws Exception {
        var extra = stripe.v1().prices().create(com.stripe.param.PriceCreateParams.builder().setCurrency("usd")
                .setUnitAmount(300L).setProductData(com.stripe.param.PriceCreateParams.ProductData.builder()
                        .setName("Gift wrap").build()).build());
        Session session = create(paymentOf(item("usd", 2000, 1)).addOptionalItem(
                SessionCreateParams.OptionalItem.builder().setPrice(extra.getId()).setQuantity(1L).build()));
        browser.get(session.getUrl());
        byId("optional-0").click();
        payWithCard("4242424242424242");
        awaitLanding(session);

        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getAmountTotal()).isEqualTo(2300);
    }

    @Test
    void aRedirectMethodsTestPageCanFailTheFirstAttemptAndAuthorizeTheNext() throws Exception {
        Session session = create(paymentOf(item("eur", 2500, 1))
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD)
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.IDEAL));
        browser.get(session.getUrl());

        fill("email", "jan@example.com");
        browser.findElement(By.cssSelector("label[for=pm-ideal]")).click();
        byId("submit").click();
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("/authorize"));
        assertThat(byId("heading").getText()).isEqualTo("iDEAL");
        assertThat(byId("total").getText()).isEqualTo("€25.00");
        byId("fail").click();
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("error")).isEmpty());
        assertThat(byId("error").getText()).startsWith("We are unable to authenticate your payment method.");
        assertThat(byId("pm-ideal").isSelected()).isTrue();
        assertThat(byId("email").getAttribute("value")).isEqualTo("jan@example.com");
        assertThat(status(session)).isEqualTo("open");

        byId("submit").click();
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("/authorize"));
        byId("authorize").click();

        awaitLanding(session);
        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getPaymentStatus()).isEqualTo("paid");
        assertThat(stripe.v1().paymentIntents().retrieve(paid.getPaymentIntent()).getPaymentMethodTypes())
                .containsExactly("ideal");
    }

    @Test
    void anAchDebitShowsItsMandateRefusesAnUnknownAccountAndCompletesUnpaid() throws Exception {
        Session session = create(paymentOf(item("usd", 4200, 1))
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.US_BANK_ACCOUNT));
        browser.get(session.getUrl());

        assertThat(byId("mandate-us_bank_account").getText()).contains("through the ACH network");
        fill("email", "sam@example.com");
        fill("account-us_bank_account", "000999999999");
        fill("holder-us_bank_account", "Sam Lee");
        byId("submit").click();
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("error")).isEmpty());
        assertThat(byId("error").getText()).startsWith("In test mode, use one of the test account numbers");
        fill("account-us_bank_account", "000123456789");
        byId("submit").click();

        awaitLanding(session);
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus()).isEqualTo("unpaid");
        emulator.clock().advance(emulator.config().asyncPaymentDelay());
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus()).isEqualTo("paid");
    }

    @Test
    void aVoucherNeverPaidShowsItsInstructionsAndExpiresUnpaid() throws Exception {
        Session session = create(paymentOf(item("mxn", 50000, 1))
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.OXXO));
        browser.get(session.getUrl());

        assertThat(byId("fields-oxxo").getText()).contains("voucher to pay within 3 days");
        fill("email", "ana_fill_never@example.com");
        byId("submit").click();
        awaitLanding(session);
        browser.get(session.getUrl());
        assertThat(byId("heading").getText()).isEqualTo("Your voucher is ready");
        byId("return-link").click();
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("/c/voucher/pi_"));
        assertThat(byId("heading").getText()).isEqualTo("OXXO voucher");
        assertThat(browser.getPageSource()).contains("MX$500.00", "Not paid yet.");

        emulator.clock().advance(Duration.ofDays(3));
        browser.navigate().refresh();

        assertThat(browser.getPageSource()).contains("This voucher has expired");
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus()).isEqualTo("unpaid");
        await().atMost(WAIT).untilAsserted(() -> assertThat(webhooks.eventsMentioning(session.getId()))
                .extracting(Event::getType).contains("checkout.session.async_payment_failed"));
    }

    @Test
    void thePageOffersExactlyTheSessionsMethodsAndTheyFitAPhone() throws Exception {
        Session session = create(paymentOf(item("eur", 20000, 1)));
        browser.manage().window().setSize(new Dimension(375, 740));
        browser.get(session.getUrl());

        var offered = browser.findElements(By.cssSelector("input[name=payment_method]")).stream()
                .map(e -> e.getAttribute("value")).toList();
        assertThat(offered).isEqualTo(session.getPaymentMethodTypes()).hasSizeGreaterThan(5);
        long content = (Long) ((ChromeDriver) browser).executeScript("return document.documentElement.scrollWidth;");
        long viewport = (Long) ((ChromeDriver) browser).executeScript("return window.innerWidth;");
        assertThat(content).isLessThanOrEqualTo(viewport);
        browser.findElement(By.cssSelector("label[for=pm-sepa_debit]")).click();
        assertThat(byId("iban").isDisplayed()).isTrue();
        assertThat(byId("card-number").isDisplayed()).isFalse();
    }
}
