package org.checkoutpipeline.orderproducer.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Weighted choices written {@code payment=80,subscription=10,setup=10}: each value is picked in
 * proportion to its weight.
 *
 * @param <T> what is chosen
 */
public final class Mix<T> {

    private final Map<T, Integer> weights;
    private final List<T> values = new ArrayList<>();
    private final int[] cumulative;
    private final int total;

    public Mix(Map<T, Integer> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("A mix needs at least one value with a positive weight. Got: " + weights);
        }
        this.weights = new LinkedHashMap<>(weights);
        this.cumulative = new int[weights.size()];
        int sum = 0;
        for (Map.Entry<T, Integer> entry : this.weights.entrySet()) {
            if (entry.getValue() < 0) {
                throw new IllegalArgumentException("Weights must not be negative. Got: " + entry.getKey() + "=" + entry.getValue());
            }
            sum += entry.getValue();
            cumulative[values.size()] = sum;
            values.add(entry.getKey());
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("A mix needs a positive total weight. Got: " + weights);
        }
        this.total = sum;
    }

    /**
     * Parses {@code name=weight,...}; a name without a weight counts 1.
     *
     * @param what   what the values are, for the error message ("mode", "currency")
     * @param parser turns a name into a value, throwing {@link IllegalArgumentException} for an unknown one
     */
    public static <T> Mix<T> parse(String text, String what, Function<String, T> parser) {
        Map<T, Integer> weights = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int equals = item.indexOf('=');
            String name = equals < 0 ? item : item.substring(0, equals).trim();
            int weight;
            try {
                weight = equals < 0 ? 1 : Integer.parseInt(item.substring(equals + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The weight of " + what + " '" + name
                        + "' must be a whole number. Got: '" + item + "'");
            }
            T value;
            try {
                value = parser.apply(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown " + what + " '" + name + "' in '" + text + "'"
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            weights.merge(value, weight, Integer::sum);
        }
        return new Mix<>(weights);
    }

    public T pick(Random random) {
        int ticket = random.nextInt(total);
        for (int i = 0; i < cumulative.length; i++) {
            if (ticket < cumulative[i]) {
                return values.get(i);
            }
        }
        throw new IllegalStateException("unreachable: ticket " + ticket + " of " + total);
    }

    public Map<T, Integer> weights() {
        return Map.copyOf(weights);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        weights.forEach((value, weight) -> text.append(text.length() == 0 ? "" : ",")
                .append(value.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).append('=').append(weight));
        return text.toString();
    }
}
