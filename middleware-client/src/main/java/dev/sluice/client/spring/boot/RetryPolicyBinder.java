package dev.sluice.client.spring.boot;

import dev.sluice.client.RetryPolicy;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Reads a {@link RetryPolicy} from the {@code sluice.client.*} properties of Sluice's catalogue
 * (docs/configuration.md, "Client") with Spring's own {@link Binder}, so relaxed names, YAML lists and
 * environment variables work as for any Boot property ({@code SLUICE_CLIENT_MAXWAIT=20s},
 * {@code sluice.client.budget.minRetriesPerSecond}). A property left unset keeps the policy's default, which
 * is the catalogue's. A value that does not convert, or that the policy refuses, fails naming the property.
 */
final class RetryPolicyBinder {

    static final String ENABLED = "sluice.client.enabled";

    /** Every property read, the switch included, in the catalogue's order: a test holds them to the catalogue. */
    static final List<String> PROPERTIES = List.of(ENABLED, "sluice.client.max-attempts", "sluice.client.max-wait",
            "sluice.client.call-timeout", "sluice.client.initial-backoff", "sluice.client.max-backoff",
            "sluice.client.backoff-multiplier", "sluice.client.retry-statuses", "sluice.client.retry-connect-failures",
            "sluice.client.retry-non-idempotent", "sluice.client.idempotency-key-header", "sluice.client.budget.share",
            "sluice.client.budget.min-retries-per-second", "sluice.client.budget.window");

    private final Binder binder;
    private final RetryPolicy.Builder policy = RetryPolicy.builder();

    private RetryPolicyBinder(Binder binder) {
        this.binder = binder;
    }

    /** The policy the environment describes; unset properties keep their defaults. */
    static RetryPolicy bind(Environment environment) {
        return new RetryPolicyBinder(Binder.get(environment)).read();
    }

    private RetryPolicy read() {
        apply("sluice.client.max-attempts", Bindable.of(Integer.class), RetryPolicy.Builder::maxAttempts);
        apply("sluice.client.max-wait", Bindable.of(Duration.class), RetryPolicy.Builder::maxWait);
        apply("sluice.client.call-timeout", Bindable.of(Duration.class), RetryPolicy.Builder::callTimeout);
        apply("sluice.client.initial-backoff", Bindable.of(Duration.class), RetryPolicy.Builder::initialBackoff);
        apply("sluice.client.max-backoff", Bindable.of(Duration.class), RetryPolicy.Builder::maxBackoff);
        apply("sluice.client.backoff-multiplier", Bindable.of(Double.class), RetryPolicy.Builder::backoffMultiplier);
        apply("sluice.client.retry-statuses", Bindable.listOf(Integer.class), RetryPolicy.Builder::retryStatuses);
        apply("sluice.client.retry-connect-failures", Bindable.of(Boolean.class), RetryPolicy.Builder::retryConnectFailures);
        apply("sluice.client.retry-non-idempotent", Bindable.of(Boolean.class), RetryPolicy.Builder::retryNonIdempotent);
        apply("sluice.client.idempotency-key-header", Bindable.of(String.class), RetryPolicy.Builder::idempotencyKeyHeader);
        apply("sluice.client.budget.share", Bindable.of(Double.class), RetryPolicy.Builder::budgetShare);
        apply("sluice.client.budget.min-retries-per-second", Bindable.of(Integer.class), RetryPolicy.Builder::budgetMinRetriesPerSecond);
        apply("sluice.client.budget.window", Bindable.of(Duration.class), RetryPolicy.Builder::budgetWindow);
        try {
            return policy.build();
        } catch (IllegalArgumentException e) {
            // The only rule across settings: the back-off may not shrink as it grows.
            throw new InvalidClientPropertyException("sluice.client.initial-backoff or sluice.client.max-backoff", e.getMessage(), e);
        }
    }

    private <T> void apply(String name, Bindable<T> type, BiConsumer<RetryPolicy.Builder, T> setter) {
        T value;
        try {
            value = binder.bind(name, type).orElse(null);
        } catch (BindException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidClientPropertyException(name, "cannot be read: " + cause.getMessage(), e);
        }
        if (value == null) {
            return;
        }
        try {
            setter.accept(policy, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidClientPropertyException(name, e.getMessage(), e);
        }
    }
}
