package org.checkoutpipeline.checkout;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.checkoutpipeline.checkout.config.CheckoutWorkerConfig;
import org.checkoutpipeline.runtime.ConfigException;
import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.runtime.KafkaGate;
import org.checkoutpipeline.runtime.Metrics;
import org.checkoutpipeline.runtime.OpsServer;
import org.checkoutpipeline.runtime.ServiceMain;
import org.checkoutpipeline.schemas.topic.TopicCreator;

/** Runs the checkout worker as a service, configured from environment variables. */
public final class CheckoutWorkerMain {

    private CheckoutWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        CheckoutWorkerConfig config;
        try {
            config = CheckoutWorkerConfig.fromEnv(Env.system());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PrometheusMeterRegistry metrics = Metrics.prometheus("checkout-worker");
        CheckoutWorker worker = new CheckoutWorker(config, Clock.systemUTC(), metrics);
        // The port first: until Kafka answers, /readyz says so, and the service waits instead of exiting.
        KafkaGate kafka = new KafkaGate("creating the topics").reportIn(worker.health());
        OpsServer ops = OpsServer.create("0.0.0.0", config.httpPort(), 4, worker.health(), metrics);
        ops.start();
        try (Admin admin = Admin.create(config.kafka().clientConfig(java.util.Map.of()))) {
            kafka.await(() -> new TopicCreator(admin, Duration.ofSeconds(30)).createAll());
        }
        worker.start();
        ServiceMain.runUntilStopped("checkout-worker", () -> {
            worker.close();
            ops.stop(1);
        });
    }
}
