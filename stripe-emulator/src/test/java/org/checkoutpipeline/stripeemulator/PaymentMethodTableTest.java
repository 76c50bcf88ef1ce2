package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Locale;
import java.util.TreeSet;
import org.checkoutpipeline.stripeemulator.methods.Flow;
import org.checkoutpipeline.stripeemulator.methods.PaymentMethodCatalog;
import org.checkoutpipeline.stripeemulator.methods.PaymentMethodSpec;
import org.checkoutpipeline.stripeemulator.methods.TestPayments;
import org.junit.jupiter.api.Test;

/** The README's table of payment methods is the emulator's catalog and test values, rendered. */
class PaymentMethodTableTest {

    static String table() {
        var rows = new ArrayList<String>();
        rows.add("| method | currencies | modes | flow | in a test | default configuration |");
        rows.add("| --- | --- | --- | --- | --- | --- |");
        for (PaymentMethodSpec m : PaymentMethodCatalog.stripe().all()) {
            String currencies = m.currencies().isEmpty() ? "every currency"
                    : String.join(", ", new TreeSet<>(m.currencies()));
            var modes = new TreeSet<String>();
            m.modes().forEach(mode -> modes.add(mode.wire()));
            String limits = m.limitCurrency() == null ? "" : " (" + m.limitCurrency() + " "
                    + (m.minAmount() == null ? "" : "≥ " + m.minAmount()) + (m.minAmount() != null && m.maxAmount() != null
                    ? ", " : "") + (m.maxAmount() == null ? "" : "≤ " + m.maxAmount()) + ")";
            rows.add("| `" + m.type() + "` | " + currencies + limits + " | " + (modes.isEmpty() ? "none"
                    : String.join(", ", modes)) + " | " + flow(m) + " | " + howToTest(m) + " | "
                    + (m.enabledByDefault() ? "on" : "off") + " |");
        }
        return String.join("\n", rows);
    }

    private static String flow(PaymentMethodSpec m) {
        return !m.modelled() ? "not modelled" : m.flow().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String howToTest(PaymentMethodSpec m) {
        if (m.deprecated()) {
            return "refused at create: deprecated by Stripe";
        }
        if (!m.modelled()) {
            return "refused at create with a message saying so";
        }
        if (m.flow() == Flow.IMMEDIATE) {
            return m.type().equals("card") ? "test card numbers (see below)" : "always succeeds";
        }
        if (m.flow() == Flow.REDIRECT) {
            return "test page: Authorize or Fail test payment (`redirect=authorize` or `redirect=fail`)";
        }
        if (m.flow() == Flow.VOUCHER) {
            return "email: any (paid after 3 min), `…succeed_immediately@…`, `…expire_immediately@…`,"
                    + " `…expire_with_delay@…`, `…fill_never@…` (expires unpaid after `expires_after_days`)";
        }
        TestPayments.DebitInput input = TestPayments.debit(m.type());
        var values = new ArrayList<String>();
        input.values().forEach((value, result) -> values.add("`" + value + "` " + result.description()));
        return "`" + input.field() + "`: " + String.join("; ", values);
    }

    @Test
    void theReadmeListsEveryPaymentMethodAsTheCatalogHasIt() throws Exception {
        ReadmeSection.assertCurrent("payment-methods", "PaymentMethodTableTest", table());
        assertThat(table().lines().skip(2).count()).isEqualTo(54);
        assertThat(PaymentMethodCatalog.stripe().all().stream().filter(PaymentMethodSpec::modelled).count())
                .isGreaterThanOrEqualTo(30);
    }
}
