package org.checkoutpipeline.fulfillment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.checkoutpipeline.embeddedkafka.EmbeddedKafkaBroker;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.fulfillment.config.FulfillmentConfig;
import org.checkoutpipeline.fulfillment.config.FulfillmentTopics;
import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.runtime.Metrics;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import org.checkoutpipeline.schemas.topic.TopicSpec;

/**
 * Throughput of the fulfillment topology on the embedded broker, beside a plain Kafka Streams
 * {@code exactly_once_v2} pass-through over the same input in the same run. Each order is four
 * events: OrderPlaced, CheckoutCreated, CheckoutCompleted, then either the completion again (a
 * repeated webhook) or, for an unpaid completion, CheckoutAsyncPaymentSucceeded.
 *
 * <pre>
 * mvn -B -q -pl fulfillment-worker test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.checkoutpipeline.fulfillment.FulfillmentBenchmark [-Dexec.args=ORDERS]
 * </pre>
 * ORDERS defaults to 250,000 (a million events); the rate counts from the moment each application
 * is RUNNING to the moment its committed offsets reach the end of both input topics.
 *
 * <p>Both applications run with the same Kafka Streams settings, the worker's defaults unless
 * overridden with {@code -Dbench.threads=N} (stream threads), {@code -Dbench.commitMs=N} (commit
 * interval) and {@code -Dbench.cacheMb=N} (state store cache); the run prints them.
 */
public final class FulfillmentBenchmark {

    private static final double TARGET_RATIO = 0.5;

    /** The Kafka Streams settings both applications run with. */
    private record Settings(int threads, long commitMs, long cacheMb, String compression) {
        static Settings fromSystemProperties() {
            return new Settings(Integer.getInteger("bench.threads", 1), Long.getLong("bench.commitMs", 100),
                    Long.getLong("bench.cacheMb", 10), System.getProperty("bench.compression", "none"));
        }

        void applyTo(Properties props) {
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitMs);
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMb * 1024 * 1024);
            props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), compression);
        }

        Map<String, String> asWorkerEnv() {
            return Map.of("FULFILLMENT_NUM_STREAM_THREADS", String.valueOf(threads),
                    "FULFILLMENT_COMMIT_INTERVAL", commitMs + "ms",
                    "FULFILLMENT_CACHE_MB", String.valueOf(cacheMb),
                    "KAFKA_CLIENT_COMPRESSION_TYPE", compression);
        }

        @Override
        public String toString() {
            return threads + " stream thread(s), commit.interval.ms=" + commitMs + ", statestore.cache.max.bytes="
                    + cacheMb + " MB, compression.type=" + compression;
        }
    }

    private FulfillmentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 250_000;
        Settings settings = Settings.fromSystemProperties();
        Path work = Files.createTempDirectory("fulfillment-bench-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            FulfillmentTopics topics = FulfillmentTopics.prefixed("bench.");
            List<TopicSpec> specs = new ArrayList<>(topics.specs());
            specs.add(new TopicSpec("bench.passthrough", 12, Map.of(), "pass-through output"));
            new TopicCreator(admin, Duration.ofSeconds(30)).create(specs, 0, (short) 1);

            long events = publish(broker.bootstrapServers(), topics, orders);
            System.out.printf("Input: %,d events for %,d orders on %s and %s (12 partitions each)%n",
                    events, orders, topics.ordersPlaced(), topics.checkoutEvents());

            int warmups = Integer.getInteger("bench.warmups", 0);
            for (int round = 0; round < warmups; round++) {
                Result[] warmup = round(broker, admin, topics, events, settings, work, "warmup" + round);
                System.out.printf("Warm-up %d: pass-through %,.0f events/s, fulfillment topology %,.0f events/s%n",
                        round + 1, warmup[0].rate(), warmup[1].rate());
            }
            FulfillmentWorker[] worker = new FulfillmentWorker[1];
            Result[] measured = round(broker, admin, topics, events, settings, work, "measured", worker);
            Result passThrough = measured[0];
            Result fulfillment = measured[1];
            double fulfilled = worker[0] == null ? 0 : worker[0].registry().get("fulfillment.requested").counter().count();

            double ratio = fulfillment.rate() / passThrough.rate();
            System.out.println();
            System.out.printf("Kafka Streams exactly_once_v2, %s, %,d events, %d cores%n",
                    settings, events, Runtime.getRuntime().availableProcessors());
            System.out.printf("  pass-through           %,10.0f events/s  (%.1f s)%n", passThrough.rate(), passThrough.seconds());
            System.out.printf("  fulfillment topology   %,10.0f events/s  (%.1f s)  FulfillmentRequested: %,.0f of %,d orders%n",
                    fulfillment.rate(), fulfillment.seconds(), fulfilled, orders);
            System.out.printf("  ratio                  %10.2f           target >= %.2f: %s%n", ratio, TARGET_RATIO,
                    ratio >= TARGET_RATIO ? "MET" : "NOT MET");
            printWrites(admin, orders);
        } finally {
            deleteRecursively(work);
        }
    }

    /** Runs the pass-through, then the fulfillment worker, each under its own application id, over all the input. */
    private static Result[] round(EmbeddedKafkaBroker broker, Admin admin, FulfillmentTopics topics, long events,
                                  Settings settings, Path work, String name, FulfillmentWorker... worker) throws Exception {
        String passThroughId = "pass-through-" + name;
        Result passThrough = measure(passThroughId, admin, topics, events,
                () -> passThrough(broker.bootstrapServers(), topics, passThroughId, work.resolve(passThroughId), settings));
        String fulfillmentId = "bench-fulfillment-" + name;
        Map<String, String> env = new HashMap<>(settings.asWorkerEnv());
        env.putAll(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "FULFILLMENT_APPLICATION_ID", fulfillmentId,
                "FULFILLMENT_HTTP_PORT", "0",
                "FULFILLMENT_STATE_DIR", work.resolve(fulfillmentId).toString()));
        FulfillmentConfig config = FulfillmentConfig.fromEnv(new Env(env)).withTopics(topics);
        FulfillmentWorker[] started = worker.length > 0 ? worker : new FulfillmentWorker[1];
        Result fulfillment = measure(fulfillmentId, admin, topics, events, () -> {
            started[0] = new FulfillmentWorker(config, Clock.systemUTC(), Metrics.prometheus("fulfillment-worker")).start();
            return new Running(started[0]::state, started[0]::close);
        });
        return new Result[] {passThrough, fulfillment};
    }

    private record Result(long events, double seconds) {
        double rate() {
            return events / seconds;
        }
    }

    private record Running(Supplier<KafkaStreams.State> state, Runnable close) {
    }

    private interface Starter {
        Running start() throws Exception;
    }

    private static Result measure(String applicationId, Admin admin, FulfillmentTopics topics, long events,
                                  Starter starter) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(admin, topics);
        Running running = starter.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            while (running.state().get() != KafkaStreams.State.RUNNING) {
                checkDeadline(deadline, applicationId);
                TimeUnit.MILLISECONDS.sleep(20);
            }
            long start = System.nanoTime();
            while (!caughtUp(admin, applicationId, ends)) {
                checkDeadline(deadline, applicationId);
                TimeUnit.MILLISECONDS.sleep(100);
            }
            return new Result(events, (System.nanoTime() - start) / 1e9);
        } finally {
            running.close().run();
        }
    }

    private static Running passThrough(String bootstrapServers, FulfillmentTopics topics, String applicationId,
                                       Path stateDir, Settings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.inputs(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to("bench.passthrough", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        settings.applyTo(props);
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        streams.start();
        return new Running(streams::state, () -> streams.close(Duration.ofSeconds(30)));
    }

    private static long publish(String bootstrapServers, FulfillmentTopics topics, int orders) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        EventCodec codec = EventCodec.standard();
        Instant base = Instant.parse("2026-03-01T09:00:00Z");
        Instant expiresAt = Instant.now().plus(Duration.ofHours(23));
        long events = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < orders; i++) {
                TestEvents order = new TestEvents("bench-" + i, base);
                boolean delayed = i % 2 == 1;
                var completed = order.completed(CheckoutMode.PAYMENT, delayed ? PaymentStatus.UNPAID : PaymentStatus.PAID);
                List<SpecificRecord> list = List.of(order.placed(CheckoutMode.PAYMENT),
                        order.created(CheckoutMode.PAYMENT, expiresAt), completed,
                        delayed ? order.asyncSucceeded() : completed);
                byte[] key = order.orderId().getBytes(StandardCharsets.UTF_8);
                for (SpecificRecord event : list) {
                    String topic = TestEvents.isOrder(event) ? topics.ordersPlaced() : topics.checkoutEvents();
                    producer.send(new ProducerRecord<>(topic, key, codec.encode(event)));
                    events++;
                }
            }
            producer.flush();
        }
        return events;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, FulfillmentTopics topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : topics.inputs()) {
            for (int partition = 0; partition < 12; partition++) {
                request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private static boolean caughtUp(Admin admin, String groupId, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata offset = committed.get(end.getKey());
            return end.getValue() == 0 || (offset != null && offset.offset() >= end.getValue());
        });
    }

    /** What each application wrote, per order: records (transaction markers included) and bytes on the broker. */
    private static void printWrites(Admin admin, int orders) throws Exception {
        Map<String, long[]> topics = new java.util.TreeMap<>();
        var logDirs = admin.describeLogDirs(admin.describeCluster().nodes().get().stream().map(node -> node.id()).toList())
                .allDescriptions().get();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        logDirs.values().forEach(dirs -> dirs.values().forEach(dir -> dir.replicaInfos().forEach((partition, info) -> {
            topics.computeIfAbsent(partition.topic(), topic -> new long[2])[1] += info.size();
            request.put(partition, OffsetSpec.latest());
        })));
        admin.listOffsets(request).all().get().forEach((partition, info) -> topics.get(partition.topic())[0] += info.offset());
        System.out.println();
        System.out.println("Written per order (records include transaction markers):");
        topics.forEach((topic, totals) -> {
            if (!topic.startsWith("__") && !topic.endsWith(".dlq") && totals[0] > 0) {
                System.out.printf("  %-60s %6.2f records %8.0f bytes%n", topic, (double) totals[0] / orders,
                        (double) totals[1] / orders);
            }
        });
    }

    private static void checkDeadline(long deadline, String applicationId) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(applicationId + " did not finish within 15 minutes");
        }
    }

    private static void deleteRecursively(Path directory) throws Exception {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
