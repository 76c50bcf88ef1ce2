package org.checkoutpipeline.allinone.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcome of a demo run: every order's result and the counts seen on the topics; prints the
 * summary table and latency percentiles.
 */
public record DemoResult(List<DemoOrderOutcome> orders, int placed, int sessions, int completions, int checkoutFailures,
                         int fulfilled, int cancelled, Duration elapsed) {

    public DemoResult {
        orders = List.copyOf(orders);
    }

    /** Whether every order ended as its customer's story implies. */
    public boolean allAsExpected() {
        return orders.stream().allMatch(DemoOrderOutcome::asExpected);
    }

    public List<DemoOrderOutcome> unexpected() {
        return orders.stream().filter(result -> !result.asExpected()).toList();
    }

    public void print(PrintWriter out) {
        out.println();
        out.printf("%-34s %8s%n", "Pipeline", "orders");
        row(out, "placed (OrderPlaced)", placed);
        row(out, "checkout sessions created", sessions);
        row(out, "checkouts completed", completions);
        row(out, "checkout failed", checkoutFailures);
        row(out, "fulfilled (FulfillmentRequested)", fulfilled);
        row(out, "cancelled (OrderCancelled)", cancelled);
        Map<String, Integer> reasons = new TreeMap<>();
        orders.stream().filter(result -> result.cancellationReason() != null)
                .forEach(result -> reasons.merge(result.cancellationReason(), 1, Integer::sum));
        reasons.forEach((reason, count) -> row(out, "  " + reason, count));
        out.println();
        out.printf("%-26s %7s  %-34s %12s%n", "Customer story", "orders", "expected end", "as expected");
        Map<Story, int[]> byStory = new EnumMap<>(Story.class);
        for (DemoOrderOutcome result : orders) {
            int[] counts = byStory.computeIfAbsent(result.story(), story -> new int[2]);
            counts[0]++;
            counts[1] += result.asExpected() ? 1 : 0;
        }
        byStory.forEach((story, counts) -> out.printf("%-26s %7d  %-34s %12d%n", story.label(), counts[0],
                story.expectedOutcome(), counts[1]));
        out.println();
        out.println("Latency from OrderPlaced to FulfillmentRequested:");
        latencyLine(out, "  card payments", orders.stream().filter(result -> result.story() != Story.BANK_DEBIT_SUCCEEDS));
        latencyLine(out, "  all fulfilled orders", orders.stream());
        out.println();
        List<DemoOrderOutcome> wrong = unexpected();
        if (wrong.isEmpty()) {
            out.printf("All %d orders ended as their customers' stories imply (%.1f s).%n", orders.size(),
                    elapsed.toMillis() / 1000.0);
        } else {
            out.printf("%d of %d orders did NOT end as their customers' stories imply:%n", wrong.size(), orders.size());
            wrong.stream().limit(20).forEach(result -> out.printf("  %s (%s, %s): %s%n", result.orderId(),
                    result.story().label(), result.mode(), result.problem()));
            if (wrong.size() > 20) {
                out.printf("  ... and %d more%n", wrong.size() - 20);
            }
        }
        out.flush();
    }

    private static void row(PrintWriter out, String label, int count) {
        out.printf("%-34s %8d%n", label, count);
    }

    private static void latencyLine(PrintWriter out, String label, java.util.stream.Stream<DemoOrderOutcome> results) {
        long[] millis = results.map(DemoOrderOutcome::latency).filter(Objects::nonNull).mapToLong(Duration::toMillis)
                .sorted().toArray();
        if (millis.length == 0) {
            out.printf("%-24s none fulfilled%n", label);
            return;
        }
        out.printf("%-24s p50 %6d ms   p90 %6d ms   p99 %6d ms   max %6d ms   (%d orders)%n", label,
                percentile(millis, 50), percentile(millis, 90), percentile(millis, 99), millis[millis.length - 1],
                millis.length);
    }

    static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
