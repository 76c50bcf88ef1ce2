package org.checkoutpipeline.fulfillment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** GET requests to an HTTP server of the test on {@code 127.0.0.1}. */
public final class TestHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private TestHttp() {
    }

    /** GETs {@code http://127.0.0.1:<port><path>}, the body read as a string. */
    public static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return get(port, path, Map.of());
    }

    /** GETs {@code http://127.0.0.1:<port><path>} with {@code headers}, the body read as a string. */
    public static HttpResponse<String> get(int port, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
