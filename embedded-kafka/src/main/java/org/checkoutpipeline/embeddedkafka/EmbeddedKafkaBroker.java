package org.checkoutpipeline.embeddedkafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), started
 * inside this JVM.
 *
 * <p>It is the same {@code KafkaRaftServer} that {@code kafka-server-start.sh} runs, with the
 * settings a single node needs (replication factor 1 for internal topics, no initial rebalance
 * delay, a small log-cleaner buffer). Transactions, compaction and Kafka Streams
 * {@code exactly_once_v2} work on it.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
 *     producerProps.put("bootstrap.servers", broker.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>Storage is formatted on first start only, so a broker started again on the same
 * {@linkplain Builder#dataDirectory(Path) data directory} keeps its topics and records. A
 * temporary directory is deleted on {@link #close()}.
 *
 * <p>Kafka calls {@code Exit.exit}/{@code Exit.halt} on fatal errors; starting a broker replaces
 * those procedures for the whole JVM with ones that log and throw, so a broker fault never ends
 * the process that hosts it.
 */
public final class EmbeddedKafkaBroker implements KafkaCluster {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "127.0.0.1";

    private final Path dataDirectory;
    private final boolean temporary;
    private final int brokerPort;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Builder builder) {
        this.temporary = builder.dataDirectory == null;
        this.dataDirectory = temporary ? createTempDirectory() : builder.dataDirectory;
        List<Integer> free = builder.port == 0 || builder.controllerPort == 0 ? FreePorts.distinct(2) : List.of();
        this.brokerPort = builder.port != 0 ? builder.port : firstOtherThan(free, builder.controllerPort);
        this.controllerPort = builder.controllerPort != 0 ? builder.controllerPort : firstOtherThan(free, brokerPort);
        this.overrides = Map.copyOf(builder.overrides);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats storage if the data directory is new, then starts the broker and waits until it
     * accepts clients.
     *
     * @return this broker, for chaining
     * @throws IllegalStateException if it is already running
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            throw new IllegalStateException("Broker is already running at " + bootstrapServers());
        }
        preventBrokerFromExitingJvm();
        long startNanos = System.nanoTime();
        KafkaConfig config = new KafkaConfig(brokerConfig(), false);
        formatIfNew();
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            raftServer.startup();
        } catch (RuntimeException e) {
            raftServer.shutdown();
            raftServer.awaitShutdown();
            throw new IllegalStateException("Kafka broker failed to start in " + dataDirectory, e);
        }
        server = raftServer;
        log.info("Kafka broker ready at {} (data in {}) after {} ms",
                bootstrapServers(), dataDirectory, Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
        return this;
    }

    /** Shuts the broker down and waits until it has stopped; the data directory is kept. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("Kafka broker at {} stopped", bootstrapServers());
    }

    /** Stops the broker and deletes its data directory if it was a temporary one. */
    @Override
    public synchronized void close() {
        stop();
        if (temporary) {
            deleteRecursively(dataDirectory);
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    public int port() {
        return brokerPort;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    Map<String, String> brokerConfig() {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort
                + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", dataDirectory.toString());
        // A single node cannot hold three replicas of the internal topics.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "10");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // A crashed transactional producer's open transaction holds back read_committed consumers of its
        // partitions until it times out; the broker looks for timed-out ones every 10 s by default.
        props.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        // The cleaner reserves this buffer up front; Kafka's default is 128 MiB.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("auto.create.topics.enable", "true");
        props.put("delete.topic.enable", "true");
        props.putAll(overrides);
        return props;
    }

    private void formatIfNew() {
        if (Files.exists(dataDirectory.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDirectory.toString()))
                    .setMetadataLogDirectory(dataDirectory.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setUnstableFeatureVersionsEnabled(false)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + dataDirectory, e);
        }
    }

    private static void preventBrokerFromExitingJvm() {
        Exit.setExitProcedure((code, message) -> {
            log.error("Kafka broker asked to exit the JVM with status {}: {}", code, message);
            throw new IllegalStateException("Kafka broker fault (exit " + code + "): " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            log.error("Kafka broker asked to halt the JVM with status {}: {}", code, message);
            throw new IllegalStateException("Kafka broker fault (halt " + code + "): " + message);
        });
    }

    private static int firstOtherThan(List<Integer> ports, int taken) {
        return ports.stream().filter(port -> port != taken).findFirst().orElseThrow();
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for Kafka data", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete Kafka data directory {}", directory, e);
        }
    }

    /** Settings for an {@link EmbeddedKafkaBroker}; every one has a working default. */
    public static final class Builder {
        private Path dataDirectory;
        private int port;
        private int controllerPort;
        private final Map<String, String> overrides = new HashMap<>();

        private Builder() {
        }

        /** The port clients connect to; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = checkPort("port", port);
            return this;
        }

        /** The KRaft controller's port; 0 (the default) picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = checkPort("controllerPort", controllerPort);
            return this;
        }

        /**
         * Where the broker keeps its logs and metadata. Kept after {@link #close()}, and reused
         * (not reformatted) by a later broker. Default: a temporary directory deleted on close.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            return this;
        }

        /** Any broker setting, e.g. {@code num.partitions}; applied last, so it wins. */
        public Builder brokerProperty(String name, String value) {
            overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }

        private static int checkPort(String name, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be between 0 and 65535. Got: " + port);
            }
            return port;
        }
    }
}
