package org.checkoutpipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BearerAuthTest {

    private static final String TOKEN = "3c6e0b8a9c15224a8228b9a98ca1531d";

    private final HttpClient http = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry metrics = Metrics.prometheus("test-service");
    private OpsServer server;

    @BeforeEach
    void start() throws Exception {
        BearerAuth auth = BearerAuth.of("secrets", List.of(TOKEN), metrics, "secret_requests_refused");
        server = OpsServer.create("127.0.0.1", 0, 2, new Health(), metrics)
                .route("/secret", auth.protect(exchange -> OpsServer.send(exchange, 200, "text/plain", "the secret")))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRequestWithoutATokenIsChallengedAndCounted() throws Exception {
        HttpResponse<String> response = get(null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"secrets\"");
        assertThat(response.body()).doesNotContain("the secret").contains("Authorization: Bearer <token>");
        assertThat(metrics.get("secret_requests_refused").tag("reason", "missing").counter().count()).isEqualTo(1);
    }

    @Test
    void anotherSchemeOrAWrongTokenIsRefusedAsInvalid() throws Exception {
        assertThat(get("Basic " + TOKEN).statusCode()).as("not a bearer credential").isEqualTo(401);
        HttpResponse<String> wrong = get("Bearer " + TOKEN.toUpperCase());

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"secrets\", error=\"invalid_token\"");
        assertThat(wrong.body()).doesNotContain(TOKEN.toUpperCase());
        assertThat(metrics.get("secret_requests_refused").tag("reason", "invalid").counter().count()).isEqualTo(1);
        assertThat(get("Bearer " + TOKEN + "0").statusCode()).as("a longer token is not a match").isEqualTo(401);
        assertThat(get("Bearer " + TOKEN.substring(1)).statusCode()).as("nor a shorter one").isEqualTo(401);
    }

    @Test
    void theTokenPassesWhateverTheSchemesCase() throws Exception {
        assertThat(get("Bearer " + TOKEN).body()).isEqualTo("the secret");
        assertThat(get("bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void weakTokensAreRefusedWhenConfigured() {
        assertThat(BearerAuth.weakness(TOKEN)).isNull();
        assertThat(BearerAuth.weakness("short")).contains("at least 32 characters").contains("Got one of 5");
        assertThat(BearerAuth.weakness(TOKEN + " x")).contains("without spaces");
        assertThatThrownBy(() -> BearerAuth.of("r", List.of(), metrics, "m")).hasMessageContaining("at least one token");
        assertThatThrownBy(() -> BearerAuth.of("r", List.of("short"), metrics, "m")).hasMessageContaining("at least 32");
    }

    private HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/secret"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
