package org.checkoutpipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.CheckoutOptions;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.orderproducer.CheckoutOutcome;
import org.checkoutpipeline.orderproducer.OrderPublisher;
import org.checkoutpipeline.orderproducer.generate.SyntheticOrders;
import org.checkoutpipeline.schemas.order.LineItems;
import org.checkoutpipeline.stripeemulator.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

class BrowserCheckoutTest {

    @Test
    void anOrderPublishedThroughOrderPublisherIsPaidInChromiumAndItsStatusTurnsFulfilled() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start();
             Pipeline pipeline = Pipeline.start(TestPipelines.embeddedOnFreePorts());
             OrderPublisher publisher = OrderPublisher.create(pipeline.kafka())) {
            String statusTemplate = "http://localhost:" + pipeline.statusPort() + "/orders/{ORDER_ID}";
            OrderPlaced order = new SyntheticOrders(SyntheticOrders.modes("payment"), SyntheticOrders.currencies("eur"), 1,
                    Clock.systemUTC(), "browser", statusTemplate, statusTemplate).next(CheckoutMode.PAYMENT);
            URI status = pipeline.statusUrl(order.getOrderId());

            CheckoutOutcome outcome = publisher.publishAndAwaitCheckout(order, Duration.ofSeconds(30)).join();

            assertThat(outcome).isInstanceOf(CheckoutOutcome.Created.class);
            String page = ((CheckoutOutcome.Created) outcome).url();
            ChromeDriver browser = chromium.driver();
            browser.get(page);
            assertThat(browser.findElement(By.id("submit")).getText()).isEqualTo("Pay");
            fill(browser, "email", "ada@example.com");
            payByCard(browser);

            await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().equals(status.toString()));
            await().atMost(Duration.ofSeconds(30)).until(() -> StatusApi.statusOf(status).equals("FULFILLMENT_REQUESTED"));
            browser.navigate().refresh();
            assertThat(browser.getPageSource()).contains("FULFILLMENT_REQUESTED", order.getOrderId());
        }
    }

    @Test
    void aShopperInChromiumAppliesACodeAndEntersAnAddressAndTheWarehouseConsumerShipsToIt() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start();
             Pipeline pipeline = Pipeline.start(TestPipelines.embeddedOnFreePorts());
             OrderPublisher publisher = OrderPublisher.create(pipeline.kafka());
             Warehouse warehouse = new Warehouse(pipeline.kafka().clientConfig(Map.of()))) {
            MerchantCatalog merchant = new MerchantCatalog(pipeline.stripeApiBase(), PipelineConfig.LOCAL_API_KEY);
            String orderId = "browser-shipped-" + UUID.randomUUID();
            OrderPlaced order = OrderPlaced.newBuilder().setEventId(UUID.randomUUID().toString()).setOrderId(orderId)
                    .setOccurredAt(Instant.now()).setPlacedAt(Instant.now()).setMode(CheckoutMode.PAYMENT).setCurrency("eur")
                    .setLineItems(List.of(LineItem.newBuilder(LineItems.inline("Coffee beans", 2_499, 2)).setSku("BEANS-1KG")
                            .build(), LineItems.price(merchant.mugPrice, 1)))
                    .setSuccessUrl(pipeline.statusUrl(orderId).toString()).setCancelUrl("https://shop.example/cart")
                    .setCheckout(CheckoutOptions.newBuilder().setPaymentMethodTypes(List.of("card"))
                            .setAllowPromotionCodes(true).setShippingCountries(List.of("DE", "AT"))
                            .setShippingRateIds(List.of(merchant.standardShipping)).build())
                    .build();

            CheckoutOutcome outcome = publisher.publishAndAwaitCheckout(order, Duration.ofSeconds(30)).join();
            ChromeDriver browser = chromium.driver();
            browser.get(((CheckoutOutcome.Created) outcome).url());
            fill(browser, "email", "ada@example.com");
            fill(browser, "promotion-code", merchant.promotionCode);
            browser.findElement(By.id("apply-code")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(By.id("summary-discount")).isEmpty());
            fill(browser, "shipping-name", "Ada Lovelace");
            browser.findElement(By.id("shipping-country")).findElement(By.cssSelector("option[value=AT]")).click();
            fill(browser, "shipping-line1", "Stephansplatz 1");
            fill(browser, "shipping-city", "Wien");
            fill(browser, "shipping-postal-code", "1010");
            payByCard(browser);

            Warehouse.Parcel parcel = warehouse.awaitParcel(orderId, Duration.ofSeconds(60));
            assertThat(parcel.name()).isEqualTo("Ada Lovelace");
            assertThat(parcel.address()).isEqualTo("Stephansplatz 1, 1010 Wien, AT");
            assertThat(parcel.lines()).containsExactly("2 x BEANS-1KG", "1 x MUG-RED");
            assertThat(parcel.shippingRate()).isEqualTo("Standard");
            assertThat(parcel.discount()).isEqualTo(Math.round((2 * 2_499 + 1_200) * 0.10));
        }
    }

    /** Enters Stripe's test card and the name on it, and pays. */
    private static void payByCard(ChromeDriver browser) {
        fill(browser, "card-number", "4242 4242 4242 4242");
        fill(browser, "card-expiry", "12 / 34");
        fill(browser, "card-cvc", "123");
        fill(browser, "billing-name", "Ada Lovelace");
        browser.findElement(By.id("submit")).click();
    }

    private static void fill(ChromeDriver browser, String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }
}
