package org.checkoutpipeline.stripeemulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.checkoutpipeline.stripeemulator.api.ApiServer;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutJson;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSessionService;
import org.checkoutpipeline.stripeemulator.checkout.CompletionService;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;
import org.checkoutpipeline.stripeemulator.clock.EmulatorClock;
import org.checkoutpipeline.stripeemulator.currency.Currencies;
import org.checkoutpipeline.stripeemulator.events.EventBus;
import org.checkoutpipeline.stripeemulator.events.EventListener;
import org.checkoutpipeline.stripeemulator.faults.FaultConfig;
import org.checkoutpipeline.stripeemulator.faults.FaultInjector;
import org.checkoutpipeline.stripeemulator.idempotency.IdempotencyCache;
import org.checkoutpipeline.stripeemulator.payment.PaymentJson;
import org.checkoutpipeline.stripeemulator.store.EmulatorStore;

/**
 * A local, stateful Stripe for Checkout Sessions, embeddable in tests and applications.
 *
 * <pre>{@code
 * try (var stripe = StripeEmulator.builder().port(0).build().start()) {
 *   StripeClient client = StripeClient.builder().setApiKey("sk_test_x")
 *       .setApiBase(stripe.baseUrl()).build();
 *   ...
 *   stripe.complete(sessionId, PaymentOutcome.success());
 *   stripe.clock().advance(Duration.ofHours(25));
 * }
 * }</pre>
 */
public final class StripeEmulator implements AutoCloseable {

    private final EmulatorConfig config;
    private final EmulatorClock clock;
    private final EmulatorStore store;
    private final EventBus events;
    private final CheckoutSessionService sessions;
    private final CompletionService completions;
    private final FaultInjector faults;
    private final IdempotencyCache idempotency;
    private ApiServer server;
    private volatile String resolvedPublicBaseUrl;
    private ScheduledExecutorService sweeper;

    private StripeEmulator(EmulatorConfig config, Clock baseClock) {
        this.config = config;
        this.clock = new EmulatorClock(baseClock);
        this.store = new EmulatorStore(config.maxSessions(), config.maxEvents());
        this.events = new EventBus(store.events(), store.ids());
        this.completions = new CompletionService(store, clock, events, config.asyncPaymentDelay());
        this.sessions = new CheckoutSessionService(store, clock, events, Currencies.load(),
                completions);
        this.faults = new FaultInjector(config.faults());
        this.idempotency = new IdempotencyCache(clock, config.idempotencyKeyTtl(),
                config.maxIdempotencyKeys());
        clock.onAdvance(sessions::sweep);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening; returns this for chaining. */
    public synchronized StripeEmulator start() {
        if (server != null) {
            throw new IllegalStateException("already started on port " + server.port());
        }
        try {
            var routes = new EmulatorRoutes(store, clock, sessions, completions, faults,
                    new CheckoutJson(store, new PaymentJson(), () -> resolvedPublicBaseUrl),
                    new PaymentJson());
            server = new ApiServer(config.host(), config.port(), config.serverThreads(),
                    routes.router(), faults, idempotency, new ObjectMapper(), "2026-07-29.dahlia");
            resolvedPublicBaseUrl = publicBaseUrlFor(server.port());
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port(), e);
        }
        if (!config.sweepInterval().isZero()) {
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                var thread = new Thread(r, "stripe-emulator-sweep");
                thread.setDaemon(true);
                return thread;
            });
            long millis = config.sweepInterval().toMillis();
            sweeper.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private String publicBaseUrlFor(int port) {
        return config.publicBaseUrl() != null ? config.publicBaseUrl() : "http://localhost:" + port;
    }

    public synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    /** The API base for clients, e.g. {@code http://localhost:12111}. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** Base of the hosted-page URLs returned as a session's {@code url}. */
    public String publicBaseUrl() {
        return publicBaseUrlFor(port());
    }

    public EmulatorConfig config() {
        return config;
    }

    public EmulatorClock clock() {
        return clock;
    }

    public EmulatorStore store() {
        return store;
    }

    /** Register an {@link EventListener} here to see every event as it is recorded. */
    public EventBus events() {
        return events;
    }

    public void addEventListener(EventListener listener) {
        events.addListener(listener);
    }

    public CheckoutSessionService sessions() {
        return sessions;
    }

    public CompletionService completions() {
        return completions;
    }

    /** Pays for an open session, as {@code POST /_emulator/checkout/sessions/{id}/complete} does. */
    public CheckoutSession complete(String sessionId, PaymentOutcome outcome) {
        return completions.complete(sessionId, outcome, new CompletionService.Payer(null, null));
    }

    IdempotencyCache idempotency() {
        return idempotency;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Runs the due expiries and delayed-payment settlements now. Returns how many changed. */
    public int sweep() {
        return sessions.sweep(clock.instant());
    }

    /** Builds a {@link StripeEmulator}; defaults as {@link EmulatorConfig#defaults()}. */
    public static final class Builder {
        private EmulatorConfig config = EmulatorConfig.defaults();
        private Clock clock = Clock.systemUTC();

        public Builder config(EmulatorConfig value) {
            config = value;
            return this;
        }

        public Builder port(int port) {
            config = config.withPort(port);
            return this;
        }

        public Builder host(String host) {
            config = new EmulatorConfig(host, config.port(), config.publicBaseUrl(),
                    config.maxSessions(), config.maxEvents(), config.maxIdempotencyKeys(),
                    config.idempotencyKeyTtl(), config.asyncPaymentDelay(), config.serverThreads(),
                    config.sweepInterval(), config.faults());
            return this;
        }

        public Builder publicBaseUrl(String url) {
            config = new EmulatorConfig(config.host(), config.port(), url, config.maxSessions(),
                    config.maxEvents(), config.maxIdempotencyKeys(), config.idempotencyKeyTtl(),
                    config.asyncPaymentDelay(), config.serverThreads(), config.sweepInterval(),
                    config.faults());
            return this;
        }

        public Builder maxSessions(int max) {
            config = new EmulatorConfig(config.host(), config.port(), config.publicBaseUrl(), max,
                    config.maxEvents(), config.maxIdempotencyKeys(), config.idempotencyKeyTtl(),
                    config.asyncPaymentDelay(), config.serverThreads(), config.sweepInterval(),
                    config.faults());
            return this;
        }

        public Builder asyncPaymentDelay(Duration delay) {
            config = new EmulatorConfig(config.host(), config.port(), config.publicBaseUrl(),
                    config.maxSessions(), config.maxEvents(), config.maxIdempotencyKeys(),
                    config.idempotencyKeyTtl(), delay, config.serverThreads(), config.sweepInterval(),
                    config.faults());
            return this;
        }

        public Builder faults(FaultConfig faults) {
            config = new EmulatorConfig(config.host(), config.port(), config.publicBaseUrl(),
                    config.maxSessions(), config.maxEvents(), config.maxIdempotencyKeys(),
                    config.idempotencyKeyTtl(), config.asyncPaymentDelay(), config.serverThreads(),
                    config.sweepInterval(), faults);
            return this;
        }

        /** The base clock emulator time starts from (emulator time = base + advances). */
        public Builder clock(Clock base) {
            clock = base;
            return this;
        }

        public StripeEmulator build() {
            return new StripeEmulator(config, clock);
        }
    }
}
