package org.checkoutpipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void readsTypedValuesAndFallsBackToDefaults() {
        Env env = new Env(Map.of("CONCURRENCY", "64", "BUDGET", "10m", "ENABLED", "false",
                "BASE", "http://localhost:12111", "SECRETS", "whsec_a, whsec_b,,"));

        assertThat(env.integer("CONCURRENCY", 8, 1, 1024)).isEqualTo(64);
        assertThat(env.integer("MISSING", 8, 1, 1024)).isEqualTo(8);
        assertThat(env.duration("BUDGET", Duration.ZERO)).isEqualTo(Duration.ofMinutes(10));
        assertThat(env.bool("ENABLED", true)).isFalse();
        assertThat(env.url("BASE", null)).isEqualTo(URI.create("http://localhost:12111"));
        assertThat(env.list("SECRETS", List.of())).containsExactly("whsec_a", "whsec_b");
        env.validate();
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheVariableAndValue() {
        Env env = new Env(Map.of("CONCURRENCY", "lots", "BUDGET", "10 minutes", "BASE", "localhost:12111",
                "RATE", "-3"));
        env.integer("CONCURRENCY", 8, 1, 1024);
        env.duration("BUDGET", Duration.ZERO);
        env.url("BASE", null);
        env.decimal("RATE", 25, 0.1, 10_000);
        env.required("STRIPE_API_KEY");

        assertThatThrownBy(env::validate)
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "CONCURRENCY must be an integer from 1 to 1024. Got: 'lots'",
                        "BUDGET must be a duration such as 250ms, 30s, 10m, 2h or PT30S. Got: '10 minutes'",
                        "BASE must be an absolute http(s) URL. Got: 'localhost:12111'",
                        "RATE must be a number from 0.1 to 10000.0. Got: '-3'",
                        "STRIPE_API_KEY must be set"));
    }

    @Test
    void durationsAcceptShortUnitsAndIso() {
        assertThat(Env.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Env.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Env.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Env.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Env.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void remembersEveryVariableItWasAskedFor() {
        Env env = new Env(Map.of("A", "1"));
        env.integer("A", 0, 0, 10);
        env.string("B", "x");
        env.duration("C", Duration.ZERO);
        assertThat(env.askedFor()).containsExactlyInAnyOrder("A", "B", "C");
    }

    @Test
    void blankCountsAsUnset() {
        Env env = new Env(Map.of("NAME", "  "));
        assertThat(env.string("NAME", "default")).isEqualTo("default");
    }
}
