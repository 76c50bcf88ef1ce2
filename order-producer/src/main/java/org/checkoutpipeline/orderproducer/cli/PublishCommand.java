package org.checkoutpipeline.orderproducer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.checkoutpipeline.orderproducer.CheckoutOutcome;
import org.checkoutpipeline.orderproducer.OrderPublisher;
import org.checkoutpipeline.orderproducer.OrderPublisherConfig;
import org.checkoutpipeline.orderproducer.json.OrderJson;
import org.checkoutpipeline.orderproducer.json.OrderSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code publish}: orders from a JSON or JSON Lines file, or standard input. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publishes orders written as JSON Lines (one order per line), a JSON array, or one JSON object.",
                "Every order is validated first; invalid ones are reported with their line number and reason, and then "
                        + "nothing is published unless --skip-invalid is given. Exit code 1 when any order was invalid "
                        + "or failed to publish.",
                "Example: order-producer publish order-producer/examples/orders.jsonl --await-checkout 30s"})
final class PublishCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "-",
            description = "JSON or JSON Lines file; '-' (the default) reads standard input.")
    private String file;

    @Option(names = "--skip-invalid", description = "Publish the valid orders even when some are invalid.")
    private boolean skipInvalid;

    @Option(names = "--dry-run", description = "Only read and validate; publish nothing.")
    private boolean dryRun;

    @Option(names = "--await-checkout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "After publishing, wait this long (e.g. 30s) for each order's checkout and print its payment page URL.")
    private Duration awaitCheckout;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = read();
        } catch (NoSuchFileException e) {
            err.println("No such file: " + file);
            return 2;
        }
        List<OrderSource.Entry> entries = new OrderSource(new OrderJson(Clock.systemUTC())).read(text);
        List<OrderSource.Entry> invalid = entries.stream().filter(entry -> !entry.valid()).toList();
        String source = file.equals("-") ? "stdin" : file;
        invalid.forEach(entry -> err.println(source + ":" + entry.line() + ": " + entry.error()));
        List<OrderSource.Entry> valid = entries.stream().filter(OrderSource.Entry::valid).toList();
        if (!invalid.isEmpty() && !skipInvalid) {
            err.println(invalid.size() + " of " + entries.size() + " orders are invalid; nothing published "
                    + "(fix them, or pass --skip-invalid to publish the other " + valid.size() + ")");
            return 1;
        }
        if (dryRun) {
            out.println(valid.size() + " valid orders, " + invalid.size() + " invalid; nothing published (--dry-run)");
            return invalid.isEmpty() ? 0 : 1;
        }
        OrderPublisherConfig config = OrderPublisherConfig.of(kafka.settings()).withClientId("order-producer-publish");
        int failed = 0;
        try (OrderPublisher publisher = new OrderPublisher(awaitCheckout == null ? config.withoutCheckoutWatch() : config)) {
            List<CompletableFuture<?>> results = new ArrayList<>();
            for (OrderSource.Entry entry : valid) {
                results.add(awaitCheckout == null
                        ? publisher.publish(entry.order())
                        : publisher.publishAndAwaitCheckout(entry.order(), awaitCheckout));
            }
            for (int i = 0; i < results.size(); i++) {
                String orderId = valid.get(i).order().getOrderId();
                try {
                    Object result = results.get(i).join();
                    if (result instanceof CheckoutOutcome.Created created) {
                        out.println(orderId + "\tcheckout created\t" + created.url());
                    } else if (result instanceof CheckoutOutcome.Failed failure) {
                        out.println(orderId + "\tcheckout failed\t" + failure.reason() + ": " + failure.detail());
                    }
                } catch (CompletionException e) {
                    failed++;
                    err.println(source + ":" + valid.get(i).line() + ": order " + orderId + " failed: "
                            + e.getCause().getMessage());
                }
            }
        }
        out.println("Published " + (valid.size() - failed) + " orders to orders.placed"
                + (invalid.isEmpty() ? "" : " (" + invalid.size() + " invalid skipped)")
                + (failed == 0 ? "" : " (" + failed + " failed)"));
        return invalid.isEmpty() && failed == 0 ? 0 : 1;
    }

    private String read() throws IOException {
        if (file.equals("-")) {
            InputStream in = System.in;
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }
}
