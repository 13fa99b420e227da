package dev.sluice.client.jdk;

import dev.sluice.client.RecordingListener;
import dev.sluice.client.RecordingSleeper;
import dev.sluice.client.RetryBudget;
import dev.sluice.client.RetryDecision;
import dev.sluice.client.RetryDecision.StopReason;
import dev.sluice.client.RetryDecision.WaitSource;
import dev.sluice.client.RetryPolicy;
import dev.sluice.client.SluiceRetry;
import dev.sluice.client.TestTime;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDK adapter against a scripted server (OkHttp's MockWebServer): real HTTP, waits recorded instead of
 * slept, time and chance injected.
 */
@Timeout(30) // a scripted server with nothing queued waits for ever; a bug must fail, not hang
class SluiceHttpClientTest {

    private static final String PROBLEM = "application/problem+json";

    private final MockWebServer server = new MockWebServer();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final RecordingListener listener = new RecordingListener();
    private final TestTime time = TestTime.at("2026-11-24T10:00:00Z");

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SluiceHttpClient client(RetryPolicy policy) {
        return client(policy, RetryBudget.unlimited());
    }

    private SluiceHttpClient client(RetryPolicy policy, RetryBudget budget) {
        SluiceRetry retry = SluiceRetry.builder(policy).listener(listener).clock(time.clock()).nanoTime(time::nanoTime)
                .random(() -> 0.5).budget(budget).build();
        return SluiceHttpClient.of(http, retry, sleeper);
    }

    private URI uri() {
        return server.url("/hello").uri();
    }

    private HttpRequest get() {
        return HttpRequest.newBuilder(uri()).GET().build();
    }

    private static MockResponse status(int code, String... headers) {
        MockResponse.Builder b = new MockResponse.Builder().code(code);
        for (int i = 0; i < headers.length; i += 2) {
            b.addHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    private static MockResponse ok() {
        return new MockResponse.Builder().code(200).body("hello").build();
    }

    @Test
    void a503WithRetryAfterIsRetriedAfterThatWaitAndTheNextAnswerReturned() throws Exception {
        server.enqueue(status(503, "Retry-After", "2"));
        server.enqueue(ok());

        HttpResponse<String> r = client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anHttpDateInThePastIsRetriedAtOnce() throws Exception {
        server.enqueue(status(503, "Retry-After", "Tue, 24 Nov 2026 09:59:00 GMT"));
        server.enqueue(ok());

        HttpResponse<String> r = client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sleeper.waits()).containsExactly(Duration.ZERO);
    }

    @Test
    void anHttpDateInTheFutureIsWaitedFor() throws Exception {
        server.enqueue(status(503, "Retry-After", "Tue, 24 Nov 2026 10:00:07 GMT"));
        server.enqueue(ok());

        client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofString());

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void garbageRetryAfterFallsBackToTheJitteredBackoff() throws Exception {
        server.enqueue(status(503, "Retry-After", "in a minute"));
        server.enqueue(ok());

        HttpResponse<String> r = client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(100)); // half of the 200 ms initial ceiling
        assertThat(listener.retries()).extracting(RetryDecision.Retry::source).containsExactly(WaitSource.BACKOFF);
    }

    @Test
    void aNegativeRetryAfterIsGarbageToo() throws Exception {
        server.enqueue(status(503, "Retry-After", "-30"));
        server.enqueue(ok());

        client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofString());

        assertThat(listener.retries()).extracting(RetryDecision.Retry::source).containsExactly(WaitSource.BACKOFF);
    }

    @Test
    void aHugeRetryAfterReturnsThe503AtOnce() throws Exception {
        server.enqueue(status(503, "Retry-After", "999999999999999999999999"));
        server.enqueue(ok());

        HttpResponse<String> r = client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("999999999999999999999999");
        assertThat(sleeper.waits()).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(listener.stops(StopReason.WAIT_TOO_LONG)).isEqualTo(1);
    }

    @Test
    void withBothHeaderAndBodyTheHeaderWins() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").addHeader("Content-Type", PROBLEM)
                .body("{\"status\":503,\"retryAfter\":60}").build());
        server.enqueue(ok());

        client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofString());

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void withoutTheHeaderTheProblemBodySaysHowLong() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", PROBLEM)
                .body("{\"type\":\"https://sluice.dev/problems/overload\",\"status\":503,\"retryAfter\":3}").build());
        server.enqueue(ok());

        HttpResponse<String> r = client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofString());

        assertThat(r.body()).isEqualTo("hello");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
        assertThat(listener.retries()).extracting(RetryDecision.Retry::source).containsExactly(WaitSource.PROBLEM_BODY);
    }

    @Test
    void aProblemBodyReadForTheDecisionIsStillTheCallersWhenTheCallGivesUp() throws Exception {
        String problem = "{\"status\":503,\"detail\":\"back at noon\",\"retryAfter\":7200}";
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", PROBLEM).body(problem).build());

        HttpResponse<String> asString = client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofString());
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", PROBLEM).body(problem).build());
        HttpResponse<InputStream> asStream = client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofInputStream());

        assertThat(asString.statusCode()).isEqualTo(503);
        assertThat(asString.body()).isEqualTo(problem);
        try (InputStream in = asStream.body()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(problem);
        }
        assertThat(listener.stops(StopReason.WAIT_TOO_LONG)).isEqualTo(2);
    }

    @Test
    void withNoHintAtAllTheBackoffGrowsPerRetry() throws Exception {
        server.enqueue(status(503));
        server.enqueue(status(503));
        server.enqueue(ok());

        HttpResponse<String> r = client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void a429WaitsForTheRateLimitReset() throws Exception {
        server.enqueue(status(429, "Retry-After", "1", "RateLimit", "\"quota\";r=0;t=4", "RateLimit-Policy", "\"quota\";q=5;w=10"));
        server.enqueue(ok());

        HttpResponse<String> r = client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void a500IsNotRetried() throws Exception {
        server.enqueue(status(500, "Retry-After", "1"));
        server.enqueue(ok());

        HttpResponse<String> r = client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aPostIsNotRetried() throws Exception {
        server.enqueue(status(503, "Retry-After", "1"));
        server.enqueue(ok());
        HttpRequest post = HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.ofString("order=1")).build();

        HttpResponse<String> r = client(RetryPolicy.ofDefaults()).send(post, BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(listener.stops(StopReason.NOT_IDEMPOTENT)).isEqualTo(1);
    }

    @Test
    void aPostWithAnIdempotencyKeyIsRetriedWithTheSameKeyAndBody() throws Exception {
        server.enqueue(status(503, "Retry-After", "1"));
        server.enqueue(ok());
        HttpRequest post = HttpRequest.newBuilder(uri()).header("Idempotency-Key", "order-42")
                .POST(HttpRequest.BodyPublishers.ofString("order=42")).build();

        HttpResponse<String> r = client(RetryPolicy.ofDefaults()).send(post, BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        RecordedRequest first = server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest second = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(second.getMethod()).isEqualTo("POST");
        assertThat(second.getHeaders().get("Idempotency-Key")).isEqualTo("order-42");
        assertThat(second.getBody().utf8()).isEqualTo(first.getBody().utf8()).isEqualTo("order=42");
    }

    @Test
    void theLastRetryableAnswerIsReturnedWhenTheAttemptsAreSpent() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(status(503, "Retry-After", "1"));
        }

        HttpResponse<String> r = client(RetryPolicy.ofDefaults()).send(get(), BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(listener.stops(StopReason.MAX_ATTEMPTS)).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsRetriedAndTheLastFailureThrown() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + freePort() + "/hello");

        assertThatThrownBy(() -> client(RetryPolicy.ofDefaults()).send(HttpRequest.newBuilder(nowhere).build(), BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
        assertThat(listener.retries()).hasSize(2).allSatisfy(r -> assertThat(r.signal()).isEqualTo(RetryDecision.Signal.CONNECT_FAILURE));
    }

    @Test
    void aDeadlineCutsTheAttemptsOwnTimeout() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).build());
        SluiceHttpClient client = SluiceHttpClient.of(http, SluiceRetry.of(RetryPolicy.ofDefaults()), sleeper);

        assertThatThrownBy(() -> client.send(get(), BodyHandlers.ofString(), Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void aServerThatAlwaysAnswers503SeesAtMostRequestsTimesOnePlusTheShareAttemptsPlusTheFloor() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return status(503, "Retry-After", "0");
            }
        });
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).budgetShare(0.1).budgetMinRetriesPerSecond(1)
                .budgetWindow(Duration.ofSeconds(10)).build();
        SluiceHttpClient client = client(policy, RetryBudget.of(policy, time::nanoTime));
        int requests = 100;

        for (int i = 0; i < requests; i++) {
            assertThat(client.send(get(), BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        }

        // Without the budget: 500 attempts. With it: 100 × 1.1 + 1 × 10.
        assertThat(server.getRequestCount()).isGreaterThan(requests).isLessThanOrEqualTo((int) (requests * 1.1) + 10);
        assertThat(listener.stops(StopReason.BUDGET_EXHAUSTED)).isPositive();
    }

    @Test
    void asyncRetriesWithoutBlockingAndCompletesWithTheNextAnswer() throws Exception {
        server.enqueue(status(503, "Retry-After", "0"));
        server.enqueue(status(429, "Retry-After", "Tue, 24 Nov 2026 09:00:00 GMT"));
        server.enqueue(ok());

        HttpResponse<String> r = client(RetryPolicy.ofDefaults()).sendAsync(get(), BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeper.waits()).as("the async path never uses the blocking sleeper").isEmpty();
        assertThat(listener.retries()).extracting(RetryDecision.Retry::delay).containsExactly(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void asyncHandsBackAFinalAnswerAsItIs() throws Exception {
        server.enqueue(status(500));

        HttpResponse<String> r = client(RetryPolicy.ofDefaults()).sendAsync(get(), BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void asyncFailsWithTheConnectFailureAfterItsRetries() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + freePort() + "/hello");
        CompletableFuture<HttpResponse<String>> f = client(RetryPolicy.ofDefaults().toBuilder().initialBackoff(Duration.ofMillis(1)).build())
                .sendAsync(HttpRequest.newBuilder(nowhere).build(), BodyHandlers.ofString());

        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ConnectException.class);
        assertThat(listener.retries()).hasSize(2);
    }

    @Test
    void cancellingAnAsyncCallStopsItsRetries() throws Exception {
        server.enqueue(status(503, "Retry-After", "1"));
        server.enqueue(ok());
        CompletableFuture<HttpResponse<String>> f = client(RetryPolicy.ofDefaults()).sendAsync(get(), BodyHandlers.ofString());
        server.takeRequest(5, TimeUnit.SECONDS);
        for (int i = 0; i < 500 && listener.retries().isEmpty(); i++) {
            Thread.sleep(10); // the decision to wait 1 s is made just after the answer arrives
        }
        assertThat(listener.retries()).hasSize(1);

        f.cancel(true);
        Thread.sleep(1500); // past the wait: a retry would have been sent by now

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
