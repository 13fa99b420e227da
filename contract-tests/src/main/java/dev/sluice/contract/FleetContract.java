package dev.sluice.contract;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §10, fleet-wide state, stated once for every adapter: two instances of the app, each with the Redis
 * store ({@link #properties}) on the same real {@code redis-server}. A switch through one instance's admin
 * reaches the other within 1 s, and the two together admit exactly the {@code /quota} policy's 5 per 10 s per
 * client, not 10.
 */
public interface FleetContract {

    /** The Redis store settings both instances run with (besides {@link ContractSettings}), for a namespace of their own. */
    static Map<String, String> properties(RedisServer redis, String namespace) {
        return Map.of("sluice.maintenance.store", "redis", "sluice.client-limits.store", "redis",
                "sluice.redis.uri", redis.uri().toString(), "sluice.redis.namespace", namespace);
    }

    /** Instance A. */
    AppUnderTest first();

    /** Instance B, another process or server sharing A's Redis and namespace. */
    AppUnderTest second();

    @AfterEach
    default void maintenanceOffOnBoth() throws Exception {
        for (AppUnderTest app : List.of(first(), second())) {
            HttpResponse<String> off = admin(app, "DELETE", null);
            assertThat(off.statusCode()).as("maintenance off after the test: %s", off.body()).isIn(200, 503);
        }
    }

    @Test
    default void aSwitchThroughOneInstanceReachesTheOtherWithinASecondBothWays() throws Exception {
        List<Long> delays = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            long sent = System.nanoTime();
            HttpResponse<String> on = admin(first(), "POST", "{\"message\":\"fleet upgrade\",\"duration\":\"PT10M\"}");
            assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
            delays.add(awaitStatus(second(), 503, sent));
            HttpResponse<String> answer = get(second(), "/hello");
            assertThat(answer.body()).contains("fleet upgrade");
            assertThat(Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow())).isBetween(590L, 600L);

            sent = System.nanoTime();
            assertThat(admin(second(), "DELETE", null).statusCode()).isEqualTo(200);
            delays.add(awaitStatus(first(), 200, sent));
        }
        assertThat(Collections.max(delays)).as("propagation delays in ms: %s", delays).isLessThanOrEqualTo(1000);
    }

    @Test
    default void twoInstancesTogetherAdmitExactlyTheQuotaPerClient() throws Exception {
        String client = "fleet-client-" + System.nanoTime();
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        List<String> other = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (AppUnderTest app : List.of(first(), second())) {
                for (int t = 0; t < 4; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 5; i++) {
                            HttpResponse<String> r = get(app, "/quota", "X-Api-Key", client);
                            if (r.statusCode() == 200) {
                                admitted.incrementAndGet();
                            } else if (r.statusCode() == 429) {
                                limited.incrementAndGet();
                            } else {
                                other.add(r.statusCode() + " " + r.body());
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(other).isEmpty();
        assertThat(admitted.get()).as("admitted across the fleet (40 requests in one 10 s window)").isEqualTo(5);
        assertThat(limited.get()).isEqualTo(35);
    }

    private static long awaitStatus(AppUnderTest app, int status, long since) throws Exception {
        long deadline = since + Duration.ofSeconds(5).toNanos();
        while (true) {
            if (get(app, "/hello").statusCode() == status) {
                return (System.nanoTime() - since) / 1_000_000;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(app.baseUri() + "/hello never answered " + status + " within 5 s");
            }
            Thread.sleep(5);
        }
    }

    private static HttpResponse<String> get(AppUnderTest app, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUri() + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return ContractBase.Kit.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> admin(AppUnderTest app, String method, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUri() + app.adminPath())).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ContractSettings.ADMIN_TOKEN).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return ContractBase.Kit.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
