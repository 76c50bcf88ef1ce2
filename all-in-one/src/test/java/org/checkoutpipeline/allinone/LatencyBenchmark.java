package org.checkoutpipeline.allinone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.checkoutpipeline.events.CheckoutCompleted;
import org.checkoutpipeline.events.CheckoutCreated;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.orderproducer.generate.SyntheticOrders;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.serde.EventHeaders;
import org.checkoutpipeline.schemas.topic.Topics;

/**
 * Latency of the pipeline with everything in one process, as {@code up} runs it (12 partitions,
 * the emulator answering at once), with open-loop arrivals: orders are placed at a rate whatever the
 * pipeline does, each paid as soon as its {@code CheckoutCreated} is visible; then 300 sessions
 * paid at once. Per hop, as a read_committed consumer sees it:
 * <ul>
 *   <li>placed: {@code OrderPlaced} sent → {@code CheckoutCreated} visible</li>
 *   <li>paid: the payment answered by the emulator → {@code CheckoutCompleted} visible (webhook and bridge)</li>
 *   <li>decided: {@code CheckoutCompleted} visible → {@code FulfillmentRequested} visible</li>
 *   <li>pipeline only: placed plus paid → {@code FulfillmentRequested}, the customer's time left out</li>
 * </ul>
 * Run after {@code mvn -q -B -DskipTests install}: {@code mvn -B -q -pl all-in-one exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=org.checkoutpipeline.allinone.LatencyBenchmark}.
 */
public final class LatencyBenchmark {

    private final Pipeline pipeline;
    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newBuilder().build();
    private final Map<String, Long> placed = new ConcurrentHashMap<>();
    private final Map<String, Long> created = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, Long> paid = new ConcurrentHashMap<>();
    private final Map<String, Long> completed = new ConcurrentHashMap<>();
    private final Map<String, Long> decided = new ConcurrentHashMap<>();
    private final Map<String, Boolean> payOnSight = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final KafkaProducer<byte[], byte[]> producer;
    private SyntheticOrders orders;

    LatencyBenchmark(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.producer = new KafkaProducer<>(pipeline.kafka().clientConfig(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0)), new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static void main(String[] args) throws Exception {
        PipelineConfig config = new PipelineConfig(null, Map.of(), 0, Topics.DEFAULT_PARTITIONS,
                PipelineConfig.StripeMode.EMULATOR, PipelineConfig.LOCAL_API_KEY, null, PipelineConfig.LOCAL_WEBHOOK_SECRET,
                "127.0.0.1", 0, 0, 0, 1000, Duration.ofSeconds(2), Duration.ofMillis(500));
        System.out.printf("Latency benchmark on %d cores, Java %s: everything in one process, 12 partitions%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (Pipeline pipeline = Pipeline.start(config)) {
            LatencyBenchmark benchmark = new LatencyBenchmark(pipeline);
            benchmark.run();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        orders = new SyntheticOrders(SyntheticOrders.modes("payment"), SyntheticOrders.currencies("usd"), 11,
                Clock.systemUTC(), "latency-" + UUID.randomUUID().toString().substring(0, 6),
                SyntheticOrders.DEFAULT_SUCCESS_URL, SyntheticOrders.DEFAULT_CANCEL_URL);
        Thread observer = new Thread(this::observe, "latency-observer");
        observer.setDaemon(true);
        observer.start();

        List<String> warm = placeAtRate(20, Duration.ofSeconds(10), true);
        await(warm, decided, Duration.ofSeconds(60));

        List<String> low = placeAtRate(5, Duration.ofSeconds(30), true);
        await(low, decided, Duration.ofSeconds(60));
        System.out.printf("%n[low load] 5 orders/s for 30 s (%d orders)%n", low.size());
        hops(low);
        pipelineOnly(low);

        // Stepped up to the target rate, so the table shows where these two cores stop keeping up.
        for (int rate : new int[] {50, 100, 200}) {
            CpuMeter cpu = CpuMeter.start();
            List<String> sustained = placeAtRate(rate, Duration.ofSeconds(20), true);
            String busy = cpu.busy();
            await(sustained, decided, Duration.ofSeconds(120));
            System.out.printf("%n[sustained] %d orders/s placed and paid for 20 s (%d orders; this process used %s)%n",
                    rate, sustained.size(), busy);
            print("placed", sustained, placed, created, -1, "");
            print("paid", sustained, paid, completed, -1, "");
            print("decided", sustained, completed, decided, rate == 200 ? 500 : -1, rate == 200 ? "p99 <= 500 ms" : "");
        }

        List<String> burst = placeAtRate(300, Duration.ofSeconds(1), false);
        await(burst, created, Duration.ofSeconds(60));
        Thread.sleep(2_000);
        List<CompletableFuture<?>> payments = new ArrayList<>();
        for (String orderId : burst) {
            payments.add(pay(orderId));
        }
        CompletableFuture.allOf(payments.toArray(CompletableFuture[]::new)).join();
        await(burst, decided, Duration.ofSeconds(120));
        System.out.printf("%n[burst] 300 open sessions paid at once%n");
        print("paid", burst, paid, completed, -1, "");
        print("decided", burst, completed, decided, 500, "p99 <= 500 ms");
        running.set(false);
    }

    /** The CPU this process used since it started, as a share of the machine's cores. */
    private record CpuMeter(long cpuNanos, long wallNanos) {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

        static CpuMeter start() {
            return new CpuMeter(OS.getProcessCpuTime(), System.nanoTime());
        }

        String busy() {
            double cores = (double) (OS.getProcessCpuTime() - cpuNanos) / (System.nanoTime() - wallNanos);
            return String.format(Locale.ROOT, "%.2f of %d cores", cores, Runtime.getRuntime().availableProcessors());
        }
    }

    private void hops(List<String> ids) {
        print("placed", ids, placed, created, -1, "");
        print("paid", ids, paid, completed, -1, "");
        print("decided", ids, completed, decided, -1, "");
    }

    private void pipelineOnly(List<String> ids) {
        long[] sums = ids.stream().mapToLong(id -> (created.get(id) - placed.get(id)) + (decided.get(id) - paid.get(id)))
                .sorted().toArray();
        long p50 = percentile(sums, 50) / 1_000_000;
        long p99 = percentile(sums, 99) / 1_000_000;
        System.out.printf(Locale.ROOT, "    %-14s p50 %5d ms   p99 %5d ms   (target p50 <= 80 ms, p99 <= 200 ms)   %s%n",
                "pipeline only", p50, p99, p50 <= 80 && p99 <= 200 ? "OK" : "ABOVE TARGET");
    }

    private void print(String hop, List<String> ids, Map<String, Long> from, Map<String, Long> to, long p99Target,
                       String target) {
        long[] values = ids.stream().filter(id -> from.containsKey(id) && to.containsKey(id))
                .mapToLong(id -> to.get(id) - from.get(id)).sorted().toArray();
        long p99 = percentile(values, 99) / 1_000_000;
        System.out.printf(Locale.ROOT, "    %-14s p50 %5d ms   p90 %5d ms   p99 %5d ms   max %5d ms   (%d)%s%n", hop,
                percentile(values, 50) / 1_000_000, percentile(values, 90) / 1_000_000, p99,
                percentile(values, 100) / 1_000_000, values.length,
                p99Target < 0 ? "" : "   (target " + target + ")   " + (p99 <= p99Target ? "OK" : "ABOVE TARGET"));
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Places orders at {@code rate} for {@code duration}, open loop; each is paid on sight when {@code payNow}. */
    private List<String> placeAtRate(double rate, Duration duration, boolean payNow) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        long count = (long) (rate * duration.toMillis() / 1000);
        for (long i = 0; i < count; i++) {
            long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            OrderPlaced order = orders.next(CheckoutMode.PAYMENT);
            payOnSight.put(order.getOrderId(), payNow);
            var record = new ProducerRecord<>(Topics.ORDERS_PLACED.name(),
                    order.getOrderId().getBytes(StandardCharsets.UTF_8), codec.encode(order));
            EventHeaders.setEventType(record.headers(), "OrderPlaced");
            placed.put(order.getOrderId(), System.nanoTime());
            producer.send(record);
            ids.add(order.getOrderId());
        }
        producer.flush();
        return ids;
    }

    private CompletableFuture<?> pay(String orderId) {
        String session = sessions.get(orderId);
        return http.sendAsync(HttpRequest.newBuilder(URI.create(pipeline.stripeApiBase() + "/_emulator/checkout/sessions/"
                                + session + "/complete")).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("card_number=4242424242424242&email=latency%40example.com"))
                        .build(), HttpResponse.BodyHandlers.discarding())
                .thenAccept(response -> paid.put(orderId, System.nanoTime()));
    }

    private void observe() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(pipeline.kafka().clientConfig(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "latency-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5)), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CHECKOUT_EVENTS.name(), Topics.FULFILLMENT_EVENTS.name()));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    SpecificRecord event = codec.decode(record.value());
                    String orderId = new String(record.key(), StandardCharsets.UTF_8);
                    if (event instanceof CheckoutCreated c) {
                        sessions.put(orderId, c.getCheckoutSessionId());
                        created.putIfAbsent(orderId, now);
                        if (Boolean.TRUE.equals(payOnSight.get(orderId))) {
                            pay(orderId);
                        }
                    } else if (event instanceof CheckoutCompleted) {
                        completed.putIfAbsent(orderId, now);
                    } else if (event instanceof FulfillmentRequested) {
                        decided.putIfAbsent(orderId, now);
                    }
                }
            }
        }
    }

    private static void await(List<String> ids, Map<String, Long> reached, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached.keySet().containsAll(ids)) {
            if (System.nanoTime() > deadline) {
                long missing = ids.stream().filter(id -> !reached.containsKey(id)).count();
                throw new IllegalStateException(missing + " of " + ids.size() + " orders did not get there within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
