package dev.sluice.contract;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CONTRACT §1 (the server sheds load) and §6 (a permit comes back also on client abort), on the samples'
 * shedding settings of §8: at most 16 requests in flight, {@code /work} ordinary, {@code /hello} critical.
 * The in-flight count is read from the admin state ({@code shedding.inFlight}).
 */
public interface OverloadContract extends ContractBase {

    int CAP = 16;
    /** Ordinary requests stop at the default normal share, half the limit. */
    int ORDINARY_CAP = CAP / 2;

    @Test
    default void aBurstGetsOnly200And503WithJitteredRetryAfterAndTheCriticalRouteIsStillServed() throws Exception {
        HttpClient burstClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            burst.add(burstClient.sendAsync(HttpRequest.newBuilder(URI.create(app().baseUri() + "/work?ms=2000"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        // Wait until the limit is reached: refusals have come back while admitted requests are still working.
        await().atMost(Duration.ofSeconds(10)).until(() -> burst.stream().anyMatch(f -> f.isDone() && f.join().statusCode() == 503));
        int inFlightDuringBurst = adminState().path("shedding").path("inFlight").asInt(-1);
        HttpResponse<String> hello = get("/hello");
        boolean burstStillRunning = burst.stream().anyMatch(f -> !f.isDone());

        assertThat(inFlightDuringBurst).as("in flight during the burst").isBetween(1, CAP);
        assertThat(burstStillRunning).as("/hello was asked while the burst was in flight").isTrue();
        assertThat(hello.statusCode()).as("the critical route is served during the burst").isEqualTo(200);

        List<HttpResponse<String>> answers = burst.stream().map(CompletableFuture::join).toList();
        List<Long> retryAfters = new ArrayList<>();
        for (HttpResponse<String> r : answers) {
            assertThat(r.statusCode()).as("a burst gets only 200 and 503").isIn(200, 503);
            if (r.statusCode() == 503) {
                retryAfters.add(retryAfterSeconds(r));
                assertThat(r.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
                assertThat(json(r.body()).path("type").asText()).as("problem+json is the default for API clients").endsWith("/overload");
            }
        }
        assertThat(answers.stream().filter(r -> r.statusCode() == 200).count()).as("admitted").isBetween(1L, (long) ORDINARY_CAP);
        assertThat(retryAfters).as("Retry-After on every 503, within 1–5 s").allSatisfy(s -> assertThat(s).isBetween(1L, 5L));
        assertThat(retryAfters.stream().distinct().count()).as("Retry-After is jittered, not one value for everyone").isGreaterThan(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> adminState().path("shedding").path("inFlight").asInt(-1) == 0);
    }

    @Test
    default void afterClientsAbortMidRequestTheInFlightCountReturnsToZero() throws Exception {
        URI base = app().baseUri();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < ORDINARY_CAP; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
                s.getOutputStream().write(("GET /work?ms=1500 HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                sockets.add(s);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> adminState().path("shedding").path("inFlight").asInt(-1) == ORDINARY_CAP);
        } finally {
            for (Socket s : sockets) {
                s.setSoLinger(true, 0); // reset, as a client that goes away does
                s.close();
            }
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> adminState().path("shedding").path("inFlight").asInt(-1) == 0);
        assertThat(get("/work?ms=1").statusCode()).isEqualTo(200);
    }
}
