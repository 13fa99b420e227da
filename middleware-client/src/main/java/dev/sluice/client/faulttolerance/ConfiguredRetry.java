package dev.sluice.client.faulttolerance;

import dev.sluice.client.RetryBudget;
import dev.sluice.client.RetryPolicy;
import dev.sluice.client.SluiceRetry;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's retry as the {@code sluice.client.*} properties describe it (docs/configuration.md,
 * "Client"), read through MicroProfile Config: the policy, and the one retry budget every annotated method
 * of the application shares.
 *
 * <p>SmallRye Fault Tolerance makes {@link SluiceBackoff} and {@link SluiceRetryWhen} with their no-argument
 * constructors, outside CDI, so they find this through {@link #current()}. It is read again whenever the
 * application's {@code Config} is another one (a Quarkus test restarting the application with other
 * properties), and otherwise kept.
 *
 * <p>Fault Tolerance counts the attempts ({@code @Retry(maxRetries)}) and bounds the call
 * ({@code maxDuration}, {@code @Timeout}), so {@code max-attempts} and {@code call-timeout} are checked here but
 * not applied; every other property is.
 */
final class ConfiguredRetry {

    static final String PREFIX = "sluice.client.";

    /** Every property read, in the catalogue's order ({@code enabled} is Spring Boot's switch; here the annotations are). */
    static final List<String> PROPERTIES = List.of("max-attempts", "max-wait", "call-timeout", "initial-backoff", "max-backoff",
                    "backoff-multiplier", "retry-statuses", "retry-connect-failures", "retry-non-idempotent", "idempotency-key-header",
                    "budget.share", "budget.min-retries-per-second", "budget.window").stream().map(n -> PREFIX + n).toList();

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");
    private static volatile ConfiguredRetry current;

    private final Config config;
    private final RetryPolicy policy;
    private final RetryBudget budget;
    private final SluiceRetry judging;
    private final SluiceRetry timing;

    private ConfiguredRetry(Config config, RetryPolicy policy) {
        this.config = config;
        this.policy = policy;
        this.budget = RetryBudget.of(policy);
        // The policy's rules without its attempt cap or deadline (Fault Tolerance keeps those) and with no budget of
        // its own (the shared one is asked only once everything else says yes).
        RetryPolicy unbounded = policy.toBuilder().maxAttempts(Integer.MAX_VALUE).noCallTimeout().build();
        this.judging = SluiceRetry.builder(unbounded).budget(RetryBudget.unlimited()).build();
        // Times waits only, after the judging said yes: the method no longer matters.
        this.timing = SluiceRetry.builder(unbounded.toBuilder().retryNonIdempotent(true).build()).budget(RetryBudget.unlimited()).build();
    }

    /** The current application's retry, read from its MicroProfile Config on first use. */
    static ConfiguredRetry current() {
        Config config = ConfigProvider.getConfig();
        ConfiguredRetry c = current;
        if (c == null || c.config != config) {
            synchronized (ConfiguredRetry.class) {
                c = current;
                if (c == null || c.config != config) {
                    c = new ConfiguredRetry(config, read(name -> config.getOptionalValue(name, String.class)));
                    current = c;
                }
            }
        }
        return c;
    }

    /** For tests: the retry {@code properties} describe. */
    static ConfiguredRetry of(Function<String, Optional<String>> properties) {
        return new ConfiguredRetry(null, read(properties));
    }

    RetryPolicy policy() {
        return policy;
    }

    /** The application's one budget: every call deposits, every retry withdraws. */
    RetryBudget budget() {
        return budget;
    }

    /** Decides whether an answer is worth repeating: status, method, the wait asked for against {@code max-wait}. */
    SluiceRetry judging() {
        return judging;
    }

    /** Times the wait before a retry the judging allowed: the server's, else jittered back-off growing per attempt. */
    SluiceRetry timing() {
        return timing;
    }

    /** A policy from the properties; one that is unset keeps its default, a bad one fails naming it. */
    static RetryPolicy read(Function<String, Optional<String>> properties) {
        RetryPolicy.Builder b = RetryPolicy.builder();
        apply(properties, "max-attempts", Integer::valueOf, RetryPolicy.Builder::maxAttempts, b);
        apply(properties, "max-wait", ConfiguredRetry::duration, RetryPolicy.Builder::maxWait, b);
        apply(properties, "call-timeout", ConfiguredRetry::duration, RetryPolicy.Builder::callTimeout, b);
        apply(properties, "initial-backoff", ConfiguredRetry::duration, RetryPolicy.Builder::initialBackoff, b);
        apply(properties, "max-backoff", ConfiguredRetry::duration, RetryPolicy.Builder::maxBackoff, b);
        apply(properties, "backoff-multiplier", Double::valueOf, RetryPolicy.Builder::backoffMultiplier, b);
        apply(properties, "retry-statuses", ConfiguredRetry::statuses, RetryPolicy.Builder::retryStatuses, b);
        apply(properties, "retry-connect-failures", ConfiguredRetry::bool, RetryPolicy.Builder::retryConnectFailures, b);
        apply(properties, "retry-non-idempotent", ConfiguredRetry::bool, RetryPolicy.Builder::retryNonIdempotent, b);
        apply(properties, "idempotency-key-header", String::strip, RetryPolicy.Builder::idempotencyKeyHeader, b);
        apply(properties, "budget.share", Double::valueOf, RetryPolicy.Builder::budgetShare, b);
        apply(properties, "budget.min-retries-per-second", Integer::valueOf, RetryPolicy.Builder::budgetMinRetriesPerSecond, b);
        apply(properties, "budget.window", ConfiguredRetry::duration, RetryPolicy.Builder::budgetWindow, b);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "initial-backoff or " + PREFIX + "max-backoff: " + e.getMessage(), e);
        }
    }

    private static <T> void apply(Function<String, Optional<String>> properties, String name, Function<String, T> parse,
                                  BiConsumer<RetryPolicy.Builder, T> setter, RetryPolicy.Builder b) {
        String full = PREFIX + name;
        Optional<String> raw = properties.apply(full).map(String::strip).filter(v -> !v.isEmpty());
        if (raw.isEmpty()) {
            return;
        }
        try {
            setter.accept(b, parse.apply(raw.get()));
        } catch (IllegalArgumentException e) { // NumberFormatException and DateTimeParseException's kin included
            throw new IllegalArgumentException(full + ": " + (e instanceof NumberFormatException ? "not a number: '" + raw.get() + "'"
                    : e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(full + ": cannot read '" + raw.get() + "': " + e.getMessage(), e);
        }
    }

    /** As Quarkus writes durations: ISO-8601 ({@code PT10S}), or a number with {@code ms}, {@code s}, {@code m}, {@code h}, {@code d} (none: seconds). */
    static Duration duration(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("p") || v.startsWith("-p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        Matcher m = SIMPLE_DURATION.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + value + "' (write 10s, 200ms, 5m or PT10S)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static List<Integer> statuses(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false: '" + value + "'");
        };
    }
}
