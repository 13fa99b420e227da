package dev.sluice.internal.failure;

import dev.sluice.RequestInfo;
import dev.sluice.event.AuditFinding;
import dev.sluice.internal.http.JitteredRetryAfter;
import dev.sluice.internal.http.PathPatterns;
import dev.sluice.internal.http.RequestPath;

import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Watches the statuses the application itself answers (not Sluice's own answers) and counts the ones that
 * mislead clients:
 * <ul>
 *   <li>{@link Finding#GATEWAY_STATUS_OUTSIDE_GATEWAY_ROUTE}: a 502 or 504 outside the gateway routes
 *       (with none configured, any 502/504 the app writes) — an application failure dressed as a proxy's;</li>
 *   <li>{@link Finding#UNAVAILABLE_WITHOUT_RETRY_AFTER}: a 503 or 429 without Retry-After — clients can only
 *       guess when to come back.</li>
 * </ul>
 * Each finding is counted, reported to listeners (metrics) and logged at most once a minute. With
 * {@code sluice.audit.add-missing-retry-after=true} the adapters fill in a missing Retry-After from the
 * overload estimate before the response is sent.
 */
public final class StatusAudit {

    /** What the audit flags. */
    public enum Finding { GATEWAY_STATUS_OUTSIDE_GATEWAY_ROUTE, UNAVAILABLE_WITHOUT_RETRY_AFTER }

    private static final System.Logger LOG = System.getLogger(StatusAudit.class.getName());
    private static final int[] WATCHED = {429, 500, 502, 503, 504};
    private static final long LOG_INTERVAL_MILLIS = 60_000;

    private final PathPatterns gatewayRoutes;
    private final PathPatterns exempt;
    private final boolean addMissingRetryAfter;
    private final JitteredRetryAfter estimate;
    private final Clock clock;
    private final Consumer<AuditFinding> listener;
    private final Map<Finding, LongAdder> findings = new EnumMap<>(Finding.class);
    private final Map<Finding, AtomicLong> lastLogged = new EnumMap<>(Finding.class);
    private final AtomicLongArray statuses = new AtomicLongArray(WATCHED.length);

    /**
     * @param exempt paths the audit ignores (health probes answer 503 on purpose when not ready)
     */
    public StatusAudit(PathPatterns gatewayRoutes, PathPatterns exempt, boolean addMissingRetryAfter, JitteredRetryAfter estimate,
                       Clock clock, Consumer<AuditFinding> listener) {
        this.gatewayRoutes = gatewayRoutes;
        this.exempt = exempt;
        this.addMissingRetryAfter = addMissingRetryAfter;
        this.estimate = estimate;
        this.clock = clock;
        this.listener = listener;
        for (Finding f : Finding.values()) {
            findings.put(f, new LongAdder());
            lastLogged.put(f, new AtomicLong(Long.MIN_VALUE / 2));
        }
    }

    /** Whether adapters should fill in a missing Retry-After on the application's 503/429. */
    public boolean addsMissingRetryAfter() {
        return addMissingRetryAfter;
    }

    /**
     * The Retry-After value (delay-seconds) to add to an application's response that is about to be sent,
     * or {@code null} to leave it alone.
     */
    public String missingRetryAfter(int status, boolean hasRetryAfter) {
        if (!addMissingRetryAfter || hasRetryAfter || (status != 503 && status != 429)) {
            return null;
        }
        return Long.toString(estimate.next(clock.instant()).seconds());
    }

    /**
     * The application is about to answer {@code request} with {@code status}: records it and returns the
     * Retry-After value to add (when {@code sluice.audit.add-missing-retry-after} is on and the answer lacks
     * one), or {@code null}. The adapter only writes what it is given.
     */
    public String answered(RequestInfo request, int status, boolean hasRetryAfter) {
        record(request, status, hasRetryAfter);
        return missingRetryAfter(status, hasRetryAfter);
    }

    /** Records the status the application answered {@code request} with. */
    public void record(RequestInfo request, int status, boolean hadRetryAfter) {
        if (status < 429) {
            return;
        }
        String path = RequestPath.normalize(request.path());
        if (path == null || exempt.matches(path)) {
            return;
        }
        for (int i = 0; i < WATCHED.length; i++) {
            if (WATCHED[i] == status) {
                statuses.incrementAndGet(i);
            }
        }
        if ((status == 502 || status == 504) && (gatewayRoutes.isEmpty() || !gatewayRoutes.matches(path))) {
            found(Finding.GATEWAY_STATUS_OUTSIDE_GATEWAY_ROUTE, request, status);
        }
        if ((status == 503 || status == 429) && !hadRetryAfter) {
            found(Finding.UNAVAILABLE_WITHOUT_RETRY_AFTER, request, status);
        }
    }

    private void found(Finding finding, RequestInfo request, int status) {
        findings.get(finding).increment();
        listener.accept(new AuditFinding(finding, request.method(), request.path(), status));
        long now = clock.millis();
        AtomicLong last = lastLogged.get(finding);
        long previous = last.get();
        if (now - previous >= LOG_INTERVAL_MILLIS && last.compareAndSet(previous, now)) {
            LOG.log(System.Logger.Level.WARNING, () -> "the application answered " + status + " for " + request.method() + " "
                    + request.path() + ": " + describe(finding) + " (logged at most once a minute; see the sluice.audit.findings metric)");
        }
    }

    private static String describe(Finding finding) {
        return finding == Finding.GATEWAY_STATUS_OUTSIDE_GATEWAY_ROUTE
                ? "a gateway status on a route that is not a gateway (sluice.gateway.routes); an application failure should be 500"
                : "no Retry-After, so clients can only guess when to come back (sluice.audit.add-missing-retry-after fills it in)";
    }

    /** Findings so far, by kind. */
    public Map<Finding, Long> findings() {
        Map<Finding, Long> out = new EnumMap<>(Finding.class);
        findings.forEach((f, n) -> out.put(f, n.sum()));
        return out;
    }

    /** How often the application itself answered 429, 500, 502, 503 and 504. */
    public Map<Integer, Long> statuses() {
        Map<Integer, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < WATCHED.length; i++) {
            out.put(WATCHED[i], statuses.get(i));
        }
        return out;
    }
}
