package org.checkoutpipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

    @Test
    void refusesRealStripeBeforeStartingAnything() {
        CommandLine commandLine = AllInOne.commandLine();
        StringWriter output = new StringWriter();
        commandLine.setOut(new PrintWriter(output, true));
        commandLine.setErr(new PrintWriter(output, true));

        int exit = commandLine.execute("demo", "--stripe", "external", "--stripe-api-key", "sk_test_x");

        assertThat(exit).isEqualTo(2);
        assertThat(output.toString()).contains("use 'up' and pay by hand").doesNotContain("Starting the pipeline");
    }
}
