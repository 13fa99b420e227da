package dev.sluice.client.spring;

import dev.sluice.client.RecordingListener;
import dev.sluice.client.RecordingSleeper;
import dev.sluice.client.RetryBudget;
import dev.sluice.client.RetryDecision;
import dev.sluice.client.RetryDecision.StopReason;
import dev.sluice.client.RetryPolicy;
import dev.sluice.client.SluiceRetry;
import dev.sluice.client.TestTime;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The RestClient interceptor against a scripted server; waits recorded, not slept. */
@Timeout(30)
class SluiceRetryInterceptorTest {

    private final MockWebServer server = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final RecordingListener listener = new RecordingListener();
    private final TestTime time = TestTime.at("2026-11-24T10:00:00Z");

    /** What a call ended with, read inside {@code exchange} so error statuses are values, not exceptions. */
    record Answer(int status, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RestClient client(RetryPolicy policy) {
        SluiceRetry retry = SluiceRetry.builder(policy).listener(listener).clock(time.clock()).nanoTime(time::nanoTime)
                .random(() -> 0.5).budget(RetryBudget.unlimited()).build();
        return RestClient.builder().requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl(server.url("/").toString())
                .requestInterceptor(new SluiceRetryInterceptor(retry, sleeper)).build();
    }

    private static Answer get(RestClient client, String path) {
        return client.get().uri(path).exchange((request, response) ->
                new Answer(response.getStatusCode().value(), new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    @Test
    void a503WithRetryAfterIsRetriedAfterThatWait() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "2").build());
        server.enqueue(new MockResponse.Builder().code(200).body("hello").build());

        Answer a = get(client(RetryPolicy.ofDefaults()), "/hello");

        assertThat(a).isEqualTo(new Answer(200, "hello"));
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void theProblemBodyIsReadWhenTheHeaderIsMissingAndStaysReadableWhenTheCallGivesUp() {
        String problem = "{\"status\":503,\"retryAfter\":3600}";
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", "application/problem+json").body(problem).build());

        Answer a = get(client(RetryPolicy.ofDefaults()), "/hello");

        assertThat(a).isEqualTo(new Answer(503, problem));
        assertThat(listener.stops(StopReason.WAIT_TOO_LONG)).isEqualTo(1);
    }

    @Test
    void aProblemBodyWaitIsTaken() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", "application/problem+json")
                .body("{\"retryAfter\":4}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("hello").build());

        assertThat(get(client(RetryPolicy.ofDefaults()), "/hello").status()).isEqualTo(200);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void a500IsNotRetried() {
        server.enqueue(new MockResponse.Builder().code(500).build());

        assertThat(get(client(RetryPolicy.ofDefaults()), "/boom").status()).isEqualTo(500);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aPostIsNotRetriedButOneWithAnIdempotencyKeyIs() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build());
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build());
        server.enqueue(new MockResponse.Builder().code(201).build());
        RestClient client = client(RetryPolicy.ofDefaults());

        int plain = client.post().uri("/orders").body("order=1").exchange((req, res) -> res.getStatusCode().value());
        int keyed = client.post().uri("/orders").header("Idempotency-Key", "order-2").body("order=2")
                .exchange((req, res) -> res.getStatusCode().value());

        assertThat(plain).isEqualTo(503);
        assertThat(keyed).isEqualTo(201);
        server.takeRequest(1, TimeUnit.SECONDS);
        server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest retried = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(retried.getBody().utf8()).isEqualTo("order=2");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aCallTimeoutAttributeGivesUpAWaitThatDoesNotFit() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "8").build());

        int status = client(RetryPolicy.ofDefaults()).get().uri("/hello")
                .attribute(SluiceRetryAttributes.CALL_TIMEOUT, Duration.ofSeconds(5))
                .exchange((req, res) -> res.getStatusCode().value());

        assertThat(status).isEqualTo(503);
        assertThat(listener.stops(StopReason.DEADLINE)).isEqualTo(1);
    }

    @Test
    void aCallTimeoutThatIsNotADurationFailsNamingTheAttribute() {
        RestClient client = client(RetryPolicy.ofDefaults());

        assertThatThrownBy(() -> client.get().uri("/hello").attribute(SluiceRetryAttributes.CALL_TIMEOUT, "5s").retrieve().toBodilessEntity())
                .hasMessageContaining("dev.sluice.client.callTimeout must be a positive java.time.Duration, but was 5s");
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedAsRestClientDoes() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RestClient client = client(RetryPolicy.ofDefaults()).mutate().baseUrl("http://127.0.0.1:" + port).build();

        assertThatThrownBy(() -> client.get().uri("/hello").retrieve().toBodilessEntity())
                .isInstanceOf(ResourceAccessException.class)
                .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(ConnectException.class));
        assertThat(listener.retries()).hasSize(2).allSatisfy(r -> assertThat(r.signal()).isEqualTo(RetryDecision.Signal.CONNECT_FAILURE));
    }

    private static java.util.List<Throwable> causes(Throwable t) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && chain.size() < 10; c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    @Test
    void anInterruptDuringTheWaitEndsTheCallAndKeepsTheFlag() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build());
        SluiceRetry retry = SluiceRetry.of(RetryPolicy.ofDefaults());
        RestClient client = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()).baseUrl(server.url("/").toString())
                .requestInterceptor(new SluiceRetryInterceptor(retry, wait -> {
                    throw new InterruptedException("stop");
                })).build();

        try {
            assertThatThrownBy(() -> client.get().uri("/hello").retrieve().toBodilessEntity())
                    .hasRootCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
