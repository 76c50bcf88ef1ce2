package org.checkoutpipeline.allinone;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.checkoutpipeline.bridge.WebhookBridgeMain;
import org.checkoutpipeline.checkout.CheckoutWorkerMain;
import org.checkoutpipeline.fulfillment.FulfillmentWorkerMain;
import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import picocli.CommandLine.Command;

/**
 * One service per process, as a container runs it: the same jar, the command picks the service,
 * and the service reads its settings from the environment (see each module's README).
 */
final class ServiceCommands {

    private ServiceCommands() {
    }

    @Command(name = "checkout-worker", mixinStandardHelpOptions = true,
            description = "Runs the checkout worker alone (settings from environment variables).")
    static final class CheckoutWorker implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            CheckoutWorkerMain.main(new String[0]);
            return 0;
        }
    }

    @Command(name = "webhook-bridge", mixinStandardHelpOptions = true,
            description = "Runs the webhook bridge alone (settings from environment variables).")
    static final class WebhookBridge implements Runnable {
        @Override
        public void run() {
            WebhookBridgeMain.main(new String[0]);
        }
    }

    @Command(name = "fulfillment-worker", mixinStandardHelpOptions = true,
            description = "Runs the fulfillment worker alone (settings from environment variables).")
    static final class FulfillmentWorker implements Runnable {
        @Override
        public void run() {
            FulfillmentWorkerMain.main(new String[0]);
        }
    }

    @Command(name = "create-topics", mixinStandardHelpOptions = true,
            description = "Creates every topic of the catalogue that does not exist yet, then exits "
                    + "(KAFKA_BOOTSTRAP_SERVERS, KAFKA_CLIENT_*).")
    static final class CreateTopics implements Runnable {
        @Override
        public void run() {
            Env env = Env.system();
            KafkaSettings kafka = KafkaSettings.fromEnv(env);
            env.validate();
            try (Admin admin = Admin.create(kafka.clientConfig(Map.of()))) {
                TopicCreator.Result result = new TopicCreator(admin, Duration.ofSeconds(60)).createAll();
                System.out.println("Created " + result.created() + "; already there " + result.existing());
            }
        }
    }
}
