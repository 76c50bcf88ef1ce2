package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.TreeSet;
import org.checkoutpipeline.stripeemulator.api.OperationParams;
import org.checkoutpipeline.stripeemulator.api.ParamSchema;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSessionService;
import org.junit.jupiter.api.Test;

/**
 * The README's table of create parameters is the emulator's own declaration, rendered: every
 * top-level parameter of the pinned API version, each either behaving as Stripe or refused.
 */
class ParameterTableTest {

    static String table() {
        OperationParams create = CheckoutSessionService.createParameters();
        var rows = new ArrayList<String>();
        rows.add("| parameter | in the emulator |");
        rows.add("| --- | --- |");
        var names = new TreeSet<>(ParamSchema.dahlia().operation(create.operation()).properties().keySet());
        for (String name : names) {
            var parts = new ArrayList<String>();
            boolean whole = false;
            for (String path : create.supported()) {
                if (path.equals(name)) {
                    whole = true;
                } else if (path.startsWith(name + "[") || path.startsWith(name + "=")) {
                    parts.add("`" + path + "`");
                }
            }
            String cell = whole ? "behaves as Stripe"
                    : parts.isEmpty() ? "validated, refused with a clear message"
                    : "behaves as Stripe for " + String.join(", ", parts)
                            + "; anything else under it validated, refused with a clear message";
            rows.add("| `" + name + "` | " + cell + " |");
        }
        return String.join("\n", rows);
    }

    @Test
    void theReadmeListsEveryCreateParameterAsTheEmulatorDeclaresIt() throws Exception {
        ReadmeSection.assertCurrent("create-parameters", "ParameterTableTest", table());
        assertThat(table().lines().skip(2).count()).isEqualTo(51);
    }
}
