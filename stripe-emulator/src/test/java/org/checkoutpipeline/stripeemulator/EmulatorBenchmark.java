package org.checkoutpipeline.stripeemulator;

import com.stripe.StripeClient;
import com.stripe.param.checkout.SessionCreateParams;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.checkoutpipeline.stripeemulator.api.ApiResult;
import org.checkoutpipeline.stripeemulator.api.Params;

/**
 * Benchmark, not a test: drives the emulator over HTTP with stripe-java (32 threads, one shared
 * client) and prints creates per second and p50/p99 latency; then the same with the JDK's HTTP
 * client, whose smaller cost per request leaves more of the shared cores to the emulator; then fills the store to one million
 * sessions (each with its idempotency key, as stripe-java sends one on every POST) and prints the
 * heap in use after a full GC. Each figure is printed beside its target.
 *
 * <p>Arguments: {@code --seconds=N} (measured run, default 20), {@code --threads=N} client
 * threads (32), {@code --server-threads=N} (one per core), {@code --sessions=N} (1000000).
 */
public final class EmulatorBenchmark {

    private static final double TARGET_CREATES_PER_SECOND = 3000;
    private static final double TARGET_P99_MS = 20;
    private static final long TARGET_HEAP_BYTES = 1L << 30;
    /** The benchmark's session as a form: what stripe-java sends for it, less its client headers. */
    private static final String FORM = "mode=payment&success_url=https%3A%2F%2Fshop.example%2Fsuccess"
            + "&cancel_url=https%3A%2F%2Fshop.example%2Fcancel&line_items[0][quantity]=1"
            + "&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=2500"
            + "&line_items[0][price_data][product_data][name]=T-shirt";

    public static void main(String[] rawArgs) throws Exception {
        String[] args = String.join(" ", rawArgs).trim().split("\\s+");
        int seconds = intArg(args, "--seconds", 20);
        int threads = intArg(args, "--threads", 32);
        int sessions = intArg(args, "--sessions", 1_000_000);
        int serverThreads = intArg(args, "--server-threads", EmulatorConfig.defaultServerThreads());
        var defaults = EmulatorConfig.defaults();
        var config = new EmulatorConfig("127.0.0.1", 0, null, Math.max(sessions, 1),
                defaults.maxEvents(), Math.max(sessions, 1), defaults.idempotencyKeyTtl(),
                defaults.asyncPaymentDelay(), serverThreads, defaults.sweepInterval(), defaults.faults(),
                defaults.webhooks());
        try (var emulator = StripeEmulator.builder().config(config).build().start()) {
            StripeClient client = EmulatorTestSupport.client(emulator);
            SessionCreateParams params = SessionCreateParams.builder()
                    .setMode(SessionCreateParams.Mode.PAYMENT)
                    .setSuccessUrl("https://shop.example/success?session_id={CHECKOUT_SESSION_ID}")
                    .setCancelUrl("https://shop.example/cancel")
                    .addLineItem(EmulatorTestSupport.item("usd", 2500, 1))
                    .build();

            System.out.printf("warm-up: 5 s, %d threads%n", threads);
            run(client, params, threads, 5);
            System.out.printf("measuring: %d s, %d threads, one shared stripe-java client%n", seconds,
                    threads);
            Result result = run(client, params, threads, seconds);
            System.out.printf("creates/s     %10.0f   (target >= %.0f)  %s%n", result.perSecond(),
                    TARGET_CREATES_PER_SECOND, verdict(result.perSecond() >= TARGET_CREATES_PER_SECOND));
            System.out.printf("latency p50   %10.2f ms%n", result.p50Ms());
            System.out.printf("latency p99   %10.2f ms (target < %.0f ms)  %s%n", result.p99Ms(),
                    TARGET_P99_MS, verdict(result.p99Ms() < TARGET_P99_MS));

            Result light = runLightClient(emulator, threads, seconds);
            System.out.printf("creates/s     %10.0f   with the JDK HTTP client instead (the emulator's share;"
                    + " no target)%n", light.perSecond());
            System.out.printf("latency p99   %10.2f ms with the JDK HTTP client%n", light.p99Ms());

            fill(emulator, sessions);
            long used = usedHeapAfterGc();
            System.out.printf("stored sessions %8d, idempotency keys %d%n",
                    emulator.store().sessions().size(), emulator.idempotency().size());
            System.out.printf("heap used     %10.1f MiB (target < %d MiB)  %s%n", used / 1048576.0,
                    TARGET_HEAP_BYTES / 1048576, verdict(used < TARGET_HEAP_BYTES));
        }
    }

    private record Result(double perSecond, double p50Ms, double p99Ms) {}

    /** One create request of a measured client. */
    private interface Create {
        void send() throws Exception;
    }

    private static Result run(StripeClient client, SessionCreateParams params, int threads,
            int seconds) throws InterruptedException {
        return run(() -> client.v1().checkout().sessions().create(params), threads, seconds);
    }

    /**
     * The same creates sent by the JDK's HTTP client, which costs a fraction of stripe-java's CPU
     * per request: on a 2-core machine shared by client and emulator, this says how much the
     * emulator itself can do.
     */
    private static Result runLightClient(StripeEmulator emulator, int threads, int seconds)
            throws InterruptedException {
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var uri = java.net.URI.create(emulator.baseUrl() + "/v1/checkout/sessions");
        return run(() -> {
            // An idempotency key on every POST, as stripe-java sends, so that the heap figure counts them.
            var request = java.net.http.HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer sk_test_benchmark")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(FORM)).build();
            var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("create answered " + response.statusCode());
            }
        }, threads, seconds);
    }

    private static Result run(Create create, int threads, int seconds) throws InterruptedException {
        var stop = new AtomicBoolean();
        var done = new CountDownLatch(threads);
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            var thread = new Thread(() -> {
                long[] mine = new long[1 << 20];
                int n = 0;
                while (!stop.get() && n < mine.length) {
                    long start = System.nanoTime();
                    try {
                        create.send();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    mine[n++] = System.nanoTime() - start;
                }
                latencies[index] = mine;
                counts[index] = n;
                done.countDown();
            });
            thread.start();
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int pos = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, pos, counts[t]);
            pos += counts[t];
        }
        Arrays.sort(all);
        return new Result(total / elapsed, all[(int) (total * 0.50)] / 1e6,
                all[Math.min(total - 1, (int) (total * 0.99))] / 1e6);
    }

    /** Adds sessions in-process (through the same validation and idempotency path) up to n. */
    private static void fill(StripeEmulator emulator, int n) {
        String form = FORM;
        int missing = n - emulator.store().sessions().size();
        System.out.printf("filling the store with %d more sessions...%n", Math.max(0, missing));
        for (int i = 0; i < missing; i++) {
            Params params = Params.parseForm(form + "&client_reference_id=order-" + i
                    + "&metadata[order_id]=" + i);
            emulator.idempotency().execute(UUID.randomUUID().toString(),
                    "POST /v1/checkout/sessions\n" + params.canonical(), "req_benchmark",
                    () -> {
                        var session = emulator.sessions().create(params);
                        return ApiResult.ok(() -> session);
                    });
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "NOT MET";
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 1));
            }
        }
        return fallback;
    }
}
