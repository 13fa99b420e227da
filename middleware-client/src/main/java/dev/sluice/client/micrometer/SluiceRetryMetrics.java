package dev.sluice.client.micrometer;

import dev.sluice.client.RetryDecision;
import dev.sluice.client.SluiceRetryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Map;

/**
 * Records what a client's retries do, as Micrometer meters:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code sluice.client.attempts}</td><td>counter</td><td></td><td>attempts made (first tries and retries)</td></tr>
 *   <tr><td>{@code sluice.client.retries}</td><td>counter</td><td>{@code reason}: service-unavailable, too-many-requests,
 *       bad-gateway, gateway-timeout, connect-failure</td><td>retries decided</td></tr>
 *   <tr><td>{@code sluice.client.wait}</td><td>timer</td><td>{@code source}: retry-after, rate-limit, problem-body, backoff</td>
 *       <td>the wait before each retry</td></tr>
 *   <tr><td>{@code sluice.client.gave.up}</td><td>counter</td><td>{@code reason}: not-idempotent, max-attempts, wait-too-long,
 *       deadline, budget-exhausted</td><td>retryable answers handed to the caller unretried</td></tr>
 *   <tr><td>{@code sluice.client.budget.exhausted}</td><td>counter</td><td></td><td>retries refused by the retry budget</td></tr>
 * </table>
 *
 * Attempts per call is {@code attempts / (attempts - retries)}; a rising {@code budget.exhausted} says the
 * servers are failing more than the budget will cover, which is the budget doing its job. Every meter is
 * registered up front, so dashboards see zeros rather than gaps. Add common tags (a {@code client} name)
 * to tell clients apart.
 */
public final class SluiceRetryMetrics implements SluiceRetryListener {

    private final Counter attempts;
    private final Counter budgetExhausted;
    private final Map<RetryDecision.Signal, Counter> retries = new EnumMap<>(RetryDecision.Signal.class);
    private final Map<RetryDecision.WaitSource, Timer> waits = new EnumMap<>(RetryDecision.WaitSource.class);
    private final Map<RetryDecision.StopReason, Counter> gaveUp = new EnumMap<>(RetryDecision.StopReason.class);

    public SluiceRetryMetrics(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /** Meters carrying {@code tags} as well, e.g. {@code Tags.of("client", "payments")}. */
    public SluiceRetryMetrics(MeterRegistry registry, Iterable<Tag> tags) {
        this.attempts = Counter.builder("sluice.client.attempts").description("HTTP attempts made, first tries and retries")
                .tags(tags).register(registry);
        this.budgetExhausted = Counter.builder("sluice.client.budget.exhausted")
                .description("Retries refused because the client's retry budget was spent").tags(tags).register(registry);
        for (RetryDecision.Signal s : RetryDecision.Signal.values()) {
            retries.put(s, Counter.builder("sluice.client.retries").description("Retries decided, by what the attempt said")
                    .tags(tags).tag("reason", s.tagValue()).register(registry));
        }
        for (RetryDecision.WaitSource s : RetryDecision.WaitSource.values()) {
            waits.put(s, Timer.builder("sluice.client.wait").description("Wait before a retry, by where it came from")
                    .tags(tags).tag("source", s.tagValue()).register(registry));
        }
        for (RetryDecision.StopReason r : RetryDecision.StopReason.values()) {
            if (r != RetryDecision.StopReason.NOT_RETRYABLE) {
                gaveUp.put(r, Counter.builder("sluice.client.gave.up")
                        .description("Retryable answers handed to the caller without a retry, by why")
                        .tags(tags).tag("reason", r.tagValue()).register(registry));
            }
        }
    }

    @Override
    public void onDecision(String method, RetryDecision decision) {
        attempts.increment();
        if (decision instanceof RetryDecision.Retry r) {
            retries.get(r.signal()).increment();
            waits.get(r.source()).record(r.delay());
        } else if (decision instanceof RetryDecision.Stop s && s.gaveUp()) {
            gaveUp.get(s.reason()).increment();
            if (s.reason() == RetryDecision.StopReason.BUDGET_EXHAUSTED) {
                budgetExhausted.increment();
            }
        }
    }
}
