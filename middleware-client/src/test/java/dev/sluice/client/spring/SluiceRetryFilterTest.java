package dev.sluice.client.spring;

import dev.sluice.client.RecordingListener;
import dev.sluice.client.RetryBudget;
import dev.sluice.client.RetryDecision;
import dev.sluice.client.RetryDecision.StopReason;
import dev.sluice.client.RetryDecision.WaitSource;
import dev.sluice.client.RetryPolicy;
import dev.sluice.client.SluiceRetry;
import dev.sluice.client.TestTime;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The WebClient filter against a scripted server. */
@Timeout(30)
class SluiceRetryFilterTest {

    private final MockWebServer server = new MockWebServer();
    private final RecordingListener listener = new RecordingListener();
    private final TestTime time = TestTime.at("2026-11-24T10:00:00Z");

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

    private SluiceRetry retry(RetryPolicy policy) {
        return SluiceRetry.builder(policy).listener(listener).clock(time.clock()).nanoTime(time::nanoTime)
                .random(() -> 0.5).budget(RetryBudget.unlimited()).build();
    }

    private WebClient client(SluiceRetryFilter filter) {
        return WebClient.builder().clientConnector(new JdkClientHttpConnector()).baseUrl(server.url("/").toString())
                .filter(filter).build();
    }

    private static Mono<Answer> get(WebClient client, String path) {
        return client.get().uri(path).exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("")
                .map(body -> new Answer(r.statusCode().value(), body)));
    }

    @Test
    void a503ThenA200CompletesWithThe200() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "Tue, 24 Nov 2026 09:00:00 GMT").build());
        server.enqueue(new MockResponse.Builder().code(200).body("hello").build());

        Answer a = get(client(new SluiceRetryFilter(retry(RetryPolicy.ofDefaults()))), "/hello").block(Duration.ofSeconds(10));

        assertThat(a).isEqualTo(new Answer(200, "hello"));
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(listener.retries()).extracting(RetryDecision.Retry::delay).containsExactly(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void theWaitIsAReactorDelayOnTheGivenScheduler() throws Exception {
        // A 30 s wait on virtual time: the call can only finish within this test's few seconds if the wait is a
        // Mono.delay on the scheduler given, which the test moves by hand (and no thread sleeps meanwhile).
        VirtualTimeScheduler virtualTime = VirtualTimeScheduler.create();
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "30").build());
        server.enqueue(new MockResponse.Builder().code(200).body("hello").build());
        WebClient client = client(new SluiceRetryFilter(retry(RetryPolicy.builder().maxWait(Duration.ofMinutes(1)).build()), virtualTime));

        java.util.concurrent.CompletableFuture<Answer> answer = get(client, "/hello").toFuture();
        for (int i = 0; i < 500 && !answer.isDone(); i++) {
            virtualTime.advanceTimeBy(Duration.ofSeconds(30)); // the answer arrives on a real socket, then the delay starts
            Thread.sleep(10);
        }

        assertThat(answer.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(new Answer(200, "hello"));
        assertThat(listener.retries()).extracting(RetryDecision.Retry::delay).containsExactly(Duration.ofSeconds(30));
        virtualTime.dispose();
    }

    @Test
    void theProblemBodyIsReadWhenTheHeaderIsMissingAndStaysReadableWhenTheCallGivesUp() {
        String problem = "{\"status\":503,\"retryAfter\":3600}";
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", "application/problem+json").body(problem).build());

        Answer a = get(client(new SluiceRetryFilter(retry(RetryPolicy.ofDefaults()))), "/hello").block(Duration.ofSeconds(10));

        assertThat(a).isEqualTo(new Answer(503, problem));
        assertThat(listener.stops(StopReason.WAIT_TOO_LONG)).isEqualTo(1);
    }

    @Test
    void aProblemBodyWaitIsTaken() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", "application/problem+json")
                .body("{\"retryAfter\":0}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("hello").build());

        Answer a = get(client(new SluiceRetryFilter(retry(RetryPolicy.ofDefaults()))), "/hello").block(Duration.ofSeconds(10));

        assertThat(a.status()).isEqualTo(200);
        assertThat(listener.retries()).extracting(RetryDecision.Retry::source).containsExactly(WaitSource.PROBLEM_BODY);
    }

    @Test
    void a500AndAPostAreNotRetried() {
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
        WebClient client = client(new SluiceRetryFilter(retry(RetryPolicy.ofDefaults())));

        Answer boom = get(client, "/boom").block(Duration.ofSeconds(10));
        Integer post = client.post().uri("/orders").bodyValue("order=1").exchangeToMono(r -> Mono.just(r.statusCode().value()))
                .block(Duration.ofSeconds(10));

        assertThat(boom.status()).isEqualTo(500);
        assertThat(post).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(listener.stops(StopReason.NOT_IDEMPOTENT)).isEqualTo(1);
    }

    @Test
    void eachSubscriptionIsOneCallInTheBudget() {
        RetryPolicy policy = RetryPolicy.builder().budgetShare(0.5).budgetMinRetriesPerSecond(0).build();
        SluiceRetry retry = SluiceRetry.builder(policy).nanoTime(time::nanoTime).build();
        server.enqueue(new MockResponse.Builder().code(200).build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        Mono<Answer> call = get(client(new SluiceRetryFilter(retry)), "/hello");

        call.block(Duration.ofSeconds(10));
        call.block(Duration.ofSeconds(10));

        assertThat(retry.budget().available()).isEqualTo(1.0);
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedAsWebClientDoes() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        WebClient client = WebClient.builder().clientConnector(new JdkClientHttpConnector()).baseUrl("http://127.0.0.1:" + port)
                .filter(new SluiceRetryFilter(retry(RetryPolicy.ofDefaults().toBuilder().initialBackoff(Duration.ofMillis(1)).build())))
                .build();

        StepVerifier.create(client.get().uri("/hello").retrieve().toBodilessEntity())
                .expectError(WebClientRequestException.class)
                .verify(Duration.ofSeconds(10));
        assertThat(listener.retries()).hasSize(2);
    }

}
