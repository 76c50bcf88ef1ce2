package org.checkoutpipeline.fulfillment;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

import org.apache.avro.generic.GenericRecord;
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
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.checkoutpipeline.embeddedkafka.EmbeddedKafkaBroker;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.fulfillment.config.FulfillmentConfig;
import org.checkoutpipeline.fulfillment.config.FulfillmentTopics;
import org.checkoutpipeline.runtime.Env;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import org.checkoutpipeline.schemas.topic.TopicSpec;
import org.checkoutpipeline.schemas.topic.Topics;

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
 * ORDERS defaults to 250,000 (a million events). Each round runs three applications in turn over
 * all of the input, each under a new application id: the pass-through, the fulfillment worker, and
 * a stateful floor (decode each event, count it per order in a cached, changelogged store, pass it
 * on), the least any stateful topology over these events does. A rate counts from the moment the
 * application is RUNNING to the moment its committed offsets reach the end of both input topics.
 * The first {@code -Dbench.warmups=N} rounds (default 1) let the JIT compile the code paths and
 * are reported but not counted; the figures are the medians of the {@code -Dbench.runs=N}
 * measured rounds (default 3), with the CPU time per event of the stream threads and of the whole
 * process (broker included), steadier than rates on a shared machine.
 *
 * <p>All applications run with the worker's own Kafka Streams settings, its defaults unless
 * overridden with {@code -Dbench.threads=N} (stream threads), {@code -Dbench.commitMs=N} (commit
 * interval), {@code -Dbench.cacheMb=N} (state store cache) and {@code -Dbench.compression=TYPE}
 * (producer compression); the run prints them. {@code -Dbench.threadReport=true} also prints the
 * CPU used by each thread group while each application ran (Linux).
 */
public final class FulfillmentBenchmark {

    private static final double TARGET_RATIO = 0.5;

    /** Stands in for a status API in the Kafka Streams settings of the applications that have none. */
    private static final HostInfo NO_STATUS_API = new HostInfo("localhost", 0);

    /**
     * The worker's settings the run overrides with {@code -Dbench.*} system properties, as the
     * worker's environment variables; every application takes its Kafka Streams settings from a
     * worker configured with them.
     */
    private record Settings(Map<String, String> env) {
        static Settings fromSystemProperties() {
            Map<String, String> env = new HashMap<>();
            override(env, "bench.threads", "FULFILLMENT_NUM_STREAM_THREADS", "");
            override(env, "bench.commitMs", "FULFILLMENT_COMMIT_INTERVAL", "ms");
            override(env, "bench.cacheMb", "FULFILLMENT_CACHE_MB", "");
            override(env, "bench.compression", "KAFKA_CLIENT_COMPRESSION_TYPE", "");
            return new Settings(Map.copyOf(env));
        }

        private static void override(Map<String, String> env, String property, String variable, String unit) {
            String value = System.getProperty(property);
            if (value != null) {
                env.put(variable, value + unit);
            }
        }

        /** A worker's settings under {@code applicationId}: the overrides, otherwise the worker's defaults. */
        FulfillmentConfig config(String bootstrapServers, String applicationId, Path stateDir) {
            Map<String, String> variables = new HashMap<>(env);
            variables.putAll(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                    "FULFILLMENT_APPLICATION_ID", applicationId,
                    "FULFILLMENT_HTTP_PORT", "0",
                    "FULFILLMENT_STATUS_TRUSTED_NETWORK", "true",
                    "FULFILLMENT_STATE_DIR", stateDir.toString()));
            return FulfillmentConfig.fromEnv(new Env(variables));
        }

        /** The settings the run varies, as Kafka Streams properties {@code streams} have them. */
        static String describe(Properties streams) {
            Object compression = streams.getOrDefault(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG),
                    streams.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
            long cacheBytes = ((Number) streams.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).longValue();
            return streams.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG) + " stream thread(s), commit.interval.ms="
                    + streams.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG) + ", statestore.cache.max.bytes="
                    + cacheBytes / (1024 * 1024) + " MB, compression.type=" + compression;
        }
    }

    private FulfillmentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 250_000;
        Settings settings = Settings.fromSystemProperties();
        int warmups = Integer.getInteger("bench.warmups", 1);
        int runs = Integer.getInteger("bench.runs", 3);
        Path work = Files.createTempDirectory("fulfillment-bench-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            FulfillmentTopics inputs = FulfillmentTopics.prefixed("bench.");
            new TopicCreator(admin, Duration.ofSeconds(30)).create(inputs.specs(), 0, (short) 1);
            long events = publish(broker.bootstrapServers(), inputs, orders);
            System.out.printf("Input: %,d events for %,d orders on %s and %s (%d partitions each)%n",
                    events, orders, inputs.ordersPlaced(), inputs.checkoutEvents(), Topics.ORDERS_PLACED.partitions());
            Properties streams = FulfillmentWorker.streamsProperties(
                    settings.config(broker.bootstrapServers(), "bench", work), NO_STATUS_API);
            System.out.printf("Kafka Streams exactly_once_v2, %s, %d cores; %d warm-up round(s), then %d measured%n",
                    Settings.describe(streams), Runtime.getRuntime().availableProcessors(), warmups, runs);

            List<Round> measured = new ArrayList<>();
            for (int i = 0; i < warmups + runs; i++) {
                String name = i < warmups ? "warmup" + (i + 1) : "run" + (i - warmups + 1);
                Round round = round(broker, admin, inputs, events, settings, work, name);
                System.out.printf("  %-8s pass-through %,9.0f events/s, fulfillment topology %,8.0f events/s (ratio %.2f), "
                                + "stateful floor %,9.0f events/s%n", name, round.passThrough.rate(),
                        round.fulfillment.rate(), round.fulfillment.rate() / round.passThrough.rate(), round.floor.rate());
                if (i >= warmups) {
                    measured.add(round);
                }
            }

            Result passThrough = median(measured, Round::passThrough);
            Result fulfillment = median(measured, Round::fulfillment);
            Result floor = median(measured, Round::floor);
            Round last = measured.get(measured.size() - 1);
            double ratio = fulfillment.rate() / passThrough.rate();
            System.out.println();
            System.out.printf("Median of %d measured round(s), %,d events each:%n", measured.size(), events);
            System.out.printf("  pass-through           %,10.0f events/s%n", passThrough.rate());
            System.out.printf("  fulfillment topology   %,10.0f events/s  FulfillmentRequested in the last round: %,.0f of %,d orders%n",
                    fulfillment.rate(), last.fulfilled, orders);
            System.out.printf("  ratio                  %10.2f           target >= %.2f: %s%n", ratio, TARGET_RATIO,
                    ratio >= TARGET_RATIO ? "MET" : "NOT MET");
            System.out.printf("  stateful floor         %,10.0f events/s  ratio %.2f (decode each event, count it per order, pass it on)%n",
                    floor.rate(), floor.rate() / passThrough.rate());
            System.out.printf("  pass-through           %s%n", passThrough.cpuPerEvent());
            System.out.printf("  fulfillment topology   %s%n", fulfillment.cpuPerEvent());
            System.out.printf("  stateful floor         %s%n", floor.cpuPerEvent());
            printWrites(admin, orders, last.name);
        } finally {
            deleteRecursively(work);
        }
    }

    /** One round: each application in turn, under application ids and output topics of the round's own, over all the input. */
    private record Round(String name, Result passThrough, Result fulfillment, Result floor, double fulfilled) {
    }

    private static Round round(EmbeddedKafkaBroker broker, Admin admin, FulfillmentTopics inputs, long events,
                               Settings settings, Path work, String name) throws Exception {
        String outputs = "bench." + name + ".";
        FulfillmentTopics topics = new FulfillmentTopics(inputs.ordersPlaced(), inputs.checkoutEvents(),
                outputs + "fulfillment.events", outputs + "orders.status");
        int outputPartitions = Topics.FULFILLMENT_EVENTS.partitions();
        new TopicCreator(admin, Duration.ofSeconds(30)).create(List.of(
                new TopicSpec(outputs + "passthrough", outputPartitions, Map.of(), "pass-through output"),
                new TopicSpec(outputs + "stateful-floor", outputPartitions, Map.of(), "stateful floor output")), 0, (short) 1);

        String fulfillmentId = "bench-fulfillment-" + name;
        FulfillmentConfig config = settings.config(broker.bootstrapServers(), fulfillmentId, work.resolve(fulfillmentId))
                .withTopics(topics);
        Properties streams = FulfillmentWorker.streamsProperties(config, NO_STATUS_API);

        String passThroughId = "pass-through-" + name;
        Result passThrough = measure(passThroughId, admin, topics, events, () -> passThrough(topics,
                outputs + "passthrough", like(streams, passThroughId, work.resolve(passThroughId))));

        FulfillmentWorker[] worker = new FulfillmentWorker[1];
        Result fulfillment = measure(fulfillmentId, admin, topics, events, () -> {
            worker[0] = new FulfillmentWorker(config).start();
            return new Running(worker[0]::state, worker[0]::close);
        });
        double fulfilled = worker[0].registry().get("fulfillment.requested").counter().count();

        String floorId = "stateful-floor-" + name;
        Result floor = measure(floorId, admin, topics, events, () -> statefulFloor(topics,
                outputs + "stateful-floor", like(streams, floorId, work.resolve(floorId))));
        return new Round(name, passThrough, fulfillment, floor, fulfilled);
    }

    private static Result median(List<Round> rounds, java.util.function.Function<Round, Result> application) {
        List<Result> results = rounds.stream().map(application).sorted(Comparator.comparingDouble(Result::rate)).toList();
        return results.get(results.size() / 2);
    }

    /**
     * One application's run: wall time, and CPU time of its stream threads and of the whole process
     * (broker and JIT compiler included) over the same span, the steadier figures on a shared machine.
     */
    private record Result(long events, double seconds, double streamThreadCpuSeconds, double processCpuSeconds) {
        double rate() {
            return events / seconds;
        }

        String cpuPerEvent() {
            return String.format("CPU per event: stream threads %.1f us, whole process %.1f us",
                    streamThreadCpuSeconds * 1e6 / events, processCpuSeconds * 1e6 / events);
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
            Map<String, Long> threadTicksAtStart = threadTicks();
            long streamCpuAtStart = streamThreadCpuNanos(applicationId);
            long processCpuAtStart = processCpuNanos();
            while (!caughtUp(admin, applicationId, ends)) {
                checkDeadline(deadline, applicationId);
                TimeUnit.MILLISECONDS.sleep(100);
            }
            if (Boolean.getBoolean("bench.threadReport")) {
                printThreadReport(applicationId, threadTicksAtStart, threadTicks(), (System.nanoTime() - start) / 1e9);
            }
            return new Result(events, (System.nanoTime() - start) / 1e9,
                    (streamThreadCpuNanos(applicationId) - streamCpuAtStart) / 1e9,
                    (processCpuNanos() - processCpuAtStart) / 1e9);
        } finally {
            running.close().run();
        }
    }

    private static long streamThreadCpuNanos(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().startsWith(applicationId) && info.getThreadName().contains("-StreamThread-")
                    && !info.getThreadName().contains("producer")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** CPU ticks (user + system) of every thread of this process by its native name, from Linux's /proc; empty elsewhere. */
    private static Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("-?[0-9]+$", "");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (java.io.IOException noProc) {
            return Map.of();
        }
        return ticks;
    }

    private static void printThreadReport(String applicationId, Map<String, Long> before, Map<String, Long> after,
                                          double seconds) {
        System.out.printf("CPU by thread while %s ran (%.1f s), in cores:%n", applicationId, seconds);
        after.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue() - before.getOrDefault(entry.getKey(), 0L)))
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .forEach(entry -> System.out.printf("  %5.2f  %s%n", entry.getValue() / 100.0 / seconds, entry.getKey()));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Running passThrough(FulfillmentTopics topics, String output, Properties streams) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.inputs(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return start(builder, streams);
    }

    /**
     * The least any stateful application over these events does: decode each event, update one
     * small per-order value in a cached, changelogged store (a count), and pass the event on. No
     * decision, no status, no order state worth the name: a floor that shows how much of the gap
     * to the pass-through any real topology pays before its own logic.
     */
    private static Running statefulFloor(FulfillmentTopics topics, String output, Properties streams) {
        EventCodec codec = EventCodec.standard();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("event-counts"),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.stream(topics.inputs(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .process(() -> new Processor<byte[], byte[], byte[], byte[]>() {
                    private ProcessorContext<byte[], byte[]> context;
                    private KeyValueStore<String, Long> counts;

                    @Override
                    public void init(ProcessorContext<byte[], byte[]> context) {
                        this.context = context;
                        this.counts = context.getStateStore("event-counts");
                    }

                    @Override
                    public void process(Record<byte[], byte[]> record) {
                        String orderId = String.valueOf(((GenericRecord) codec.decode(record.value())).get("orderId"));
                        Long count = counts.get(orderId);
                        counts.put(orderId, count == null ? 1 : count + 1);
                        context.forward(record);
                    }
                }, "event-counts")
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return start(builder, streams);
    }

    /** The worker's Kafka Streams settings for another application, with its own application id and state directory. */
    private static Properties like(Properties worker, String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.putAll(worker);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }

    private static Running start(StreamsBuilder builder, Properties props) {
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
                    producer.send(new ProducerRecord<>(TestEvents.topicOf(topics, event), key, codec.encode(event)));
                    events++;
                }
            }
            producer.flush();
        }
        return events;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, FulfillmentTopics topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicSpec spec : topics.specs()) {
            if (topics.inputs().contains(spec.name())) {
                for (int partition = 0; partition < spec.partitions(); partition++) {
                    request.put(new TopicPartition(spec.name(), partition), OffsetSpec.latest());
                }
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

    /** What each application of a round wrote, per order: records (transaction markers included) and bytes on the broker. */
    private static void printWrites(Admin admin, int orders, String round) throws Exception {
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
        System.out.println("Written per order in round " + round + " (records include transaction markers):");
        topics.forEach((topic, totals) -> {
            boolean ofRound = topic.contains("-" + round + "-") || topic.contains("." + round + ".");
            if (ofRound && totals[0] > 0) {
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
