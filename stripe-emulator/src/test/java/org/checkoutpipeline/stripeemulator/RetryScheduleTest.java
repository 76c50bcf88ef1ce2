package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.checkoutpipeline.stripeemulator.webhooks.RetrySchedule;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void readsDelaysWithUnitsAndWritesThemBack() {
        RetrySchedule schedule = RetrySchedule.parse("500ms, 2s,1m,1h");

        assertThat(schedule.delays()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(2),
                Duration.ofMinutes(1), Duration.ofHours(1));
        assertThat(schedule.maxAttempts()).isEqualTo(5);
        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(schedule.delayAfter(4)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.delayAfter(5)).isNull();
        assertThat(schedule).hasToString("500ms,2s,1m,1h");
        assertThat(RetrySchedule.parse("none").maxAttempts()).isEqualTo(1);
    }

    @Test
    void growsExponentiallyUpToTheCap() {
        assertThat(RetrySchedule.exponential(Duration.ofSeconds(1), 2, 5, Duration.ofSeconds(5)).delays())
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void anUnreadableDelayIsNamedInTheError() {
        assertThatThrownBy(() -> RetrySchedule.parse("1s,soon,4s"))
                .hasMessage("retry schedule '1s,soon,4s': 'soon' is not a duration such as 500ms, 2s, 1m,"
                        + " 1h or 1d");
    }
}
