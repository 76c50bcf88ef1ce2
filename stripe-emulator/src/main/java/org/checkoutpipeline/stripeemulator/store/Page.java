package org.checkoutpipeline.stripeemulator.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** One page of a Stripe list, newest first, with Stripe's {@code has_more}. */
public record Page<T>(List<T> data, boolean hasMore) {

    /**
     * Pages through {@code index} newest first. {@code startingAfter} gives the objects older than
     * that id, {@code endingBefore} the ones just newer than it (still returned newest first).
     */
    public static <T> Page<T> of(ObjectIndex<T> index, Predicate<T> filter, int limit,
            String startingAfter, String endingBefore) {
        boolean backwards = endingBefore != null;
        Iterator<T> source = backwards ? index.newerThan(endingBefore)
                : startingAfter != null ? index.olderThan(startingAfter) : index.newestFirst();
        var data = new ArrayList<T>(Math.min(limit, 100));
        boolean more = false;
        while (source.hasNext()) {
            T next = source.next();
            if (!filter.test(next)) {
                continue;
            }
            if (data.size() == limit) {
                more = true;
                break;
            }
            data.add(next);
        }
        if (backwards) {
            Collections.reverse(data);
        }
        return new Page<>(data, more);
    }

    /** Pages through a small in-memory list already in display order, by position. */
    public static <T> Page<T> ofList(List<T> all, int limit, int startAfterIndex, int endBeforeIndex) {
        int from;
        int to;
        if (endBeforeIndex >= 0) {
            to = Math.min(endBeforeIndex, all.size());
            from = Math.max(0, to - limit);
            return new Page<>(List.copyOf(all.subList(from, to)), from > 0);
        }
        from = startAfterIndex + 1;
        to = Math.min(all.size(), from + limit);
        if (from >= to) {
            return new Page<>(List.of(), false);
        }
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size());
    }

    /** Stripe's list object for this page: {@code object}, {@code data}, {@code has_more}, {@code url}. */
    public Map<String, Object> toJson(String url, Function<? super T, ?> render) {
        var json = new LinkedHashMap<String, Object>();
        json.put("object", "list");
        var items = new ArrayList<Object>(data.size());
        data.forEach(item -> items.add(render.apply(item)));
        json.put("data", items);
        json.put("has_more", hasMore);
        json.put("url", url);
        return json;
    }
}
