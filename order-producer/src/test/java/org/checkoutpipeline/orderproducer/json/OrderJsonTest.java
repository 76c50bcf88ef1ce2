package org.checkoutpipeline.orderproducer.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.checkoutpipeline.events.CustomFieldType;
import org.checkoutpipeline.events.CustomerCreation;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.TaxBehavior;
import org.checkoutpipeline.events.UiMode;
import org.checkoutpipeline.schemas.order.InvalidOrderException;
import org.junit.jupiter.api.Test;

class OrderJsonTest {

    private final OrderJson json = new OrderJson(Clock.systemUTC());

    private OrderPlaced read(String text) throws Exception {
        return json.read(new ObjectMapper().readTree(text));
    }

    @Test
    void catalogPricesSkusAndCheckoutOptionsAreReadByTheirSchemaNamesWithTheirDefaults() throws Exception {
        OrderPlaced order = read("""
                {"orderId": "o-1", "mode": "payment", "currency": "eur",
                 "lineItems": [
                   {"priceId": "price_1Mug", "quantity": 1, "sku": "MUG-RED"},
                   {"name": "Beans", "unitAmount": 2499, "quantity": 2, "sku": "BEANS-1KG", "taxBehavior": "exclusive",
                    "images": ["https://shop.example/beans.png"], "adjustableQuantity": {"maximum": 10}}],
                 "successUrl": "https://shop.example/ok", "cancelUrl": "https://shop.example/cart",
                 "checkout": {"allowPromotionCodes": true, "shippingCountries": ["DE", "AT"],
                   "shippingRates": [{"displayName": "Express", "amount": 1500, "deliveryDaysMax": 2}],
                   "customerCreation": "always", "automaticTax": true,
                   "customFields": [{"key": "giftnote", "label": "Gift note", "type": "text", "optional": true}]}}
                """);

        assertThat(order.getLineItems().get(0).getPriceId()).isEqualTo("price_1Mug");
        assertThat(order.getLineItems().get(0).getName()).isEmpty();
        assertThat(order.getLineItems().get(1).getTaxBehavior()).isEqualTo(TaxBehavior.EXCLUSIVE);
        assertThat(order.getLineItems().get(1).getAdjustableQuantity().getMinimum()).isZero();
        assertThat(order.getLineItems().get(1).getAdjustableQuantity().getMaximum()).isEqualTo(10);
        assertThat(order.getCheckout().getShippingRates().get(0).getDeliveryDaysMin()).isNull();
        assertThat(order.getCheckout().getShippingRates().get(0).getDeliveryDaysMax()).isEqualTo(2);
        assertThat(order.getCheckout().getCustomerCreation()).isEqualTo(CustomerCreation.ALWAYS);
        assertThat(order.getCheckout().getCustomFields().get(0).getType()).isEqualTo(CustomFieldType.TEXT);
        assertThat(order.getCheckout().getUiMode()).isNull();
        assertThat(order.getCheckout().getManualCapture()).isFalse();
    }

    @Test
    void anEmbeddedOrderNeedsNoSuccessOrCancelUrl() throws Exception {
        OrderPlaced order = read("""
                {"orderId": "o-2", "mode": "payment", "currency": "usd", "lineItems": [{"name": "Mug", "unitAmount": 1200,
                 "quantity": 1}], "checkout": {"uiMode": "embedded", "returnUrl": "https://shop.example/return"}}
                """);

        assertThat(order.getCheckout().getUiMode()).isEqualTo(UiMode.EMBEDDED);
        assertThat(order.getSuccessUrl()).isEmpty();
    }

    @Test
    void aMisspeltOptionAWrongTypeAnUnknownSymbolAndAMissingQuantityAreNamedByTheirPath() {
        String base = "{\"orderId\": \"o-3\", \"mode\": \"payment\", \"currency\": \"usd\", \"successUrl\": "
                + "\"https://s.example/ok\", \"cancelUrl\": \"https://s.example/no\", ";

        assertThatThrownBy(() -> read(base + "\"lineItems\": [], \"checkout\": {\"allowPromoCodes\": true}}"))
                .isInstanceOfSatisfying(InvalidOrderException.class, e -> {
                    assertThat(e.field()).isEqualTo("checkout.allowPromoCodes");
                    assertThat(e.getMessage()).contains("allowPromotionCodes");
                });
        assertThatThrownBy(() -> read(base + "\"lineItems\": [], \"checkout\": {\"trialPeriodDays\": \"14\"}}"))
                .isInstanceOfSatisfying(InvalidOrderException.class,
                        e -> assertThat(e.field()).isEqualTo("checkout.trialPeriodDays"));
        assertThatThrownBy(() -> read(base + "\"lineItems\": [], \"checkout\": {\"submitType\": \"buy\"}}"))
                .isInstanceOfSatisfying(InvalidOrderException.class, e -> {
                    assertThat(e.field()).isEqualTo("checkout.submitType");
                    assertThat(e.getMessage()).contains("[auto, pay, book, donate, subscribe]");
                });
        assertThatThrownBy(() -> read(base + "\"lineItems\": [{\"name\": \"Mug\", \"unitAmount\": 1200}]}"))
                .isInstanceOfSatisfying(InvalidOrderException.class,
                        e -> assertThat(e.field()).isEqualTo("lineItems[0].quantity"));
    }
}
