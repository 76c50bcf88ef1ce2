package org.checkoutpipeline.allinone;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.fulfillment.config.FulfillmentConfig;
import org.checkoutpipeline.orderproducer.CheckoutOutcome;
import org.checkoutpipeline.orderproducer.OrderPublisher;
import org.checkoutpipeline.orderproducer.OrderPublisherConfig;
import org.checkoutpipeline.orderproducer.generate.SyntheticOrders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code up}: starts everything, places one sample order and prints where to pay it and where to
 * watch its status; runs until Ctrl-C, then stops every service cleanly.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts the pipeline and keeps it running. Prints the addresses of the Stripe emulator, the status "
                + "API and the payment page of a sample order: pay it in a browser with card 4242 4242 4242 4242 and "
                + "watch its status change. Ctrl-C stops.",
                "Default ports: emulator 12111, webhook bridge 8082, status API 8084 (0 = any free port)."})
final class UpCommand implements Callable<Integer> {

    static final int EMULATOR_PORT = 12111;
    static final int BRIDGE_PORT = 8082;
    static final int STATUS_PORT = 8084;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private PipelineOptions pipeline;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PipelineConfig config;
        try {
            config = pipeline.config(EMULATOR_PORT, BRIDGE_PORT, STATUS_PORT);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        out.println(config.describe());
        out.println("Starting the pipeline...");
        out.flush();
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "checkout-pipeline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Pipeline running = Pipeline.start(config);
             OrderPublisher publisher = new OrderPublisher(OrderPublisherConfig.of(running.kafka()).withClientId("checkout-pipeline-up"))) {
            String statusTemplate = running.statusUrlPrefix() + "{ORDER_ID}";
            SyntheticOrders orders = new SyntheticOrders(SyntheticOrders.modes("payment"), SyntheticOrders.currencies("usd"),
                    System.nanoTime(), Clock.systemUTC(), "up-" + UUID.randomUUID().toString().substring(0, 6),
                    statusTemplate, statusTemplate);
            OrderPlaced sample = orders.next(CheckoutMode.PAYMENT);
            CheckoutOutcome outcome = publisher.publishAndAwaitCheckout(sample, Duration.ofSeconds(60)).join();
            out.println();
            out.println("Checkout Pipeline is up.");
            out.println("  Kafka bootstrap servers  " + running.kafka().bootstrapServers());
            out.println("  Stripe                   " + (running.stripeApiBase() == null ? "real Stripe (test mode)"
                    : running.stripeApiBase() + (running.emulator() != null ? "   (emulator; controls under /_emulator)" : "")));
            out.println("  Webhook bridge           " + running.webhookUrl()
                    + (running.emulator() != null ? "   (registered with the emulator)"
                    : "   (forward to it: stripe listen --forward-to " + running.webhookUrl() + ")"));
            out.println("  Status API               " + running.statusUrlPrefix() + "{orderId}"
                    + (running.fulfillment().config().statusAccess().open() ? ""
                    : "   (send Authorization: Bearer $" + FulfillmentConfig.TOKEN_VARIABLE + ")"));
            out.println();
            out.println("Sample order " + sample.getOrderId() + ":");
            if (outcome instanceof CheckoutOutcome.Created created) {
                out.println("  Payment page  " + created.url());
                out.println("                pay with card 4242 4242 4242 4242, any future expiry, any CVC");
            } else {
                out.println("  Checkout failed: " + ((CheckoutOutcome.Failed) outcome).detail());
            }
            out.println("  Status        " + running.statusUrl(sample.getOrderId()));
            out.println();
            out.println("More orders: java -jar all-in-one/target/checkout-pipeline.jar order-producer generate -b "
                    + running.kafka().bootstrapServers() + " --count 10");
            out.println("Watch events: java -jar all-in-one/target/checkout-pipeline.jar order-producer tail -b "
                    + running.kafka().bootstrapServers());
            out.println("Press Ctrl-C to stop.");
            out.flush();
            stop.await();
            out.println("Stopping...");
            out.flush();
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this
            }
        }
        out.println("Stopped.");
        out.flush();
        return 0;
    }

    /** Stops a running {@code up} as Ctrl-C does. */
    void requestStop() {
        stop.countDown();
    }
}
