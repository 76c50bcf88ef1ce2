package org.checkoutpipeline.allinone.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.checkoutpipeline.embeddedkafka.EmbeddedKafkaBroker;
import org.checkoutpipeline.events.CheckoutCompleted;
import org.checkoutpipeline.events.CheckoutCreated;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.orderproducer.generate.SyntheticOrders;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.serde.EventHeaders;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import org.checkoutpipeline.schemas.topic.Topics;
import org.checkoutpipeline.stripeemulator.StripeEmulator;
import org.checkoutpipeline.stripeemulator.webhooks.RetrySchedule;

/**
 * Failover, as an operator sees it: every service its own process (the project's jar, as a container
 * runs it) on a broker and an emulator in this JVM, orders arriving at a steady rate and customers
 * paying each payment page at once. In turn, one of two checkout workers, one of two fulfillment
 * workers, and the only webhook bridge (restarted at once) is killed with SIGKILL. For each, it
 * prints how long until every partition produced again for orders placed after the kill, beside the
 * 10 s target, and how many duplicate records the run left on checkout.events.
 *
 * <p>Run after {@code mvn -q -B -DskipTests install}: {@code mvn -B -q -pl all-in-one exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=org.checkoutpipeline.allinone.bench.FailoverBenchmark
 * [-Dexec.args="40"]} (orders per second).
 */
public final class FailoverBenchmark {

    private static final String API_KEY = "sk_test_failover";
    private static final String SECRET = "whsec_failover_benchmark_0123456789";
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final Duration AFTER_KILL = Duration.ofSeconds(30);
    private static final Path JAR = Path.of("all-in-one/target/checkout-pipeline.jar");

    private final EmbeddedKafkaBroker broker;
    private final StripeEmulator emulator;
    private final int bridgePort;
    private final Path logs;
    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();
    /** When each order's event became visible to a read_committed consumer, by type, then order, with its partition. */
    private final Map<String, Map<String, Seen>> seen = new ConcurrentHashMap<>();
    private final Map<String, Integer> eventCopies = new ConcurrentHashMap<>();
    private final Map<String, Instant> placedAt = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    record Seen(int partition, Instant at) {
    }

    FailoverBenchmark(Path logs) throws Exception {
        this.logs = logs;
        broker = EmbeddedKafkaBroker.builder().build().start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            new TopicCreator(admin, Duration.ofSeconds(30)).createAll();
        }
        bridgePort = freePort();
        emulator = StripeEmulator.builder().port(0)
                .webhookEndpoint("http://127.0.0.1:" + bridgePort + "/stripe/webhook", SECRET)
                .webhookRetrySchedule(RetrySchedule.parse("1s,1s,1s,2s,2s,2s,5s,5s,10s,10s,30s"))
                .build().start();
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 40;
        List<String> scenarios = List.of((args.length > 1 ? args[1] : "checkout,fulfillment,bridge").split(","));
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run mvn -q -B -DskipTests install first");
        }
        Path logs = Files.createDirectories(Path.of("all-in-one/target/failover-logs"));
        System.out.printf("Failover benchmark on %d cores, Java %s: %.0f orders/s, each paid at once; service logs in %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rate, logs);
        FailoverBenchmark benchmark = new FailoverBenchmark(logs);
        try {
            benchmark.run(rate, scenarios);
        } finally {
            benchmark.close();
        }
    }

    private void run(double rate, List<String> scenarios) throws Exception {
        List<Process> services = new ArrayList<>();
        Process checkoutA = start("checkout-worker", "checkout-a", checkoutEnv("a"));
        Process checkoutB = start("checkout-worker", "checkout-b", checkoutEnv("b"));
        Process bridge = start("webhook-bridge", "bridge-1", bridgeEnv());
        Process fulfillmentA = start("fulfillment-worker", "fulfillment-a", fulfillmentEnv("a"));
        Process fulfillmentB = start("fulfillment-worker", "fulfillment-b", fulfillmentEnv("b"));
        services.addAll(List.of(checkoutA, checkoutB, bridge, fulfillmentA, fulfillmentB));
        Thread observer = new Thread(this::observe, "failover-observer");
        observer.setDaemon(true);
        observer.start();
        Thread orders = new Thread(() -> placeOrders(rate), "failover-orders");
        orders.setDaemon(true);
        orders.start();
        try {
            awaitFlowing(Duration.ofSeconds(120));
            Thread.sleep(WARM_UP.toMillis());

            Instant killed;
            if (scenarios.contains("checkout")) {
                killed = kill(checkoutA, "checkout worker a (of two)");
                Thread.sleep(AFTER_KILL.toMillis());
                report("checkout worker, one of two killed", "CheckoutCreated", killed);
            }
            if (scenarios.contains("fulfillment")) {
                killed = kill(fulfillmentA, "fulfillment worker a (of two)");
                Thread.sleep(AFTER_KILL.toMillis());
                report("fulfillment worker, one of two killed", "FulfillmentRequested", killed);
            }
            if (!scenarios.contains("bridge")) {
                return;
            }
            Instant bridgeKilled = kill(bridge, "the webhook bridge (restarted at once)");
            killed = bridgeKilled;
            Process restarted = start("webhook-bridge", "bridge-2", bridgeEnv());
            services.add(restarted);
            Thread.sleep(AFTER_KILL.toMillis());
            Duration firstPublish = seen.getOrDefault("CheckoutCompleted", Map.of()).entrySet().stream()
                    .filter(e -> placedAt.containsKey(e.getKey()) && placedAt.get(e.getKey()).isAfter(bridgeKilled))
                    .map(e -> Duration.between(bridgeKilled, e.getValue().at())).min(Duration::compareTo).orElse(AFTER_KILL);
            System.out.printf(Locale.ROOT, "[webhook bridge, killed and restarted]%n    first CheckoutCompleted of an order"
                            + " placed after the kill: %.1f s after it (the new process up and publishing)   (target <= 10 s)   %s%n",
                    firstPublish.toMillis() / 1000.0, firstPublish.toSeconds() < 10 ? "OK" : "ABOVE TARGET");
            report("webhook bridge: webhooks that failed while it was down, as Stripe retries them", "CheckoutCompleted",
                    killed);
            long copies = eventCopies.values().stream().mapToLong(count -> count - 1).sum();
            Map<String, Long> byType = new TreeMap<>();
            eventCopies.forEach((key, count) -> byType.merge(key.substring(0, key.indexOf(' ')), (long) count - 1, Long::sum));
            System.out.printf("    duplicates by type: %s%n", byType);
            System.out.printf(Locale.ROOT, "    duplicate records on checkout.events over the run: %d of %d (%.2f %%)"
                            + "   (target <= 1 %% after a bridge restart)   %s%n", copies, eventCopies.size(),
                    100.0 * copies / Math.max(1, eventCopies.size()),
                    copies <= eventCopies.size() / 100 ? "OK" : "ABOVE TARGET");
        } finally {
            running.set(false);
            services.forEach(Process::destroyForcibly);
        }
    }

    private Instant kill(Process process, String what) {
        Instant at = Instant.now();
        process.destroyForcibly();
        System.out.printf("%nkill -9 %s at %s%n", what, at);
        return at;
    }

    /**
     * Recovery: for each partition, the time from the kill until the first record of {@code type} for an
     * order placed after the kill; the slowest partition is the service's failover time.
     */
    private void report(String label, String type, Instant killed) {
        Map<Integer, Duration> firstAfter = new TreeMap<>();
        Map<String, Seen> events = seen.getOrDefault(type, Map.of());
        events.forEach((orderId, s) -> {
            Instant placed = placedAt.get(orderId);
            if (placed != null && placed.isAfter(killed)) {
                firstAfter.merge(s.partition(), Duration.between(killed, s.at()),
                        (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        });
        Duration slowest = firstAfter.values().stream().max(Duration::compareTo).orElse(AFTER_KILL);
        int partitions = Topics.CHECKOUT_EVENTS.partitions();
        System.out.printf(Locale.ROOT, "[%s]%n    %s again on %d of %d partitions; slowest partition after %.1f s"
                        + "   (target <= 10 s)   %s%n", label, type, firstAfter.size(), partitions,
                slowest.toMillis() / 1000.0, firstAfter.size() == partitions && slowest.toSeconds() < 10 ? "OK" : "ABOVE TARGET");
        System.out.printf(Locale.ROOT, "    per partition (s): %s%n", firstAfter.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.1f", e.getValue().toMillis() / 1000.0)).toList());
    }

    private void placeOrders(double rate) {
        SyntheticOrders generator = new SyntheticOrders(SyntheticOrders.modes("payment"), SyntheticOrders.currencies("usd"),
                7, java.time.Clock.systemUTC(), "failover-" + UUID.randomUUID().toString().substring(0, 6),
                SyntheticOrders.DEFAULT_SUCCESS_URL, SyntheticOrders.DEFAULT_CANCEL_URL);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (long i = 0; running.get(); i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                OrderPlaced order = generator.next(CheckoutMode.PAYMENT);
                placedAt.put(order.getOrderId(), Instant.now());
                var record = new ProducerRecord<>(Topics.ORDERS_PLACED.name(),
                        order.getOrderId().getBytes(StandardCharsets.UTF_8), codec.encode(order));
                EventHeaders.setEventType(record.headers(), "OrderPlaced");
                producer.send(record);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads checkout.events and fulfillment.events as read_committed, and pays each new payment page. */
    private void observe() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "failover-observer-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CHECKOUT_EVENTS.name(), Topics.FULFILLMENT_EVENTS.name()));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    SpecificRecord event = codec.decode(record.value());
                    String orderId = new String(record.key(), StandardCharsets.UTF_8);
                    String type = event.getSchema().getName();
                    seen.computeIfAbsent(type, t -> new ConcurrentHashMap<>())
                            .putIfAbsent(orderId, new Seen(record.partition(), Instant.now()));
                    if (record.topic().equals(Topics.CHECKOUT_EVENTS.name())) {
                        eventCopies.merge(type + " " + event.get(event.getSchema().getField("eventId").pos()), 1, Integer::sum);
                    }
                    if (event instanceof CheckoutCreated created) {
                        pay(created.getCheckoutSessionId());
                    }
                }
            }
        }
    }

    private void pay(String sessionId) {
        http.sendAsync(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/_emulator/checkout/sessions/" + sessionId
                        + "/complete")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card_number=4242424242424242&email=failover%40example.com"))
                .build(), HttpResponse.BodyHandlers.discarding());
    }

    private void awaitFlowing(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (seen.getOrDefault(FulfillmentRequested.class.getSimpleName(), Map.of()).size() < 50) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Orders do not reach FulfillmentRequested within " + timeout
                        + "; see the service logs in " + logs);
            }
            Thread.sleep(200);
        }
        System.out.printf("Orders flow end to end (%d CheckoutCompleted so far); warming up for %s%n",
                seen.getOrDefault(CheckoutCompleted.class.getSimpleName(), Map.of()).size(), WARM_UP);
    }

    private Process start(String command, String name, Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path logback = logs.resolve("logback.xml");
        if (!Files.exists(logback)) {
            Files.writeString(logback, "<configuration><appender name=\"E\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                    + "<encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder></appender>"
                    + "<logger name=\"org.checkoutpipeline\" level=\"INFO\"/><logger name=\"org.apache.kafka.streams\" level=\"INFO\"/>"
                    + "<logger name=\"org.apache.kafka.clients.consumer\" level=\"INFO\"/>"
                    + "<root level=\"WARN\"><appender-ref ref=\"E\"/></root></configuration>");
        }
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-Dlogback.configurationFile=" + logback, "-jar",
                JAR.toString(), command);
        builder.environment().putAll(env);
        builder.environment().put("CHECKOUT_PIPELINE_LOG_LEVEL", "INFO");
        File log = logs.resolve(name + ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        return builder.start();
    }

    private Map<String, String> common() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("STRIPE_API_KEY", API_KEY);
        env.put("STRIPE_API_BASE", emulator.baseUrl());
        env.put("STRIPE_RATE_LIMIT", "1000");
        return env;
    }

    private Map<String, String> checkoutEnv(String instance) {
        Map<String, String> env = common();
        env.put("CHECKOUT_TRANSACTIONAL_ID", "checkout-worker-failover-" + instance);
        env.put("CHECKOUT_HTTP_PORT", "0");
        return env;
    }

    private Map<String, String> bridgeEnv() {
        Map<String, String> env = common();
        env.put("STRIPE_WEBHOOK_SECRET", SECRET);
        env.put("BRIDGE_HTTP_PORT", String.valueOf(bridgePort));
        env.put("BRIDGE_RECONCILE_INTERVAL", "1m");
        return env;
    }

    private Map<String, String> fulfillmentEnv(String instance) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("FULFILLMENT_HTTP_PORT", "0");
        env.put("FULFILLMENT_STATUS_TRUSTED_NETWORK", "true");
        env.put("FULFILLMENT_STATE_DIR", Files.createTempDirectory("failover-state-" + instance).toString());
        env.put("FULFILLMENT_CREATE_TOPICS", "false");
        return env;
    }

    private static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void close() {
        running.set(false);
        emulator.close();
        broker.close();
    }
}
