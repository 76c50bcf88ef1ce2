package org.checkoutpipeline.fulfillment;

import org.checkoutpipeline.fulfillment.config.FulfillmentConfig;
import org.checkoutpipeline.runtime.ConfigException;
import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.runtime.ServiceMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the fulfillment worker with settings from environment variables until SIGTERM. */
public final class FulfillmentWorkerMain {

    static {
        // The standalone service's logging setup, unless the operator gives one; a process that
        // embeds the worker keeps its own.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "fulfillment-worker-logback.xml");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(FulfillmentWorkerMain.class);

    private FulfillmentWorkerMain() {
    }

    public static void main(String[] args) {
        FulfillmentConfig config;
        try {
            config = FulfillmentConfig.fromEnv(Env.system());
        } catch (ConfigException e) {
            log.error("{}", e.getMessage());
            System.exit(2);
            return;
        }
        log.info("Starting with {}", config);
        ServiceMain.runUntilStopped("fulfillment-worker", new FulfillmentWorker(config).start());
    }
}
