package org.checkoutpipeline.bridge.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.net.Webhook;
import com.stripe.param.checkout.SessionCreateParams;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.checkoutpipeline.bridge.WebhookBridge;
import org.checkoutpipeline.bridge.config.WebhookBridgeConfig;
import org.checkoutpipeline.embeddedkafka.EmbeddedKafkaBroker;
import org.checkoutpipeline.runtime.KafkaSettings;
import org.checkoutpipeline.schemas.topic.TopicCreator;
import org.checkoutpipeline.schemas.topic.Topics;
import org.checkoutpipeline.stripeemulator.StripeEmulator;

/**
 * Load on the webhook bridge: 64 concurrent clients POST correctly signed
 * {@code checkout.session.completed} events; each answer comes only after Kafka acknowledged the
 * record ({@code acks=all}). Prints verified-and-published webhooks/s and p50/p99 latency, next to
 * the rate of a plain {@code acks=all} producer measured on the same broker in the same run; then
 * the same load on a bridge that reads each completed session back from a Stripe emulator holding
 * real sessions (three line items each), as the bridge does in production.
 *
 * <p>Run: {@code mvn -pl webhook-bridge -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.checkoutpipeline.bridge.bench.WebhookBridgeBenchmark [-Dexec.args="50000 64 10000"]}
 */
public final class WebhookBridgeBenchmark {

    private static final String SECRET = "whsec_benchmark_secret_0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int readCount = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        System.out.printf("Webhook bridge benchmark on %d cores, Java %s: %d webhooks, %d concurrent clients%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), count, concurrency);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                new TopicCreator(admin, Duration.ofSeconds(30)).createAll();
            }
            double producerRate = plainProducerRate(broker.bootstrapServers(), count);
            WebhookBridgeConfig config = WebhookBridgeConfig.builder(KafkaSettings.of(broker.bootstrapServers()), List.of(SECRET))
                    .httpThreads(concurrency * 2)
                    .shutdownGrace(Duration.ZERO)
                    .build();
            Result plain;
            try (WebhookBridge bridge = new WebhookBridge(config, Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).start()) {
                URI uri = URI.create("http://127.0.0.1:" + bridge.port() + "/stripe/webhook");
                run(uri, "warmup", Math.min(10_000, count / 5), concurrency, null);
                plain = run(uri, "measured", count, concurrency, null);
            }
            Result reading = withSessionReads(broker, config, readCount, concurrency);
            System.out.printf(Locale.ROOT, "%nplain acks=all producer on this broker   %9.0f records/s (same size and producer settings, same run)%n", producerRate);
            System.out.printf(Locale.ROOT, "webhooks verified and published          %9.0f /s   (target >= 5000)   %s%n",
                    plain.perSecond(), plain.perSecond() >= 5_000 ? "OK" : "BELOW TARGET");
            System.out.printf(Locale.ROOT, "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms       (target p99 < 50 ms)   %s%n",
                    plain.percentile(50), plain.percentile(99), plain.percentile(100),
                    plain.percentile(99) < 50 ? "OK" : "ABOVE TARGET");
            System.out.printf(Locale.ROOT, "non-2xx answers: %d%n", plain.failures());
            System.out.printf(Locale.ROOT, "%nwith each completed session read back from the Stripe emulator (%d sessions, 3 line items each,"
                    + " one GET with expansions per webhook; emulator in this JVM, no added latency):%n", readCount);
            System.out.printf(Locale.ROOT, "webhooks read, verified and published    %9.0f /s   (no target; at Stripe the account's read"
                    + " limit, 100/s live and 25/s in test mode, caps it first)%n", reading.perSecond());
            System.out.printf(Locale.ROOT, "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; non-2xx answers: %d; reads given up: %.0f%n",
                    reading.percentile(50), reading.percentile(99), reading.percentile(100), reading.failures(),
                    reading.readFailures());
        }
    }

    /** The same load on a bridge that reads each session back from a Stripe emulator holding real sessions. */
    private static Result withSessionReads(EmbeddedKafkaBroker broker, WebhookBridgeConfig plainConfig, int count,
                                           int concurrency) throws Exception {
        try (StripeEmulator emulator = StripeEmulator.builder().port(0).build().start()) {
            StripeClient stripe = StripeClient.builder().setApiKey("sk_test_benchmark").setApiBase(emulator.baseUrl()).build();
            List<String> sessions = new java.util.ArrayList<>();
            for (int i = 0; i < count + Math.min(2_000, count / 5); i++) {
                SessionCreateParams.Builder params = SessionCreateParams.builder().setMode(SessionCreateParams.Mode.PAYMENT)
                        .setSuccessUrl("https://shop.example/ok").setClientReferenceId("order-read-" + i);
                for (String product : List.of("Coffee beans", "Grinder", "Mug")) {
                    params.addLineItem(SessionCreateParams.LineItem.builder().setQuantity(2L)
                            .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd").setUnitAmount(1_299L)
                                    .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                            .setName(product).putMetadata("sku", product.toUpperCase(Locale.ROOT)).build())
                                    .build()).build());
                }
                sessions.add(stripe.v1().checkout().sessions().create(params.build()).getId());
            }
            WebhookBridgeConfig config = WebhookBridgeConfig.builder(plainConfig.kafka(), plainConfig.webhookSecrets())
                    .httpThreads(plainConfig.httpThreads()).shutdownGrace(Duration.ZERO)
                    .stripe("sk_test_benchmark", URI.create(emulator.baseUrl()))
                    .sessionReads(Duration.ofSeconds(3), 100_000).build();
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (WebhookBridge bridge = new WebhookBridge(config, Clock.systemUTC(), metrics).start()) {
                URI uri = URI.create("http://127.0.0.1:" + bridge.port() + "/stripe/webhook");
                run(uri, "read-warmup", sessions.size() - count, concurrency, sessions.subList(count, sessions.size()));
                Result result = run(uri, "read", count, concurrency, sessions.subList(0, count));
                var failed = metrics.find("stripe_session_read_failures").counter();
                return new Result(result.perSecond(), result.latencyNanos(), result.failures(),
                        failed == null ? 0 : failed.count());
            }
        }
    }

    record Result(double perSecond, long[] latencyNanos, long failures, double readFailures) {
        double percentile(double p) {
            int index = (int) Math.ceil(p / 100 * latencyNanos.length) - 1;
            return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, index))] / 1e6;
        }
    }

    /**
     * Sends the webhooks over plain keep-alive HTTP/1.1 sockets, one per client thread: a load
     * generator as light as wrk, so the two cores go to the bridge and the broker, not the client.
     */
    private static Result run(URI uri, String label, int count, int concurrency, List<String> sessionIds) throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        byte[][] requests = new byte[count][];
        for (int i = 0; i < count; i++) {
            String body = event(label + "-" + i, sessionIds == null ? "cs_test_" + label + "-" + i : sessionIds.get(i));
            String signature = Webhook.Signature.generateSignatureHeader(body, SECRET, timestamp);
            byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nStripe-Signature: " + signature
                    + "\r\nContent-Length: " + bodyBytes.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            requests[i] = Arrays.copyOf(headBytes, headBytes.length + bodyBytes.length);
            System.arraycopy(bodyBytes, 0, requests[i], headBytes.length, bodyBytes.length);
        }
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(concurrency);
        long started = System.nanoTime();
        for (int worker = 0; worker < concurrency; worker++) {
            new Thread(() -> {
                try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        out.write(requests[i]);
                        out.flush();
                        int status = readResponse(in);
                        latencies[i] = System.nanoTime() - sent;
                        if (status != 200) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    failures.incrementAndGet();
                    System.err.println("client failed: " + e);
                } finally {
                    done.countDown();
                }
            }, "bench-client-" + worker).start();
        }
        done.await(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        return new Result(count / seconds, latencies, failures.get(), 0);
    }

    /** Reads one response (status line, headers, Content-Length body) and returns its status. */
    private static int readResponse(BufferedInputStream in) throws IOException {
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = 0;
        for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return status;
    }

    private static String readLine(BufferedInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("Connection closed mid-response");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String event(String id, String sessionId) throws Exception {
        Map<String, Object> session = Map.ofEntries(
                Map.entry("id", sessionId), Map.entry("object", "checkout.session"), Map.entry("mode", "payment"),
                Map.entry("status", "complete"), Map.entry("payment_status", "paid"), Map.entry("currency", "usd"),
                Map.entry("amount_subtotal", 4_998), Map.entry("amount_total", 4_998), Map.entry("livemode", false),
                Map.entry("client_reference_id", "order-" + id), Map.entry("customer", "cus_" + id),
                Map.entry("customer_email", "jane@example.com"), Map.entry("payment_intent", "pi_" + id),
                Map.entry("metadata", Map.of("order_id", "order-" + id)), Map.entry("created", 1_790_000_000));
        return JSON.writeValueAsString(Map.of(
                "id", "evt_" + id, "object", "event", "api_version", Stripe.API_VERSION, "created", 1_790_000_100,
                "livemode", false, "pending_webhooks", 1, "type", "checkout.session.completed",
                "data", Map.of("object", session), "request", Map.of()));
    }

    private static double plainProducerRate(String bootstrap, int count) throws Exception {
        byte[] value = new byte[220];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 3,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 5_000; i++) {
                producer.send(new ProducerRecord<>(Topics.CHECKOUT_EVENTS_DLQ.name(), ("warm-" + i).getBytes(), value));
            }
            producer.flush();
            long started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(Topics.CHECKOUT_EVENTS_DLQ.name(), ("order-" + i).getBytes(), value));
            }
            producer.flush();
            return count / ((System.nanoTime() - started) / 1e9);
        }
    }
}
