package org.checkoutpipeline.allinone;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.checkoutpipeline.allinone.demo.Demo;
import org.checkoutpipeline.allinone.demo.DemoResult;
import org.checkoutpipeline.allinone.demo.DemoSettings;
import org.checkoutpipeline.allinone.demo.Story;
import org.checkoutpipeline.orderproducer.cli.DurationConverter;
import org.checkoutpipeline.orderproducer.cli.OrderMixOptions;
import org.checkoutpipeline.orderproducer.cli.ProgressLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code demo}: starts the pipeline, plays the customers, prints the summary; exit code 0 only if every order ended right. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts the pipeline, places orders and plays each customer through the Stripe emulator: most pay "
                + "at once, some are declined and then pay, some cancel and come back to pay, some pay by bank debit "
                + "that later succeeds or fails, some abandon (the emulator's clock then runs a day ahead so their "
                + "sessions expire).",
                "Prints a live progress line, then a summary and latency percentiles, and checks that every order ended "
                        + "as its customer's story implies: exit code 0 if so, 1 if not."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private PipelineOptions pipeline;

    @Option(names = {"-n", "--orders"}, defaultValue = "${env:DEMO_ORDERS:-300}",
            description = "How many orders (env DEMO_ORDERS; default ${DEFAULT-VALUE}).")
    private int orders;

    @Option(names = "--customers", defaultValue = Story.DEFAULT_MIX,
            description = "Mix of customer stories (default ${DEFAULT-VALUE}).")
    private String customers;

    @Mixin
    private OrderMixOptions mix;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--timeout", defaultValue = "3m", converter = DurationConverter.class,
            description = "Give up on orders still undecided after this long (default ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PipelineConfig config;
        DemoSettings settings;
        try {
            config = pipeline.config(0, 0, 0);
            if (!config.embeddedEmulator() && config.stripeApiBase() == null) {
                throw new IllegalArgumentException("the demo plays its customers through a Stripe emulator; with real "
                        + "Stripe use 'up' and pay by hand, or give --stripe-api-base of an emulator");
            }
            settings = new DemoSettings(orders, DemoSettings.customers(customers), mix.modes(),
                    mix.currencies(), seed, timeout);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        out.println(config.describe());
        out.println(settings.describe());
        long start = System.nanoTime();
        out.println("Starting the pipeline...");
        out.flush();
        try (Pipeline running = Pipeline.start(config)) {
            out.printf("Pipeline up in %.1fs: Kafka %s, Stripe %s, webhooks to %s, status API %s{orderId}%n",
                    (System.nanoTime() - start) / 1e9, running.kafka().bootstrapServers(), running.stripeApiBase(),
                    running.webhookUrl(), running.statusUrlPrefix());
            out.flush();
            DemoResult result = new Demo(running, settings, out, ProgressLine.isTerminal()).run();
            result.print(out);
            out.printf("Wall time %.1fs (including start-up).%n", (System.nanoTime() - start) / 1e9);
            out.flush();
            return result.allAsExpected() ? 0 : 1;
        }
    }
}
