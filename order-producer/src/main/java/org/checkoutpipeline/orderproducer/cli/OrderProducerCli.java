package org.checkoutpipeline.orderproducer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code order-producer} command line: publish orders from JSON, generate synthetic load, watch
 * the pipeline's events, and replay dead letters.
 */
@Command(name = "order-producer", mixinStandardHelpOptions = true, version = "order-producer 0.1.0",
        description = "Publishes OrderPlaced to the Checkout Pipeline and watches what becomes of it.",
        subcommands = {PublishCommand.class, GenerateCommand.class, TailCommand.class, ReplayDlqCommand.class,
                CommandLine.HelpCommand.class})
public final class OrderProducerCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, for embedding and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new OrderProducerCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
