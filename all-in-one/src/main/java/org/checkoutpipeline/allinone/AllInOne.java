package org.checkoutpipeline.allinone;

import org.checkoutpipeline.orderproducer.cli.OrderProducerCli;
import org.checkoutpipeline.stripeemulator.StripeEmulatorMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar checkout-pipeline.jar}: the whole pipeline in one process. {@code demo} plays
 * hundreds of customers through it and checks every order; {@code up} keeps it running for paying by
 * hand; {@code order-producer} is the order-producer CLI. {@code stripe-emulator},
 * {@code checkout-worker}, {@code webhook-bridge}, {@code fulfillment-worker} and
 * {@code create-topics} run one service each, as the containers of docker-compose.yml do.
 */
@Command(name = "checkout-pipeline", mixinStandardHelpOptions = true, version = "checkout-pipeline 0.1.0",
        description = "Runs the Checkout Pipeline in one process: Kafka broker, Stripe emulator, checkout worker, "
                + "webhook bridge and fulfillment worker.",
        subcommands = {DemoCommand.class, UpCommand.class, ServiceCommands.CheckoutWorker.class,
                ServiceCommands.WebhookBridge.class, ServiceCommands.FulfillmentWorker.class,
                ServiceCommands.CreateTopics.class, CommandLine.HelpCommand.class})
public final class AllInOne implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new AllInOne());
        commandLine.addSubcommand("order-producer", OrderProducerCli.commandLine());
        commandLine.addSubcommand("stripe-emulator", new CommandLine(new StripeEmulatorMain()));
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
