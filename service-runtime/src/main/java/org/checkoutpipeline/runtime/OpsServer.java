package org.checkoutpipeline.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's HTTP server: {@code GET /healthz} (liveness), {@code GET /readyz} (readiness),
 * {@code GET /metrics} (Prometheus text format), plus whatever routes the service adds (the
 * status API, the webhook endpoint). Built on the JDK's HTTP server; handlers run on a bounded
 * pool of worker threads.
 *
 * <p>Health answers are JSON: {@code {"status":"UP","checks":{"kafka":{"up":true,"detail":"..."}}}},
 * with 200 when every check is up and 503 otherwise.
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService workers;

    private OpsServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Binds the server (port 0 picks a free port) and registers the operations endpoints; call
     * {@link #route} for more, then {@link #start()}.
     */
    public static OpsServer create(String host, int port, int threads, Health health, PrometheusMeterRegistry metrics)
            throws IOException {
        enableTcpNoDelay();
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        OpsServer ops = new OpsServer(server, workers);
        ops.route("/healthz", exchange -> ops.health(exchange, health.live()));
        ops.route("/readyz", exchange -> ops.health(exchange, health.ready()));
        ops.route("/metrics", exchange -> {
            if (!requireGet(exchange)) {
                return;
            }
            send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
        });
        return ops;
    }

    /** Serves every request whose path starts with {@code pathPrefix} (the JDK server's context rule). */
    public OpsServer route(String pathPrefix, HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        server.createContext(pathPrefix, exchange -> {
            try (exchange) {
                handler.handle(exchange);
            } catch (RuntimeException | IOException e) {
                log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                try {
                    send(exchange, 500, "application/json", "{\"error\":\"internal error\"}");
                } catch (IOException | RuntimeException ignored) {
                    // The response had already started; the client sees a broken response.
                }
            }
        });
        return this;
    }

    public OpsServer start() {
        server.start();
        log.info("HTTP server listening on port {}", port());
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address and port listened on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops accepting, gives in-flight exchanges up to {@code graceSeconds} to finish, then stops the workers. */
    public void stop(int graceSeconds) {
        server.stop(graceSeconds);
        workers.shutdown();
        try {
            workers.awaitTermination(graceSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(0);
    }

    /**
     * The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
     * the body then waits for the client's delayed ACK, about 40 ms per request. The setting is read
     * once per JVM, when the first server starts, so it is set here unless someone chose a value.
     */
    private static void enableTcpNoDelay() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Writes a complete response. */
    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Answers 405 with an {@code Allow} header unless the request is a GET (or HEAD). */
    public static boolean requireGet(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "application/json", "{\"error\":\"method " + method + " not allowed\"}");
        return false;
    }

    private void health(HttpExchange exchange, Map<String, Health.Status> statuses) throws IOException {
        if (!requireGet(exchange)) {
            return;
        }
        boolean up = Health.allUp(statuses);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", statuses);
        send(exchange, up ? 200 : 503, "application/json", JSON.writeValueAsString(body));
    }
}
