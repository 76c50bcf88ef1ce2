package org.checkoutpipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.orderproducer.CheckoutOutcome;
import org.checkoutpipeline.orderproducer.OrderPublisher;
import org.checkoutpipeline.orderproducer.generate.SyntheticOrders;
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
            fill(browser, "card-number", "4242 4242 4242 4242");
            fill(browser, "card-expiry", "12 / 34");
            fill(browser, "card-cvc", "123");
            fill(browser, "billing-name", "Ada Lovelace");
            browser.findElement(By.id("submit")).click();

            await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().equals(status.toString()));
            await().atMost(Duration.ofSeconds(30)).until(() -> StatusApi.statusOf(status).equals("FULFILLMENT_REQUESTED"));
            browser.navigate().refresh();
            assertThat(browser.getPageSource()).contains("FULFILLMENT_REQUESTED", order.getOrderId());
        }
    }

    private static void fill(ChromeDriver browser, String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }
}
