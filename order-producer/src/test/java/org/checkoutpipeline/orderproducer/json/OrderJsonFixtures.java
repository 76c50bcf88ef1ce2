package org.checkoutpipeline.orderproducer.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.checkoutpipeline.events.OrderPlaced;

/** Orders read from the JSON form, for tests. */
public final class OrderJsonFixtures {

    private OrderJsonFixtures() {
    }

    public static OrderPlaced order(String orderId) {
        try {
            return new OrderJson(Clock.systemUTC()).read(new ObjectMapper().readTree("{\"orderId\": \"" + orderId
                    + "\", \"mode\": \"payment\", \"currency\": \"eur\", \"lineItems\": [{\"name\": \"Mug\", "
                    + "\"unitAmount\": 1200, \"quantity\": 1}], \"successUrl\": \"https://s.example/ok\", "
                    + "\"cancelUrl\": \"https://s.example/cart\"}"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
