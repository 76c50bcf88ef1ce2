package org.checkoutpipeline.allinone;

import java.time.Duration;
import java.util.Map;

/** The pipeline as the tests run it: everything embedded, every port free. */
final class TestPipelines {

    private TestPipelines() {
    }

    static PipelineConfig embeddedOnFreePorts() {
        return new PipelineConfig(null, Map.of(), 0, 4, PipelineConfig.StripeMode.EMULATOR, PipelineConfig.LOCAL_API_KEY,
                null, PipelineConfig.LOCAL_WEBHOOK_SECRET, "127.0.0.1", 0, 0, 0, 1000, Duration.ofSeconds(2), Duration.ofMillis(500));
    }
}
