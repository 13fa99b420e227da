package dev.sluice;

import dev.sluice.admin.AdminConfig;
import dev.sluice.clientlimit.ClientKeyType;
import dev.sluice.clientlimit.ClientLimitConfig;
import dev.sluice.clientlimit.ClientLimitPolicy;
import dev.sluice.clientlimit.Refill;
import dev.sluice.dependency.Dependency;
import dev.sluice.http.ForwardedHeader;
import dev.sluice.http.ResponseConfig;
import dev.sluice.http.RetryAfterFormat;
import dev.sluice.internal.http.JitteredRetryAfter;
import dev.sluice.internal.maintenance.MaintenanceBypass;
import dev.sluice.maintenance.MaintenanceConfig.StoreType;
import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.maintenance.MaintenanceMode;
import dev.sluice.shedding.SheddingConfig.LimitType;
import dev.sluice.shedding.SheddingConfig;
import dev.sluice.shutdown.ShutdownConfig;
import dev.sluice.store.RedisSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every {@code sluice.*} property, stated once: its name, type, default, description and what it sets. The
 * core's builder reads any property source through it ({@link SluiceConfig.Builder#properties}); the Spring
 * Boot starter binds these names with Spring's relaxed binding and ships IDE metadata generated from it; the
 * Quarkus extension's {@code @ConfigMapping} and {@code docs/configuration.md} are held to it by tests.
 *
 * <p>Properties of a named or numbered group are written with {@code *} for the name or index:
 * {@code sluice.client-limits.policies.*.routes}, {@code sluice.maintenance.windows[*].start}. The members of
 * one group instance are applied together, after every plain property.
 */
public final class PropertyCatalogue {

    /** The kind of value a property holds; each parses the way Spring Boot and Quarkus users write it. */
    public enum Type {
        BOOLEAN("java.lang.Boolean"),
        INTEGER("java.lang.Integer"),
        LONG("java.lang.Long"),
        FRACTION("java.lang.Double"),
        DURATION("java.time.Duration"),
        INSTANT("java.time.Instant"),
        STRING("java.lang.String"),
        LIST("java.util.List<java.lang.String>"),
        ENUM("java.lang.String");

        private final String javaType;

        Type(String javaType) {
            this.javaType = javaType;
        }

        /** The Java type Spring's metadata and Quarkus's mapping declare. */
        public String javaType() {
            return javaType;
        }
    }

    /**
     * One property.
     *
     * @param name         full name; {@code *} stands for a group's name or index
     * @param type         its kind of value
     * @param defaultValue the default as a user writes it ({@code 1s}, {@code x-forwarded-for}), or {@code null} for none
     * @param description  what it does, one or a few sentences; {@code `code`} is the only markup
     * @param section      the section of docs/configuration.md it is listed in
     * @param values       the allowed values of an {@link Type#ENUM}, as written; empty otherwise
     * @param enumType     the Java enum of an {@link Type#ENUM}, {@code null} otherwise
     * @param core         whether the core's builder applies it; the others are read by the adapters
     */
    public record Property(String name, Type type, String defaultValue, String description, String section,
                           List<String> values, Class<? extends Enum<?>> enumType, boolean core) {

        public Property {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }

        /** Whether the name stands for many ({@code *} for a group's name or index). */
        public boolean templated() {
            return name.contains("*");
        }
    }

    private static final List<Row> ROWS = new ArrayList<>();
    private static final List<Group> GROUPS = new ArrayList<>();

    private PropertyCatalogue() {
    }

    /** Every property, in the order of docs/configuration.md. */
    public static List<Property> properties() {
        return ROWS.stream().map(Row::property).toList();
    }

    /** The property {@code name} (a template's instance, {@code sluice.dependencies.payments.routes}, finds the template). */
    public static Optional<Property> find(String name) {
        return Optional.ofNullable(row(name)).map(Row::property);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static final String GENERAL = "General";
    private static final String MAINTENANCE = "Maintenance";
    private static final String CLIENT_LIMITS = "Per-client limits";
    private static final String REDIS = "Shared store (Redis)";
    private static final String DEPENDENCIES = "Dependencies and gateways";
    private static final String SHEDDING = "Load shedding";
    private static final String AUDIT = "Status audit";
    private static final String RESPONSE = "Responses";
    private static final String ADMIN = "Admin";
    private static final String HEALTH = "Health";
    private static final String SHUTDOWN = "Shutdown";
    private static final String CLIENT = "Client";

    static {
        plain(GENERAL, "sluice.enabled", Type.BOOLEAN, "true",
                "Whether Sluice judges requests at all. With `false` every request passes untouched.",
                (b, v) -> b.enabled((Boolean) v));
        plain(GENERAL, "sluice.exempt-paths", Type.LIST, null,
                "Path patterns never refused by maintenance, client limits or shedding: health probes, status pages. `/health/**` "
                        + "covers `/health` and everything below it; `*` matches within one segment. The admin's paths and the "
                        + "framework's probes are always exempt.",
                (b, v) -> b.exemptPaths(list(v)));
        plain(GENERAL, "sluice.trusted-proxies", Type.LIST, null,
                "Addresses or CIDR blocks (`10.0.0.0/8`, `::1`) of proxies in front of the app. Only when the socket peer is one of "
                        + "them is the forwarding header read (every line, right to left, skipping trusted proxies) to find the client "
                        + "address and scheme. Without it, the client is always the socket peer, and no header can change that.",
                (b, v) -> b.trustedProxies(list(v)));
        enumeration(GENERAL, "sluice.forwarded-header", ForwardedHeader.class, ForwardedHeader.X_FORWARDED_FOR,
                "The forwarding header the trusted proxies write, the only one read: `x-forwarded-for` (with `X-Forwarded-Proto`) or "
                        + "`forwarded` (RFC 7239, `for=` and `proto=`). A proxy passes the other through as the client wrote it, so it is "
                        + "never read.",
                (b, v) -> b.forwardedHeader((ForwardedHeader) v));

        plain(MAINTENANCE, "sluice.maintenance.enabled", Type.BOOLEAN, "false", "Whether maintenance is on at start-up.",
                (b, v) -> b.maintenanceEnabled((Boolean) v));
        enumeration(MAINTENANCE, "sluice.maintenance.mode", MaintenanceMode.class, MaintenanceMode.FULL,
                "`full`: every request in scope gets 503. `read-only`: only unsafe methods (not GET, HEAD, OPTIONS, TRACE) get 503.",
                (b, v) -> b.maintenanceMode((MaintenanceMode) v));
        plain(MAINTENANCE, "sluice.maintenance.message", Type.STRING, MaintenanceConfig.DEFAULT_MESSAGE,
                "What clients read in the body while maintenance is on.", (b, v) -> b.maintenanceMessage((String) v));
        plain(MAINTENANCE, "sluice.maintenance.retry-after", Type.DURATION, null,
                "Retry-After estimate when no end is announced. Without it and without an announced end, no Retry-After is sent (a "
                        + "guess is worse than none).",
                (b, v) -> b.maintenanceRetryAfter((Duration) v));
        plain(MAINTENANCE, "sluice.maintenance.scope", Type.LIST, null,
                "Path patterns maintenance applies to at start-up, e.g. `/payments/**`; none: every path that is not exempt.",
                (b, v) -> b.maintenanceScope(list(v)));
        group(MAINTENANCE, "sluice.maintenance.windows", true, List.of(
                member("start", Type.INSTANT, null, "Start of a scheduled window (ISO-8601, e.g. `2026-11-28T02:00:00Z`): maintenance "
                        + "is on from start to end without a restart, and Retry-After counts down to the end."),
                member("end", Type.INSTANT, null, "End of the scheduled window; required with its start."),
                member("mode", Type.ENUM, "full", "Mode of the window (`full` or `read-only`).", MaintenanceMode.class),
                member("message", Type.STRING, null, "Message of the window; none: `sluice.maintenance.message`."),
                member("scope", Type.LIST, null, "Path patterns of the window; none: every path that is not exempt.")),
                (b, index, m) -> {
                    String p = "sluice.maintenance.windows[" + index + "]";
                    if (!m.containsKey("start") || !m.containsKey("end")) {
                        throw new SluiceConfigException(p, "needs both " + p + ".start and " + p + ".end");
                    }
                    b.maintenanceWindow((java.time.Instant) m.get("start"), (java.time.Instant) m.get("end"),
                            (MaintenanceMode) m.get("mode"), (String) m.get("message"), list(m.get("scope")));
                });
        plain(MAINTENANCE, "sluice.maintenance.bypass.addresses", Type.LIST, null,
                "Client addresses or CIDR blocks served during maintenance (your office, your monitoring), found as under "
                        + "`sluice.trusted-proxies`.",
                (b, v) -> b.bypassAddresses(list(v)));
        plain(MAINTENANCE, "sluice.maintenance.bypass.secret", Type.STRING, null,
                "A secret of at least 16 characters (no `/`, no spaces). A request carrying it in the bypass header passes; visiting "
                        + "`<bypass.path>/<secret>` sets a cookie that lets a browser through this maintenance. Compared in constant "
                        + "time, never logged. The cookie holds an HMAC (keyed by the secret) of when the maintenance in force began: it "
                        + "never opens a later maintenance, and a new secret or switching maintenance on again revokes every cookie.",
                (b, v) -> b.bypassSecret((String) v));
        plain(MAINTENANCE, "sluice.maintenance.bypass.header", Type.STRING, MaintenanceBypass.DEFAULT_HEADER,
                "Header that carries the bypass secret.", (b, v) -> b.bypassHeader((String) v));
        plain(MAINTENANCE, "sluice.maintenance.bypass.cookie", Type.STRING, MaintenanceBypass.DEFAULT_COOKIE,
                "Name of the bypass cookie (`HttpOnly`, `SameSite=Lax`, `Max-Age` until the announced end, `Secure` over TLS, also "
                        + "when a trusted proxy terminated TLS and forwarded `https`).",
                (b, v) -> b.bypassCookie((String) v));
        plain(MAINTENANCE, "sluice.maintenance.bypass.path", Type.STRING, MaintenanceBypass.DEFAULT_PATH,
                "Visiting `GET <path>/<secret>` while maintenance is on sets the bypass cookie and redirects to `/`. A wrong secret is "
                        + "treated like any other request.",
                (b, v) -> b.bypassPath((String) v));
        enumeration(MAINTENANCE, "sluice.maintenance.store", StoreType.class, StoreType.MEMORY,
                "Where the switch lives: `memory` (this instance), `file` (a flag file every instance watches) or `redis` (every "
                        + "instance of the service, through Redis; needs `dev.sluice:sluice-redis`, see `sluice.redis.*`). With `redis`, "
                        + "`sluice.maintenance.enabled` switches maintenance on only when Redis holds no state for the service yet.",
                (b, v) -> b.maintenanceStore((StoreType) v));
        plain(MAINTENANCE, "sluice.maintenance.file.path", Type.STRING, null,
                "The flag file of the `file` store; required with it. While it exists maintenance is on: empty means `full` with the "
                        + "defaults above; JSON in the admin format sets mode, message, end and scope. `touch` / `rm` switch every "
                        + "instance that sees the file. A change is believed once it has held still for 100 ms. A file that cannot be "
                        + "parsed, is larger than 64 KiB or holds values out of bounds keeps the last good state and is logged once. Once "
                        + "the file has held JSON, an empty file is taken for an editor's save in progress and not applied: write `{}` "
                        + "for the defaults, or remove the file. Writing a temporary file and renaming it over the flag is atomic; the "
                        + "admin endpoint writes that way, keeps the flag's permissions (`rw-r--r--` for a new one) and writes through a "
                        + "symbolic link.",
                (b, v) -> b.maintenanceFile(v == null ? null : Path.of((String) v)));
        plain(MAINTENANCE, "sluice.maintenance.file.poll-interval", Type.DURATION, human(MaintenanceConfig.DEFAULT_FILE_POLL_INTERVAL),
                "How often the flag file is re-read (polling works on network file systems too).",
                (b, v) -> b.maintenanceFilePollInterval((Duration) v));

        group(CLIENT_LIMITS, "sluice.client-limits.policies", false, List.of(
                member("routes", Type.LIST, null, "Path patterns the policy applies to, e.g. `/api/**`; required."),
                member("methods", Type.LIST, null, "Methods it applies to, e.g. `POST,PUT`; none: all."),
                member("limits", Type.STRING, null, "One or more bandwidths: `5/10s`, or `5/10s,1000/1h` (a request must fit all). "
                        + "Units `ms`, `s`, `m`, `h`, `d`; required."),
                member("refill", Type.ENUM, "interval", "`interval`: the whole quota comes back at the end of each window (a fixed "
                        + "window, what \"5 per 10 s\" usually means). `greedy`: tokens trickle back evenly.", Refill.class),
                member("key", Type.LIST, "ip", "Who the client is: `ip` (the client address; IPv6 by its network, see "
                        + "`sluice.client-limits.ipv6-prefix`), `principal` (the authenticated user), `api-key` (the API-key header; "
                        + "over 256 characters it is no key), `api-key-or-ip`, `principal-or-ip`. Several, comma-separated "
                        + "(`api-key,ip`), limit by each at once. A key that cannot be told (no principal, no API key) does not apply "
                        + "to that request. An API key is an identity only where the application checks it before the limit applies; "
                        + "otherwise it is a label the client picks, and `api-key` alone stops nobody who sends a new one each time: "
                        + "use `api-key,ip`.", ClientKeyType.class),
                member("api-key-header", Type.STRING, ClientLimitPolicy.DEFAULT_API_KEY_HEADER, "Header read by the API-key keys.")),
                (b, name, m) -> b.clientLimit(name, list(m.get("routes")), list(m.get("methods")), (String) m.get("limits"),
                        (Refill) m.get("refill"), m.containsKey("key") ? list(m.get("key")).stream()
                                .map(k -> ConfigValues.enumValue("sluice.client-limits.policies." + name + ".key", k, ClientKeyType.class)).toList()
                                : null,
                        (String) m.get("api-key-header")));
        enumeration(CLIENT_LIMITS, "sluice.client-limits.store", ClientLimitConfig.StoreType.class, ClientLimitConfig.StoreType.MEMORY,
                "Where the buckets live: `memory` (each instance counts on its own, so N instances admit N times the quota) or "
                        + "`redis` (the instances count together; needs `dev.sluice:sluice-redis`). With `redis`, a check that Redis does "
                        + "not answer within `sluice.redis.timeout` is made against the instance's own buckets, and while Redis keeps "
                        + "failing the checks stay local without waiting.",
                (b, v) -> b.clientLimitStore((ClientLimitConfig.StoreType) v));
        plain(CLIENT_LIMITS, "sluice.client-limits.max-keys", Type.LONG, Long.toString(ClientLimitConfig.DEFAULT_MAX_KEYS),
                "Most client buckets kept in memory per policy and key. Keys a client chooses (API keys, principals) are kept as a "
                        + "128-bit hash, so a bucket costs about 420 bytes however long the header was (100,000 clients: about 42 MB). When "
                        + "the cache is full, keys seen once go before clients that keep coming, so a flood of one-shot keys cannot reset "
                        + "a real client's count.",
                (b, v) -> b.clientLimitMaxKeys((Long) v));
        plain(CLIENT_LIMITS, "sluice.client-limits.expire-after-idle", Type.DURATION, human(ClientLimitConfig.DEFAULT_EXPIRE_AFTER_IDLE),
                "A client's bucket is dropped after this long without requests, but never before the policy's longest window has "
                        + "passed (a forgotten bucket is a full quota).",
                (b, v) -> b.clientLimitExpireAfterIdle((Duration) v));
        plain(CLIENT_LIMITS, "sluice.client-limits.ipv6-prefix", Type.INTEGER, Integer.toString(ClientLimitConfig.DEFAULT_IPV6_PREFIX),
                "IPv6 clients are keyed by their network of this many bits: whoever holds a /64 can send from 2^64 addresses. `128` "
                        + "keys every address on its own.",
                (b, v) -> b.clientLimitIpv6Prefix((Integer) v));
        plain(CLIENT_LIMITS, "sluice.client-limits.headers-on-admitted", Type.BOOLEAN, "true",
                "Whether admitted responses on a limited route carry `RateLimit-Policy` and `RateLimit` too.",
                (b, v) -> b.clientLimitHeadersOnAdmitted((Boolean) v));
        plain(CLIENT_LIMITS, "sluice.client-limits.legacy-headers", Type.BOOLEAN, "false",
                "Whether the legacy `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` are sent as well.",
                (b, v) -> b.clientLimitLegacyHeaders((Boolean) v));

        plain(REDIS, "sluice.redis.uri", Type.STRING, RedisSettings.DEFAULT_URI.toString(),
                "Where Redis is: `redis://host:port/db`, `rediss://` for TLS, a password as `redis://:secret@host:port`. Read when a "
                        + "store property is `redis`. The Spring Boot starter uses the application's own Redis connection "
                        + "(`spring.data.redis.*`) when it has one and this is not set.",
                (b, v) -> b.redisUri(uri("sluice.redis.uri", (String) v)));
        plain(REDIS, "sluice.redis.namespace", Type.STRING, null,
                "Prefix of every key and channel; services that share a Redis need different ones. None: `sluice:` and the "
                        + "application's name (`spring.application.name`, `quarkus.application.name`), or `sluice` without one.",
                (b, v) -> b.redisNamespace(v == null ? RedisSettings.DEFAULT_NAMESPACE : (String) v));
        plain(REDIS, "sluice.redis.timeout", Type.DURATION, human(RedisSettings.DEFAULT_TIMEOUT),
                "Longest a request waits for its per-client check in Redis; then the instance's own buckets answer. After a few "
                        + "failures in a row the checks go local at once (a circuit breaker) and Redis is tried again a second later.",
                (b, v) -> b.redisTimeout((Duration) v));
        plain(REDIS, "sluice.redis.admin-timeout", Type.DURATION, human(RedisSettings.DEFAULT_ADMIN_TIMEOUT),
                "Longest an admin write waits for Redis; then it answers 503 `store-unavailable` and nothing changed anywhere.",
                (b, v) -> b.redisAdminTimeout((Duration) v));
        plain(REDIS, "sluice.redis.poll-interval", Type.DURATION, human(RedisSettings.DEFAULT_POLL_INTERVAL),
                "How often the maintenance state is re-read from Redis besides the changes Redis pushes (a safety net; a change "
                        + "normally arrives within milliseconds, and the state is re-read on every reconnect).",
                (b, v) -> b.redisPollInterval((Duration) v));
        plain(REDIS, "sluice.redis.state-file", Type.STRING, null,
                "Where the last known maintenance state is kept, so an instance restarted while Redis is out of reach keeps it. "
                        + "None: `sluice-<namespace>-maintenance.json` in the temporary directory.",
                (b, v) -> b.redisStateFile(v == null ? null : Path.of((String) v)));

        group(DEPENDENCIES, "sluice.dependencies", false, List.of(
                member("routes", Type.LIST, null, "Path patterns of the routes that need the dependency; required. While its breaker is "
                        + "OPEN or FORCED_OPEN, those routes get 503 `dependency-unavailable` before the application runs; other routes are "
                        + "never affected."),
                member("methods", Type.LIST, null, "Methods, e.g. `POST`; none: all."),
                member("breaker", Type.STRING, null, "Name of the circuit breaker that watches it; none: the dependency's name."),
                member("forced-open-retry-after", Type.DURATION, human(Dependency.DEFAULT_FORCED_OPEN_RETRY_AFTER), "Retry-After while the breaker is forced open (there is no "
                        + "clock to count down). While OPEN, Retry-After is the breaker's own remaining wait.")),
                (b, name, m) -> b.dependency(name, list(m.get("routes")), list(m.get("methods")), (String) m.get("breaker"),
                        (Duration) m.get("forced-open-retry-after")));
        plain(DEPENDENCIES, "sluice.gateway.routes", Type.LIST, null,
                "Routes where the app is a gateway. `UpstreamResponseException` → 502 and `UpstreamTimeoutException` → 504 only there; "
                        + "elsewhere they stay the application's 500. None: the app's own explicit upstream exceptions count everywhere.",
                (b, v) -> b.gatewayRoutes(list(v)));
        plain(DEPENDENCIES, "sluice.gateway.bad-response-exceptions", Type.LIST, null,
                "Fully qualified class names of a client library's \"unusable upstream answer\" exceptions that answer 502 on gateway "
                        + "routes (subclasses too). Needs `sluice.gateway.routes`.",
                (b, v) -> b.gatewayBadResponseExceptions(list(v)));
        plain(DEPENDENCIES, "sluice.gateway.timeout-exceptions", Type.LIST, null,
                "Class names of upstream timeout exceptions that answer 504 on gateway routes, e.g. `java.net.http.HttpTimeoutException`. "
                        + "Needs `sluice.gateway.routes`.",
                (b, v) -> b.gatewayTimeoutExceptions(list(v)));

        plain(SHEDDING, "sluice.shedding.enabled", Type.BOOLEAN, "false", "Take permits and shed beyond the limit.",
                (b, v) -> b.sheddingEnabled((Boolean) v));
        enumeration(SHEDDING, "sluice.shedding.limit.type", LimitType.class, LimitType.FIXED,
                "`fixed`, or an adaptive limit: `gradient2` or `vegas` (the algorithms of Netflix concurrency-limits, following "
                        + "measured latency), or `knee` (three times the service's measured parallelism, only once it is overloaded; see "
                        + "docs/knee-limit.md). The permit stays Sluice's.",
                (b, v) -> b.sheddingLimitType((LimitType) v));
        plain(SHEDDING, "sluice.shedding.limit.max", Type.INTEGER, Integer.toString(SheddingConfig.DEFAULT_LIMIT_MAX),
                "The fixed limit, or the adaptive limit's upper bound.", (b, v) -> b.sheddingLimitMax((Integer) v));
        plain(SHEDDING, "sluice.shedding.limit.initial", Type.INTEGER, null,
                "Where an adaptive limit starts; none: the lesser of 20 and `limit.max`. Adaptive limits only.",
                (b, v) -> b.sheddingLimitInitial((Integer) v));
        plain(SHEDDING, "sluice.shedding.limit.min", Type.INTEGER, null,
                "The lowest an adaptive limit goes; none: 1. Adaptive limits only.", (b, v) -> b.sheddingLimitMin((Integer) v));
        plain(SHEDDING, "sluice.shedding.normal-share", Type.FRACTION, Double.toString(SheddingConfig.DEFAULT_NORMAL_SHARE),
                "Normal requests are admitted while in flight < share × limit.", (b, v) -> b.sheddingNormalShare((Double) v));
        plain(SHEDDING, "sluice.shedding.sheddable-share", Type.FRACTION, Double.toString(SheddingConfig.DEFAULT_SHEDDABLE_SHARE),
                "The same for sheddable requests; at most `normal-share`. Critical requests may use the whole limit.",
                (b, v) -> b.sheddingSheddableShare((Double) v));
        plain(SHEDDING, "sluice.shedding.critical.routes", Type.LIST, null,
                "Path patterns of critical requests, shed last, e.g. `/checkout/**`.", (b, v) -> b.sheddingCriticalRoutes(list(v)));
        plain(SHEDDING, "sluice.shedding.critical.methods", Type.LIST, null,
                "Methods of critical requests; none: all.", (b, v) -> b.sheddingCriticalMethods(list(v)));
        plain(SHEDDING, "sluice.shedding.sheddable.routes", Type.LIST, null,
                "Path patterns of sheddable requests, shed first, e.g. `/reports/**`. Everything else is normal.",
                (b, v) -> b.sheddingSheddableRoutes(list(v)));
        plain(SHEDDING, "sluice.shedding.sheddable.methods", Type.LIST, null,
                "Methods of sheddable requests; none: all.", (b, v) -> b.sheddingSheddableMethods(list(v)));
        plain(SHEDDING, "sluice.shedding.priority-header", Type.STRING, null,
                "A header in which a trusted proxy names a request's priority (`critical`, `normal`, `sheddable`), e.g. "
                        + "`X-Sluice-Priority`; it overrides the route rules. Read only from `sluice.trusted-proxies`, and set it only "
                        + "when every one of them overwrites or removes the header: a proxy that passes it through lets any client name "
                        + "itself critical (nginx: `proxy_set_header X-Sluice-Priority \"\";`, or the value you mean).",
                (b, v) -> b.sheddingPriorityHeader((String) v));
        plain(SHEDDING, "sluice.shedding.cpu.sheddable-above", Type.FRACTION, null,
                "Process CPU load (0–1) above which sheddable requests get 503 `overload`; none: off.",
                (b, v) -> b.sheddingCpuSheddableAbove((Double) v));
        plain(SHEDDING, "sluice.shedding.cpu.normal-above", Type.FRACTION, null,
                "Process CPU load above which normal requests do too; none: off. Critical requests are never shed by CPU.",
                (b, v) -> b.sheddingCpuNormalAbove((Double) v));
        plain(SHEDDING, "sluice.shedding.cpu.sample-interval", Type.DURATION, human(SheddingConfig.DEFAULT_CPU_SAMPLE_INTERVAL),
                "How often the process CPU load is read, on a daemon thread, never on the request path.",
                (b, v) -> b.sheddingCpuSampleInterval((Duration) v));
        plain(SHEDDING, "sluice.shedding.queue-time.max", Type.DURATION, null,
                "Refuse a request that already waited longer than this in front of the app; none: off. The time comes from a trusted "
                        + "proxy's `queue-time.header`.",
                (b, v) -> b.sheddingQueueTimeMax((Duration) v));
        plain(SHEDDING, "sluice.shedding.queue-time.header", Type.STRING, SheddingConfig.DEFAULT_QUEUE_TIME_HEADER,
                "`t=<microseconds>`, nginx's `t=${msec}` (seconds with a fraction), or plain milliseconds: the unit is told by the "
                        + "magnitude. Read only from trusted proxies, which must overwrite it (nginx: `proxy_set_header X-Request-Start "
                        + "\"t=${msec}\";`): a client's own value passed through would say how long it waited.",
                (b, v) -> b.sheddingQueueTimeHeader((String) v));
        plain(SHEDDING, "sluice.shedding.retry-after-min", Type.DURATION, human(JitteredRetryAfter.DEFAULT_MIN),
                "Shortest jittered Retry-After of an overload answer (shedding, a full bulkhead, a global rate limiter's refusal).",
                (b, v) -> b.overloadRetryAfterMin((Duration) v));
        plain(SHEDDING, "sluice.shedding.retry-after-max", Type.DURATION, human(JitteredRetryAfter.DEFAULT_MAX),
                "Longest jittered Retry-After of an overload answer: a whole number of seconds drawn uniformly, never one value for "
                        + "everyone.",
                (b, v) -> b.overloadRetryAfterMax((Duration) v));

        plain(AUDIT, "sluice.audit.add-missing-retry-after", Type.BOOLEAN, "false",
                "Fill in Retry-After on the application's own 503/429 that lack it, from the overload range "
                        + "(`sluice.shedding.retry-after-min/-max`).",
                (b, v) -> b.auditAddMissingRetryAfter((Boolean) v));

        enumeration(RESPONSE, "sluice.response.retry-after-format", RetryAfterFormat.class, RetryAfterFormat.DELAY_SECONDS,
                "`delay-seconds` (`Retry-After: 120`) or `http-date` (`Retry-After: Tue, 24 Nov 2026 10:00:00 GMT`).",
                (b, v) -> b.retryAfterFormat((RetryAfterFormat) v));
        plain(RESPONSE, "sluice.response.problem-type-base", Type.STRING, ResponseConfig.DEFAULT_PROBLEM_TYPE_BASE,
                "Start of the problem `type` URI; the reason is appended (`…/maintenance`, `…/overload`). Point it at your own "
                        + "documentation.",
                (b, v) -> b.problemTypeBase((String) v));
        plain(RESPONSE, "sluice.response.html-template", Type.STRING, null,
                "A file path or `classpath:` location of an HTML page that replaces the built-in one. Placeholders, filled in "
                        + "HTML-escaped: `{{status}}`, `{{title}}`, `{{detail}}`, `{{instance}}`, `{{retryAfterSeconds}}`, `{{retryAt}}` "
                        + "(ISO-8601), `{{retryAtText}}` (e.g. \"28 Nov 2026, 04:00 UTC\"), `{{refreshSeconds}}` (when the page "
                        + "reloads itself, or empty). The status stays 503/429.",
                (b, v) -> b.htmlTemplateLocation((String) v));
        enumeration(RESPONSE, "sluice.response.html-refresh", ResponseConfig.HtmlRefresh.class, ResponseConfig.HtmlRefresh.MAINTENANCE,
                "Which HTML pages reload themselves once their Retry-After has passed (a `Refresh` header, a few seconds "
                        + "of jitter added so a crowd of open tabs does not come back in the same second): `maintenance` pages, "
                        + "`all` pages with a Retry-After, or `none`. Without a Retry-After there is nothing to wait for and no reload.",
                (b, v) -> b.htmlRefresh((ResponseConfig.HtmlRefresh) v));

        plain(ADMIN, "sluice.admin.token", Type.STRING, null,
                "Bearer token for the admin endpoint (at least 16 characters), compared in constant time.",
                (b, v) -> b.adminToken((String) v));
        plain(ADMIN, "sluice.admin.role", Type.STRING, AdminConfig.DEFAULT_ROLE,
                "Role that lets a user the framework authenticated (Spring Security, Quarkus security, the Servlet container) use the "
                        + "admin without the token.",
                (b, v) -> b.adminRole((String) v));
        plain(ADMIN, "sluice.admin.path", Type.STRING, null,
                "Path of the maintenance resource; a dependency's is `<parent>/dependencies/<name>`. Both are never refused by Sluice. "
                        + "None: Servlet `/admin/maintenance`, Spring `/actuator/maintenance`, Quarkus `/q/maintenance` (on the management "
                        + "interface's root when that is enabled). With the Servlet adapter, set it to where the admin servlet is mapped "
                        + "(start-up fails when the two differ).",
                (b, v) -> b.adminPath(v == null ? AdminConfig.DEFAULT_PATH : (String) v));
        plain(ADMIN, "sluice.admin.allow-unauthenticated", Type.BOOLEAN, "false",
                "Let anyone who reaches the admin endpoint use it. Only on purpose, e.g. on a management port no one else can reach.",
                (b, v) -> b.adminAllowUnauthenticated((Boolean) v));

        adapter(HEALTH, "sluice.health.ready-during-maintenance", Type.BOOLEAN, "true",
                "Whether the readiness probe stays UP during FULL maintenance (the default: maintenance is not an outage, and a load "
                        + "balancer that drops the instance answers its own 502/503 without Sluice's Retry-After). `false` reports it not "
                        + "ready (Spring: OUT_OF_SERVICE, Quarkus: DOWN), for platforms that must drain the instance.");

        plain(SHUTDOWN, "sluice.shutdown.serve-for", Type.DURATION, human(ShutdownConfig.DEFAULT_SERVE_FOR),
                "When the application is asked to stop, readiness turns DOWN at once and for this long new requests are still served, "
                        + "each with `Connection: close`, while load balancers learn that the instance is going.",
                (b, v) -> b.shutdownServeFor((Duration) v));
        plain(SHUTDOWN, "sluice.shutdown.refuse-for", Type.DURATION, human(ShutdownConfig.DEFAULT_REFUSE_FOR),
                "Then for this long new requests get 503 `shutting-down` with a jittered `Retry-After` and `Connection: close` "
                        + "instead of a reset connection, before the server's own (graceful) shutdown runs; they keep getting it until "
                        + "the server closes its sockets. Requests already admitted finish; exempt paths (liveness) keep answering. `0` "
                        + "hands over to the server at once.",
                (b, v) -> b.shutdownRefuseFor((Duration) v));
        plain(SHUTDOWN, "sluice.shutdown.retry-after", Type.DURATION, human(ShutdownConfig.DEFAULT_RETRY_AFTER),
                "The largest `Retry-After` of those 503s; each is drawn from 1 s to this, so the refused clients do not all come back "
                        + "in the same second.",
                (b, v) -> b.shutdownRetryAfter((Duration) v));

        // The client side (module sluice-client): read by the client's framework integrations, not by the core.
        adapter(CLIENT, "sluice.client.enabled", Type.BOOLEAN, "false",
                "Spring Boot: Sluice's retry on every `RestClient` and `WebClient` built from Boot's builders (`RestClient.Builder`, "
                        + "`WebClient.Builder`), with the settings below. Needs `dev.sluice:sluice-client`.");
        adapter(CLIENT, "sluice.client.max-attempts", Type.INTEGER, "3",
                "Most attempts of one call, the first included.");
        adapter(CLIENT, "sluice.client.max-wait", Type.DURATION, "10s",
                "Longest wait before a retry. A server that asks for longer (`Retry-After: 3600`) gets its answer handed back at once.");
        adapter(CLIENT, "sluice.client.call-timeout", Type.DURATION, null,
                "Deadline of a whole call, retries and waits included; a wait that cannot end before it is not started. None: no deadline.");
        adapter(CLIENT, "sluice.client.initial-backoff", Type.DURATION, "200ms",
                "First back-off when the answer says nothing about when to come back (full jitter: a random wait up to this).");
        adapter(CLIENT, "sluice.client.max-backoff", Type.DURATION, "5s",
                "Largest back-off without a header.");
        adapter(CLIENT, "sluice.client.backoff-multiplier", Type.FRACTION, "2.0",
                "Growth of the back-off from one attempt to the next.");
        adapter(CLIENT, "sluice.client.retry-statuses", Type.LIST, "429,503",
                "Statuses retried; from `429`, `502`, `503`, `504`. Never 500 or another 4xx.");
        adapter(CLIENT, "sluice.client.retry-connect-failures", Type.BOOLEAN, "true",
                "Whether a refused or failed connection is retried (nothing reached the server).");
        adapter(CLIENT, "sluice.client.retry-non-idempotent", Type.BOOLEAN, "false",
                "Whether POST and PATCH are retried without an idempotency key.");
        adapter(CLIENT, "sluice.client.idempotency-key-header", Type.STRING, "Idempotency-Key",
                "A request with this header is retried whatever its method.");
        adapter(CLIENT, "sluice.client.budget.share", Type.FRACTION, "0.1",
                "The retry budget shared by all calls of the client: retries may add at most this share to the requests of the "
                        + "last window, so a struggling server sees at most (1 + share) times the load plus the floor below.");
        adapter(CLIENT, "sluice.client.budget.min-retries-per-second", Type.INTEGER, "1",
                "Retries always allowed per second, so a client with little traffic can still retry.");
        adapter(CLIENT, "sluice.client.budget.window", Type.DURATION, "10s",
                "The window the budget counts requests and retries over.");
    }

    // --- applying --------------------------------------------------------------------------------------------

    /**
     * Applies every {@code sluice.*} entry of {@code properties} to {@code builder}: plain properties first, then
     * each group instance with all its members. Keys outside {@code sluice.} are ignored; an unknown
     * {@code sluice.*} key is an error naming it; a blank value means the property's default.
     */
    static void apply(SluiceConfig.Builder builder, Map<String, String> properties) {
        Map<Group, Map<String, Map<String, Object>>> instances = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("sluice.")) {
                continue;
            }
            String value = e.getValue() == null ? "" : e.getValue().strip();
            Row row = row(key);
            if (row == null) {
                throw new SluiceConfigException(key, "unknown property; see the configuration reference in docs/configuration.md");
            }
            if (!row.property().core()) {
                continue; // an adapter's own property
            }
            Object parsed = value.isEmpty() ? row.defaultParsed() : row.parse(key, value);
            if (row.group() == null) {
                row.apply().accept(builder, parsed);
            } else {
                Matcher m = row.group().pattern().matcher(key);
                if (!m.matches()) {
                    throw new IllegalStateException(key);
                }
                Map<String, Object> members = instances.computeIfAbsent(row.group(), g -> new TreeMap<>())
                        .computeIfAbsent(m.group(1), n -> new LinkedHashMap<>());
                if (parsed != null) {
                    members.put(m.group(2), parsed);
                }
            }
        }
        for (Group g : GROUPS) {
            Map<String, Map<String, Object>> byName = instances.getOrDefault(g, Map.of());
            List<String> names = new ArrayList<>(byName.keySet());
            if (g.indexed()) {
                names.sort((a, c) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(c)));
            }
            for (String name : names) {
                Map<String, Object> members = new LinkedHashMap<>();
                for (Row member : g.members()) { // defaults first, then what was set
                    Object d = member.defaultParsed();
                    if (d != null) {
                        members.put(member.memberName(), d);
                    }
                }
                members.putAll(byName.get(name));
                g.apply().apply(builder, name, members);
            }
        }
    }

    // --- the rows --------------------------------------------------------------------------------------------

    /** A property with what it sets: {@code group} is its group when templated, {@code memberName} its name there. */
    private record Row(Property property, BiConsumer<SluiceConfig.Builder, Object> apply,
                       Group group, String memberName) {

        Object parse(String key, String value) {
            return switch (property.type()) {
                case BOOLEAN -> ConfigValues.bool(key, value);
                case INTEGER -> ConfigValues.positiveInt(key, value);
                case LONG -> ConfigValues.positiveLong(key, value);
                case FRACTION -> ConfigValues.fraction(key, value);
                case DURATION -> ConfigValues.duration(key, value);
                case INSTANT -> ConfigValues.instant(key, value);
                case STRING -> value;
                case LIST -> ConfigValues.list(value);
                case ENUM -> enumValue(key, value);
            };
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Object enumValue(String key, String value) {
            return ConfigValues.enumValue(key, value, (Class) property.enumType());
        }

        Object defaultParsed() {
            return property.defaultValue() == null ? null : parse(property.name(), property.defaultValue());
        }
    }

    /** What a group instance sets, given its name (or index) and its members by member name. */
    @FunctionalInterface
    private interface GroupApply {
        void apply(SluiceConfig.Builder builder, String name, Map<String, Object> members);
    }

    /**
     * A named ({@code prefix.<name>.member}) or numbered ({@code prefix[<n>].member}) group of properties. A class
     * with identity, not a record: its rows point back at it.
     */
    private static final class Group {
        private final boolean indexed;
        private final Pattern pattern;
        private final List<Row> members;
        private final GroupApply apply;

        Group(boolean indexed, Pattern pattern, List<Row> members, GroupApply apply) {
            this.indexed = indexed;
            this.pattern = pattern;
            this.members = members;
            this.apply = apply;
        }

        boolean indexed() {
            return indexed;
        }

        Pattern pattern() {
            return pattern;
        }

        List<Row> members() {
            return members;
        }

        GroupApply apply() {
            return apply;
        }
    }

    /** A member of a group, before it knows its group. */
    private record Member(String name, Type type, String defaultValue, String description, Class<? extends Enum<?>> enumType) {
    }

    private static Member member(String name, Type type, String defaultValue, String description) {
        return new Member(name, type, defaultValue, description, null);
    }

    private static Member member(String name, Type type, String defaultValue, String description, Class<? extends Enum<?>> enumType) {
        return new Member(name, type, defaultValue, description, enumType);
    }

    private static void plain(String section, String name, Type type, String defaultValue, String description,
                              BiConsumer<SluiceConfig.Builder, Object> apply) {
        ROWS.add(new Row(new Property(name, type, defaultValue, description, section, List.of(), null, true), apply, null, null));
    }

    private static <E extends Enum<E>> void enumeration(String section, String name, Class<E> type, E defaultValue, String description,
                                                        BiConsumer<SluiceConfig.Builder, Object> apply) {
        ROWS.add(new Row(new Property(name, Type.ENUM, written(defaultValue), description, section, valuesOf(type), type, true), apply,
                null, null));
    }

    private static void adapter(String section, String name, Type type, String defaultValue, String description) {
        ROWS.add(new Row(new Property(name, type, defaultValue, description, section, List.of(), null, false), (b, v) -> { }, null, null));
    }

    private static void group(String section, String prefix, boolean indexed, List<Member> members, GroupApply apply) {
        String memberAlternatives = String.join("|", members.stream().map(m -> Pattern.quote(m.name())).toList());
        Pattern pattern = Pattern.compile(Pattern.quote(prefix) + (indexed ? "\\[(\\d+)]" : "\\.([^.\\[\\]]+)") + "\\.(" + memberAlternatives + ")");
        List<Row> rows = new ArrayList<>();
        Group group = new Group(indexed, pattern, rows, apply);
        for (Member m : members) {
            String name = prefix + (indexed ? "[*]." : ".*.") + m.name();
            List<String> values = m.enumType() == null ? List.of() : valuesOf(m.enumType());
            Row row = new Row(new Property(name, m.type(), m.defaultValue(), m.description(), section, values, m.enumType(), true),
                    null, group, m.name());
            rows.add(row);
            ROWS.add(row);
        }
        GROUPS.add(group);
    }

    /** The row {@code name} belongs to: itself, or the template of its group; {@code null} when unknown. */
    private static Row row(String name) {
        for (Row r : ROWS) {
            if (r.group() == null ? r.property().name().equals(name) : r.group().pattern().matcher(name).matches()
                    && name.endsWith("." + r.memberName())) {
                return r;
            }
        }
        return null;
    }

    /** A default duration as users write it: {@code 1s}, {@code 5m}, {@code 1h}, {@code 500ms}. */
    private static String human(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        } else if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        } else if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        } else if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        } else if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static String written(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static List<String> valuesOf(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(PropertyCatalogue::written).toList();
    }

    private static java.net.URI uri(String property, String value) {
        try {
            return new java.net.URI(value.strip());
        } catch (java.net.URISyntaxException e) {
            throw new SluiceConfigException(property, "expected redis://host:port or rediss://host:port, but this is no URI: " + e.getReason());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
