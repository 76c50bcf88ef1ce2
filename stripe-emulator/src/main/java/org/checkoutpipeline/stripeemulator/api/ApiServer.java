package org.checkoutpipeline.stripeemulator.api;

import static org.checkoutpipeline.stripeemulator.api.DaemonThreads.named;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.checkoutpipeline.stripeemulator.faults.FaultInjector;
import org.checkoutpipeline.stripeemulator.idempotency.IdempotencyCache;
import org.checkoutpipeline.stripeemulator.store.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front end, on the JDK's built-in server. For Stripe endpoints ({@code /v1/...}) each
 * request goes through, in order: fault injection (delay, injected 500/429, rate limiter), API key
 * check, parameter decoding, idempotency, the route's handler. Faults come first so that an
 * injected error means nothing was created. Injected delays are timers, not sleeping threads:
 * a delayed request holds no worker thread while it waits.
 *
 * <p>Every response carries {@code Request-Id: req_...} and {@code Stripe-Version}: the version the
 * request asked for ({@link ApiVersion}), in which its body is rendered.
 */
public final class ApiServer {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String JSON_TYPE = "application/json";

    static {
        // Small responses are written as headers then body; without TCP_NODELAY, Nagle's algorithm
        // and delayed ACKs add ~40 ms to keep-alive requests.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Router router;
    private final FaultInjector faults;
    private final IdempotencyCache idempotency;
    private final ObjectMapper json;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;

    public ApiServer(String host, int port, int threads, Router router, FaultInjector faults,
            IdempotencyCache idempotency, ObjectMapper json) throws IOException {
        this.router = router;
        this.faults = faults;
        this.idempotency = idempotency;
        this.json = json;
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("stripe-emulator-http"));
        this.timers = Executors.newSingleThreadScheduledExecutor(named("stripe-emulator-latency"));
        this.server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /** Serves paths under {@code prefix} with another handler (such as HTML pages); before start. */
    public void addContext(String prefix, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(prefix, handler);
    }

    public void start() {
        server.start();
    }

    /** The address and port listened on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        timers.shutdownNow();
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        String requestId = newRequestId();
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Router.Match match = router.match(method, path);
            if (match == null) {
                send(exchange, requestId, ApiResult.error(ApiError.notFoundRoute(method, path), requestId),
                        false);
                return;
            }
            if (!match.route().stripeApi()) {
                process(exchange, requestId, match, body);
                return;
            }
            FaultInjector.Decision decision = faults.decide(match.route().endpoint());
            Runnable next = () -> {
                if (decision.error() != null) {
                    send(exchange, requestId, ApiResult.error(decision.error(), requestId), false);
                } else {
                    process(exchange, requestId, match, body);
                }
            };
            if (decision.delayMs() > 0) {
                timers.schedule(() -> workers.execute(next), decision.delayMs(), TimeUnit.MILLISECONDS);
            } else {
                next.run();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("request {} failed before handling", requestId, e);
            exchange.close();
        }
    }

    private void process(HttpExchange exchange, String requestId, Router.Match match, String body) {
        ApiResult result;
        boolean replayed = false;
        ApiVersion version = ApiVersion.DEFAULT;
        try {
            Router.Route route = match.route();
            if (route.stripeApi()) {
                ApiKeys.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            String method = exchange.getRequestMethod();
            String query = exchange.getRequestURI().getRawQuery();
            if (route.stripeApi()) {
                version = ApiVersion.parse(exchange.getRequestHeaders().getFirst("Stripe-Version"), null);
            }
            Params params = ("POST".equals(method) ? bodyParams(exchange, body, route.stripeApi())
                    : Params.parseForm(query)).in(version);
            if ("POST".equals(method) && !route.stripeApi() && query != null) {
                Params.parseForm(query).tree().forEach(params.tree()::putIfAbsent);
            }
            String key = "POST".equals(method)
                    ? exchange.getRequestHeaders().getFirst("Idempotency-Key") : null;
            var request = new ApiRequest(requestId, method, exchange.getRequestURI().getRawPath(),
                    match.pathParams(), params, key, body);
            if (route.idempotent() && key != null && !key.isEmpty()) {
                if (key.length() > 255) {
                    throw ApiError.invalid(null, null, "Idempotency-Key must be at most 255 characters (it"
                            + " has " + key.length() + ").");
                }
                var outcome = idempotency.execute(key, route.endpoint() + " " + request.path() + "\n"
                        + params.canonical(), requestId, () -> route.handler().handle(request));
                result = outcome.result();
                replayed = outcome.replayed();
            } else {
                result = route.handler().handle(request);
            }
        } catch (ApiError e) {
            result = ApiResult.error(e, requestId);
        } catch (RuntimeException e) {
            LOG.error("request {} failed", requestId, e);
            result = ApiResult.error(new ApiError(500, "api_error", null, null,
                    "An unexpected error occurred in the Stripe emulator: " + e, null, false), requestId);
        }
        send(exchange, requestId, result, replayed, version);
    }

    private Params bodyParams(HttpExchange exchange, String body, boolean stripeApi) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!stripeApi && type != null && type.startsWith(JSON_TYPE) && !body.isBlank()) {
            try {
                JsonNode node = json.readTree(body);
                if (!node.isObject()) {
                    throw ApiError.invalid(null, null, "The request body must be a JSON object.");
                }
                return Params.of(flatten(node));
            } catch (IOException e) {
                throw ApiError.invalid(null, null, "The request body is not valid JSON: " + e.getMessage());
            }
        }
        return Params.parseForm(body);
    }

    /** A JSON body as the form tree: objects become hashes, arrays hashes indexed 0, 1, ... */
    private static Map<String, Object> flatten(JsonNode node) {
        var tree = new LinkedHashMap<String, Object>();
        var fields = node.isArray() ? indexed(node) : node.fields();
        fields.forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isObject() || value.isArray()) {
                tree.put(field.getKey(), flatten(value));
            } else if (!value.isNull()) {
                tree.put(field.getKey(), value.asText());
            }
        });
        return tree;
    }

    private static java.util.Iterator<Map.Entry<String, JsonNode>> indexed(JsonNode array) {
        var entries = new java.util.ArrayList<Map.Entry<String, JsonNode>>();
        for (int i = 0; i < array.size(); i++) {
            entries.add(Map.entry(Integer.toString(i), array.get(i)));
        }
        return entries.iterator();
    }

    private void send(HttpExchange exchange, String requestId, ApiResult result, boolean replayed) {
        send(exchange, requestId, result, replayed, ApiVersion.DEFAULT);
    }

    /** Sends the body as {@code version} shows it, with that version in {@code Stripe-Version}. */
    private void send(HttpExchange exchange, String requestId, ApiResult result, boolean replayed,
            ApiVersion version) {
        try (exchange) {
            byte[] bytes = json.writeValueAsBytes(version.render(result.body().get()));
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", JSON_TYPE);
            headers.set("Request-Id", requestId);
            headers.set("Stripe-Version", version.wire());
            headers.set("Cache-Control", "no-cache, no-store");
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null && "POST".equals(exchange.getRequestMethod())) {
                headers.set("Idempotency-Key", key);
            }
            if (replayed) {
                headers.set("Idempotent-Replayed", "true");
            }
            exchange.sendResponseHeaders(result.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send response to request {}", requestId, e);
        }
    }

    private static String newRequestId() {
        return "req_" + Ids.random(ThreadLocalRandom.current(), 14);
    }
}
