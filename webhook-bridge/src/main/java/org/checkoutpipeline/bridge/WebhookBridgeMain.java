package org.checkoutpipeline.bridge;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.checkoutpipeline.bridge.config.WebhookBridgeConfig;
import org.checkoutpipeline.runtime.ConfigException;
import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.runtime.Metrics;
import org.checkoutpipeline.runtime.ServiceMain;
import org.checkoutpipeline.schemas.topic.TopicCreator;

/** Runs the webhook bridge as a service, configured from environment variables. */
public final class WebhookBridgeMain {

    private WebhookBridgeMain() {
    }

    public static void main(String[] args) {
        WebhookBridgeConfig config;
        try {
            config = WebhookBridgeConfig.fromEnv(Env.system());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PrometheusMeterRegistry metrics = Metrics.prometheus("webhook-bridge");
        // start() opens the port first; until Kafka answers, /readyz says so and webhooks get 503.
        WebhookBridge bridge = new WebhookBridge(config, Clock.systemUTC(), metrics).start(admin -> {
            new TopicCreator(admin, Duration.ofSeconds(30)).createAll();
        });
        ServiceMain.runUntilStopped("webhook-bridge", bridge);
    }
}
