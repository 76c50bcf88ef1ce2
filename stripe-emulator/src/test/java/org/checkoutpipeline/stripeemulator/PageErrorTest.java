package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;
import org.checkoutpipeline.stripeemulator.page.PageError;
import org.junit.jupiter.api.Test;

class PageErrorTest {

    @Test
    void theDeclineCardsShowStripesDeclineMessageOnThePage() {
        for (String card : new String[] {"4000000000000002", "4000000000009995", "4000000000000069",
                "4000000000000127"}) {
            PaymentOutcome.Decline decline = PaymentOutcome.ofCard(card).decline();

            assertThat(PageError.forDecline(decline.declineCode()).message()).isEqualTo(decline.message());
        }
        assertThat(PageError.forDecline("do_not_honor")).isEqualTo(PageError.GENERIC_DECLINE);
    }

    @Test
    void theUnknownIbanMessageNamesBothTestIbans() {
        assertThat(PageError.UNKNOWN_IBAN.message()).isEqualTo("In test mode, use the test IBAN"
                + " DE89370400440532013000 (succeeds after a delay) or DE62370400440532013001 (fails after"
                + " a delay).");
    }
}
