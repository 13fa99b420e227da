package dev.sluice.client.e2e;

import dev.sluice.client.RecordingListener;
import dev.sluice.client.RetryDecision;
import dev.sluice.client.RetryDecision.StopReason;
import dev.sluice.client.RetryPolicy;
import dev.sluice.client.SluiceRetry;
import dev.sluice.client.jdk.SluiceHttpClient;
import dev.sluice.client.spring.SluiceRetryFilter;
import dev.sluice.client.spring.SluiceRetryInterceptor;
import dev.sluice.event.RequestRejected;
import dev.sluice.event.SluiceListener;
import dev.sluice.sample.jetty.JettySampleApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client against the real thing: the Jetty sample (CONTRACT §8) with Sluice's filter, switched into
 * maintenance through its admin servlet. Waits here are real; no test asserts how long anything took, only
 * that a wait was asked for and honoured (it ends in a 200) and how many attempts were made.
 */
@Timeout(60)
class JettySampleRetryTest {

    private static final String TOKEN = "client-e2e-" + UUID.randomUUID();
    private static final Pattern RATE_LIMIT_T = Pattern.compile(";t=(\\d+)");

    private static JettySampleApp app;
    private static final List<RequestRejected> rejected = new CopyOnWriteArrayList<>();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final RecordingListener listener = new RecordingListener();

    @BeforeAll
    static void startSample() throws Exception {
        app = JettySampleApp.start("127.0.0.1", 0, Map.of("sluice.admin.token", TOKEN));
        // The server's own account of what it refused: attempts as the server saw them.
        app.sluice().addListener(new SluiceListener() {
            @Override
            public void onRequestRejected(RequestRejected event) {
                rejected.add(event);
            }
        });
    }

    @AfterAll
    static void stopSample() throws Exception {
        app.close();
    }

    @AfterEach
    void maintenanceOff() throws Exception {
        HttpResponse<String> r = http.send(admin().DELETE().build(), BodyHandlers.ofString());
        assertThat(r.statusCode()).as("switching maintenance off: %s", r.body()).isEqualTo(200);
        rejected.clear();
    }

    private static HttpRequest.Builder admin() {
        return HttpRequest.newBuilder(app.baseUri().resolve("/admin/maintenance"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json");
    }

    private static void maintenanceFor(Duration duration) throws Exception {
        HttpResponse<String> r = http.send(admin().POST(HttpRequest.BodyPublishers.ofString("{\"duration\":\"" + duration + "\"}")).build(),
                BodyHandlers.ofString());
        assertThat(r.statusCode()).as("switching maintenance on: %s", r.body()).isEqualTo(200);
    }

    private SluiceRetry retry(RetryPolicy policy) {
        return SluiceRetry.builder(policy).listener(listener).build();
    }

    private URI uri(String path) {
        return app.baseUri().resolve(path);
    }

    /** After a 2 s maintenance the client got 200 on a retry, having waited at least a second as told. */
    private void assertWaitedOutTheMaintenance(int status, String body) {
        assertThat(status).isEqualTo(200);
        assertThat(body).isEqualTo("hello");
        List<RetryDecision.Retry> retries = listener.retries();
        assertThat(retries).as("retried at least once").isNotEmpty();
        assertThat(retries.get(0).status()).isEqualTo(503);
        assertThat(retries.get(0).source()).isEqualTo(RetryDecision.WaitSource.RETRY_AFTER);
        assertThat(retries.get(0).delay()).as("the wait the server asked for").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(rejected).as("the server refused the first attempt for maintenance").isNotEmpty()
                .allSatisfy(e -> assertThat(e.path()).isEqualTo("/hello"));
    }

    @Test
    void theJdkClientWaitsOutATwoSecondMaintenanceAndGets200() throws Exception {
        maintenanceFor(Duration.ofSeconds(2));
        SluiceHttpClient client = SluiceHttpClient.of(http, retry(RetryPolicy.ofDefaults()));

        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/hello")).build(), BodyHandlers.ofString());

        assertWaitedOutTheMaintenance(r.statusCode(), r.body());
    }

    @Test
    void theAsyncJdkClientWaitsOutATwoSecondMaintenanceAndGets200() throws Exception {
        maintenanceFor(Duration.ofSeconds(2));
        SluiceHttpClient client = SluiceHttpClient.of(http, retry(RetryPolicy.ofDefaults()));

        HttpResponse<String> r = client.sendAsync(HttpRequest.newBuilder(uri("/hello")).build(), BodyHandlers.ofString())
                .get(30, TimeUnit.SECONDS);

        assertWaitedOutTheMaintenance(r.statusCode(), r.body());
    }

    @Test
    void theRestClientWaitsOutATwoSecondMaintenanceAndGets200() throws Exception {
        maintenanceFor(Duration.ofSeconds(2));
        RestClient client = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(http))
                .requestInterceptor(new SluiceRetryInterceptor(retry(RetryPolicy.ofDefaults()))).build();

        String body = client.get().uri(uri("/hello")).retrieve().body(String.class);

        assertWaitedOutTheMaintenance(200, body);
    }

    @Test
    void theWebClientWaitsOutATwoSecondMaintenanceAndGets200() throws Exception {
        maintenanceFor(Duration.ofSeconds(2));
        WebClient client = WebClient.builder().clientConnector(new JdkClientHttpConnector(http))
                .filter(new SluiceRetryFilter(retry(RetryPolicy.ofDefaults()))).build();

        String body = client.get().uri(uri("/hello")).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));

        assertWaitedOutTheMaintenance(200, body);
    }

    @Test
    void anHourOfMaintenanceAndAFiveSecondDeadlineGiveUpAtOnceWithThe503() throws Exception {
        maintenanceFor(Duration.ofHours(1));
        // maxWait above an hour, so that only the deadline can refuse the wait.
        SluiceHttpClient client = SluiceHttpClient.of(http, retry(RetryPolicy.builder().maxWait(Duration.ofHours(2)).build()));

        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/hello")).header("Accept", "application/json").build(),
                BodyHandlers.ofString(), Duration.ofSeconds(5));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(3500);
        assertThat(r.body()).contains("\"retryAfter\":");
        assertThat(listener.decisions()).as("exactly one attempt").hasSize(1);
        assertThat(listener.stops(StopReason.DEADLINE)).isEqualTo(1);
        assertThat(rejected).as("the server saw exactly one attempt").hasSize(1);
    }

    @Test
    void at429OnQuotaTheClientWaitsUntilTheBucketRefills() throws Exception {
        String key = "client-e2e-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            assertThat(http.send(HttpRequest.newBuilder(uri("/quota")).header("X-Api-Key", key).build(), BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
        }
        HttpResponse<String> probe = http.send(HttpRequest.newBuilder(uri("/quota")).header("X-Api-Key", key).build(), BodyHandlers.ofString());
        assertThat(probe.statusCode()).isEqualTo(429);
        Matcher t = RATE_LIMIT_T.matcher(probe.headers().firstValue("RateLimit").orElseThrow());
        assertThat(t.find()).isTrue();
        long resetSeconds = Long.parseLong(t.group(1));
        SluiceHttpClient client = SluiceHttpClient.of(http, retry(RetryPolicy.builder().maxWait(Duration.ofSeconds(15)).build()));

        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/quota")).header("X-Api-Key", key).build(), BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("quota ok");
        List<RetryDecision.Retry> retries = listener.retries();
        assertThat(retries).hasSize(1);
        assertThat(retries.get(0).status()).isEqualTo(429);
        assertThat(retries.get(0).delay()).as("never earlier than the reset RateLimit announced (t=%d a moment before)", resetSeconds)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(Math.max(1, resetSeconds - 1)));
    }

    @Test
    void aPostIsNotRetried() throws Exception {
        maintenanceFor(Duration.ofHours(1));
        SluiceHttpClient client = SluiceHttpClient.of(http, retry(RetryPolicy.ofDefaults()));

        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/hello")).POST(HttpRequest.BodyPublishers.ofString("x=1")).build(),
                BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(listener.decisions()).hasSize(1);
        assertThat(listener.stops(StopReason.NOT_IDEMPOTENT)).isEqualTo(1);
        assertThat(rejected).as("the server saw one POST").hasSize(1).allSatisfy(e -> assertThat(e.method()).isEqualTo("POST"));
    }

    @Test
    void aBoomIsA500AndIsNotRetried() throws Exception {
        SluiceHttpClient client = SluiceHttpClient.of(http, retry(RetryPolicy.builder().retryStatuses(429, 502, 503, 504).build()));

        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/boom")).build(), BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(listener.decisions()).hasSize(1);
        assertThat(listener.stops(StopReason.NOT_RETRYABLE)).isEqualTo(1);
    }

    @Test
    void theWebClientGivesUpOnAnHourOfMaintenanceAndHandsBackThe503() throws Exception {
        maintenanceFor(Duration.ofHours(1));
        WebClient client = WebClient.builder().clientConnector(new JdkClientHttpConnector(http))
                .filter(new SluiceRetryFilter(retry(RetryPolicy.ofDefaults()))).build();

        Integer status = client.get().uri(uri("/hello")).exchangeToMono(r -> Mono.just(r.statusCode().value())).block(Duration.ofSeconds(10));

        assertThat(status).isEqualTo(503);
        assertThat(listener.stops(StopReason.WAIT_TOO_LONG)).as("an hour is beyond the default maxWait of 10 s").isEqualTo(1);
    }
}
