package org.checkoutpipeline.stripeemulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.checkoutpipeline.stripeemulator.api.ApiServer;
import org.checkoutpipeline.stripeemulator.api.ApiVersion;
import org.checkoutpipeline.stripeemulator.catalog.CatalogApi;
import org.checkoutpipeline.stripeemulator.catalog.DiscountsAndRatesApi;
import org.checkoutpipeline.stripeemulator.catalog.PriceRules;
import org.checkoutpipeline.stripeemulator.checkout.AutomaticTax;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutJson;
import org.checkoutpipeline.stripeemulator.checkout.ClientSecrets;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSession;
import org.checkoutpipeline.stripeemulator.checkout.CheckoutSessionService;
import org.checkoutpipeline.stripeemulator.checkout.CompletionService;
import org.checkoutpipeline.stripeemulator.checkout.PaymentOutcome;
import org.checkoutpipeline.stripeemulator.clock.EmulatorClock;
import org.checkoutpipeline.stripeemulator.currency.Currencies;
import org.checkoutpipeline.stripeemulator.events.EventBus;
import org.checkoutpipeline.stripeemulator.events.StripeEventJson;
import org.checkoutpipeline.stripeemulator.events.EventListener;
import org.checkoutpipeline.stripeemulator.events.StripeEvent;
import org.checkoutpipeline.stripeemulator.faults.FaultConfig;
import org.checkoutpipeline.stripeemulator.faults.FaultInjector;
import org.checkoutpipeline.stripeemulator.idempotency.IdempotencyCache;
import org.checkoutpipeline.stripeemulator.page.HostedPage;
import org.checkoutpipeline.stripeemulator.payment.PaymentJson;
import org.checkoutpipeline.stripeemulator.store.EmulatorStore;
import org.checkoutpipeline.stripeemulator.webhooks.DeliveryPolicy;
import org.checkoutpipeline.stripeemulator.webhooks.FixedEndpoint;
import org.checkoutpipeline.stripeemulator.webhooks.RetrySchedule;
import org.checkoutpipeline.stripeemulator.webhooks.WebhookDispatcher;
import org.checkoutpipeline.stripeemulator.webhooks.WebhookEndpoints;
import org.checkoutpipeline.stripeemulator.webhooks.WebhookSettings;

/**
 * A local, stateful Stripe for Checkout Sessions, embeddable in tests and applications: the API,
 * the hosted payment page at each session's {@code url}, and signed webhooks.
 *
 * <pre>{@code
 * try (var stripe = StripeEmulator.builder().port(0)
 *         .webhookEndpoint("http://localhost:8080/stripe/webhook", "whsec_local").build().start()) {
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
    private final Currencies currencies;
    private final AutomaticTax automaticTax = new AutomaticTax();
    private final EmulatorStore store;
    private final EventBus events;
    private final CheckoutSessionService sessions;
    private final CompletionService completions;
    private final FaultInjector faults;
    private final IdempotencyCache idempotency;
    private final PaymentJson paymentJson;
    private final CheckoutJson checkoutJson;
    private final StripeEventJson eventJson;
    private final ObjectMapper json = new ObjectMapper();
    private final WebhookEndpoints webhookEndpoints;
    private final WebhookDispatcher webhookDispatcher;
    private final HostedPage page;
    private ApiServer server;
    private volatile String resolvedPublicBaseUrl;
    private ScheduledExecutorService sweeper;

    private StripeEmulator(EmulatorConfig config, Clock baseClock, Clock wallClock) {
        this.config = config;
        this.clock = new EmulatorClock(baseClock);
        this.store = new EmulatorStore(config.maxSessions(), config.maxEvents());
        this.events = new EventBus(store.events(), store.ids());
        this.completions = new CompletionService(store, clock, events, config.asyncPaymentDelay(), automaticTax);
        this.currencies = Currencies.load();
        this.sessions = new CheckoutSessionService(store, clock, events, currencies, completions);
        this.faults = new FaultInjector(config.faults());
        this.idempotency = new IdempotencyCache(clock, config.idempotencyKeyTtl(),
                config.maxIdempotencyKeys());
        var clientSecrets = new ClientSecrets();
        this.paymentJson = new PaymentJson(() -> resolvedPublicBaseUrl);
        this.checkoutJson = new CheckoutJson(store, paymentJson, clientSecrets, () -> resolvedPublicBaseUrl);
        this.webhookEndpoints = new WebhookEndpoints(store.ids(), clock);
        this.webhookDispatcher = new WebhookDispatcher(webhookEndpoints, config.webhooks(),
                this::webhookPayload, wallClock);
        this.eventJson = new StripeEventJson(new SnapshotJson(checkoutJson, paymentJson),
                webhookDispatcher::pendingWebhooks);
        for (FixedEndpoint endpoint : config.webhooks().endpoints()) {
            webhookEndpoints.register(endpoint.url(), endpoint.secret(), endpoint.enabledEvents());
        }
        events.addListener(webhookDispatcher);
        this.page = new HostedPage(sessions, completions, clock, currencies, clientSecrets,
                () -> resolvedPublicBaseUrl);
        clock.onAdvance(sessions::sweep);
    }

    /** An event as a webhook endpoint receives it: rendered in the endpoint's API version. */
    private byte[] webhookPayload(StripeEvent event, String apiVersion) {
        try {
            return json.writeValueAsBytes(ApiVersion.parse(apiVersion, "api_version")
                    .event(eventJson.event(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render event " + event.id(), e);
        }
    }

    /** The rate table behind {@code automatic_tax} (also at {@code /_emulator/automatic_tax}). */
    public AutomaticTax automaticTax() {
        return automaticTax;
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
            var routes = new EmulatorRoutes(store, clock, sessions, completions, faults, checkoutJson,
                    paymentJson, eventJson, automaticTax);
            var router = new WebhookRoutes(webhookEndpoints, webhookDispatcher).addTo(
                    new DiscountsAndRatesApi(store, clock, new PriceRules(currencies)).addTo(
                            new CatalogApi(store, clock, currencies, paymentJson).addTo(routes.router())));
            server = new ApiServer(config.host(), config.port(), config.serverThreads(), router, faults,
                    idempotency, json);
            server.addContext(HostedPage.CONTEXT, page);
            server.addContext(HostedPage.EMBED_CONTEXT, page);
            server.addContext(HostedPage.RECOVER_CONTEXT, page);
            server.addContext(PaymentJson.VOUCHER_PATH, page);
            resolvedPublicBaseUrl = publicBaseUrlFor(server.port());
            webhookDispatcher.start();
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
        return config.publicBaseUrl() != null ? config.publicBaseUrl() : "http://" + clientHost() + ":" + port;
    }

    /** How a client on this machine names the address listened on: localhost, unless that is one address only. */
    private String clientHost() {
        InetAddress bound = server.address().getAddress();
        if (bound.isAnyLocalAddress() || bound.isLoopbackAddress()) {
            return "localhost";
        }
        String address = bound.getHostAddress();
        return address.contains(":") ? "[" + address + "]" : address;
    }

    /** Stops serving, sweeping and delivering webhooks (deliveries still waiting are abandoned). */
    public synchronized void stop() {
        webhookDispatcher.stop();
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

    /** The address listened on: loopback unless the configuration's host says otherwise. */
    public InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.address();
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    /** The API base for clients, e.g. {@code http://localhost:12111}. */
    public String baseUrl() {
        int port = port();
        return "http://" + clientHost() + ":" + port;
    }

    /** Base of the hosted-page URLs returned as a session's {@code url}. */
    public String publicBaseUrl() {
        return publicBaseUrlFor(port());
    }

    /** The hosted payment page of a session, as its {@code url} gives it while it is open. */
    public String pageUrl(String sessionId) {
        return checkoutJson.payUrl(sessionId);
    }

    /**
     * The webhook endpoints; register one with a known secret here, e.g.
     * {@code webhooks().register("http://localhost:8080/stripe/webhook", "whsec_local")}.
     */
    public WebhookEndpoints webhooks() {
        return webhookEndpoints;
    }

    /** Webhook delivery: its log of attempts, pending counts, and run-time policy changes. */
    public WebhookDispatcher webhookDispatcher() {
        return webhookDispatcher;
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
        private String host;
        private int port;
        private String publicBaseUrl;
        private int maxSessions;
        private int maxEvents;
        private int maxIdempotencyKeys;
        private Duration idempotencyKeyTtl;
        private Duration asyncPaymentDelay;
        private int serverThreads;
        private Duration sweepInterval;
        private FaultConfig faults;
        private WebhookSettings webhooks;
        private Clock clock = Clock.systemUTC();

        private Builder() {
            config(EmulatorConfig.defaults());
        }

        /** Every setting at once; the setters below then change single ones. */
        public Builder config(EmulatorConfig value) {
            host = value.host();
            port = value.port();
            publicBaseUrl = value.publicBaseUrl();
            maxSessions = value.maxSessions();
            maxEvents = value.maxEvents();
            maxIdempotencyKeys = value.maxIdempotencyKeys();
            idempotencyKeyTtl = value.idempotencyKeyTtl();
            asyncPaymentDelay = value.asyncPaymentDelay();
            serverThreads = value.serverThreads();
            sweepInterval = value.sweepInterval();
            faults = value.faults();
            webhooks = value.webhooks();
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder publicBaseUrl(String url) {
            publicBaseUrl = url;
            return this;
        }

        public Builder maxSessions(int max) {
            maxSessions = max;
            return this;
        }

        public Builder asyncPaymentDelay(Duration delay) {
            asyncPaymentDelay = delay;
            return this;
        }

        /** Real-time interval of the background expiry sweep; zero turns it off. */
        public Builder sweepInterval(Duration interval) {
            sweepInterval = interval;
            return this;
        }

        public Builder faults(FaultConfig value) {
            faults = value;
            return this;
        }

        public Builder webhooks(WebhookSettings value) {
            webhooks = value;
            return this;
        }

        /**
         * Registers a webhook endpoint for every event, signed with {@code secret}, from start-up:
         * the receiver can be configured with the same secret beforehand.
         */
        public Builder webhookEndpoint(String url, String secret) {
            return webhookEndpoint(FixedEndpoint.allEvents(url, secret));
        }

        public Builder webhookEndpoint(FixedEndpoint endpoint) {
            webhooks = webhooks.withEndpoint(endpoint);
            return this;
        }

        /** Delays between webhook attempts (real time). */
        public Builder webhookRetrySchedule(RetrySchedule schedule) {
            return webhookPolicy(webhooks.policy().withRetrySchedule(schedule));
        }

        public Builder webhookTimeout(Duration timeout) {
            return webhookPolicy(webhooks.policy().withTimeout(timeout));
        }

        /** Share (0-1) of webhook deliveries sent twice. */
        public Builder webhookDuplicateRate(double rate) {
            return webhookPolicy(webhooks.policy().withDuplicateRate(rate));
        }

        private Builder webhookPolicy(DeliveryPolicy policy) {
            webhooks = webhooks.withPolicy(policy);
            return this;
        }

        /** The base clock emulator time starts from (emulator time = base + advances). */
        public Builder clock(Clock base) {
            clock = base;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting and value that is out of range */
        public StripeEmulator build() {
            EmulatorConfig config = new EmulatorConfig(host, port, publicBaseUrl, maxSessions, maxEvents,
                    maxIdempotencyKeys, idempotencyKeyTtl, asyncPaymentDelay, serverThreads, sweepInterval, faults,
                    webhooks);
            return new StripeEmulator(config, clock, Clock.systemUTC());
        }
    }
}
