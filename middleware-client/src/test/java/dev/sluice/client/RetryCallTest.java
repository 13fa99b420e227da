package dev.sluice.client;

import dev.sluice.client.RetryDecision.Retry;
import dev.sluice.client.RetryDecision.Signal;
import dev.sluice.client.RetryDecision.Stop;
import dev.sluice.client.RetryDecision.StopReason;
import dev.sluice.client.RetryDecision.WaitSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision after an attempt, on injected time and chance: no test here waits. */
class RetryCallTest {

    private static final Supplier<String> NO_BODY = () -> {
        throw new AssertionError("the body must not be read");
    };

    private final TestTime time = TestTime.at("2026-11-24T10:00:00Z");
    private final List<RetryDecision> heard = new ArrayList<>();
    private double nextRandom = 0.5;

    private SluiceRetry retry(RetryPolicy policy) {
        return retry(policy, RetryBudget.unlimited());
    }

    private SluiceRetry retry(RetryPolicy policy, RetryBudget budget) {
        return SluiceRetry.builder(policy).clock(time.clock()).nanoTime(time::nanoTime).random(() -> nextRandom)
                .budget(budget).listener((method, d) -> heard.add(d)).build();
    }

    private RetryCall get(RetryPolicy policy) {
        return retry(policy).newCall("GET", Headers.NONE);
    }

    private static RetryDecision answer(RetryCall call, int status, Function<String, List<String>> headers) {
        return call.onResponse(status, headers, NO_BODY);
    }

    @Test
    void a503WithRetryAfterIsRetriedAfterThatManySeconds() {
        RetryDecision d = answer(get(RetryPolicy.ofDefaults()), 503, Headers.of("Retry-After", "3"));

        assertThat(d).isEqualTo(new Retry(1, 503, Signal.SERVICE_UNAVAILABLE, Duration.ofSeconds(3), WaitSource.RETRY_AFTER));
    }

    @Test
    void anHttpDateIsReadOnTheInjectedWallClock() {
        RetryDecision d = answer(get(RetryPolicy.ofDefaults()), 503, Headers.of("Retry-After", "Tue, 24 Nov 2026 10:00:04 GMT"));

        assertThat(d).isInstanceOfSatisfying(Retry.class, r -> assertThat(r.delay()).isEqualTo(Duration.ofSeconds(4)));
    }

    @Test
    void anHttpDateInThePastIsRetriedAtOnce() {
        RetryDecision d = answer(get(RetryPolicy.ofDefaults()), 503, Headers.of("Retry-After", "Tue, 24 Nov 2026 09:00:00 GMT"));

        assertThat(d).isEqualTo(new Retry(1, 503, Signal.SERVICE_UNAVAILABLE, Duration.ZERO, WaitSource.RETRY_AFTER));
    }

    @Test
    void a429WaitsForTheRateLimitResetWhenItIsLaterThanRetryAfter() {
        RetryDecision d = answer(get(RetryPolicy.ofDefaults()), 429, Headers.of("Retry-After", "2", "RateLimit", "\"quota\";r=0;t=7"));

        assertThat(d).isEqualTo(new Retry(1, 429, Signal.TOO_MANY_REQUESTS, Duration.ofSeconds(7), WaitSource.RATE_LIMIT));
    }

    @Test
    void a429KeepsRetryAfterWhenItIsLaterThanTheReset() {
        RetryDecision d = answer(get(RetryPolicy.ofDefaults()), 429, Headers.of("Retry-After", "8", "RateLimit", "\"quota\";r=0;t=7"));

        assertThat(d).isInstanceOfSatisfying(Retry.class, r -> {
            assertThat(r.delay()).isEqualTo(Duration.ofSeconds(8));
            assertThat(r.source()).isEqualTo(WaitSource.RETRY_AFTER);
        });
    }

    @Test
    void a429WithOnlyTheRateLimitFieldWaitsForItsReset() {
        RetryDecision d = answer(get(RetryPolicy.ofDefaults()), 429, Headers.of("RateLimit", "\"quota\";r=0;t=4"));

        assertThat(d).isInstanceOfSatisfying(Retry.class, r -> assertThat(r.delay()).isEqualTo(Duration.ofSeconds(4)));
    }

    @Test
    void aRateLimitFieldOnA503IsNotAReasonToWait() {
        RetryDecision d = answer(get(RetryPolicy.ofDefaults()), 503, Headers.of("Retry-After", "1", "RateLimit", "\"quota\";r=0;t=9"));

        assertThat(d).isInstanceOfSatisfying(Retry.class, r -> assertThat(r.delay()).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void withoutTheHeaderTheProblemBodysRetryAfterIsUsed() {
        RetryCall call = get(RetryPolicy.ofDefaults());
        Function<String, List<String>> headers = Headers.of("Content-Type", "application/problem+json");

        assertThat(call.needsBody(503, headers)).isTrue();
        RetryDecision d = call.onResponse(503, headers, () -> "{\"status\":503,\"retryAfter\":6}");

        assertThat(d).isEqualTo(new Retry(1, 503, Signal.SERVICE_UNAVAILABLE, Duration.ofSeconds(6), WaitSource.PROBLEM_BODY));
    }

    @Test
    void theHeaderWinsOverTheBodyAndTheBodyIsNotEvenRead() {
        RetryCall call = get(RetryPolicy.ofDefaults());
        Function<String, List<String>> headers = Headers.of("Retry-After", "1", "Content-Type", "application/problem+json");

        assertThat(call.needsBody(503, headers)).isFalse();
        assertThat(call.onResponse(503, headers, NO_BODY))
                .isInstanceOfSatisfying(Retry.class, r -> assertThat(r.delay()).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void aBodyThatIsNotJsonIsNotRead() {
        RetryCall call = get(RetryPolicy.ofDefaults());
        Function<String, List<String>> headers = Headers.of("Content-Type", "text/html; charset=utf-8");

        assertThat(call.needsBody(503, headers)).isFalse();
        assertThat(call.onResponse(503, headers, NO_BODY)).isInstanceOfSatisfying(Retry.class,
                r -> assertThat(r.source()).isEqualTo(WaitSource.BACKOFF));
    }

    @Test
    void garbageInRetryAfterIsTreatedAsNoHeader() {
        RetryDecision d = answer(get(RetryPolicy.ofDefaults()), 503, Headers.of("Retry-After", "soon-ish"));

        assertThat(d).isInstanceOfSatisfying(Retry.class, r -> assertThat(r.source()).isEqualTo(WaitSource.BACKOFF));
    }

    @Test
    void withoutAnyHintTheBackoffIsAFullJitterOfAGrowingCeiling() {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(10).initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(700)).backoffMultiplier(2).build();
        RetryCall call = get(policy);
        List<Duration> waits = new ArrayList<>();
        nextRandom = 0.5;
        for (int i = 0; i < 5; i++) {
            waits.add(((Retry) answer(call, 503, Headers.NONE)).delay());
        }

        // ceilings 100, 200, 400, 700 (capped), 700 ms; half of each
        assertThat(waits).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(350), Duration.ofMillis(350));
    }

    @Test
    void theJitterSpansZeroToTheCeiling() {
        RetryPolicy policy = RetryPolicy.builder().initialBackoff(Duration.ofMillis(200)).build();
        nextRandom = 0.0;
        assertThat(((Retry) answer(get(policy), 503, Headers.NONE)).delay()).isEqualTo(Duration.ZERO);
        nextRandom = 0.999;
        assertThat(((Retry) answer(get(policy), 503, Headers.NONE)).delay()).isEqualTo(Duration.ofNanos(199_800_000));
    }

    @Test
    void a500IsNeverRetried() {
        RetryDecision d = answer(get(RetryPolicy.builder().retryStatuses(429, 502, 503, 504).build()), 500, Headers.of("Retry-After", "1"));

        assertThat(d).isEqualTo(new Stop(1, 500, StopReason.NOT_RETRYABLE, null));
        assertThat(((Stop) d).gaveUp()).isFalse();
    }

    @Test
    void successesAndOther4xxAreFinal() {
        for (int status : new int[] {200, 204, 301, 400, 401, 403, 404, 409, 422}) {
            assertThat(answer(get(RetryPolicy.ofDefaults()), status, Headers.of("Retry-After", "1")))
                    .as("status %d", status).isEqualTo(new Stop(1, status, StopReason.NOT_RETRYABLE, null));
        }
    }

    @Test
    void gatewayErrorsAreRetriedOnlyWhenThePolicySaysSo() {
        assertThat(answer(get(RetryPolicy.ofDefaults()), 502, Headers.NONE)).isInstanceOf(Stop.class);
        assertThat(answer(get(RetryPolicy.ofDefaults()), 504, Headers.NONE)).isInstanceOf(Stop.class);

        RetryPolicy gateways = RetryPolicy.builder().retryStatuses(429, 502, 503, 504).build();
        assertThat(answer(get(gateways), 502, Headers.NONE)).isInstanceOfSatisfying(Retry.class,
                r -> assertThat(r.signal()).isEqualTo(Signal.BAD_GATEWAY));
        assertThat(answer(get(gateways), 504, Headers.NONE)).isInstanceOfSatisfying(Retry.class,
                r -> assertThat(r.signal()).isEqualTo(Signal.GATEWAY_TIMEOUT));
    }

    @Test
    void aPostIsNotRetried() {
        RetryCall call = retry(RetryPolicy.ofDefaults()).newCall("POST", Headers.NONE);

        assertThat(answer(call, 503, Headers.of("Retry-After", "1")))
                .isEqualTo(new Stop(1, 503, StopReason.NOT_IDEMPOTENT, Signal.SERVICE_UNAVAILABLE));
    }

    @Test
    void patchAndUnknownMethodsAreNotIdempotentEither() {
        for (String method : new String[] {"PATCH", "CONNECT", "get", "PROPFIND"}) {
            RetryCall call = retry(RetryPolicy.ofDefaults()).newCall(method, Headers.NONE);
            assertThat(answer(call, 503, Headers.NONE)).as(method).isInstanceOfSatisfying(Stop.class,
                    s -> assertThat(s.reason()).isEqualTo(StopReason.NOT_IDEMPOTENT));
        }
    }

    @Test
    void everyIdempotentMethodIsRetried() {
        for (String method : new String[] {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}) {
            RetryCall call = retry(RetryPolicy.ofDefaults()).newCall(method, Headers.NONE);
            assertThat(answer(call, 503, Headers.NONE)).as(method).isInstanceOf(Retry.class);
        }
    }

    @Test
    void aPostWithAnIdempotencyKeyIsRetried() {
        RetryCall call = retry(RetryPolicy.ofDefaults()).newCall("POST", Headers.of("idempotency-key", "8e03978e-40d5"));

        assertThat(answer(call, 503, Headers.of("Retry-After", "1"))).isInstanceOf(Retry.class);
    }

    @Test
    void aBlankIdempotencyKeyDoesNotCount() {
        RetryCall call = retry(RetryPolicy.ofDefaults()).newCall("POST", Headers.of("Idempotency-Key", " "));

        assertThat(answer(call, 503, Headers.NONE)).isInstanceOf(Stop.class);
    }

    @Test
    void aPolicyMayNameItsOwnKeyHeaderOrRetryEverything() {
        RetryPolicy ownHeader = RetryPolicy.builder().idempotencyKeyHeader("X-Request-Id").build();
        assertThat(answer(retry(ownHeader).newCall("POST", Headers.of("X-Request-Id", "1")), 503, Headers.NONE)).isInstanceOf(Retry.class);
        assertThat(answer(retry(ownHeader).newCall("POST", Headers.of("Idempotency-Key", "1")), 503, Headers.NONE)).isInstanceOf(Stop.class);

        RetryPolicy everything = RetryPolicy.builder().retryNonIdempotent(true).build();
        assertThat(answer(retry(everything).newCall("POST", Headers.NONE), 503, Headers.NONE)).isInstanceOf(Retry.class);
    }

    @Test
    void theLastAttemptIsNotRetried() {
        RetryCall call = get(RetryPolicy.builder().maxAttempts(3).build());

        assertThat(answer(call, 503, Headers.NONE)).isInstanceOf(Retry.class);
        assertThat(answer(call, 503, Headers.NONE)).isInstanceOf(Retry.class);
        assertThat(answer(call, 503, Headers.NONE)).isEqualTo(new Stop(3, 503, StopReason.MAX_ATTEMPTS, Signal.SERVICE_UNAVAILABLE));
    }

    @Test
    void aWaitLongerThanMaxWaitIsGivenUpAtOnce() {
        RetryPolicy policy = RetryPolicy.builder().maxWait(Duration.ofSeconds(30)).build();

        assertThat(answer(get(policy), 503, Headers.of("Retry-After", "31")))
                .isEqualTo(new Stop(1, 503, StopReason.WAIT_TOO_LONG, Signal.SERVICE_UNAVAILABLE));
        assertThat(answer(get(policy), 503, Headers.of("Retry-After", "30"))).isInstanceOf(Retry.class);
    }

    @Test
    void aHugeRetryAfterIsGivenUpAtOnceWithoutOverflow() {
        assertThat(answer(get(RetryPolicy.ofDefaults()), 503, Headers.of("Retry-After", "99999999999999999999999")))
                .isInstanceOfSatisfying(Stop.class, s -> assertThat(s.reason()).isEqualTo(StopReason.WAIT_TOO_LONG));
        assertThat(answer(get(RetryPolicy.ofDefaults()), 429, Headers.of("RateLimit", "\"q\";r=0;t=999999999999999")))
                .isInstanceOfSatisfying(Stop.class, s -> assertThat(s.reason()).isEqualTo(StopReason.WAIT_TOO_LONG));
    }

    @Test
    void aWaitThatDoesNotEndBeforeTheDeadlineIsGivenUpAtOnce() {
        RetryPolicy policy = RetryPolicy.builder().maxWait(Duration.ofHours(2)).build();
        RetryCall call = retry(policy).newCall("GET", Headers.NONE, Duration.ofSeconds(5));

        assertThat(answer(call, 503, Headers.of("Retry-After", "3600")))
                .isEqualTo(new Stop(1, 503, StopReason.DEADLINE, Signal.SERVICE_UNAVAILABLE));
    }

    @Test
    void theDeadlineCountsTheTimeAlreadySpent() {
        RetryCall call = retry(RetryPolicy.ofDefaults()).newCall("GET", Headers.NONE, Duration.ofSeconds(5));
        time.advance(Duration.ofSeconds(3));

        assertThat(call.timeLeft()).hasValue(Duration.ofSeconds(2));
        assertThat(answer(call, 503, Headers.of("Retry-After", "2")))
                .as("a wait ending exactly at the deadline leaves no time for the attempt")
                .isInstanceOfSatisfying(Stop.class, s -> assertThat(s.reason()).isEqualTo(StopReason.DEADLINE));
    }

    @Test
    void aWaitThatFitsBeforeTheDeadlineIsTaken() {
        RetryCall call = retry(RetryPolicy.ofDefaults()).newCall("GET", Headers.NONE, Duration.ofSeconds(5));
        time.advance(Duration.ofSeconds(3));

        assertThat(answer(call, 503, Headers.of("Retry-After", "1"))).isInstanceOf(Retry.class);
    }

    @Test
    void aPassedDeadlineStopsEvenAZeroWait() {
        RetryCall call = retry(RetryPolicy.ofDefaults()).newCall("GET", Headers.NONE, Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(2));

        assertThat(call.timeLeft()).hasValue(Duration.ZERO);
        assertThat(answer(call, 503, Headers.of("Retry-After", "0")))
                .isInstanceOfSatisfying(Stop.class, s -> assertThat(s.reason()).isEqualTo(StopReason.DEADLINE));
    }

    @Test
    void thePolicysCallTimeoutIsTheDefaultDeadline() {
        RetryPolicy policy = RetryPolicy.builder().callTimeout(Duration.ofSeconds(2)).build();

        assertThat(retry(policy).newCall("GET", Headers.NONE).timeLeft()).hasValue(Duration.ofSeconds(2));
        assertThat(get(RetryPolicy.ofDefaults()).timeLeft()).isEmpty();
    }

    @Test
    void whenTheBudgetIsSpentTheResponseIsReturned() {
        RetryPolicy policy = RetryPolicy.builder().budgetShare(0).budgetMinRetriesPerSecond(0).build();
        SluiceRetry retry = retry(policy, RetryBudget.of(policy, time::nanoTime));

        assertThat(answer(retry.newCall("GET", Headers.NONE), 503, Headers.of("Retry-After", "1")))
                .isEqualTo(new Stop(1, 503, StopReason.BUDGET_EXHAUSTED, Signal.SERVICE_UNAVAILABLE));
    }

    @Test
    void aRetryThatWillNotBeMadeSpendsNoBudget() {
        RetryPolicy policy = RetryPolicy.builder().budgetShare(0).budgetMinRetriesPerSecond(1).budgetWindow(Duration.ofSeconds(1))
                .maxWait(Duration.ofSeconds(5)).build();
        SluiceRetry retry = retry(policy, RetryBudget.of(policy, time::nanoTime));

        answer(retry.newCall("GET", Headers.NONE), 503, Headers.of("Retry-After", "60")); // too long: given up
        answer(retry.newCall("POST", Headers.NONE), 503, Headers.NONE);                  // not idempotent
        answer(retry.newCall("GET", Headers.NONE), 500, Headers.NONE);                   // not retryable

        assertThat(retry.budget().available()).isEqualTo(1.0);
    }

    @Test
    void aRefusedConnectionIsRetriedEvenForAPostBecauseNothingWasSent() {
        RetryCall call = retry(RetryPolicy.ofDefaults()).newCall("POST", Headers.NONE);

        RetryDecision d = call.onFailure(new ConnectException("Connection refused"));

        assertThat(d).isInstanceOfSatisfying(Retry.class, r -> {
            assertThat(r.signal()).isEqualTo(Signal.CONNECT_FAILURE);
            assertThat(r.status()).isZero();
            assertThat(r.source()).isEqualTo(WaitSource.BACKOFF);
        });
    }

    @Test
    void aConnectFailureWrappedByAFrameworkIsStillOne() {
        IOException wrapped = new IOException("I/O error", new HttpConnectTimeoutException("connect timed out"));

        assertThat(get(RetryPolicy.ofDefaults()).onFailure(new RuntimeException(wrapped))).isInstanceOf(Retry.class);
    }

    @Test
    void otherFailuresMayHaveReachedTheServerAndAreNotRetried() {
        assertThat(get(RetryPolicy.ofDefaults()).onFailure(new SocketTimeoutException("read timed out")))
                .isEqualTo(new Stop(1, 0, StopReason.NOT_RETRYABLE, null));
        assertThat(get(RetryPolicy.ofDefaults()).onFailure(new IOException("connection reset")))
                .isEqualTo(new Stop(1, 0, StopReason.NOT_RETRYABLE, null));
    }

    @Test
    void connectFailuresCanBeSwitchedOff() {
        assertThat(get(RetryPolicy.builder().retryConnectFailures(false).build()).onFailure(new ConnectException()))
                .isEqualTo(new Stop(1, 0, StopReason.NOT_RETRYABLE, null));
    }

    @Test
    void aCauseChainThatLoopsEndsTheSearch() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b);

        assertThat(get(RetryPolicy.ofDefaults()).onFailure(a)).isInstanceOf(Stop.class);
    }

    @Test
    void listenersHearEveryDecisionAndOneThatThrowsDoesNotBreakTheCall() {
        SluiceRetry retry = SluiceRetry.builder(RetryPolicy.ofDefaults()).clock(time.clock()).nanoTime(time::nanoTime)
                .listener((m, d) -> {
                    throw new IllegalStateException("a broken meter");
                })
                .listener((m, d) -> heard.add(d)).build();
        RetryCall call = retry.newCall("GET", Headers.NONE);

        answer(call, 503, Headers.of("Retry-After", "1"));
        answer(call, 200, Headers.NONE);

        assertThat(heard).extracting(RetryDecision::attempt).containsExactly(1, 2);
        assertThat(heard.get(0)).isInstanceOf(Retry.class);
        assertThat(heard.get(1)).isEqualTo(new Stop(2, 200, StopReason.NOT_RETRYABLE, null));
    }

    @Test
    void decisionsRefuseInconsistentValues() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Stop(1, 503, StopReason.DEADLINE, null))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Retry(1, 503, Signal.SERVICE_UNAVAILABLE, Duration.ofSeconds(-1), WaitSource.BACKOFF))
                .hasMessage("delay must not be negative, but was PT-1S");
    }
}
