package org.checkoutpipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.checkoutpipeline.schemas.topic.Topics;
import org.junit.jupiter.api.Test;

/**
 * Every metric the READMEs name, with the labels they name, is one the services export at
 * {@code /metrics}: the docs cannot drift from the code unnoticed.
 */
class ReadmeMetricsTest {

    /** A metric as the docs write it: `name` or `name{label,...}` or `name{label="value"}`. */
    private static final Pattern MENTION = Pattern.compile(
            "`((?:checkout|webhooks?|fulfillment|stripe|dlq|orders|kafka)_[a-z0-9_]+)(?:\\{([^}`]*)})?`");
    private static final List<String> HISTOGRAM_SERIES = List.of("", "_bucket", "_count", "_sum", "_max");

    @Test
    void everyMetricTheReadmesNameIsExportedWithTheLabelsTheyName() throws Exception {
        Map<String, List<String>> mentions = mentions();
        assertThat(mentions).as("metric mentions in the READMEs").hasSizeGreaterThan(20)
                .containsKeys("checkout_sessions_opened_total", "webhooks_reconciled_total", "fulfillment_requested_total");

        try (Pipeline pipeline = Pipeline.start(TestPipelines.embeddedOnFreePorts())) {
            // Dead letters are counted per topic and error, which only exist once a record was refused.
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pipeline.kafka().clientConfig(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all")), new ByteArraySerializer(), new ByteArraySerializer())) {
                byte[] garbage = "not an event".getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(Topics.ORDERS_PLACED.name(), "readme-metrics".getBytes(StandardCharsets.UTF_8), garbage)).get();
                producer.send(new ProducerRecord<>(Topics.CHECKOUT_EVENTS.name(), "readme-metrics".getBytes(StandardCharsets.UTF_8), garbage)).get();
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(exported(pipeline))
                    .contains("dlq_records_total{", "fulfillment_dead_letters_total{"));
            String exported = exported(pipeline);

            List<String> missing = new ArrayList<>();
            mentions.forEach((metric, labels) -> {
                List<String> series = series(exported, metric);
                if (series.isEmpty()) {
                    missing.add(metric + " (no such series)");
                    return;
                }
                for (String label : labels) {
                    if (series.stream().noneMatch(line -> line.contains("{" + label + "=") || line.contains("," + label + "="))) {
                        missing.add(metric + " has no label " + label);
                    }
                }
            });
            assertThat(missing).as("metrics the READMEs name that /metrics does not export").isEmpty();
        }
    }

    /** Each metric the READMEs mention, with the label names given beside it anywhere. */
    private static Map<String, List<String>> mentions() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> readmes = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> modules = Files.list(root)) {
            modules.map(module -> module.resolve("README.md")).filter(Files::isRegularFile).forEach(readmes::add);
        }
        Map<String, List<String>> mentions = new TreeMap<>();
        for (Path readme : readmes) {
            Matcher matcher = MENTION.matcher(Files.readString(readme));
            while (matcher.find()) {
                List<String> labels = mentions.computeIfAbsent(matcher.group(1), metric -> new ArrayList<>());
                if (matcher.group(2) != null) {
                    for (String label : matcher.group(2).split(",")) {
                        String name = label.split("=")[0].trim();
                        if (!labels.contains(name)) {
                            labels.add(name);
                        }
                    }
                }
            }
        }
        return mentions;
    }

    /** The exported lines of {@code metric}, or of its histogram series. */
    private static List<String> series(String exported, String metric) {
        return exported.lines().filter(line -> !line.startsWith("#"))
                .filter(line -> HISTOGRAM_SERIES.stream().anyMatch(suffix -> line.startsWith(metric + suffix + "{")
                        || line.startsWith(metric + suffix + " ")))
                .toList();
    }

    /** What the three services export: the bridge and the fulfillment worker at /metrics, the checkout worker's registry. */
    private static String exported(Pipeline pipeline) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder all = new StringBuilder(pipeline.checkoutWorkerMetrics().scrape());
        for (int port : new int[] {pipeline.bridge().port(), pipeline.statusPort()}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            all.append(response.body());
        }
        return all.toString();
    }
}
