package dev.sluice.benchmarks.quarkus;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The app the experiment measures: /work holds a worker and is counted; both shedders are off by default. */
@QuarkusTest
class WorkResourceTest {

    @TestHTTPResource("/work")
    URI work;

    @Inject
    Workers workers;

    @Test
    void workIsServedAndCountedAndNothingShedsByDefault() throws Exception {
        workers.reset();
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(work + "?ms=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("worked 1 ms\n");
        }
        assertThat(workers.stats()).startsWith("STATS served=3 failed=0 ").contains("limitLast=-1");
        HttpResponse<String> bad = client.send(HttpRequest.newBuilder(URI.create(work + "?ms=-1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
    }
}
