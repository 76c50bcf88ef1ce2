package org.checkoutpipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.checkoutpipeline.runtime.ConfigException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What is for the local developer listens on this machine only, unless asked otherwise. */
class LocalBindingTest {

    @Test
    void upAndDemoListenOnLoopbackByDefault() {
        for (Object command : new Object[] {new UpCommand(), new DemoCommand()}) {
            CommandLine line = new CommandLine(command);
            line.parseArgs(new String[0]);
            PipelineOptions options = (PipelineOptions) line.getCommandSpec().mixins().get("pipeline").userObject();
            assertThat(options.config(0, 0, 0).bindAddress()).as(command.getClass().getSimpleName()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void onLoopbackTheEmulatorTheBridgeAndTheStatusApiListenOnlyThereAndTheStatusApiNeedsNoToken() throws Exception {
        try (Pipeline pipeline = Pipeline.start(TestPipelines.embeddedOnFreePorts())) {
            Map<String, InetSocketAddress> addresses = Map.of(
                    "emulator", pipeline.emulator().address(),
                    "webhook bridge", pipeline.bridge().address(),
                    "status API", pipeline.fulfillment().httpAddress());
            addresses.forEach((name, address) ->
                    assertThat(address.getAddress().isLoopbackAddress()).as(name + " listens on " + address).isTrue());

            HttpResponse<String> status = HttpClient.newHttpClient().send(pipeline.statusRequest("never-placed").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).as(status.body()).isEqualTo(404);
        }
    }

    @Test
    void onEveryInterfaceThePipelineRefusesToStartWithoutAStatusToken() {
        PipelineConfig local = TestPipelines.embeddedOnFreePorts();
        PipelineConfig everywhere = new PipelineConfig(local.kafkaBootstrapServers(), local.kafkaClientSettings(),
                local.kafkaPort(), local.partitions(), local.stripeMode(), local.stripeApiKey(), local.stripeApiBase(),
                local.webhookSecret(), "0.0.0.0", 0, 0, 0, local.stripeRateLimit(), local.cancellationSettlement(),
                local.checkInterval());
        assertThat(everywhere.loopbackOnly()).isFalse();
        assertThat(everywhere.describe()).contains("0.0.0.0 (reachable from other machines)");

        assertThatThrownBy(() -> Pipeline.start(everywhere).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FULFILLMENT_STATUS_TOKEN is not set")
                .hasMessageContaining("FULFILLMENT_STATUS_TRUSTED_NETWORK=true");
    }
}
