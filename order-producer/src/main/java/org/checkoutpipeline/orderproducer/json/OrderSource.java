package org.checkoutpipeline.orderproducer.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.schemas.order.InvalidOrderException;
import org.checkoutpipeline.schemas.order.OrderValidator;

/**
 * Reads orders from text in any of three forms: JSON Lines (one order per line, blank lines
 * ignored), a JSON array of orders, or a single JSON object. Every order is read and validated;
 * each bad one is reported with its line number and reason.
 */
public final class OrderSource {

    /** One order read from the text, or why the order starting on {@code line} is unusable. */
    public record Entry(int line, OrderPlaced order, String error) {
        public boolean valid() {
            return error == null;
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final OrderJson orders;
    private final OrderValidator validator = new OrderValidator();

    public OrderSource(OrderJson orders) {
        this.orders = orders;
    }

    public List<Entry> read(String text) {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("[")) {
            return readArray(text);
        }
        List<Entry> lines = readLines(text);
        if (trimmed.startsWith("{") && lines.size() > 1 && !lines.get(0).valid() && parsesAsOneObject(text)) {
            return readArray("[" + text + "]");
        }
        return lines;
    }

    private List<Entry> readLines(String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = mapper.readTree(lines[i]);
            } catch (JsonProcessingException e) {
                entries.add(new Entry(i + 1, null, "not JSON: " + e.getOriginalMessage()));
                continue;
            }
            entries.add(entry(i + 1, node));
        }
        return entries;
    }

    private List<Entry> readArray(String text) {
        List<Entry> entries = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                entries.add(new Entry(1, null, "expected a JSON array of orders"));
                return entries;
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = mapper.readTree(parser);
                if (node == null) {
                    entries.add(new Entry(line, null, "the array is not closed"));
                    break;
                }
                entries.add(entry(line, node));
            }
        } catch (IOException e) {
            int line = e instanceof JsonProcessingException json && json.getLocation() != null
                    ? json.getLocation().getLineNr() : 1;
            String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            entries.add(new Entry(line, null, "not JSON: " + message));
        }
        return entries;
    }

    private Entry entry(int line, JsonNode node) {
        try {
            OrderPlaced order = orders.read(node);
            validator.validate(order);
            return new Entry(line, order, null);
        } catch (InvalidOrderException e) {
            return new Entry(line, null, e.getMessage());
        }
    }

    private boolean parsesAsOneObject(String text) {
        try {
            return mapper.readTree(text).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
