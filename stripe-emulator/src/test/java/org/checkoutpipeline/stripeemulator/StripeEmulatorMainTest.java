package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class StripeEmulatorMainTest {

    @Test
    void optionDefaultsNameTheirEnvironmentVariableAndTheConfigDefault() {
        var defaults = new TreeMap<String, String>();
        for (OptionSpec option : new CommandLine(new StripeEmulatorMain()).getCommandSpec().options()) {
            if (option.defaultValueString(false) != null) {
                defaults.put(option.longestName(), option.defaultValueString(false));
            }
        }

        assertThat(defaults).containsAllEntriesOf(Map.of(
                "--host", "${env:STRIPE_EMULATOR_HOST:-127.0.0.1}",
                "--port", "${env:STRIPE_EMULATOR_PORT:-12111}",
                "--max-sessions", "${env:STRIPE_EMULATOR_MAX_SESSIONS:-1000000}",
                "--max-events", "${env:STRIPE_EMULATOR_MAX_EVENTS:-1000000}",
                "--max-idempotency-keys", "${env:STRIPE_EMULATOR_MAX_IDEMPOTENCY_KEYS:-1000000}",
                "--async-payment-delay-seconds", "${env:STRIPE_EMULATOR_ASYNC_PAYMENT_DELAY_SECONDS:-60}",
                "--sweep-interval-seconds", "${env:STRIPE_EMULATOR_SWEEP_INTERVAL_SECONDS:-1}",
                "--webhook-timeout-ms", "${env:STRIPE_EMULATOR_WEBHOOK_TIMEOUT_MS:-10000}",
                "--webhook-max-pending", "${env:STRIPE_EMULATOR_WEBHOOK_MAX_PENDING:-10000}",
                "--webhook-log-size", "${env:STRIPE_EMULATOR_WEBHOOK_LOG_SIZE:-10000}"));
        assertThat(defaults).containsEntry("--webhook-retry-schedule",
                "${env:STRIPE_EMULATOR_WEBHOOK_RETRY_SCHEDULE:-1s,2s,4s,8s,16s,32s,1m,2m,5m,10m,30m,1h}");
    }

    @Test
    void withoutFlagsTheCommandLineGivesTheConfigDefaults() {
        assumeTrue(System.getenv().keySet().stream().noneMatch(name -> name.startsWith("STRIPE_EMULATOR_")),
                "the environment sets emulator options");
        var main = new StripeEmulatorMain();
        new CommandLine(main).parseArgs();

        assertThat(main.toConfig()).isEqualTo(EmulatorConfig.defaults());
    }

    @Test
    void listensOnThisMachineOnlyUnlessToldOtherwise() {
        try (StripeEmulator local = StripeEmulator.builder().port(0).build().start();
             StripeEmulator everywhere = StripeEmulator.builder().host("0.0.0.0").port(0).build().start()) {
            assertThat(local.address().getAddress().isLoopbackAddress()).as("bound to " + local.address()).isTrue();
            assertThat(everywhere.address().getAddress().isAnyLocalAddress()).as("bound to " + everywhere.address()).isTrue();
        }
    }
}
