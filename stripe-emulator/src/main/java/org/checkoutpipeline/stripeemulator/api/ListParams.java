package org.checkoutpipeline.stripeemulator.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.checkoutpipeline.stripeemulator.store.ObjectIndex;
import org.checkoutpipeline.stripeemulator.store.Page;

/**
 * The parameters every Stripe list endpoint shares: {@code limit} (1-100, default 10),
 * {@code starting_after}, {@code ending_before}, {@code created} (exact or {@code gt/gte/lt/lte})
 * and {@code expand}.
 */
public record ListParams(int limit, String startingAfter, String endingBefore, long createdGte,
        long createdLte, List<String> expand) {

    private static final Set<String> COMMON =
            Set.of("limit", "starting_after", "ending_before", "expand");
    private static final Set<String> RANGE = Set.of("gt", "gte", "lt", "lte");

    /**
     * Reads the common parameters and fails on any parameter outside {@code extra} and the common
     * ones. {@code created} is accepted only when listed in {@code extra}.
     */
    public static ListParams read(Params params, Set<String> extra) {
        var allowed = new HashSet<>(COMMON);
        allowed.addAll(extra);
        params.requireOnly(allowed, "");
        Long limit = params.integer("limit", "");
        if (limit != null && (limit < 1 || limit > 100)) {
            throw ApiError.invalid("parameter_invalid_integer", "limit",
                    "Invalid limit: must be between 1 and 100 (it is " + limit + ")");
        }
        String startingAfter = params.nonEmptyString("starting_after", "");
        String endingBefore = params.nonEmptyString("ending_before", "");
        if (startingAfter != null && endingBefore != null) {
            throw ApiError.invalid("parameters_exclusive", "ending_before",
                    "You may only specify one of these parameters: ending_before, starting_after.");
        }
        long gte = Long.MIN_VALUE;
        long lte = Long.MAX_VALUE;
        if (params.has("created")) {
            if (params.tree().get("created") instanceof String) {
                Long exact = params.integer("created", "");
                gte = exact;
                lte = exact;
            } else {
                Params range = params.object("created", "");
                range.requireOnly(RANGE, "created");
                Long gt = range.integer("gt", "created");
                Long gteValue = range.integer("gte", "created");
                Long lt = range.integer("lt", "created");
                Long lteValue = range.integer("lte", "created");
                if (gt != null) {
                    gte = Math.max(gte, gt + 1);
                }
                if (gteValue != null) {
                    gte = Math.max(gte, gteValue);
                }
                if (lt != null) {
                    lte = Math.min(lte, lt - 1);
                }
                if (lteValue != null) {
                    lte = Math.min(lte, lteValue);
                }
            }
        }
        return new ListParams(limit == null ? 10 : limit.intValue(), startingAfter, endingBefore, gte,
                lte, Expand.read(params));
    }

    /**
     * Checks a list request against its operation's definitions and supported parameters, then reads
     * the common ones; the operation's own filters are the caller's to read.
     */
    public static ListParams read(Params params, OperationParams operation) {
        operation.check(params);
        return read(params, operation.topLevelNames());
    }

    /**
     * One page of {@code index}, newest first: the objects {@code filter} accepts that were created in
     * the requested range, after or before the cursor, which must name an object ({@code noun} words
     * the error).
     */
    public <T> Page<T> page(ObjectIndex<T> index, Predicate<T> filter, ToLongFunction<T> created, String noun) {
        requireCursorExists(id -> index.get(id) != null, noun);
        return Page.of(index, t -> createdInRange(created.applyAsLong(t)) && filter.test(t), limit, startingAfter,
                endingBefore);
    }

    public boolean createdInRange(long created) {
        return created >= createdGte && created <= createdLte;
    }

    /**
     * Fails with {@code resource_missing} when the {@code starting_after} or {@code ending_before}
     * id is not one that {@code exists}; the message reads {@code No such <noun>: '<id>'}.
     */
    public void requireCursorExists(Predicate<String> exists, String noun) {
        String param = startingAfter != null ? "starting_after" : "ending_before";
        String id = startingAfter != null ? startingAfter : endingBefore;
        if (id != null && !exists.test(id)) {
            throw ApiError.invalid("resource_missing", param, "No such " + noun + ": '" + id + "'");
        }
    }
}
