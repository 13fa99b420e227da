package dev.sluice;

import dev.sluice.admin.AdminConfig;
import dev.sluice.clientlimit.ClientKeyType;
import dev.sluice.clientlimit.ClientLimitConfig;
import dev.sluice.clientlimit.ClientLimitPolicy;
import dev.sluice.clientlimit.Limit;
import dev.sluice.clientlimit.Refill;
import dev.sluice.dependency.Dependency;
import dev.sluice.dependency.DependencyBreakers;
import dev.sluice.shedding.ConcurrencyLimit;
import dev.sluice.shedding.OverloadRetryAfter;
import dev.sluice.shedding.SheddingConfig;
import dev.sluice.shedding.SheddingConfig.LimitType;
import dev.sluice.http.IpRange;
import dev.sluice.http.PathPattern;
import dev.sluice.http.PathPatterns;
import dev.sluice.http.ResponseConfig;
import dev.sluice.http.RetryAfterFormat;
import dev.sluice.maintenance.MaintenanceBypass;
import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.maintenance.MaintenanceConfig.StoreType;
import dev.sluice.maintenance.MaintenanceMode;
import dev.sluice.maintenance.MaintenanceStore;
import dev.sluice.maintenance.MaintenanceWindow;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

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
    private final MaintenanceConfig maintenance;
    private final MaintenanceStore customMaintenanceStore;
    private final ClientLimitConfig clientLimits;
    private final List<Dependency> dependencies;
    private final DependencyBreakers dependencyBreakers;
    private final PathPatterns gatewayRoutes;
    private final Set<String> gatewayBadResponseExceptions;
    private final Set<String> gatewayTimeoutExceptions;
    private final OverloadRetryAfter overloadRetryAfter;
    private final SheddingConfig shedding;
    private final ConcurrencyLimit customConcurrencyLimit;
    private final DoubleSupplier cpuLoadSource;
    private final boolean auditAddMissingRetryAfter;
    private final ResponseConfig response;
    private final AdminConfig admin;
    private final Clock clock;

    private SluiceConfig(Builder b) {
        this.enabled = b.enabled;
        this.exemptPaths = PathPatterns.of(b.exemptPaths);
        this.trustedProxies = List.copyOf(b.trustedProxies);
        this.maintenance = new MaintenanceConfig(b.maintenanceEnabled, b.maintenanceMode, b.maintenanceMessage,
                b.maintenanceRetryAfter, PathPatterns.of(b.maintenanceScope), b.windows, b.bypassAddresses,
                b.bypassSecret, b.bypassHeader, b.bypassCookie, b.bypassPath, b.storeType, b.file, b.filePollInterval);
        this.customMaintenanceStore = b.customMaintenanceStore;
        this.clientLimits = new ClientLimitConfig(b.clientLimitPolicies, b.clientLimitMaxKeys, b.clientLimitExpireAfterIdle,
                b.clientLimitHeadersOnAdmitted, b.clientLimitLegacyHeaders);
        this.dependencies = List.copyOf(b.dependencies);
        this.dependencyBreakers = b.dependencyBreakers;
        this.gatewayRoutes = PathPatterns.of(b.gatewayRoutes);
        this.gatewayBadResponseExceptions = Set.copyOf(b.gatewayBadResponseExceptions);
        this.gatewayTimeoutExceptions = Set.copyOf(b.gatewayTimeoutExceptions);
        this.overloadRetryAfter = new OverloadRetryAfter(b.overloadRetryAfterMin, b.overloadRetryAfterMax);
        this.shedding = new SheddingConfig(b.sheddingEnabled, b.limitType, b.limitMax,
                b.limitInitial != null ? b.limitInitial : Math.min(20, b.limitMax), b.limitMin != null ? b.limitMin : 1,
                b.normalShare, b.sheddableShare,
                new SheddingConfig.PriorityRule(PathPatterns.of(b.criticalRoutes), Set.copyOf(b.criticalMethods)),
                new SheddingConfig.PriorityRule(PathPatterns.of(b.sheddableRoutes), Set.copyOf(b.sheddableMethods)),
                b.priorityHeader, b.cpuSheddableAbove, b.cpuNormalAbove, b.cpuSampleInterval, b.queueTimeMax, b.queueTimeHeader);
        this.customConcurrencyLimit = b.customConcurrencyLimit;
        this.cpuLoadSource = b.cpuLoadSource;
        this.auditAddMissingRetryAfter = b.auditAddMissingRetryAfter;
        this.response = new ResponseConfig(b.retryAfterFormat, b.problemTypeBase, b.htmlTemplate);
        this.admin = new AdminConfig(b.adminToken, b.allowUnauthenticated);
        this.clock = b.clock;
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
    public OverloadRetryAfter overloadRetryAfter() {
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

    public Clock clock() {
        return clock;
    }

    /** Set-once-per-call builder; every setter validates its value and names the property in its error. */
    public static final class Builder {

        private static final Pattern WINDOW_KEY = Pattern.compile("sluice\\.maintenance\\.windows\\[(\\d+)]\\.(start|end|mode|message|scope)");
        private static final Pattern DEPENDENCY_KEY = Pattern.compile("sluice\\.dependencies\\.([^.]+)\\.(routes|methods|breaker|forced-open-retry-after)");
        private static final Pattern POLICY_KEY = Pattern.compile("sluice\\.client-limits\\.policies\\.([^.]+)\\.(routes|methods|limits|refill|key|api-key-header)");

        private boolean enabled = true;
        private List<String> exemptPaths = List.of();
        private List<IpRange> trustedProxies = List.of();
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
        private final List<ClientLimitPolicy> clientLimitPolicies = new ArrayList<>();
        private long clientLimitMaxKeys = ClientLimitConfig.DEFAULT_MAX_KEYS;
        private Duration clientLimitExpireAfterIdle = ClientLimitConfig.DEFAULT_EXPIRE_AFTER_IDLE;
        private boolean clientLimitHeadersOnAdmitted = true;
        private boolean clientLimitLegacyHeaders;
        private final List<Dependency> dependencies = new ArrayList<>();
        private DependencyBreakers dependencyBreakers;
        private List<String> gatewayRoutes = List.of();
        private List<String> gatewayBadResponseExceptions = List.of();
        private List<String> gatewayTimeoutExceptions = List.of();
        private Duration overloadRetryAfterMin = OverloadRetryAfter.DEFAULT_MIN;
        private Duration overloadRetryAfterMax = OverloadRetryAfter.DEFAULT_MAX;
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
        private String problemTypeBase = ResponseConfig.DEFAULT_PROBLEM_TYPE_BASE;
        private String htmlTemplate;
        private String adminToken;
        private boolean allowUnauthenticated;
        private Clock clock = Clock.systemUTC();

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

        /** {@code sluice.maintenance.store}: memory (this instance) or file (a flag file shared by instances). */
        public Builder maintenanceStore(StoreType type) {
            this.storeType = Objects.requireNonNull(type, "sluice.maintenance.store");
            return this;
        }

        /** A store of your own (e.g. the Redis store); replaces {@code sluice.maintenance.store}. */
        public Builder maintenanceStore(MaintenanceStore store) {
            this.customMaintenanceStore = store;
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
         * @param apiKeyHeader header of the API-key resolvers; {@code null} for {@code X-Api-Key}
         */
        public Builder clientLimit(String name, Collection<String> routes, Collection<String> methods, String limits,
                                   Refill refill, ClientKeyType key, String apiKeyHeader) {
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
            List<Limit> parsed;
            try {
                parsed = Limit.parseAll(limits);
            } catch (IllegalArgumentException e) {
                throw new SluiceConfigException(p + ".limits", e.getMessage());
            }
            try {
                clientLimitPolicies.add(new ClientLimitPolicy(name, PathPatterns.of(patterns(p + ".routes", routes)),
                        methods == null ? java.util.Set.of() : java.util.Set.copyOf(methods), parsed,
                        refill == null ? Refill.INTERVAL : refill, key == null ? ClientKeyType.IP : key,
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
         * {@code sluice.gateway.bad-response-exceptions} / {@code timeout-exceptions}: fully qualified class
         * names of a client library's exceptions that mean "the upstream answered badly" (502) or "too late"
         * (504); they count only on {@code sluice.gateway.routes}, and subclasses count too.
         */
        public Builder gatewayExceptions(Collection<String> badResponse, Collection<String> timeout) {
            this.gatewayBadResponseExceptions = classNames("sluice.gateway.bad-response-exceptions", badResponse);
            this.gatewayTimeoutExceptions = classNames("sluice.gateway.timeout-exceptions", timeout);
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

        /** {@code sluice.shedding.retry-after-min} / {@code -max}: range of the jittered overload Retry-After. */
        public Builder overloadRetryAfter(Duration min, Duration max) {
            ConfigValues.requirePositive("sluice.shedding.retry-after-min", min);
            ConfigValues.requirePositive("sluice.shedding.retry-after-max", max);
            if (max.compareTo(min) < 0) {
                throw new SluiceConfigException("sluice.shedding.retry-after-max", "must not be less than sluice.shedding.retry-after-min (" + min + "), but was " + max);
            }
            this.overloadRetryAfterMin = min;
            this.overloadRetryAfterMax = max;
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

        /** {@code sluice.shedding.limit.initial}: where an adaptive limit starts (default: the lesser of 20 and max). */
        public Builder sheddingLimitInitial(int initial) {
            this.limitInitial = atLeastOne("sluice.shedding.limit.initial", initial);
            return this;
        }

        /** {@code sluice.shedding.limit.min}: the lowest an adaptive limit goes (default 1). */
        public Builder sheddingLimitMin(int min) {
            this.limitMin = atLeastOne("sluice.shedding.limit.min", min);
            return this;
        }

        /** A concurrency limit of your own; replaces {@code sluice.shedding.limit.*} (shedding must be enabled). */
        public Builder concurrencyLimit(ConcurrencyLimit limit) {
            this.customConcurrencyLimit = limit;
            return this;
        }

        /**
         * {@code sluice.shedding.normal-share} / {@code sheddable-share}: normal and sheddable requests are
         * admitted only while in flight &lt; share × limit; critical ones up to the whole limit.
         */
        public Builder sheddingShares(double normal, double sheddable) {
            if (!(normal > 0 && normal <= 1)) {
                throw new SluiceConfigException("sluice.shedding.normal-share", "expected a fraction greater than 0 and at most 1, but was " + normal);
            }
            if (!(sheddable > 0 && sheddable <= normal)) {
                throw new SluiceConfigException("sluice.shedding.sheddable-share",
                        "expected a fraction greater than 0 and at most sluice.shedding.normal-share (" + normal + "), but was " + sheddable);
            }
            this.normalShare = normal;
            this.sheddableShare = sheddable;
            return this;
        }

        /** {@code sluice.shedding.critical.routes} / {@code .methods}: requests shed last. */
        public Builder sheddingCritical(Collection<String> routes, Collection<String> methods) {
            this.criticalRoutes = patterns("sluice.shedding.critical.routes", routes);
            this.criticalMethods = methods("sluice.shedding.critical.methods", methods);
            return this;
        }

        /** {@code sluice.shedding.sheddable.routes} / {@code .methods}: requests shed first. */
        public Builder sheddingSheddable(Collection<String> routes, Collection<String> methods) {
            this.sheddableRoutes = patterns("sluice.shedding.sheddable.routes", routes);
            this.sheddableMethods = methods("sluice.shedding.sheddable.methods", methods);
            return this;
        }

        /** {@code sluice.shedding.priority-header}: header in which a trusted proxy names a request's priority. */
        public Builder sheddingPriorityHeader(String header) {
            this.priorityHeader = token("sluice.shedding.priority-header", header);
            return this;
        }

        /**
         * {@code sluice.shedding.cpu.sheddable-above} / {@code normal-above}: process CPU load (0–1) above which
         * sheddable, then also normal requests are refused; {@code null} turns a threshold off.
         */
        public Builder sheddingCpu(Double sheddableAbove, Double normalAbove) {
            if (sheddableAbove != null && !(sheddableAbove > 0 && sheddableAbove <= 1)) {
                throw new SluiceConfigException("sluice.shedding.cpu.sheddable-above", "expected a fraction greater than 0 and at most 1, such as 0.8, but was " + sheddableAbove);
            }
            if (normalAbove != null && !(normalAbove > 0 && normalAbove <= 1)) {
                throw new SluiceConfigException("sluice.shedding.cpu.normal-above", "expected a fraction greater than 0 and at most 1, such as 0.95, but was " + normalAbove);
            }
            if (sheddableAbove != null && normalAbove != null && normalAbove < sheddableAbove) {
                throw new SluiceConfigException("sluice.shedding.cpu.normal-above",
                        "must not be less than sluice.shedding.cpu.sheddable-above (" + sheddableAbove + "): sheddable requests go first, but was " + normalAbove);
            }
            this.cpuSheddableAbove = sheddableAbove;
            this.cpuNormalAbove = normalAbove;
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

        /** Clock for every time decision (tests pass a fixed or controllable one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Applies {@code sluice.*} properties (other keys are ignored). An unknown {@code sluice.*} key is an
         * error, so a typo never passes silently.
         */
        public Builder properties(Map<String, String> properties) {
            Map<Integer, Map<String, String>> windowProps = new TreeMap<>();
            Map<String, Map<String, String>> policyProps = new java.util.LinkedHashMap<>();
            Map<String, Map<String, String>> dependencyProps = new java.util.LinkedHashMap<>();
            Duration retryMin = overloadRetryAfterMin;
            Duration retryMax = overloadRetryAfterMax;
            double normal = normalShare;
            double shed = sheddableShare;
            Double cpuShed = cpuSheddableAbove;
            Double cpuNormal = cpuNormalAbove;
            List<String> critRoutes = criticalRoutes;
            List<String> critMethods = criticalMethods;
            List<String> shedRoutes = sheddableRoutes;
            List<String> shedMethods = sheddableMethods;
            for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
                String key = e.getKey();
                String v = e.getValue() == null ? "" : e.getValue();
                if (!key.startsWith("sluice.")) {
                    continue;
                }
                Matcher w = WINDOW_KEY.matcher(key);
                if (w.matches()) {
                    windowProps.computeIfAbsent(Integer.parseInt(w.group(1)), i -> new TreeMap<>()).put(w.group(2), v);
                    continue;
                }
                Matcher dm = DEPENDENCY_KEY.matcher(key);
                if (dm.matches()) {
                    dependencyProps.computeIfAbsent(dm.group(1), n -> new TreeMap<>()).put(dm.group(2), v);
                    continue;
                }
                Matcher pm = POLICY_KEY.matcher(key);
                if (pm.matches()) {
                    policyProps.computeIfAbsent(pm.group(1), n -> new TreeMap<>()).put(pm.group(2), v);
                    continue;
                }
                switch (key) {
                    case "sluice.enabled" -> enabled(ConfigValues.bool(key, v));
                    case "sluice.exempt-paths" -> exemptPaths(ConfigValues.list(v));
                    case "sluice.trusted-proxies" -> trustedProxies(ConfigValues.list(v));
                    case "sluice.maintenance.enabled" -> maintenanceEnabled(ConfigValues.bool(key, v));
                    case "sluice.maintenance.mode" -> maintenanceMode(ConfigValues.enumValue(key, v, MaintenanceMode.class));
                    case "sluice.maintenance.message" -> maintenanceMessage(v);
                    case "sluice.maintenance.retry-after" -> maintenanceRetryAfter(v.isBlank() ? null : ConfigValues.positiveDuration(key, v));
                    case "sluice.maintenance.scope" -> maintenanceScope(ConfigValues.list(v));
                    case "sluice.maintenance.bypass.addresses" -> bypassAddresses(ConfigValues.list(v));
                    case "sluice.maintenance.bypass.secret" -> bypassSecret(v.isEmpty() ? null : v);
                    case "sluice.maintenance.bypass.header" -> bypassHeader(v);
                    case "sluice.maintenance.bypass.cookie" -> bypassCookie(v);
                    case "sluice.maintenance.bypass.path" -> bypassPath(v);
                    case "sluice.maintenance.store" -> maintenanceStore(ConfigValues.enumValue(key, v, StoreType.class));
                    case "sluice.maintenance.file.path" -> maintenanceFile(v.isBlank() ? null : Path.of(v.strip()));
                    case "sluice.maintenance.file.poll-interval" -> maintenanceFilePollInterval(ConfigValues.positiveDuration(key, v));
                    case "sluice.client-limits.max-keys" -> clientLimitMaxKeys(ConfigValues.positiveLong(key, v));
                    case "sluice.client-limits.expire-after-idle" -> clientLimitExpireAfterIdle(ConfigValues.positiveDuration(key, v));
                    case "sluice.client-limits.headers-on-admitted" -> clientLimitHeadersOnAdmitted(ConfigValues.bool(key, v));
                    case "sluice.client-limits.legacy-headers" -> clientLimitLegacyHeaders(ConfigValues.bool(key, v));
                    case "sluice.gateway.routes" -> gatewayRoutes(ConfigValues.list(v));
                    case "sluice.audit.add-missing-retry-after" -> auditAddMissingRetryAfter(ConfigValues.bool(key, v));
                    case "sluice.gateway.bad-response-exceptions" -> gatewayExceptions(ConfigValues.list(v), gatewayTimeoutExceptions);
                    case "sluice.gateway.timeout-exceptions" -> gatewayExceptions(gatewayBadResponseExceptions, ConfigValues.list(v));
                    case "sluice.shedding.retry-after-min" -> retryMin = ConfigValues.positiveDuration(key, v);
                    case "sluice.shedding.retry-after-max" -> retryMax = ConfigValues.positiveDuration(key, v);
                    case "sluice.shedding.enabled" -> sheddingEnabled(ConfigValues.bool(key, v));
                    case "sluice.shedding.limit.type" -> sheddingLimitType(ConfigValues.enumValue(key, v, LimitType.class));
                    case "sluice.shedding.limit.max" -> sheddingLimitMax(ConfigValues.positiveInt(key, v));
                    case "sluice.shedding.limit.initial" -> sheddingLimitInitial(ConfigValues.positiveInt(key, v));
                    case "sluice.shedding.limit.min" -> sheddingLimitMin(ConfigValues.positiveInt(key, v));
                    case "sluice.shedding.normal-share" -> normal = ConfigValues.fraction(key, v);
                    case "sluice.shedding.sheddable-share" -> shed = ConfigValues.fraction(key, v);
                    case "sluice.shedding.critical.routes" -> critRoutes = ConfigValues.list(v);
                    case "sluice.shedding.critical.methods" -> critMethods = ConfigValues.list(v);
                    case "sluice.shedding.sheddable.routes" -> shedRoutes = ConfigValues.list(v);
                    case "sluice.shedding.sheddable.methods" -> shedMethods = ConfigValues.list(v);
                    case "sluice.shedding.priority-header" -> sheddingPriorityHeader(v.strip());
                    case "sluice.shedding.cpu.sheddable-above" -> cpuShed = v.isBlank() ? null : ConfigValues.fraction(key, v);
                    case "sluice.shedding.cpu.normal-above" -> cpuNormal = v.isBlank() ? null : ConfigValues.fraction(key, v);
                    case "sluice.shedding.cpu.sample-interval" -> sheddingCpuSampleInterval(ConfigValues.positiveDuration(key, v));
                    case "sluice.shedding.queue-time.max" -> sheddingQueueTimeMax(v.isBlank() ? null : ConfigValues.positiveDuration(key, v));
                    case "sluice.shedding.queue-time.header" -> sheddingQueueTimeHeader(v.strip());
                    case "sluice.response.retry-after-format" -> retryAfterFormat(ConfigValues.enumValue(key, v, RetryAfterFormat.class));
                    case "sluice.response.problem-type-base" -> problemTypeBase(v);
                    case "sluice.response.html-template" -> htmlTemplate(v.isBlank() ? null : readTemplate(key, v.strip()));
                    case "sluice.admin.token" -> adminToken(v.isEmpty() ? null : v);
                    case "sluice.admin.allow-unauthenticated" -> adminAllowUnauthenticated(ConfigValues.bool(key, v));
                    default -> throw new SluiceConfigException(key, "unknown property; see the configuration reference in docs/configuration.md");
                }
            }
            for (Map.Entry<Integer, Map<String, String>> e : windowProps.entrySet()) {
                String p = "sluice.maintenance.windows[" + e.getKey() + "]";
                Map<String, String> m = e.getValue();
                if (!m.containsKey("start") || !m.containsKey("end")) {
                    throw new SluiceConfigException(p, "needs both " + p + ".start and " + p + ".end");
                }
                maintenanceWindow(ConfigValues.instant(p + ".start", m.get("start")), ConfigValues.instant(p + ".end", m.get("end")),
                        m.containsKey("mode") ? ConfigValues.enumValue(p + ".mode", m.get("mode"), MaintenanceMode.class) : null,
                        m.get("message"), m.containsKey("scope") ? ConfigValues.list(m.get("scope")) : List.of());
            }
            overloadRetryAfter(retryMin, retryMax);
            sheddingShares(normal, shed);
            sheddingCpu(cpuShed, cpuNormal);
            sheddingCritical(critRoutes, critMethods);
            sheddingSheddable(shedRoutes, shedMethods);
            for (Map.Entry<String, Map<String, String>> e : dependencyProps.entrySet()) {
                String p = "sluice.dependencies." + e.getKey();
                Map<String, String> m = e.getValue();
                dependency(e.getKey(),
                        m.containsKey("routes") ? ConfigValues.list(m.get("routes")) : List.of(),
                        m.containsKey("methods") ? ConfigValues.list(m.get("methods")) : List.of(),
                        m.get("breaker"),
                        m.containsKey("forced-open-retry-after") ? ConfigValues.positiveDuration(p + ".forced-open-retry-after", m.get("forced-open-retry-after")) : null);
            }
            for (Map.Entry<String, Map<String, String>> e : policyProps.entrySet()) {
                String p = "sluice.client-limits.policies." + e.getKey();
                Map<String, String> m = e.getValue();
                clientLimit(e.getKey(),
                        m.containsKey("routes") ? ConfigValues.list(m.get("routes")) : List.of(),
                        m.containsKey("methods") ? ConfigValues.list(m.get("methods")) : List.of(),
                        m.get("limits"),
                        m.containsKey("refill") ? ConfigValues.enumValue(p + ".refill", m.get("refill"), Refill.class) : null,
                        m.containsKey("key") ? ConfigValues.enumValue(p + ".key", m.get("key"), ClientKeyType.class) : null,
                        m.get("api-key-header"));
            }
            return this;
        }

        /** Checks what single setters cannot, and builds. */
        public SluiceConfig build() {
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
