package org.checkoutpipeline.checkout.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.checkoutpipeline.checkout.CheckoutWorker;
import org.checkoutpipeline.checkout.Orders;
import org.checkoutpipeline.checkout.config.CheckoutWorkerConfig;
import org.checkoutpipeline.embeddedkafka.EmbeddedKafkaBroker;
import org.checkoutpipeline.events.AdjustableQuantity;
import org.checkoutpipeline.events.CheckoutCreated;
import org.checkoutpipeline.events.CheckoutOptions;
import org.checkoutpipeline.events.CustomField;
import org.checkoutpipeline.events.CustomFieldType;
import org.checkoutpipeline.events.CustomText;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.ShippingRateData;
import org.checkoutpipeline.events.TaxBehavior;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import org.checkoutpipeline.schemas.topic.Topics;
import org.checkoutpipeline.stripeemulator.StripeEmulator;
import org.checkoutpipeline.stripeemulator.faults.FaultConfig;
import org.checkoutpipeline.stripeemulator.faults.FaultRule;

/**
 * Measures the checkout worker end to end: orders on a real broker (12 partitions), sessions
 * created over HTTP in the Stripe emulator, {@code CheckoutCreated} read by a read_committed
 * consumer. Three runs, each printed beside its target:
 * <ol>
 *   <li>Stripe-like latency (300 +/- 50 ms) and rate limit (100/s), 10,000 orders queued: sustained sessions/s.</li>
 *   (Every order is a full merchant order: SKUs, shipping, codes, tax, collected fields; see {@link #order()}.)
 *   <li>The same Stripe, 80 orders/s offered: p50/p99 from OrderPlaced to CheckoutCreated.</li>
 *   <li>No latency, no rate limit: the most this machine does, and where the CPU time goes.</li>
 * </ol>
 * Run: {@code mvn -pl checkout-worker -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.checkoutpipeline.checkout.bench.CheckoutBenchmark [-Dexec.args="10000 30"]}
 */
public final class CheckoutBenchmark {

    private static final String API_KEY = "sk_test_benchmark";
    private static final int PARTITIONS = 12;
    private final EventCodec codec = EventCodec.standard();
    /** When each order was handed to the producer, by orderId. */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int maxOrders = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        CheckoutBenchmark benchmark = new CheckoutBenchmark();
        System.out.printf("Checkout worker benchmark on %d cores, Java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        Result limited = benchmark.run(orders, 0, new FaultConfig(new FaultRule(300, 50, 0, 0), Map.of(), 100), 100);
        System.out.printf(Locale.ROOT, "%n[1] Stripe 300+/-50 ms, 100 req/s limit, %d orders queued on %d partitions%n",
                orders, PARTITIONS);
        System.out.printf(Locale.ROOT, "    sustained sessions/s      %8.1f   (target >= 95)   %s%n",
                limited.perSecond(), limited.perSecond() >= 95 ? "OK" : "BELOW TARGET");
        System.out.printf(Locale.ROOT, "    Stripe 429s seen          %8d%n", limited.rateLimited());

        Result paced = benchmark.run(80 * latencySeconds, 80, new FaultConfig(new FaultRule(300, 50, 0, 0), Map.of(), 100), 100);
        System.out.printf(Locale.ROOT, "%n[2] Same Stripe, 80 orders/s offered for %d s (%d orders)%n", latencySeconds, 80 * latencySeconds);
        System.out.printf(Locale.ROOT, "    OrderPlaced -> CheckoutCreated p50 %6d ms, p99 %6d ms, max %6d ms   (target p99 < 1500 ms)   %s%n",
                paced.percentile(50), paced.percentile(99), paced.percentile(100),
                paced.percentile(99) < 1_500 ? "OK" : "ABOVE TARGET");

        Result unlimited = benchmark.run(maxOrders, 0, FaultConfig.NONE, 1_000_000);
        System.out.printf(Locale.ROOT, "%n[3] Stripe emulator without latency or limit, %d orders queued%n", maxOrders);
        System.out.printf(Locale.ROOT, "    sessions/s                %8.1f   (no target: the most these cores do)%n", unlimited.perSecond());
        System.out.printf(Locale.ROOT, "    Stripe call p50 %.1f ms, p99 %.1f ms; %d Kafka transactions, %.0f orders each%n",
                unlimited.stripeP50Millis(), unlimited.stripeP99Millis(), unlimited.transactions(),
                (double) maxOrders / Math.max(1, unlimited.transactions()));
        System.out.println("    CPU time by thread group (broker, emulator, worker and client share the 2 cores):");
        unlimited.cpuByGroup().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(group -> System.out.printf(Locale.ROOT, "      %-34s %6.1f s  %5.1f %%%n", group.getKey(),
                        group.getValue() / 1e9, 100.0 * group.getValue() / unlimited.cpuTotal()));
    }

    record Result(double perSecond, long[] latenciesMillis, long rateLimited, double stripeP50Millis,
                  double stripeP99Millis, long transactions, Map<String, Long> cpuByGroup) {

        long percentile(double p) {
            if (latenciesMillis.length == 0) {
                return -1;
            }
            int index = (int) Math.ceil(p / 100 * latenciesMillis.length) - 1;
            return latenciesMillis[Math.max(0, Math.min(latenciesMillis.length - 1, index))];
        }

        long cpuTotal() {
            return Math.max(1, cpuByGroup.values().stream().mapToLong(Long::longValue).sum());
        }
    }

    /**
     * @param ratePerSecond 0 to queue every order before the worker starts; otherwise publish at this pace while it runs
     */
    private Result run(int count, int ratePerSecond, FaultConfig faults, double clientRateLimit) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             StripeEmulator emulator = StripeEmulator.builder().port(0).faults(faults).build().start();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                new TopicCreator(admin, Duration.ofSeconds(30)).create(Topics.all(), PARTITIONS, (short) 1);
            }
            if (ratePerSecond == 0) {
                for (int i = 0; i < count; i++) {
                    send(producer, order());
                }
                producer.flush();
            }
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            metrics.config().meterFilter(new MeterFilter() {
                @Override
                public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                    return DistributionStatisticConfig.builder().percentiles(0.5, 0.99).build().merge(config);
                }
            });
            CheckoutWorkerConfig config = CheckoutWorkerConfig.builder(KafkaSettings.of(broker.bootstrapServers()), API_KEY,
                            URI.create(emulator.baseUrl()))
                    .concurrency(64)
                    .rateLimitPerSecond(clientRateLimit)
                    .commitInterval(Duration.ofMillis(100))
                    .maxBufferedRecords(2_000)
                    .build();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<String, Long> cpuBefore = cpuByGroup(threads);
            long started = System.nanoTime();
            try (KafkaConsumer<byte[], byte[]> reader = reader(broker.bootstrapServers());
                 CheckoutWorker worker = new CheckoutWorker(config, Clock.systemUTC(), metrics).start()) {
                Thread publisher = ratePerSecond == 0 ? null : startPacedPublisher(producer, count, ratePerSecond);
                List<Long> latencies = new ArrayList<>();
                long firstNanos = 0;
                long lastNanos = 0;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (latencies.size() < count && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(50))) {
                        if (codec.decode(record.value()) instanceof CheckoutCreated) {
                            long now = System.nanoTime();
                            firstNanos = firstNanos == 0 ? now : firstNanos;
                            lastNanos = now;
                            Long sentNanos = sentAt.remove(new String(record.key(), StandardCharsets.UTF_8));
                            latencies.add(sentNanos == null ? 0 : TimeUnit.NANOSECONDS.toMillis(now - sentNanos));
                        }
                    }
                }
                if (publisher != null) {
                    publisher.join();
                }
                if (latencies.size() < count) {
                    throw new IllegalStateException("Only " + latencies.size() + " of " + count + " orders got a session in 10 minutes");
                }
                Map<String, Long> cpu = minus(cpuByGroup(threads), cpuBefore);
                double seconds = (ratePerSecond == 0 ? lastNanos - started : lastNanos - firstNanos) / 1e9;
                Timer stripe = metrics.find("stripe_request").timer();
                double rateLimited = metrics.find("stripe_retries").tag("cause", "rate_limited").counter() == null
                        ? 0 : metrics.find("stripe_retries").tag("cause", "rate_limited").counter().count();
                var snapshot = stripe.takeSnapshot();
                long transactions = (long) metrics.find("checkout_transactions").counter().count();
                return new Result(count / seconds, latencies.stream().mapToLong(Long::longValue).sorted().toArray(),
                        (long) rateLimited, percentileMillis(snapshot, 0.5), percentileMillis(snapshot, 0.99),
                        transactions, cpu);
            }
        }
    }

    private static double percentileMillis(io.micrometer.core.instrument.distribution.HistogramSnapshot snapshot, double p) {
        return Arrays.stream(snapshot.percentileValues()).filter(value -> value.percentile() == p)
                .mapToDouble(value -> value.value(TimeUnit.MILLISECONDS)).findFirst().orElse(snapshot.mean(TimeUnit.MILLISECONDS));
    }

    private Thread startPacedPublisher(KafkaProducer<byte[], byte[]> producer, int count, int perSecond) {
        Thread thread = new Thread(() -> {
            long start = System.nanoTime();
            long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
            for (int i = 0; i < count; i++) {
                long due = start + i * interval;
                while (System.nanoTime() < due) {
                    java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                }
                send(producer, order());
            }
            producer.flush();
        }, "bench-publisher");
        thread.start();
        return thread;
    }

    private void send(KafkaProducer<byte[], byte[]> producer, OrderPlaced order) {
        sentAt.put(order.getOrderId(), System.nanoTime());
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.ORDERS_PLACED.name(),
                order.getOrderId().getBytes(StandardCharsets.UTF_8), codec.encode(order));
        producer.send(record);
    }

    /**
     * A merchant's full order, as OrderPlaced v2 carries it: SKUs, adjustable quantities, a shipping
     * address with two inline rates, a promotion code field, automatic tax, phone, billing address and
     * tax id collection, a custom field, custom text and required terms.
     */
    private static OrderPlaced order() {
        OrderPlaced plain = Orders.payment("bench-" + UUID.randomUUID()).build();
        return OrderPlaced.newBuilder(plain)
                .setLineItems(plain.getLineItems().stream().map(item -> LineItem.newBuilder(item)
                        .setSku("SKU-" + item.getName().replace(' ', '-')).setTaxBehavior(TaxBehavior.EXCLUSIVE)
                        .setAdjustableQuantity(new AdjustableQuantity(1L, 10L)).build()).toList())
                .setCheckout(CheckoutOptions.newBuilder()
                        .setShippingCountries(List.of("DE", "AT", "FR"))
                        .setShippingRates(List.of(new ShippingRateData("Standard", 500L, 3, 5, TaxBehavior.EXCLUSIVE),
                                new ShippingRateData("Express", 1_500L, 1, 2, TaxBehavior.EXCLUSIVE)))
                        .setAllowPromotionCodes(true).setAutomaticTax(true).setCollectPhone(true)
                        .setCollectBillingAddress(true).setCollectTaxId(true)
                        .setCustomFields(List.of(new CustomField("giftnote", "Gift note", CustomFieldType.TEXT, true, List.of())))
                        .setCustomText(new CustomText("We roast on Mondays.", null, null, null))
                        .setRequireTermsOfService(true)
                        .build())
                .build();
    }

    private static KafkaConsumer<byte[], byte[]> reader(String bootstrap) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.CHECKOUT_EVENTS.name()));
        return consumer;
    }

    /** CPU nanoseconds of every live thread, summed by a readable group name. */
    private static Map<String, Long> cpuByGroup(ThreadMXBean threads) {
        Map<String, Long> groups = new TreeMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                groups.merge(group(info.getThreadName()), cpu, Long::sum);
            }
        }
        return groups;
    }

    static String group(String thread) {
        if (thread.startsWith("checkout-stripe")) {
            return "worker: Stripe calls (stripe-java)";
        }
        if (thread.equals("checkout-worker")) {
            return "worker: poll/commit loop";
        }
        if (thread.contains("producer-network-thread")) {
            return "Kafka producers (worker + benchmark)";
        }
        if (thread.startsWith("stripe-emulator") || thread.startsWith("emulator") || thread.startsWith("HTTP-Dispatcher")) {
            return "Stripe emulator";
        }
        if (thread.startsWith("bench") || thread.equals("main") || thread.endsWith(".main()")) {
            return "benchmark client";
        }
        if (thread.startsWith("kafka-coordinator") || thread.startsWith("data-plane") || thread.startsWith("broker")
                || thread.contains("raft") || thread.contains("kafka-request-handler") || thread.startsWith("ReplicaFetcher")
                || thread.startsWith("quorum") || thread.contains("log-cleaner") || thread.contains("kafka-scheduler")
                || thread.startsWith("controller") || thread.contains("ExpirationReaper") || thread.contains("group-coordinator")
                || thread.contains("transaction") || thread.contains("Txn") || thread.startsWith("kafka-")) {
            return "Kafka broker";
        }
        return "other (" + thread.replaceAll("[-_ ]?\\d+$", "") + ")";
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((group, cpu) -> delta.put(group, cpu - before.getOrDefault(group, 0L)));
        delta.values().removeIf(value -> value <= 0);
        return delta;
    }
}
