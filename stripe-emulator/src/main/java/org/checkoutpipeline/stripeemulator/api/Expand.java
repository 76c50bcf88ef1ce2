package org.checkoutpipeline.stripeemulator.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The {@code expand[]} parameter, in either {@code expand[]=x} or {@code expand[0]=x} form. */
public final class Expand {

    private Expand() {}

    public static List<String> read(Params params) {
        List<Object> raw = params.array("expand", "");
        if (raw == null) {
            return List.of();
        }
        var values = new ArrayList<String>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            if (!(raw.get(i) instanceof String value)) {
                throw ApiError.invalid(null, "expand[" + i + "]", "Invalid expand: expected a string");
            }
            values.add(value);
        }
        return List.copyOf(values);
    }

    /**
     * Checks each value against the fields that can be expanded, with {@code prefix} for lists
     * ({@code data.}); returns the field names without the prefix.
     */
    public static List<String> check(List<String> values, Collection<String> expandable,
            String prefix) {
        var fields = new ArrayList<String>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String field = prefix.isEmpty() ? value
                    : value.startsWith(prefix) ? value.substring(prefix.length()) : null;
            if (field == null || !expandable.contains(field)) {
                throw ApiError.invalid(null, "expand[" + i + "]",
                        "This property cannot be expanded (" + value + ").");
            }
            fields.add(field);
        }
        return List.copyOf(fields);
    }
}
