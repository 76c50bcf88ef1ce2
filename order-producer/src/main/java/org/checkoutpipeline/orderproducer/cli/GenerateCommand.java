package org.checkoutpipeline.orderproducer.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.orderproducer.OrderPublisher;
import org.checkoutpipeline.orderproducer.OrderPublisherConfig;
import org.checkoutpipeline.orderproducer.generate.SyntheticOrders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code generate}: synthetic orders at a given rate, with a progress bar. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Publishes synthetic orders: modes and currencies drawn from weighted mixes.",
                "Example: order-producer generate --count 10000 --rate 500 --modes payment=80,subscription=10,setup=10",
                "         order-producer generate --count 100 --profiles plain=40,shipped=30,embedded=10,manual-capture=10,trial=10"})
final class GenerateCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = {"-n", "--count"}, defaultValue = "1000", description = "How many orders (default ${DEFAULT-VALUE}).")
    private long count;

    @Option(names = {"-r", "--rate"}, defaultValue = "0",
            description = "Orders per second; 0 (the default) publishes as fast as Kafka takes them.")
    private double rate;

    @Mixin
    private OrderMixOptions mix;

    @Option(names = "--id-prefix", description = "Prefix of the order ids (default: gen- and a random tag).")
    private String idPrefix;

    @Option(names = "--seed", description = "Random seed, for a reproducible run.")
    private Long seed;

    @Option(names = "--success-url", defaultValue = SyntheticOrders.DEFAULT_SUCCESS_URL,
            description = "successUrl; {ORDER_ID} is replaced (default ${DEFAULT-VALUE}).")
    private String successUrl;

    @Option(names = "--cancel-url", defaultValue = SyntheticOrders.DEFAULT_CANCEL_URL,
            description = "cancelUrl; {ORDER_ID} is replaced (default ${DEFAULT-VALUE}).")
    private String cancelUrl;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (count < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be at least 1. Got: " + count);
        }
        if (rate < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must not be negative. Got: " + rate);
        }
        SyntheticOrders orders;
        try {
            orders = new SyntheticOrders(mix.modes(), mix.currencies(),
                    seed == null ? System.nanoTime() : seed, Clock.systemUTC(),
                    idPrefix == null ? "gen-" + UUID.randomUUID().toString().substring(0, 8) : idPrefix, successUrl, cancelUrl)
                    .withProfiles(mix.profiles());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ProgressLine progress = new ProgressLine(out, ProgressLine.isTerminal());
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        Map<CheckoutMode, Long> byMode = new EnumMap<>(CheckoutMode.class);
        long start = System.nanoTime();
        OrderPublisherConfig config = OrderPublisherConfig.of(kafka.settings())
                .withClientId("order-producer-generate").withoutCheckoutWatch();
        try (OrderPublisher publisher = new OrderPublisher(config)) {
            for (long i = 0; i < count && firstError.get() == null; i++) {
                if (rate > 0) {
                    long due = start + (long) (i * TimeUnit.SECONDS.toNanos(1) / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                OrderPlaced order = orders.next();
                byMode.merge(order.getMode(), 1L, Long::sum);
                publisher.publish(order).whenComplete((published, error) -> {
                    if (error != null) {
                        firstError.compareAndSet(null, error);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
                progress.update(line(acknowledged.get(), i + 1, start));
            }
            publisher.flush();
        }
        progress.finish(line(acknowledged.get(), count, start));
        if (firstError.get() != null) {
            spec.commandLine().getErr().println("Publishing failed: " + firstError.get().getMessage());
            return 1;
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        out.printf("Published %d orders to orders.placed in %.1fs (%.0f/s): %s%n", acknowledged.get(), seconds,
                acknowledged.get() / seconds, byMode);
        return 0;
    }

    private String line(long acknowledged, long sent, long start) {
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        return String.format("%s %d/%d acknowledged, %.0f/s", ProgressLine.bar(acknowledged, count, 30), acknowledged,
                count, sent / seconds);
    }
}
