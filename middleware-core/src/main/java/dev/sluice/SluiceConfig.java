package dev.sluice;

import dev.sluice.admin.AdminConfig;
import dev.sluice.clientlimit.ClientKeyType;
import dev.sluice.clientlimit.ClientLimitConfig;
import dev.sluice.clientlimit.ClientLimitPolicy;
import dev.sluice.clientlimit.Quota;
import dev.sluice.clientlimit.Refill;
import dev.sluice.dependency.Dependency;
import dev.sluice.dependency.DependencyBreakers;
import dev.sluice.http.ForwardedHeader;
import dev.sluice.http.ResponseConfig;
import dev.sluice.http.RetryAfterFormat;
import dev.sluice.internal.http.IpRange;
import dev.sluice.internal.http.JitteredRetryAfter;
import dev.sluice.internal.http.PathPattern;
import dev.sluice.internal.http.PathPatterns;
import dev.sluice.internal.maintenance.MaintenanceBypass;
import dev.sluice.maintenance.MaintenanceConfig.StoreType;
import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.maintenance.MaintenanceMode;
import dev.sluice.maintenance.MaintenanceStore;
import dev.sluice.maintenance.MaintenanceWindow;
import dev.sluice.shedding.ConcurrencyLimit;
import dev.sluice.shedding.SheddingConfig.LimitType;
import dev.sluice.shedding.SheddingConfig;
import dev.sluice.shutdown.ShutdownConfig;
import dev.sluice.store.RedisSettings;
import dev.sluice.store.SharedStoreProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Everything Sluice is configured with, immutable and validated. Built in code with {@link #builder()}, or
 * from {@code sluice.*} properties with {@link Builder#properties(Map)}, the same names Spring Boot and
 * Quarkus users write. Every setter checks its value at once; the error names the property and what is
 * allowed.
 */
public final class SluiceConfig {

    private final boolean enabled;
    private final PathPatterns exemptPaths;
    private final List<IpRange> trustedProxies;
    private final ForwardedHeader forwardedHeader;
    private final MaintenanceConfig maintenance;
    private final MaintenanceStore customMaintenanceStore;
    private final ClientLimitConfig clientLimits;
    private final ClientLimitConfig.StoreType clientLimitStore;
    private final RedisSettings redis;
    private final SharedStoreProvider sharedStore;
    private final List<Dependency> dependencies;
    private final DependencyBreakers dependencyBreakers;
    private final PathPatterns gatewayRoutes;
    private final Set<String> gatewayBadResponseExceptions;
    private final Set<String> gatewayTimeoutExceptions;
    private final JitteredRetryAfter overloadRetryAfter;
    private final SheddingConfig shedding;
    private final ConcurrencyLimit customConcurrencyLimit;
    private final DoubleSupplier cpuLoadSource;
    private final boolean auditAddMissingRetryAfter;
    private final ResponseConfig response;
    private final AdminConfig admin;
    private final ShutdownConfig shutdown;
    private final Clock clock;
    private final LongSupplier nanoClock;

    private SluiceConfig(Builder b) {
        this.enabled = b.enabled;
        this.exemptPaths = PathPatterns.of(b.exemptPaths);
        this.trustedProxies = List.copyOf(b.trustedProxies);
        this.forwardedHeader = b.forwardedHeader;
        this.maintenance = new MaintenanceConfig(b.maintenanceEnabled, b.maintenanceMode, b.maintenanceMessage,
                b.maintenanceRetryAfter, PathPatterns.of(b.maintenanceScope), b.windows, b.bypassAddresses,
                b.bypassSecret, b.bypassHeader, b.bypassCookie, b.bypassPath, b.storeType, b.file, b.filePollInterval);
        this.customMaintenanceStore = b.customMaintenanceStore;
        this.clientLimits = new ClientLimitConfig(b.clientLimitPolicies, b.clientLimitMaxKeys, b.clientLimitExpireAfterIdle,
                b.clientLimitHeadersOnAdmitted, b.clientLimitLegacyHeaders, b.clientLimitIpv6Prefix);
        this.clientLimitStore = b.clientLimitStore;
        this.redis = new RedisSettings(b.redisUri, b.redisNamespace, b.redisTimeout, b.redisAdminTimeout, b.redisPollInterval, b.redisStateFile);
        this.sharedStore = b.sharedStore;
        this.dependencies = List.copyOf(b.dependencies);
        this.dependencyBreakers = b.dependencyBreakers;
        this.gatewayRoutes = PathPatterns.of(b.gatewayRoutes);
        this.gatewayBadResponseExceptions = Set.copyOf(b.gatewayBadResponseExceptions);
        this.gatewayTimeoutExceptions = Set.copyOf(b.gatewayTimeoutExceptions);
        this.overloadRetryAfter = new JitteredRetryAfter(b.overloadRetryAfterMin, b.overloadRetryAfterMax);
        this.shedding = new SheddingConfig(b.sheddingEnabled, b.limitType, b.limitMax,
                b.limitInitial != null ? b.limitInitial : Math.min(20, b.limitMax), b.limitMin != null ? b.limitMin : 1,
                b.normalShare, b.sheddableShare,
                new SheddingConfig.PriorityRule(PathPatterns.of(b.criticalRoutes), Set.copyOf(b.criticalMethods)),
                new SheddingConfig.PriorityRule(PathPatterns.of(b.sheddableRoutes), Set.copyOf(b.sheddableMethods)),
                b.priorityHeader, b.cpuSheddableAbove, b.cpuNormalAbove, b.cpuSampleInterval, b.queueTimeMax, b.queueTimeHeader);
        this.customConcurrencyLimit = b.customConcurrencyLimit;
        this.cpuLoadSource = b.cpuLoadSource;
        this.auditAddMissingRetryAfter = b.auditAddMissingRetryAfter;
        this.response = new ResponseConfig(b.retryAfterFormat, b.problemTypeBase, b.htmlTemplate, b.htmlRefresh);
        this.admin = new AdminConfig(b.adminToken, b.allowUnauthenticated, b.adminRole, b.adminPath);
        this.shutdown = new ShutdownConfig(b.shutdownServeFor, b.shutdownRefuseFor, b.shutdownRetryAfter);
        this.clock = b.clock;
        this.nanoClock = b.nanoClock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Safe defaults: present, maintenance off, nothing exposed. */
    public static SluiceConfig defaults() {
        return builder().build();
    }

    /** Whether Sluice judges requests at all ({@code sluice.enabled}); when false every request passes. */
    public boolean enabled() {
        return enabled;
    }

    /** Paths never rejected ({@code sluice.exempt-paths}). */
    public PathPatterns exemptPaths() {
        return exemptPaths;
    }

    /** Peers whose forwarding headers are believed ({@code sluice.trusted-proxies}). */
    public List<IpRange> trustedProxies() {
        return trustedProxies;
    }

    /** The forwarding header the trusted proxies write, the only one read ({@code sluice.forwarded-header}). */
    public ForwardedHeader forwardedHeader() {
        return forwardedHeader;
    }

    public MaintenanceConfig maintenance() {
        return maintenance;
    }

    /** A store given in code, replacing {@code sluice.maintenance.store}; {@code null} when none. */
    public MaintenanceStore customMaintenanceStore() {
        return customMaintenanceStore;
    }

    public ClientLimitConfig clientLimits() {
        return clientLimits;
    }

    /** Where the per-client buckets live ({@code sluice.client-limits.store}). */
    public ClientLimitConfig.StoreType clientLimitStore() {
        return clientLimitStore;
    }

    /** How the Redis store reaches Redis ({@code sluice.redis.*}). */
    public RedisSettings redis() {
        return redis;
    }

    /**
     * The shared store given in code ({@link Builder#sharedStore}); {@code null}: one named by a store property is
     * found with {@link java.util.ServiceLoader}.
     */
    public SharedStoreProvider sharedStore() {
        return sharedStore;
    }

    /** The type of shared store a store property names ({@code redis}), or {@code null} when both stores are local. */
    public String sharedStoreType() {
        return maintenance.store() == StoreType.REDIS && customMaintenanceStore == null || clientLimitStore == ClientLimitConfig.StoreType.REDIS
                ? "redis" : null;
    }

    /** Dependencies routes need ({@code sluice.dependencies.*}). */
    public List<Dependency> dependencies() {
        return dependencies;
    }

    /** The breakers that watch them; {@code null} when none were given. */
    public DependencyBreakers dependencyBreakers() {
        return dependencyBreakers;
    }

    /** Routes where the app is a gateway ({@code sluice.gateway.routes}); empty means every route. */
    public PathPatterns gatewayRoutes() {
        return gatewayRoutes;
    }

    /** Exception class names that answer 502 on gateway routes ({@code sluice.gateway.bad-response-exceptions}). */
    public Set<String> gatewayBadResponseExceptions() {
        return gatewayBadResponseExceptions;
    }

    /** Exception class names that answer 504 on gateway routes ({@code sluice.gateway.timeout-exceptions}). */
    public Set<String> gatewayTimeoutExceptions() {
        return gatewayTimeoutExceptions;
    }

    /** Retry-After for overload ({@code sluice.shedding.retry-after-min/-max}). */
    public JitteredRetryAfter overloadRetryAfter() {
        return overloadRetryAfter;
    }

    /** Load shedding ({@code sluice.shedding.*}). */
    public SheddingConfig shedding() {
        return shedding;
    }

    /** A concurrency limit given in code, replacing {@code sluice.shedding.limit.*}; {@code null} when none. */
    public ConcurrencyLimit customConcurrencyLimit() {
        return customConcurrencyLimit;
    }

    /** Where the CPU signal reads the process CPU load (0–1); the JVM's own reading unless given in code. */
    public DoubleSupplier cpuLoadSource() {
        return cpuLoadSource;
    }

    /** Whether a missing Retry-After on the application's own 503/429 is filled in ({@code sluice.audit.add-missing-retry-after}). */
    public boolean auditAddMissingRetryAfter() {
        return auditAddMissingRetryAfter;
    }

    public ResponseConfig response() {
        return response;
    }

    public AdminConfig admin() {
        return admin;
    }

    /** The drain on shutdown ({@code sluice.shutdown.*}). */
    public ShutdownConfig shutdown() {
        return shutdown;
    }

    public Clock clock() {
        return clock;
    }

    /** The monotonic clock that times requests for an adaptive limit: {@link System#nanoTime()} unless given in code. */
    public LongSupplier nanoClock() {
        return nanoClock;
    }

    /** Set-once-per-call builder; every setter validates its value and names the property in its error. */
    public static final class Builder {

        private boolean enabled = true;
        private List<String> exemptPaths = List.of();
        private List<IpRange> trustedProxies = List.of();
        private ForwardedHeader forwardedHeader = ForwardedHeader.X_FORWARDED_FOR;
        private boolean maintenanceEnabled;
        private MaintenanceMode maintenanceMode = MaintenanceMode.FULL;
        private String maintenanceMessage = MaintenanceConfig.DEFAULT_MESSAGE;
        private Duration maintenanceRetryAfter;
        private List<String> maintenanceScope = List.of();
        private final List<MaintenanceWindow> windows = new ArrayList<>();
        private List<IpRange> bypassAddresses = List.of();
        private String bypassSecret;
        private String bypassHeader = MaintenanceBypass.DEFAULT_HEADER;
        private String bypassCookie = MaintenanceBypass.DEFAULT_COOKIE;
        private String bypassPath = MaintenanceBypass.DEFAULT_PATH;
        private StoreType storeType = StoreType.MEMORY;
        private Path file;
        private Duration filePollInterval = MaintenanceConfig.DEFAULT_FILE_POLL_INTERVAL;
        private MaintenanceStore customMaintenanceStore;
        private ClientLimitConfig.StoreType clientLimitStore = ClientLimitConfig.StoreType.MEMORY;
        private URI redisUri = RedisSettings.DEFAULT_URI;
        private String redisNamespace = RedisSettings.DEFAULT_NAMESPACE;
        private Duration redisTimeout = RedisSettings.DEFAULT_TIMEOUT;
        private Duration redisAdminTimeout = RedisSettings.DEFAULT_ADMIN_TIMEOUT;
        private Duration redisPollInterval = RedisSettings.DEFAULT_POLL_INTERVAL;
        private Path redisStateFile;
        private SharedStoreProvider sharedStore;
        private final List<ClientLimitPolicy> clientLimitPolicies = new ArrayList<>();
        private long clientLimitMaxKeys = ClientLimitConfig.DEFAULT_MAX_KEYS;
        private Duration clientLimitExpireAfterIdle = ClientLimitConfig.DEFAULT_EXPIRE_AFTER_IDLE;
        private int clientLimitIpv6Prefix = ClientLimitConfig.DEFAULT_IPV6_PREFIX;
        private boolean clientLimitHeadersOnAdmitted = true;
        private boolean clientLimitLegacyHeaders;
        private final List<Dependency> dependencies = new ArrayList<>();
        private DependencyBreakers dependencyBreakers;
        private List<String> gatewayRoutes = List.of();
        private List<String> gatewayBadResponseExceptions = List.of();
        private List<String> gatewayTimeoutExceptions = List.of();
        private Duration overloadRetryAfterMin = JitteredRetryAfter.DEFAULT_MIN;
        private Duration overloadRetryAfterMax = JitteredRetryAfter.DEFAULT_MAX;
        private boolean sheddingEnabled;
        private LimitType limitType = LimitType.FIXED;
        private int limitMax = SheddingConfig.DEFAULT_LIMIT_MAX;
        private Integer limitInitial;
        private Integer limitMin;
        private double normalShare = SheddingConfig.DEFAULT_NORMAL_SHARE;
        private double sheddableShare = SheddingConfig.DEFAULT_SHEDDABLE_SHARE;
        private List<String> criticalRoutes = List.of();
        private List<String> criticalMethods = List.of();
        private List<String> sheddableRoutes = List.of();
        private List<String> sheddableMethods = List.of();
        private String priorityHeader = SheddingConfig.DEFAULT_PRIORITY_HEADER;
        private Double cpuSheddableAbove;
        private Double cpuNormalAbove;
        private Duration cpuSampleInterval = SheddingConfig.DEFAULT_CPU_SAMPLE_INTERVAL;
        private Duration queueTimeMax;
        private String queueTimeHeader = SheddingConfig.DEFAULT_QUEUE_TIME_HEADER;
        private ConcurrencyLimit customConcurrencyLimit;
        private DoubleSupplier cpuLoadSource;
        private boolean auditAddMissingRetryAfter;
        private RetryAfterFormat retryAfterFormat = RetryAfterFormat.DELAY_SECONDS;
        private ResponseConfig.HtmlRefresh htmlRefresh = ResponseConfig.HtmlRefresh.MAINTENANCE;
        private String problemTypeBase = ResponseConfig.DEFAULT_PROBLEM_TYPE_BASE;
        private String htmlTemplate;
        private String adminToken;
        private boolean allowUnauthenticated;
        private String adminRole = AdminConfig.DEFAULT_ROLE;
        private String adminPath = AdminConfig.DEFAULT_PATH;
        private Duration shutdownServeFor = ShutdownConfig.DEFAULT_SERVE_FOR;
        private Duration shutdownRefuseFor = ShutdownConfig.DEFAULT_REFUSE_FOR;
        private Duration shutdownRetryAfter = ShutdownConfig.DEFAULT_RETRY_AFTER;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /** {@code sluice.enabled}: whether Sluice judges requests at all. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** {@code sluice.exempt-paths}: path patterns never rejected, e.g. {@code /health/**}. */
        public Builder exemptPaths(Collection<String> patterns) {
            this.exemptPaths = patterns("sluice.exempt-paths", patterns);
            return this;
        }

        /** {@code sluice.trusted-proxies}: addresses or CIDR blocks of proxies whose forwarding headers are read. */
        public Builder trustedProxies(Collection<String> cidrs) {
            this.trustedProxies = ranges("sluice.trusted-proxies", cidrs);
            return this;
        }

        /**
         * {@code sluice.forwarded-header}: the forwarding header the trusted proxies write ({@code x-forwarded-for},
         * the default, or {@code forwarded}); the other is never read, since a proxy passes it through as the
         * client wrote it.
         */
        public Builder forwardedHeader(ForwardedHeader header) {
            this.forwardedHeader = Objects.requireNonNull(header, "sluice.forwarded-header");
            return this;
        }

        /** {@code sluice.maintenance.enabled}: whether maintenance is on at start-up. */
        public Builder maintenanceEnabled(boolean enabled) {
            this.maintenanceEnabled = enabled;
            return this;
        }

        /** {@code sluice.maintenance.mode}: mode when switched on without one. */
        public Builder maintenanceMode(MaintenanceMode mode) {
            this.maintenanceMode = Objects.requireNonNull(mode, "sluice.maintenance.mode");
            return this;
        }

        /** {@code sluice.maintenance.message}: what clients read while maintenance is on. */
        public Builder maintenanceMessage(String message) {
            if (message == null || message.isBlank()) {
                throw new SluiceConfigException("sluice.maintenance.message", "must not be blank");
            }
            this.maintenanceMessage = message;
            return this;
        }

        /** {@code sluice.maintenance.retry-after}: Retry-After estimate when no end is announced. */
        public Builder maintenanceRetryAfter(Duration estimate) {
            this.maintenanceRetryAfter = estimate == null ? null : ConfigValues.requirePositive("sluice.maintenance.retry-after", estimate);
            return this;
        }

        /** {@code sluice.maintenance.scope}: paths maintenance applies to at start-up (empty: all). */
        public Builder maintenanceScope(Collection<String> patterns) {
            this.maintenanceScope = patterns("sluice.maintenance.scope", patterns);
            return this;
        }

        /** {@code sluice.maintenance.windows[n]}: a scheduled window, on at start, off at end. */
        public Builder maintenanceWindow(Instant start, Instant end, MaintenanceMode mode, String message, Collection<String> scope) {
            String property = "sluice.maintenance.windows[" + windows.size() + "]";
            if (start == null || end == null) {
                throw new SluiceConfigException(property, "needs both start and end");
            }
            if (!end.isAfter(start)) {
                throw new SluiceConfigException(property + ".end", "must be after start (" + start + "), but was " + end);
            }
            windows.add(new MaintenanceWindow(start, end, mode == null ? MaintenanceMode.FULL : mode,
                    message == null || message.isBlank() ? maintenanceMessage : message,
                    PathPatterns.of(patterns(property + ".scope", scope == null ? List.of() : scope))));
            return this;
        }

        /** {@code sluice.maintenance.bypass.addresses}: client addresses / CIDR blocks served during maintenance. */
        public Builder bypassAddresses(Collection<String> cidrs) {
            this.bypassAddresses = ranges("sluice.maintenance.bypass.addresses", cidrs);
            return this;
        }

        /** {@code sluice.maintenance.bypass.secret}: at least 16 characters; never logged. */
        public Builder bypassSecret(String secret) {
            if (secret != null && secret.length() < 16) {
                throw new SluiceConfigException("sluice.maintenance.bypass.secret",
                        "must be at least 16 characters long (it is a password), but has " + secret.length());
            }
            if (secret != null && (secret.contains("/") || secret.chars().anyMatch(Character::isWhitespace))) {
                throw new SluiceConfigException("sluice.maintenance.bypass.secret",
                        "must not contain '/' or whitespace (it becomes a path segment)");
            }
            this.bypassSecret = secret;
            return this;
        }

        /** {@code sluice.maintenance.bypass.header}: header that carries the bypass secret. */
        public Builder bypassHeader(String header) {
            this.bypassHeader = token("sluice.maintenance.bypass.header", header);
            return this;
        }

        /** {@code sluice.maintenance.bypass.cookie}: name of the bypass cookie. */
        public Builder bypassCookie(String cookie) {
            this.bypassCookie = token("sluice.maintenance.bypass.cookie", cookie);
            return this;
        }

        /** {@code sluice.maintenance.bypass.path}: visiting {@code <path>/<secret>} sets the bypass cookie. */
        public Builder bypassPath(String path) {
            if (path == null || !path.startsWith("/") || path.endsWith("/") || path.contains("*")) {
                throw new SluiceConfigException("sluice.maintenance.bypass.path",
                        "expected a path such as /_sluice/bypass (leading '/', no trailing '/', no wildcards), but was '" + path + "'");
            }
            this.bypassPath = path;
            return this;
        }

        /** {@code sluice.maintenance.store}: memory (this instance), file (a flag file shared by instances) or redis. */
        public Builder maintenanceStore(StoreType type) {
            this.storeType = Objects.requireNonNull(type, "sluice.maintenance.store");
            return this;
        }

        /** A store of your own (e.g. the Redis store); replaces {@code sluice.maintenance.store}. */
        public Builder maintenanceStore(MaintenanceStore store) {
            this.customMaintenanceStore = store;
            return this;
        }

        /** {@code sluice.client-limits.store}: memory (each instance counts alone) or redis (the fleet counts together). */
        public Builder clientLimitStore(ClientLimitConfig.StoreType type) {
            this.clientLimitStore = Objects.requireNonNull(type, "sluice.client-limits.store");
            return this;
        }

        /**
         * The shared store the store properties' {@code redis} means, given in code instead of found on the class
         * path, e.g. one that reuses the application's Redis client.
         */
        public Builder sharedStore(SharedStoreProvider provider) {
            this.sharedStore = provider;
            return this;
        }

        /** {@code sluice.redis.uri}: {@code redis://host:port/db}, {@code rediss://} for TLS, credentials as user info. */
        public Builder redisUri(URI uri) {
            Objects.requireNonNull(uri, "sluice.redis.uri");
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new SluiceConfigException("sluice.redis.uri", "expected redis://host:port or rediss://host:port, but was '"
                        + withoutUserInfo(uri) + "'");
            }
            this.redisUri = uri;
            return this;
        }

        /** {@code sluice.redis.namespace}: prefix of every key and channel of this service. */
        public Builder redisNamespace(String namespace) {
            if (namespace == null || namespace.isBlank() || namespace.length() > 100 || !namespace.chars().allMatch(c -> c > 32 && c < 127)) {
                throw new SluiceConfigException("sluice.redis.namespace",
                        "expected 1 to 100 visible ASCII characters such as sluice:orders, but was '" + namespace + "'");
            }
            this.redisNamespace = namespace;
            return this;
        }

        /** {@code sluice.redis.timeout}: longest a request waits for its per-client check in Redis. */
        public Builder redisTimeout(Duration timeout) {
            this.redisTimeout = ConfigValues.requirePositive("sluice.redis.timeout", Objects.requireNonNull(timeout, "sluice.redis.timeout"));
            return this;
        }

        /** {@code sluice.redis.admin-timeout}: longest an admin write waits for Redis. */
        public Builder redisAdminTimeout(Duration timeout) {
            this.redisAdminTimeout = ConfigValues.requirePositive("sluice.redis.admin-timeout",
                    Objects.requireNonNull(timeout, "sluice.redis.admin-timeout"));
            return this;
        }

        /** {@code sluice.redis.poll-interval}: how often the maintenance state is re-read besides the pushed changes. */
        public Builder redisPollInterval(Duration interval) {
            this.redisPollInterval = ConfigValues.requirePositive("sluice.redis.poll-interval",
                    Objects.requireNonNull(interval, "sluice.redis.poll-interval"));
            return this;
        }

        /** {@code sluice.redis.state-file}: where the last known maintenance state is kept for a restart during an outage. */
        public Builder redisStateFile(Path file) {
            this.redisStateFile = file;
            return this;
        }

        /** The URI as it may be shown in an error: without its credentials. */
        private static String withoutUserInfo(URI uri) {
            return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
        }

        /** {@code sluice.shutdown.serve-for}: how long a stopping instance still serves new requests (with Connection: close). */
        public Builder shutdownServeFor(Duration serveFor) {
            this.shutdownServeFor = ConfigValues.requireNotNegative("sluice.shutdown.serve-for",
                    Objects.requireNonNull(serveFor, "sluice.shutdown.serve-for"));
            return this;
        }

        /** {@code sluice.shutdown.refuse-for}: how long it then refuses new requests with 503 before the server stops. */
        public Builder shutdownRefuseFor(Duration refuseFor) {
            this.shutdownRefuseFor = ConfigValues.requireNotNegative("sluice.shutdown.refuse-for",
                    Objects.requireNonNull(refuseFor, "sluice.shutdown.refuse-for"));
            return this;
        }

        /** {@code sluice.shutdown.retry-after}: the largest Retry-After of those refusals (each drawn from 1 s to it). */
        public Builder shutdownRetryAfter(Duration retryAfter) {
            this.shutdownRetryAfter = ConfigValues.requirePositive("sluice.shutdown.retry-after",
                    Objects.requireNonNull(retryAfter, "sluice.shutdown.retry-after"));
            return this;
        }

        /** {@code sluice.maintenance.file.path}: flag file of the file store. */
        public Builder maintenanceFile(Path file) {
            this.file = file;
            return this;
        }

        /** {@code sluice.maintenance.file.poll-interval}: how often the flag file is re-read. */
        public Builder maintenanceFilePollInterval(Duration interval) {
            this.filePollInterval = ConfigValues.requirePositive("sluice.maintenance.file.poll-interval",
                    Objects.requireNonNull(interval, "sluice.maintenance.file.poll-interval"));
            return this;
        }

        /**
         * {@code sluice.client-limits.policies.<name>.*}: a per-client limit.
         *
         * @param limits       e.g. {@code 5/10s} or {@code 5/10s,100/1h}
         * @param methods      methods it applies to; empty for all
         * @param keys         how the client is keyed; several are each limited; empty for {@code ip}
         * @param apiKeyHeader header of the API-key resolvers; {@code null} for {@code X-Api-Key}
         */
        public Builder clientLimit(String name, Collection<String> routes, Collection<String> methods, String limits,
                                   Refill refill, List<ClientKeyType> keys, String apiKeyHeader) {
            String p = "sluice.client-limits.policies." + name;
            if (clientLimitPolicies.stream().anyMatch(x -> x.name().equals(name))) {
                throw new SluiceConfigException(p, "a policy with this name is configured twice");
            }
            if (routes == null || routes.isEmpty()) {
                throw new SluiceConfigException(p + ".routes", "is required: the path patterns the limit applies to, e.g. /api/**");
            }
            if (limits == null || limits.isBlank()) {
                throw new SluiceConfigException(p + ".limits", "is required: e.g. 5/10s or 5/10s,100/1h");
            }
            List<Quota> parsed;
            try {
                parsed = Quota.parseAll(limits);
            } catch (IllegalArgumentException e) {
                throw new SluiceConfigException(p + ".limits", e.getMessage());
            }
            try {
                clientLimitPolicies.add(new ClientLimitPolicy(name, PathPatterns.of(patterns(p + ".routes", routes)),
                        methods == null ? java.util.Set.of() : java.util.Set.copyOf(methods), parsed,
                        refill == null ? Refill.INTERVAL : refill, keys == null || keys.isEmpty() ? List.of(ClientKeyType.IP) : keys,
                        apiKeyHeader == null ? null : token(p + ".api-key-header", apiKeyHeader)));
            } catch (IllegalArgumentException e) {
                if (e instanceof SluiceConfigException) {
                    throw e;
                }
                throw new SluiceConfigException(p, e.getMessage());
            }
            return this;
        }

        /** {@code sluice.client-limits.max-keys}: most client buckets kept per policy (least recently used go first). */
        public Builder clientLimitMaxKeys(long maxKeys) {
            if (maxKeys < 1) {
                throw new SluiceConfigException("sluice.client-limits.max-keys", "must be at least 1, but was " + maxKeys);
            }
            this.clientLimitMaxKeys = maxKeys;
            return this;
        }

        /** {@code sluice.client-limits.expire-after-idle}: drop a client's bucket after this long without requests. */
        public Builder clientLimitExpireAfterIdle(Duration idle) {
            this.clientLimitExpireAfterIdle = ConfigValues.requirePositive("sluice.client-limits.expire-after-idle",
                    Objects.requireNonNull(idle, "sluice.client-limits.expire-after-idle"));
            return this;
        }

        /** {@code sluice.client-limits.ipv6-prefix}: IPv6 clients are keyed by their network of this many bits (default 64). */
        public Builder clientLimitIpv6Prefix(int bits) {
            if (bits < 1 || bits > 128) {
                throw new SluiceConfigException("sluice.client-limits.ipv6-prefix", "must be 1..128 (bits), but was " + bits);
            }
            this.clientLimitIpv6Prefix = bits;
            return this;
        }

        /** {@code sluice.client-limits.headers-on-admitted}: RateLimit fields on admitted responses of limited routes. */
        public Builder clientLimitHeadersOnAdmitted(boolean on) {
            this.clientLimitHeadersOnAdmitted = on;
            return this;
        }

        /** {@code sluice.client-limits.legacy-headers}: also send X-RateLimit-Limit/-Remaining/-Reset. */
        public Builder clientLimitLegacyHeaders(boolean on) {
            this.clientLimitLegacyHeaders = on;
            return this;
        }

        /**
         * {@code sluice.dependencies.<name>.*}: routes that need a dependency watched by a circuit breaker.
         *
         * @param breaker              breaker name; {@code null} for the dependency's name
         * @param forcedOpenRetryAfter Retry-After while the breaker is forced open; {@code null} for 60 s
         */
        public Builder dependency(String name, Collection<String> routes, Collection<String> methods, String breaker,
                                  Duration forcedOpenRetryAfter) {
            String p = "sluice.dependencies." + name;
            if (dependencies.stream().anyMatch(d -> d.name().equals(name))) {
                throw new SluiceConfigException(p, "is configured twice");
            }
            if (routes == null || routes.isEmpty()) {
                throw new SluiceConfigException(p + ".routes", "is required: the path patterns of the routes that need " + name);
            }
            dependencies.add(new Dependency(name, PathPatterns.of(patterns(p + ".routes", routes)),
                    methods == null ? java.util.Set.of() : java.util.Set.copyOf(methods), breaker,
                    forcedOpenRetryAfter == null ? null : ConfigValues.requirePositive(p + ".forced-open-retry-after", forcedOpenRetryAfter)));
            return this;
        }

        /** The circuit breakers dependencies are watched by, e.g. {@code new Resilience4jBreakers(registry, clock)}. */
        public Builder dependencyBreakers(DependencyBreakers breakers) {
            this.dependencyBreakers = breakers;
            return this;
        }

        /** {@code sluice.gateway.routes}: routes where the app is a gateway (502/504 only there); empty: every route. */
        public Builder gatewayRoutes(Collection<String> patterns) {
            this.gatewayRoutes = patterns("sluice.gateway.routes", patterns);
            return this;
        }

        /**
         * {@code sluice.gateway.bad-response-exceptions}: fully qualified class names of a client library's exceptions
         * that mean "the upstream answered badly" (502); they count only on {@code sluice.gateway.routes}, and
         * subclasses count too.
         */
        public Builder gatewayBadResponseExceptions(Collection<String> classNames) {
            this.gatewayBadResponseExceptions = classNames("sluice.gateway.bad-response-exceptions", classNames);
            return this;
        }

        /** {@code sluice.gateway.timeout-exceptions}: the same for "the upstream answered too late" (504). */
        public Builder gatewayTimeoutExceptions(Collection<String> classNames) {
            this.gatewayTimeoutExceptions = classNames("sluice.gateway.timeout-exceptions", classNames);
            return this;
        }

        private static List<String> classNames(String property, Collection<String> names) {
            for (String n : names) {
                if (!n.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*(\\$[\\p{javaJavaIdentifierPart}]+)*")) {
                    throw new SluiceConfigException(property, "expected fully qualified class names such as java.net.http.HttpTimeoutException, but was '" + n + "'");
                }
            }
            return List.copyOf(names);
        }

        /** {@code sluice.audit.add-missing-retry-after}: fill in Retry-After on the application's own 503/429 that lack it. */
        public Builder auditAddMissingRetryAfter(boolean add) {
            this.auditAddMissingRetryAfter = add;
            return this;
        }

        /** {@code sluice.shedding.retry-after-min}: the shortest jittered overload Retry-After. */
        public Builder overloadRetryAfterMin(Duration min) {
            this.overloadRetryAfterMin = ConfigValues.requirePositive("sluice.shedding.retry-after-min", Objects.requireNonNull(min));
            return this;
        }

        /** {@code sluice.shedding.retry-after-max}: the longest jittered overload Retry-After. */
        public Builder overloadRetryAfterMax(Duration max) {
            this.overloadRetryAfterMax = ConfigValues.requirePositive("sluice.shedding.retry-after-max", Objects.requireNonNull(max));
            return this;
        }

        /** {@code sluice.shedding.enabled}: whether admitted requests take a permit under a concurrency limit. */
        public Builder sheddingEnabled(boolean enabled) {
            this.sheddingEnabled = enabled;
            return this;
        }

        /** {@code sluice.shedding.limit.type}: fixed (default), or adaptive: gradient2 or vegas. */
        public Builder sheddingLimitType(LimitType type) {
            this.limitType = Objects.requireNonNull(type, "sluice.shedding.limit.type");
            return this;
        }

        /** {@code sluice.shedding.limit.max}: the fixed limit, or the adaptive limit's upper bound. */
        public Builder sheddingLimitMax(int max) {
            this.limitMax = atLeastOne("sluice.shedding.limit.max", max);
            return this;
        }

        /** {@code sluice.shedding.limit.initial}: where an adaptive limit starts; {@code null}: the lesser of 20 and max. */
        public Builder sheddingLimitInitial(Integer initial) {
            this.limitInitial = initial == null ? null : atLeastOne("sluice.shedding.limit.initial", initial);
            return this;
        }

        /** {@code sluice.shedding.limit.min}: the lowest an adaptive limit goes; {@code null}: 1. */
        public Builder sheddingLimitMin(Integer min) {
            this.limitMin = min == null ? null : atLeastOne("sluice.shedding.limit.min", min);
            return this;
        }

        /** A concurrency limit of your own; replaces {@code sluice.shedding.limit.*} (shedding must be enabled). */
        public Builder concurrencyLimit(ConcurrencyLimit limit) {
            this.customConcurrencyLimit = limit;
            return this;
        }

        /** {@code sluice.shedding.normal-share}: normal requests are admitted only while in flight &lt; share × limit. */
        public Builder sheddingNormalShare(double share) {
            this.normalShare = fraction("sluice.shedding.normal-share", share);
            return this;
        }

        /** {@code sluice.shedding.sheddable-share}: the same for sheddable requests; at most the normal share. */
        public Builder sheddingSheddableShare(double share) {
            this.sheddableShare = fraction("sluice.shedding.sheddable-share", share);
            return this;
        }

        /** {@code sluice.shedding.critical.routes}: path patterns of critical requests (shed last). */
        public Builder sheddingCriticalRoutes(Collection<String> routes) {
            this.criticalRoutes = patterns("sluice.shedding.critical.routes", routes);
            return this;
        }

        /** {@code sluice.shedding.critical.methods}: methods of critical requests; empty for all. */
        public Builder sheddingCriticalMethods(Collection<String> methods) {
            this.criticalMethods = methods("sluice.shedding.critical.methods", methods);
            return this;
        }

        /** {@code sluice.shedding.sheddable.routes}: path patterns of sheddable requests (shed first). */
        public Builder sheddingSheddableRoutes(Collection<String> routes) {
            this.sheddableRoutes = patterns("sluice.shedding.sheddable.routes", routes);
            return this;
        }

        /** {@code sluice.shedding.sheddable.methods}: methods of sheddable requests; empty for all. */
        public Builder sheddingSheddableMethods(Collection<String> methods) {
            this.sheddableMethods = methods("sluice.shedding.sheddable.methods", methods);
            return this;
        }

        /**
         * {@code sluice.shedding.priority-header}: header in which a trusted proxy names a request's priority; none
         * by default. Set it only when every trusted proxy overwrites (or removes) the header: a proxy that passes
         * it through lets any client name itself critical. {@code null} or blank: none.
         */
        public Builder sheddingPriorityHeader(String header) {
            this.priorityHeader = header == null || header.isBlank() ? null : token("sluice.shedding.priority-header", header.strip());
            return this;
        }

        /** {@code sluice.shedding.cpu.sheddable-above}: process CPU load (0–1) above which sheddable requests are refused; {@code null}: off. */
        public Builder sheddingCpuSheddableAbove(Double load) {
            this.cpuSheddableAbove = load == null ? null : fraction("sluice.shedding.cpu.sheddable-above", load);
            return this;
        }

        /** {@code sluice.shedding.cpu.normal-above}: process CPU load above which normal requests are refused too; {@code null}: off. */
        public Builder sheddingCpuNormalAbove(Double load) {
            this.cpuNormalAbove = load == null ? null : fraction("sluice.shedding.cpu.normal-above", load);
            return this;
        }

        /** {@code sluice.shedding.cpu.sample-interval}: how often process CPU is read (default 1 s). */
        public Builder sheddingCpuSampleInterval(Duration interval) {
            this.cpuSampleInterval = ConfigValues.requirePositive("sluice.shedding.cpu.sample-interval",
                    Objects.requireNonNull(interval, "sluice.shedding.cpu.sample-interval"));
            return this;
        }

        /** Where the CPU signal reads the load (tests, or a container-aware source); default: the JVM's reading. */
        public Builder cpuLoadSource(DoubleSupplier source) {
            this.cpuLoadSource = Objects.requireNonNull(source, "cpuLoadSource");
            return this;
        }

        /** {@code sluice.shedding.queue-time.max}: refuse a request that waited longer in front of the app; {@code null}: off. */
        public Builder sheddingQueueTimeMax(Duration max) {
            this.queueTimeMax = max == null ? null : ConfigValues.requirePositive("sluice.shedding.queue-time.max", max);
            return this;
        }

        /** {@code sluice.shedding.queue-time.header}: where a trusted proxy says when it received the request. */
        public Builder sheddingQueueTimeHeader(String header) {
            this.queueTimeHeader = token("sluice.shedding.queue-time.header", header);
            return this;
        }

        private static double fraction(String property, double v) {
            if (!(v > 0 && v <= 1)) {
                throw new SluiceConfigException(property, "expected a fraction greater than 0 and at most 1, such as 0.9, but was " + v);
            }
            return v;
        }

        private static int atLeastOne(String property, int n) {
            if (n < 1) {
                throw new SluiceConfigException(property, "must be at least 1, but was " + n);
            }
            return n;
        }

        private static List<String> methods(String property, Collection<String> methods) {
            List<String> out = new ArrayList<>();
            for (String m : methods == null ? List.<String>of() : methods) {
                String v = m.strip();
                if (v.isEmpty() || !v.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                    throw new SluiceConfigException(property, "expected HTTP methods such as GET, POST, but was '" + m + "'");
                }
                out.add(v.toUpperCase(java.util.Locale.ROOT));
            }
            return List.copyOf(out);
        }

        /** {@code sluice.response.retry-after-format}: delay-seconds (default) or http-date. */
        public Builder retryAfterFormat(RetryAfterFormat format) {
            this.retryAfterFormat = Objects.requireNonNull(format, "sluice.response.retry-after-format");
            return this;
        }

        /** {@code sluice.response.html-refresh}: which HTML pages reload themselves once their Retry-After has passed. */
        public Builder htmlRefresh(ResponseConfig.HtmlRefresh refresh) {
            this.htmlRefresh = Objects.requireNonNull(refresh, "sluice.response.html-refresh");
            return this;
        }

        /** {@code sluice.response.problem-type-base}: URI the problem {@code type} starts with. */
        public Builder problemTypeBase(String base) {
            if (base == null || base.isBlank() || base.chars().anyMatch(Character::isWhitespace)) {
                throw new SluiceConfigException("sluice.response.problem-type-base",
                        "expected a URI such as https://example.com/problems, but was '" + base + "'");
            }
            try {
                java.net.URI.create(base);
            } catch (IllegalArgumentException e) {
                throw new SluiceConfigException("sluice.response.problem-type-base", "is not a URI: " + e.getMessage());
            }
            this.problemTypeBase = base;
            return this;
        }

        /**
         * {@code sluice.response.html-template}: a file path or {@code classpath:} location of the HTML page that
         * replaces the built-in one; {@code null} for the built-in page.
         */
        public Builder htmlTemplateLocation(String location) {
            this.htmlTemplate = location == null || location.isBlank() ? null : readTemplate("sluice.response.html-template", location.strip());
            return this;
        }

        /** The HTML page template itself (see the Renderer's placeholders); {@code null} for the built-in page. */
        public Builder htmlTemplate(String template) {
            this.htmlTemplate = template;
            return this;
        }

        /** {@code sluice.admin.token}: bearer token of the admin surface. */
        public Builder adminToken(String token) {
            if (token != null && token.length() < 16) {
                throw new SluiceConfigException("sluice.admin.token",
                        "must be at least 16 characters long, but has " + token.length());
            }
            this.adminToken = token == null || token.isEmpty() ? null : token;
            return this;
        }

        /** {@code sluice.admin.allow-unauthenticated}: let anyone who reaches the admin surface use it. */
        public Builder adminAllowUnauthenticated(boolean allow) {
            this.allowUnauthenticated = allow;
            return this;
        }

        /** {@code sluice.admin.role}: role that lets a user the framework authenticated use the admin without the token. */
        public Builder adminRole(String role) {
            if (role == null || role.isBlank()) {
                throw new SluiceConfigException("sluice.admin.role", "must not be blank");
            }
            this.adminRole = role.strip();
            return this;
        }

        /**
         * {@code sluice.admin.path}: path of the maintenance admin resource (dependencies are served at
         * {@code <parent>/dependencies/<name>}); never refused by Sluice.
         */
        public Builder adminPath(String path) {
            String p = path == null ? "" : path.strip();
            if (!p.startsWith("/") || p.length() < 2 || p.endsWith("/") || p.contains("*")) {
                throw new SluiceConfigException("sluice.admin.path", "expected a path such as /admin/maintenance, but was '" + path + "'");
            }
            this.adminPath = p;
            return this;
        }

        /** The monotonic clock that times requests for an adaptive limit (tests pass a controllable one). */
        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        /** Clock for every time decision (tests pass a fixed or controllable one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Applies {@code sluice.*} properties, named as in {@link PropertyCatalogue} (other keys are ignored). An
         * unknown {@code sluice.*} key is an error, so a typo never passes silently; a blank value means the
         * property's default.
         */
        public Builder properties(Map<String, String> properties) {
            PropertyCatalogue.apply(this, properties);
            return this;
        }

        /** Checks what single setters cannot, and builds. */
        public SluiceConfig build() {
            if (overloadRetryAfterMax.compareTo(overloadRetryAfterMin) < 0) {
                throw new SluiceConfigException("sluice.shedding.retry-after-max",
                        "must not be less than sluice.shedding.retry-after-min (" + overloadRetryAfterMin + "), but was " + overloadRetryAfterMax);
            }
            if (sheddableShare > normalShare) {
                throw new SluiceConfigException("sluice.shedding.sheddable-share",
                        "must be at most sluice.shedding.normal-share (" + normalShare + "), but was " + sheddableShare);
            }
            if (cpuSheddableAbove != null && cpuNormalAbove != null && cpuNormalAbove < cpuSheddableAbove) {
                throw new SluiceConfigException("sluice.shedding.cpu.normal-above",
                        "must not be less than sluice.shedding.cpu.sheddable-above (" + cpuSheddableAbove + "): sheddable requests go first, but was " + cpuNormalAbove);
            }
            if (gatewayRoutes.isEmpty() && !(gatewayBadResponseExceptions.isEmpty() && gatewayTimeoutExceptions.isEmpty())) {
                throw new SluiceConfigException("sluice.gateway.routes", "is required with sluice.gateway.bad-response-exceptions or "
                        + "timeout-exceptions: a library's exceptions answer 502/504 only where the app is a gateway");
            }
            if (!dependencies.isEmpty() && dependencyBreakers == null) {
                throw new SluiceConfigException("sluice.dependencies." + dependencies.get(0).name(),
                        "needs the circuit breakers that watch it: give SluiceConfig.Builder.dependencyBreakers(new Resilience4jBreakers(registry, clock)) "
                                + "(the Spring Boot starter and the Quarkus extension do this for you)");
            }
            if (limitType != LimitType.FIXED) {
                int min = limitMin != null ? limitMin : 1;
                int initial = limitInitial != null ? limitInitial : Math.min(20, limitMax);
                if (min > limitMax) {
                    throw new SluiceConfigException("sluice.shedding.limit.min", "must not be more than sluice.shedding.limit.max (" + limitMax + "), but was " + min);
                }
                if (initial < min || initial > limitMax) {
                    throw new SluiceConfigException("sluice.shedding.limit.initial",
                            "must lie between sluice.shedding.limit.min (" + min + ") and sluice.shedding.limit.max (" + limitMax + "), but was " + initial);
                }
            } else if (limitInitial != null || limitMin != null) {
                throw new SluiceConfigException(limitInitial != null ? "sluice.shedding.limit.initial" : "sluice.shedding.limit.min",
                        "applies only to an adaptive limit (sluice.shedding.limit.type=gradient2, vegas or knee); a fixed limit is sluice.shedding.limit.max");
            }
            if (customMaintenanceStore == null && storeType == StoreType.FILE && file == null) {
                throw new SluiceConfigException("sluice.maintenance.file.path",
                        "is required when sluice.maintenance.store=file (the flag file every instance watches)");
            }
            return new SluiceConfig(this);
        }

        private static List<String> patterns(String property, Collection<String> patterns) {
            List<String> out = new ArrayList<>();
            for (String p : patterns) {
                try {
                    PathPattern.of(p);
                } catch (IllegalArgumentException e) {
                    throw new SluiceConfigException(property, e.getMessage());
                }
                out.add(p.strip());
            }
            return List.copyOf(out);
        }

        private static List<IpRange> ranges(String property, Collection<String> cidrs) {
            List<IpRange> out = new ArrayList<>();
            for (String c : cidrs) {
                try {
                    out.add(IpRange.parse(c));
                } catch (IllegalArgumentException e) {
                    throw new SluiceConfigException(property, e.getMessage());
                }
            }
            return List.copyOf(out);
        }

        private static String token(String property, String value) {
            if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
                throw new SluiceConfigException(property, "expected a header/cookie name token such as X-Sluice-Bypass, but was '" + value + "'");
            }
            return value;
        }

        /** A template named by a file path or {@code classpath:} location. */
        private static String readTemplate(String property, String location) {
            try {
                if (location.startsWith("classpath:")) {
                    String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
                    ClassLoader cl = Thread.currentThread().getContextClassLoader();
                    try (InputStream in = (cl != null ? cl : SluiceConfig.class.getClassLoader()).getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new SluiceConfigException(property, "no resource '" + resource + "' on the class path");
                        }
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                return Files.readString(Path.of(location.startsWith("file:") ? location.substring(5) : location), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SluiceConfigException(property, "cannot read template '" + location + "': " + e);
            }
        }
    }
}
