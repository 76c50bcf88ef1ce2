package org.checkoutpipeline.allinone;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads one order's status from the fulfillment worker's status API, as a person's browser would. */
final class StatusApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusApi() {
    }

    /** The order's {@code status}, or the HTTP status code when there is none yet (404, 503). */
    static String statusOf(URI statusUrl) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(statusUrl).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        return JSON.readTree(response.body()).path("status").asText();
    }

    /** The order's whole status document; fails unless the API answers 200. */
    static com.fasterxml.jackson.databind.JsonNode json(URI statusUrl) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(statusUrl).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + statusUrl + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static int post(String url, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
