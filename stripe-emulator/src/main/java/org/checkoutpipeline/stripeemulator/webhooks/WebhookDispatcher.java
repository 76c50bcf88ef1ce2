package org.checkoutpipeline.stripeemulator.webhooks;

import static org.checkoutpipeline.stripeemulator.api.DaemonThreads.named;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.checkoutpipeline.stripeemulator.events.EventListener;
import org.checkoutpipeline.stripeemulator.events.StripeEvent;
import org.checkoutpipeline.stripeemulator.webhooks.DeliveryAttempt.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every recorded event to the endpoints that want it, as Stripe does: signed, concurrently,
 * at least once, in no guaranteed order, retried with backoff on any answer but 2xx, on timeouts
 * and on connection failures, and now and then twice on purpose (the duplicate rate).
 *
 * <p>{@link #onEvent} runs on the thread that changed a session and only queues; attempts run on
 * the dispatcher's own threads with a non-blocking HTTP client, so a slow or dead endpoint never
 * slows the API or the payment page. Waiting deliveries are bounded ({@code maxPendingDeliveries}).
 *
 * <p>Timing is real time (a delivery due in 2 s goes out 2 s later whatever the emulator clock
 * says), and the signature's {@code t} is the real time of each attempt: receivers compare it with
 * their own clock (stripe-java tolerates 5 minutes), and the emulator clock may be days ahead.
 */
public final class WebhookDispatcher implements EventListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final String USER_AGENT = "Stripe/1.0 (+https://stripe.com/docs/webhooks)";

    private final WebhookEndpoints endpoints;
    private final java.util.function.BiFunction<StripeEvent, String, byte[]> payloads;
    private final Clock wallClock;
    private final int maxPending;
    private final DeliveryLog log;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicInteger> pendingByEvent = new ConcurrentHashMap<>();
    private volatile DeliveryPolicy policy;
    private volatile Workers workers;

    /** The threads and client of a running dispatcher. */
    private record Workers(ScheduledExecutorService scheduler, ExecutorService http, HttpClient client) {}

    /** One event on its way to one endpoint, across its attempts. */
    private static final class Delivery {
        final StripeEvent event;
        final String endpointId;
        final boolean duplicate;
        int attempts;
        byte[] body;

        Delivery(StripeEvent event, String endpointId, boolean duplicate) {
            this.event = event;
            this.endpointId = endpointId;
            this.duplicate = duplicate;
        }
    }

    /**
     * @param payloads renders an event as the JSON body sent (rendered once per delivery, at its
     *     first attempt)
     * @param wallClock real time, for scheduling and signing
     */
    public WebhookDispatcher(WebhookEndpoints endpoints, WebhookSettings settings,
            java.util.function.BiFunction<StripeEvent, String, byte[]> payloads, Clock wallClock) {
        this.endpoints = endpoints;
        this.payloads = payloads;
        this.wallClock = wallClock;
        this.maxPending = settings.maxPendingDeliveries();
        this.log = new DeliveryLog(settings.maxLoggedAttempts());
        this.policy = settings.policy();
    }

    public synchronized void start() {
        if (workers != null) {
            return;
        }
        ExecutorService http = Executors.newFixedThreadPool(2, named("stripe-emulator-webhook-http"));
        workers = new Workers(Executors.newSingleThreadScheduledExecutor(named("stripe-emulator-webhooks")),
                http, HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(5))
                        .executor(http)
                        .build());
    }

    /** Stops sending; deliveries still waiting are abandoned. */
    public synchronized void stop() {
        Workers running = workers;
        workers = null;
        if (running != null) {
            running.scheduler().shutdownNow();
            running.http().shutdownNow();
        }
    }

    public DeliveryPolicy policy() {
        return policy;
    }

    /** Changes retries, timeout and duplicates; applies to attempts from now on. */
    public void configure(DeliveryPolicy newPolicy) {
        policy = newPolicy;
    }

    public DeliveryLog log() {
        return log;
    }

    /** Deliveries waiting for their first attempt or a retry. */
    public int pendingDeliveries() {
        return pending.get();
    }

    /** Endpoints that have not yet acknowledged this event: the event's {@code pending_webhooks}. */
    public int pendingWebhooks(String eventId) {
        AtomicInteger count = pendingByEvent.get(eventId);
        return count == null ? 0 : Math.max(0, count.get());
    }

    @Override
    public void onEvent(StripeEvent event) {
        List<WebhookEndpoint> targets = endpoints.wanting(event.type());
        if (targets.isEmpty()) {
            return;
        }
        pendingByEvent.put(event.id(), new AtomicInteger(targets.size()));
        double duplicateRate = policy.duplicateRate();
        for (WebhookEndpoint target : targets) {
            enqueue(new Delivery(event, target.id(), false));
            if (duplicateRate > 0 && ThreadLocalRandom.current().nextDouble() < duplicateRate) {
                enqueue(new Delivery(event, target.id(), true));
            }
        }
    }

    private void enqueue(Delivery delivery) {
        if (pending.incrementAndGet() > maxPending) {
            drop(delivery, null, "delivery queue full (" + maxPending + " deliveries pending)");
            return;
        }
        schedule(delivery, Duration.ZERO);
    }

    private void schedule(Delivery delivery, Duration delay) {
        Workers running = workers;
        if (running == null) {
            drop(delivery, null, "emulator stopped");
            return;
        }
        try {
            running.scheduler().schedule(() -> attempt(delivery, running), delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            drop(delivery, null, "emulator stopped");
        }
    }

    private void attempt(Delivery delivery, Workers running) {
        WebhookEndpoint endpoint = endpoints.get(delivery.endpointId);
        if (endpoint == null || endpoint.disabled()) {
            drop(delivery, endpoint, endpoint == null ? "endpoint deleted" : "endpoint disabled");
            return;
        }
        Instant at = wallClock.instant();
        long started = System.nanoTime();
        delivery.attempts++;
        HttpRequest request;
        try {
            if (delivery.body == null) {
                delivery.body = payloads.apply(delivery.event, endpoint.apiVersion());
            }
            request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                    .timeout(policy.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", USER_AGENT)
                    .header("Stripe-Signature",
                            WebhookSignature.header(endpoint.secret(), at.getEpochSecond(), delivery.body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body))
                    .build();
        } catch (RuntimeException e) {
            LOG.warn("cannot send {} to {}", delivery.event.id(), endpoint.url(), e);
            finishAttempt(delivery, endpoint, at, started, 0, e.toString());
            return;
        }
        try {
            running.client().sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> finishAttempt(delivery, endpoint, at, started,
                            response == null ? 0 : response.statusCode(),
                            failure == null ? null : describe(failure)));
        } catch (RejectedExecutionException e) {
            drop(delivery, endpoint, "emulator stopped");
        }
    }

    private void finishAttempt(Delivery delivery, WebhookEndpoint endpoint, Instant at, long started,
            int status, String error) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        Duration retryIn = retryDelay(status, delivery.attempts);
        if (status >= 200 && status < 300) {
            record(delivery, endpoint, Outcome.SUCCEEDED, status, null, at, millis, null);
            finish(delivery);
        } else if (retryIn == null) {
            record(delivery, endpoint, Outcome.GAVE_UP, status, error, at, millis, null);
            LOG.info("gave up delivering {} {} to {} after {} attempts", delivery.event.type(),
                    delivery.event.id(), endpoint.url(), delivery.attempts);
            finish(delivery);
        } else {
            record(delivery, endpoint, Outcome.FAILED, status, error, at, millis,
                    wallClock.instant().plus(retryIn));
            schedule(delivery, retryIn);
        }
    }

    /**
     * Whether and when to try again. Stripe treats anything but a 2xx as a failure (redirects are
     * not followed, so a 3xx is one too), as it does timeouts and refused connections, and retries
     * with growing delays until the schedule runs out; a 2xx ends the delivery.
     */
    private Duration retryDelay(int status, int attemptsSoFar) {
        if (status >= 200 && status < 300) {
            return null;
        }
        return policy.retrySchedule().delayAfter(attemptsSoFar);
    }

    private void drop(Delivery delivery, WebhookEndpoint endpoint, String reason) {
        record(delivery, endpoint, Outcome.DROPPED, 0, reason, wallClock.instant(), 0, null);
        finish(delivery);
    }

    private void finish(Delivery delivery) {
        pending.decrementAndGet();
        if (!delivery.duplicate) {
            pendingByEvent.computeIfPresent(delivery.event.id(),
                    (id, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    private void record(Delivery delivery, WebhookEndpoint endpoint, Outcome outcome, int status,
            String error, Instant at, long millis, Instant next) {
        log.add(new DeliveryAttempt(sequence.incrementAndGet(), delivery.event.id(),
                delivery.event.type(), delivery.endpointId, endpoint == null ? null : endpoint.url(),
                delivery.attempts, delivery.duplicate, outcome, status, error, at, millis, next));
    }

    private String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "timed out after " + policy.timeout().toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        return cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
