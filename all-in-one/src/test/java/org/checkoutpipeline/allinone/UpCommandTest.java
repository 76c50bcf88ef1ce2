package org.checkoutpipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class UpCommandTest {

    @Test
    void upPrintsTheAddressesAndTheSampleOrderPaidThroughTheEmulatorIsReportedFulfilledUntilStopped() throws Exception {
        CommandLine commandLine = AllInOne.commandLine();
        StringWriter output = new StringWriter();
        commandLine.setOut(new PrintWriter(output, true));
        commandLine.setErr(new PrintWriter(output, true));
        UpCommand up = commandLine.getSubcommands().get("up").getCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("up",
                "--emulator-port", "0", "--bridge-port", "0", "--status-port", "0"));
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> output.toString().contains("Press Ctrl-C to stop.")
                    || exit.isDone());
            String printed = output.toString();
            assertThat(printed).contains("Checkout Pipeline is up.", "Kafka bootstrap servers", "Status API");
            String emulator = find(printed, "Stripe\\s+(http://localhost:\\d+)");
            String page = find(printed, "Payment page\\s+(\\S+)");
            URI status = URI.create(find(printed, "Status\\s+(http://localhost:\\d+/orders/\\S+)"));
            assertThat(page).startsWith(emulator + "/c/pay/cs_test_");
            await().atMost(Duration.ofSeconds(30)).until(() -> StatusApi.statusOf(status).equals("CHECKOUT_OPEN"));

            String sessionId = page.substring(page.lastIndexOf('/') + 1);
            assertThat(StatusApi.post(emulator + "/_emulator/checkout/sessions/" + sessionId + "/complete",
                    "card_number=4242424242424242")).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).until(() -> StatusApi.statusOf(status).equals("FULFILLMENT_REQUESTED"));
        } finally {
            up.requestStop();
        }
        assertThat(exit.get()).isZero();
        assertThat(output.toString()).contains("Stopped.");
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return matcher.group(1);
    }
}
