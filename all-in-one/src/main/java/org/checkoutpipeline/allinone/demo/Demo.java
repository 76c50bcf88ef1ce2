package org.checkoutpipeline.allinone.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.checkoutpipeline.allinone.Pipeline;
import org.checkoutpipeline.allinone.demo.DemoTracker.Decision;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.CheckoutOptions;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.orderproducer.CheckoutOutcome;
import org.checkoutpipeline.orderproducer.OrderPublisher;
import org.checkoutpipeline.orderproducer.OrderPublisherConfig;
import org.checkoutpipeline.orderproducer.cli.ProgressLine;
import org.checkoutpipeline.orderproducer.generate.Profile;
import org.checkoutpipeline.orderproducer.generate.SyntheticOrders;

/**
 * The demo: places orders through {@link OrderPublisher}, plays each customer's story through the
 * Stripe emulator, lets the emulator's clock run a day ahead so abandoned sessions expire, then
 * checks, order by order, that {@code fulfillment.events} holds exactly one decision matching the
 * story and that the status API agrees.
 */
public final class Demo {

    /** How long after the session is created a customer who cancelled comes back to pay. */
    private static final Duration MAX_HESITATION = Duration.ofMillis(1500);
    private static final Duration CHECKOUT_TIMEOUT = Duration.ofSeconds(60);

    private final Pipeline pipeline;
    private final DemoSettings settings;
    private final PrintWriter out;
    private final ProgressLine progress;
    private final ObjectMapper json = new ObjectMapper();

    public Demo(Pipeline pipeline, DemoSettings settings, PrintWriter out, boolean interactive) {
        if (pipeline.stripeApiBase() == null) {
            throw new IllegalArgumentException("The demo plays its customers through the Stripe emulator; with real "
                    + "Stripe use 'up' and pay by hand");
        }
        this.pipeline = pipeline;
        this.settings = settings;
        this.out = out;
        this.progress = new ProgressLine(out, interactive);
    }

    private static EmulatorCustomer.DelayedPayment delayedPayment(OrderPlaced order) {
        return EmulatorCustomer.delayedPayment(order.getCurrency(), order.getMode() == CheckoutMode.PAYMENT);
    }

    private record Planned(OrderPlaced order, Story story) {
    }

    public DemoResult run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        String runTag = "demo-" + UUID.randomUUID().toString().substring(0, 6);
        String statusBase = pipeline.statusUrlPrefix() + "{ORDER_ID}";
        SyntheticOrders generator = new SyntheticOrders(settings.modes(), settings.currencies(), settings.seed(),
                Clock.systemUTC(), runTag, statusBase, statusBase);
        Random random = new Random(settings.seed());
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < settings.orders(); i++) {
            Story story = settings.customers().pick(random);
            CheckoutMode mode = story.mode() != null ? story.mode() : settings.modes().pick(random);
            if (story.paysByBankDebit() && mode == CheckoutMode.SETUP) {
                mode = CheckoutMode.PAYMENT;
            }
            OrderPlaced order = story.currency() != null || story.profile() != Profile.PLAIN
                    ? generator.next(mode, story.currency() != null ? story.currency() : settings.currencies().pick(random),
                            story.profile())
                    : generator.next(mode);
            // A delayed payment needs a currency (and mode) that offers one.
            for (int tries = 0; story.paysByBankDebit() && delayedPayment(order) == null; tries++) {
                if (tries == 100) {
                    throw new IllegalArgumentException("The story '" + story.optionName() + "' pays later, which"
                            + " needs a currency with a bank debit (usd, eur, gbp, aud); --currencies has none.");
                }
                order = generator.next(CheckoutMode.PAYMENT);
            }
            if (!story.methods().isEmpty()) {
                CheckoutOptions options = order.getCheckout() == null ? CheckoutOptions.newBuilder().build() : order.getCheckout();
                order = OrderPlaced.newBuilder(order).setCheckout(CheckoutOptions.newBuilder(options)
                        .setPaymentMethodTypes(story.methods()).build()).build();
            }
            planned.add(new Planned(order, story));
        }
        ExecutorService executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "demo-customer");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, String> customerProblems = new ConcurrentHashMap<>();
        AtomicInteger placed = new AtomicInteger();
        AtomicInteger played = new AtomicInteger();
        long deadline = start + settings.timeout().toNanos();
        try (DemoTracker tracker = new DemoTracker(pipeline.kafka(), runTag);
             OrderPublisher publisher = new OrderPublisher(OrderPublisherConfig.of(pipeline.kafka())
                     .withClientId("checkout-pipeline-demo"))) {
            EmulatorCustomer customers = new EmulatorCustomer(pipeline.stripeApiBase(), executor);
            String promotionCode = DemoShop.promotionCode(pipeline.stripeApiBase(), pipeline.config().stripeApiKey(), runTag);
            customers.setTaxTable();
            out.printf("Placing %d orders; customers play their stories on the emulator's payment pages...%n",
                    settings.orders());
            List<CompletableFuture<Void>> plays = new ArrayList<>();
            for (Planned plan : planned) {
                String orderId = plan.order().getOrderId();
                CompletableFuture<CheckoutOutcome> checkout = publisher.awaitCheckout(orderId, CHECKOUT_TIMEOUT);
                publisher.publish(plan.order()).whenComplete((published, error) -> {
                    if (error == null) {
                        placed.incrementAndGet();
                    } else {
                        customerProblems.put(orderId, "publishing failed: " + error.getMessage());
                    }
                });
                Duration hesitation = Duration.ofMillis(200 + random.nextInt((int) MAX_HESITATION.toMillis()));
                plays.add(checkout.thenCompose(outcome -> {
                    if (outcome instanceof CheckoutOutcome.Created created) {
                        if (plan.story() == Story.EMBEDDED && (!created.embedded() || created.clientSecret() == null)) {
                            throw new IllegalStateException("an embedded order's CheckoutCreated has no client secret");
                        }
                        return customers.play(plan.story(), created.sessionId(), created.url(), hesitation,
                                delayedPayment(plan.order()), plan.order(), promotionCode);
                    }
                    CheckoutOutcome.Failed failed = (CheckoutOutcome.Failed) outcome;
                    throw new IllegalStateException("checkout failed: " + failed.reason() + " " + failed.detail());
                }).handle((done, error) -> {
                    played.incrementAndGet();
                    if (error != null) {
                        customerProblems.putIfAbsent(orderId, "customer could not play: " + rootMessage(error));
                    }
                    return null;
                }));
            }
            publisher.flush();
            CompletableFuture<Void> allPlayed = CompletableFuture.allOf(plays.toArray(CompletableFuture[]::new));
            await("customers at their payment pages", allPlayed::isDone, deadline, tracker, placed, played);

            customers.advanceClock(Duration.ofSeconds(90));
            progress.finish(status("a minute and a half later (emulator clock): bank debits settle", tracker, placed, played, start));
            customers.advanceClock(Duration.ofHours(25));
            progress.finish(status("a day later (emulator clock): abandoned sessions expire", tracker, placed, played, start));
            await("waiting for every order's fulfilment decision", () -> tracker.decided() >= settings.orders(),
                    deadline, tracker, placed, played);
            List<DemoOrderOutcome> results = new ArrayList<>();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (Planned plan : planned) {
                results.add(check(plan, tracker.decisionsOf(plan.order().getOrderId()),
                        customerProblems.get(plan.order().getOrderId()), http));
            }
            return new DemoResult(results, placed.get(), tracker.sessions(), tracker.completions(),
                    tracker.checkoutFailures(), tracker.fulfilled(), tracker.cancelled(),
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            executor.shutdownNow();
        }
    }

    private void await(String phase, BooleanSupplier done, long deadline, DemoTracker tracker, AtomicInteger placed,
                       AtomicInteger played) throws InterruptedException {
        long start = System.nanoTime();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            progress.update(status(phase, tracker, placed, played, start));
            Thread.sleep(250);
        }
        progress.finish(status(phase, tracker, placed, played, start));
    }

    private String status(String phase, DemoTracker tracker, AtomicInteger placed, AtomicInteger played, long since) {
        return String.format("%s %d/%d decided | placed %d, sessions %d, customers done %d, completed %d, "
                        + "fulfilled %d, cancelled %d, failed %d | %s (%.1fs)",
                ProgressLine.bar(tracker.decided(), settings.orders(), 20), tracker.decided(), settings.orders(),
                placed.get(), tracker.sessions(), played.get(), tracker.completions(), tracker.fulfilled(),
                tracker.cancelled(), tracker.checkoutFailures(), phase, (System.nanoTime() - since) / 1e9);
    }

    private DemoOrderOutcome check(Planned plan, List<Decision> decisions, String customerProblem, HttpClient http)
            throws InterruptedException {
        OrderPlaced order = plan.order();
        Story story = plan.story();
        String status = null;
        String reason = null;
        List<String> problems = new ArrayList<>();
        if (customerProblem != null) {
            problems.add(customerProblem);
        }
        try {
            JsonNode view = statusOf(order.getOrderId(), http);
            status = view.path("status").asText(null);
            reason = view.path("cancellationReason").isNull() ? null : view.path("cancellationReason").asText(null);
        } catch (IOException e) {
            problems.add("status API: " + e.getMessage());
        }
        if (!story.expectedStatus().equals(status)) {
            problems.add("status API says " + status + ", expected " + story.expectedStatus());
        }
        String expectedReason = story.endsFulfilled() ? null : story.expectedCancellation().name();
        if (status != null && !java.util.Objects.equals(expectedReason, reason)) {
            problems.add("cancellation reason " + reason + ", expected " + expectedReason);
        }
        Duration latency = null;
        if (decisions.size() != 1) {
            problems.add(decisions.size() + " decisions on fulfillment.events, expected exactly 1");
        }
        if (!decisions.isEmpty()) {
            Decision decision = decisions.get(0);
            String expectedType = story.endsFulfilled() ? "FulfillmentRequested" : "OrderCancelled";
            if (!decision.type().equals(expectedType) || !java.util.Objects.equals(decision.cancellationReason(), expectedReason)) {
                problems.add("fulfillment.events holds " + decision.type()
                        + (decision.cancellationReason() == null ? "" : " " + decision.cancellationReason())
                        + ", expected " + story.expectedOutcome());
            }
            if (decision.type().equals("FulfillmentRequested")) {
                latency = Duration.between(order.getOccurredAt(), decision.occurredAt());
                String missing = DemoShop.missingFromPurchase(story, order.getMode(), decision.purchase());
                if (missing != null) {
                    problems.add("FulfillmentRequested lacks " + missing);
                }
            }
        }
        return new DemoOrderOutcome(order.getOrderId(), story, order.getMode(), status, reason, decisions.size(), latency,
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    private JsonNode statusOf(String orderId, HttpClient http) throws IOException, InterruptedException {
        URI uri = pipeline.statusUrl(orderId);
        HttpRequest request = pipeline.statusRequest(orderId).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return json.readTree(response.body());
            }
            if (response.statusCode() != 503) {
                break;
            }
            Thread.sleep(250);
        }
        throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
