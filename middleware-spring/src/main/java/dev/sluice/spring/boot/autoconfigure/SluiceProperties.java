package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.clientlimit.ClientKeyType;
import dev.sluice.clientlimit.Refill;
import dev.sluice.http.RetryAfterFormat;
import dev.sluice.maintenance.MaintenanceConfig.StoreType;
import dev.sluice.maintenance.MaintenanceMode;
import dev.sluice.shedding.SheddingConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sluice configuration: the same {@code sluice.*} names as the Servlet filter and the Quarkus extension
 * (see docs/configuration.md). Values are checked by the core when the context starts; a bad one stops
 * start-up with a message naming the property.
 */
@ConfigurationProperties("sluice")
public class SluiceProperties {

    /** Whether Sluice judges requests at all. */
    private boolean enabled = true;

    /** Path patterns never rejected by maintenance or shedding, e.g. /status/**. The actuator base path is always exempt. */
    private List<String> exemptPaths = new ArrayList<>();

    /** Addresses or CIDR blocks of proxies whose Forwarded / X-Forwarded-For headers are believed. */
    private List<String> trustedProxies = new ArrayList<>();

    private final Maintenance maintenance = new Maintenance();
    private final ClientLimits clientLimits = new ClientLimits();
    /** Dependencies routes need, by name. */
    private Map<String, Dependency> dependencies = new LinkedHashMap<>();
    private final Gateway gateway = new Gateway();
    private final Shedding shedding = new Shedding();
    private final Response response = new Response();
    private final Admin admin = new Admin();
    private final Health health = new Health();
    private final Audit audit = new Audit();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getExemptPaths() {
        return exemptPaths;
    }

    public void setExemptPaths(List<String> exemptPaths) {
        this.exemptPaths = exemptPaths;
    }

    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public Maintenance getMaintenance() {
        return maintenance;
    }

    public ClientLimits getClientLimits() {
        return clientLimits;
    }

    public Map<String, Dependency> getDependencies() {
        return dependencies;
    }

    public void setDependencies(Map<String, Dependency> dependencies) {
        this.dependencies = dependencies;
    }

    public Gateway getGateway() {
        return gateway;
    }

    public Shedding getShedding() {
        return shedding;
    }

    public Response getResponse() {
        return response;
    }

    public Admin getAdmin() {
        return admin;
    }

    public Health getHealth() {
        return health;
    }

    public Audit getAudit() {
        return audit;
    }

    /** The properties as the core's {@code sluice.*} names, for {@code SluiceConfig.Builder.properties}. */
    Map<String, String> asCoreProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sluice.enabled", Boolean.toString(enabled));
        putList(p, "sluice.exempt-paths", exemptPaths);
        putList(p, "sluice.trusted-proxies", trustedProxies);
        maintenance.into(p);
        clientLimits.into(p);
        dependencies.forEach((name, d) -> d.into(p, "sluice.dependencies." + name));
        putList(p, "sluice.gateway.routes", gateway.routes);
        putList(p, "sluice.gateway.bad-response-exceptions", gateway.badResponseExceptions);
        putList(p, "sluice.gateway.timeout-exceptions", gateway.timeoutExceptions);
        shedding.into(p);
        p.put("sluice.response.retry-after-format", response.retryAfterFormat.name());
        put(p, "sluice.response.problem-type-base", response.problemTypeBase);
        put(p, "sluice.admin.token", admin.token);
        p.put("sluice.admin.allow-unauthenticated", Boolean.toString(admin.allowUnauthenticated));
        put(p, "sluice.admin.role", admin.role);
        put(p, "sluice.admin.path", admin.path);
        p.put("sluice.audit.add-missing-retry-after", Boolean.toString(audit.addMissingRetryAfter));
        return p;
    }

    static void put(Map<String, String> p, String key, Object value) {
        if (value != null) {
            p.put(key, value.toString());
        }
    }

    static void putList(Map<String, String> p, String key, List<String> values) {
        if (values != null && !values.isEmpty()) {
            p.put(key, String.join(",", values));
        }
    }

    public static class Maintenance {

        /** Whether maintenance is on at start-up. */
        private boolean enabled;

        /** Mode when switched on without one. */
        private MaintenanceMode mode = MaintenanceMode.FULL;

        /** What clients read while maintenance is on. */
        private String message;

        /** Retry-After estimate when no end is announced; without it and without an end, no Retry-After is sent. */
        private Duration retryAfter;

        /** Path patterns maintenance applies to at start-up; empty means every path that is not exempt. */
        private List<String> scope = new ArrayList<>();

        /** Scheduled maintenance windows: on at start, off at end, without a restart. */
        private List<Window> windows = new ArrayList<>();

        private final Bypass bypass = new Bypass();

        /** Where the switch lives: memory (this instance) or file (a flag file every instance watches). */
        private StoreType store = StoreType.MEMORY;

        private final FileFlag file = new FileFlag();

        void into(Map<String, String> p) {
            p.put("sluice.maintenance.enabled", Boolean.toString(enabled));
            p.put("sluice.maintenance.mode", mode.name());
            put(p, "sluice.maintenance.message", message);
            put(p, "sluice.maintenance.retry-after", retryAfter);
            putList(p, "sluice.maintenance.scope", scope);
            for (int i = 0; i < windows.size(); i++) {
                Window w = windows.get(i);
                String k = "sluice.maintenance.windows[" + i + "].";
                put(p, k + "start", w.start);
                put(p, k + "end", w.end);
                put(p, k + "mode", w.mode);
                put(p, k + "message", w.message);
                putList(p, k + "scope", w.scope);
            }
            putList(p, "sluice.maintenance.bypass.addresses", bypass.addresses);
            put(p, "sluice.maintenance.bypass.secret", bypass.secret);
            put(p, "sluice.maintenance.bypass.header", bypass.header);
            put(p, "sluice.maintenance.bypass.cookie", bypass.cookie);
            put(p, "sluice.maintenance.bypass.path", bypass.path);
            p.put("sluice.maintenance.store", store.name());
            put(p, "sluice.maintenance.file.path", file.path);
            put(p, "sluice.maintenance.file.poll-interval", file.pollInterval);
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public MaintenanceMode getMode() {
            return mode;
        }

        public void setMode(MaintenanceMode mode) {
            this.mode = mode;
        }

        public String getMessage() {
            return message;
        }

        public void setMessage(String message) {
            this.message = message;
        }

        public Duration getRetryAfter() {
            return retryAfter;
        }

        public void setRetryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }

        public List<String> getScope() {
            return scope;
        }

        public void setScope(List<String> scope) {
            this.scope = scope;
        }

        public List<Window> getWindows() {
            return windows;
        }

        public void setWindows(List<Window> windows) {
            this.windows = windows;
        }

        public Bypass getBypass() {
            return bypass;
        }

        public StoreType getStore() {
            return store;
        }

        public void setStore(StoreType store) {
            this.store = store;
        }

        public FileFlag getFile() {
            return file;
        }
    }

    public static class Window {

        /** When the window opens (ISO-8601 instant). */
        private Instant start;

        /** When it closes. */
        private Instant end;

        /** Mode during the window. */
        private MaintenanceMode mode;

        /** Message during the window. */
        private String message;

        /** Paths the window applies to; empty means all. */
        private List<String> scope = new ArrayList<>();

        public Instant getStart() {
            return start;
        }

        public void setStart(Instant start) {
            this.start = start;
        }

        public Instant getEnd() {
            return end;
        }

        public void setEnd(Instant end) {
            this.end = end;
        }

        public MaintenanceMode getMode() {
            return mode;
        }

        public void setMode(MaintenanceMode mode) {
            this.mode = mode;
        }

        public String getMessage() {
            return message;
        }

        public void setMessage(String message) {
            this.message = message;
        }

        public List<String> getScope() {
            return scope;
        }

        public void setScope(List<String> scope) {
            this.scope = scope;
        }
    }

    public static class Bypass {

        /** Client addresses or CIDR blocks served during maintenance. */
        private List<String> addresses = new ArrayList<>();

        /** Secret (at least 16 characters) that lets a caller through; never logged. */
        private String secret;

        /** Header that carries the secret. */
        private String header = "X-Sluice-Bypass";

        /** Name of the cookie set by visiting the bypass path followed by the secret. */
        private String cookie = "sluice_bypass";

        /** Path prefix of the URL that sets the bypass cookie. */
        private String path = "/_sluice/bypass";

        public List<String> getAddresses() {
            return addresses;
        }

        public void setAddresses(List<String> addresses) {
            this.addresses = addresses;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public String getHeader() {
            return header;
        }

        public void setHeader(String header) {
            this.header = header;
        }

        public String getCookie() {
            return cookie;
        }

        public void setCookie(String cookie) {
            this.cookie = cookie;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }
    }

    public static class FileFlag {

        /** Flag file of the file store: while it exists, maintenance is on. */
        private String path;

        /** How often the flag file is re-read. */
        private Duration pollInterval = Duration.ofSeconds(1);

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }
    }

    public static class ClientLimits {

        /** Per-client limit policies, by name. */
        private Map<String, Policy> policies = new LinkedHashMap<>();

        /** Most client buckets kept in memory per policy; the least recently used go first. */
        private long maxKeys = 100_000;

        /** A client's bucket is dropped after this long without requests. */
        private Duration expireAfterIdle = Duration.ofHours(1);

        /** Whether admitted responses on a limited route carry RateLimit-Policy and RateLimit. */
        private boolean headersOnAdmitted = true;

        /** Whether the legacy X-RateLimit-Limit/-Remaining/-Reset fields are sent as well. */
        private boolean legacyHeaders;

        /** IPv6 clients are keyed by their network of this many bits. */
        private int ipv6Prefix = 64;

        public int getIpv6Prefix() {
            return ipv6Prefix;
        }

        public void setIpv6Prefix(int ipv6Prefix) {
            this.ipv6Prefix = ipv6Prefix;
        }

        void into(Map<String, String> p) {
            p.put("sluice.client-limits.max-keys", Long.toString(maxKeys));
            p.put("sluice.client-limits.expire-after-idle", expireAfterIdle.toString());
            p.put("sluice.client-limits.headers-on-admitted", Boolean.toString(headersOnAdmitted));
            p.put("sluice.client-limits.legacy-headers", Boolean.toString(legacyHeaders));
            p.put("sluice.client-limits.ipv6-prefix", Integer.toString(ipv6Prefix));
            policies.forEach((name, policy) -> {
                String k = "sluice.client-limits.policies." + name + ".";
                putList(p, k + "routes", policy.routes);
                putList(p, k + "methods", policy.methods);
                put(p, k + "limits", policy.limits);
                put(p, k + "refill", policy.refill);
                putList(p, k + "key", policy.key.stream().map(Enum::name).toList());
                put(p, k + "api-key-header", policy.apiKeyHeader);
            });
        }

        public Map<String, Policy> getPolicies() {
            return policies;
        }

        public void setPolicies(Map<String, Policy> policies) {
            this.policies = policies;
        }

        public long getMaxKeys() {
            return maxKeys;
        }

        public void setMaxKeys(long maxKeys) {
            this.maxKeys = maxKeys;
        }

        public Duration getExpireAfterIdle() {
            return expireAfterIdle;
        }

        public void setExpireAfterIdle(Duration expireAfterIdle) {
            this.expireAfterIdle = expireAfterIdle;
        }

        public boolean isHeadersOnAdmitted() {
            return headersOnAdmitted;
        }

        public void setHeadersOnAdmitted(boolean headersOnAdmitted) {
            this.headersOnAdmitted = headersOnAdmitted;
        }

        public boolean isLegacyHeaders() {
            return legacyHeaders;
        }

        public void setLegacyHeaders(boolean legacyHeaders) {
            this.legacyHeaders = legacyHeaders;
        }
    }

    public static class Policy {

        /** Path patterns the policy applies to. */
        private List<String> routes = new ArrayList<>();

        /** Methods it applies to; empty means all. */
        private List<String> methods = new ArrayList<>();

        /** One or more bandwidths, e.g. 5/10s or 5/10s,1000/1h. */
        private String limits;

        /** How spent quota comes back. */
        private Refill refill = Refill.INTERVAL;

        /**
         * Who the client is; several (e.g. api-key,ip) limit by each at once. An API key is an identity only if the
         * application validates it before the limit applies; otherwise add ip.
         */
        private List<ClientKeyType> key = new ArrayList<>(List.of(ClientKeyType.IP));

        /** Header read by the API-key keys. */
        private String apiKeyHeader = "X-Api-Key";

        public List<String> getRoutes() {
            return routes;
        }

        public void setRoutes(List<String> routes) {
            this.routes = routes;
        }

        public List<String> getMethods() {
            return methods;
        }

        public void setMethods(List<String> methods) {
            this.methods = methods;
        }

        public String getLimits() {
            return limits;
        }

        public void setLimits(String limits) {
            this.limits = limits;
        }

        public Refill getRefill() {
            return refill;
        }

        public void setRefill(Refill refill) {
            this.refill = refill;
        }

        public List<ClientKeyType> getKey() {
            return key;
        }

        public void setKey(List<ClientKeyType> key) {
            this.key = key;
        }

        public String getApiKeyHeader() {
            return apiKeyHeader;
        }

        public void setApiKeyHeader(String apiKeyHeader) {
            this.apiKeyHeader = apiKeyHeader;
        }
    }

    public static class Dependency {

        /** Path patterns of the routes that need the dependency. */
        private List<String> routes = new ArrayList<>();

        /** Methods; empty means all. */
        private List<String> methods = new ArrayList<>();

        /** Name of the circuit breaker that watches it; defaults to the dependency's name. */
        private String breaker;

        /** Retry-After while the breaker is forced open. */
        private Duration forcedOpenRetryAfter = Duration.ofSeconds(60);

        void into(Map<String, String> p, String prefix) {
            putList(p, prefix + ".routes", routes);
            putList(p, prefix + ".methods", methods);
            put(p, prefix + ".breaker", breaker);
            put(p, prefix + ".forced-open-retry-after", forcedOpenRetryAfter);
        }

        public List<String> getRoutes() {
            return routes;
        }

        public void setRoutes(List<String> routes) {
            this.routes = routes;
        }

        public List<String> getMethods() {
            return methods;
        }

        public void setMethods(List<String> methods) {
            this.methods = methods;
        }

        public String getBreaker() {
            return breaker;
        }

        public void setBreaker(String breaker) {
            this.breaker = breaker;
        }

        public Duration getForcedOpenRetryAfter() {
            return forcedOpenRetryAfter;
        }

        public void setForcedOpenRetryAfter(Duration forcedOpenRetryAfter) {
            this.forcedOpenRetryAfter = forcedOpenRetryAfter;
        }
    }

    public static class Gateway {

        /** Routes where the app is a gateway: 502/504 only there; empty means every route. */
        private List<String> routes = new ArrayList<>();

        /** Class names of a client library's "unusable upstream answer" exceptions that answer 502 on gateway routes. */
        private List<String> badResponseExceptions = new ArrayList<>();

        /** Class names of upstream timeout exceptions that answer 504 on gateway routes, e.g. java.net.http.HttpTimeoutException. */
        private List<String> timeoutExceptions = new ArrayList<>();

        public List<String> getRoutes() {
            return routes;
        }

        public void setRoutes(List<String> routes) {
            this.routes = routes;
        }

        public List<String> getBadResponseExceptions() {
            return badResponseExceptions;
        }

        public void setBadResponseExceptions(List<String> badResponseExceptions) {
            this.badResponseExceptions = badResponseExceptions;
        }

        public List<String> getTimeoutExceptions() {
            return timeoutExceptions;
        }

        public void setTimeoutExceptions(List<String> timeoutExceptions) {
            this.timeoutExceptions = timeoutExceptions;
        }
    }

    public static class Shedding {

        /** Whether admitted requests take a permit under a concurrency limit; beyond it they get 503 overload. */
        private boolean enabled;

        private final Limit limit = new Limit();

        /** Normal requests are admitted only while in flight < normal-share x limit (critical ones up to the whole limit). */
        private Double normalShare;

        /** Sheddable requests are admitted only while in flight < sheddable-share x limit. */
        private Double sheddableShare;

        private final Rule critical = new Rule();

        private final Rule sheddable = new Rule();

        /**
         * Header in which a trusted proxy (sluice.trusted-proxies) names a request's priority (critical, normal or
         * sheddable); none by default. Set it only when every trusted proxy overwrites or removes the header, or any
         * client can name itself critical.
         */
        private String priorityHeader;

        private final Cpu cpu = new Cpu();

        private final QueueTime queueTime = new QueueTime();

        /** Least Retry-After for overload; the value is drawn uniformly between min and max. */
        private Duration retryAfterMin = Duration.ofSeconds(1);

        /** Largest Retry-After for overload. */
        private Duration retryAfterMax = Duration.ofSeconds(5);

        void into(Map<String, String> p) {
            p.put("sluice.shedding.enabled", Boolean.toString(enabled));
            put(p, "sluice.shedding.limit.type", limit.type == null ? null : limit.type.name());
            put(p, "sluice.shedding.limit.max", limit.max);
            put(p, "sluice.shedding.limit.initial", limit.initial);
            put(p, "sluice.shedding.limit.min", limit.min);
            put(p, "sluice.shedding.normal-share", normalShare);
            put(p, "sluice.shedding.sheddable-share", sheddableShare);
            putList(p, "sluice.shedding.critical.routes", critical.routes);
            putList(p, "sluice.shedding.critical.methods", critical.methods);
            putList(p, "sluice.shedding.sheddable.routes", sheddable.routes);
            putList(p, "sluice.shedding.sheddable.methods", sheddable.methods);
            put(p, "sluice.shedding.priority-header", priorityHeader);
            put(p, "sluice.shedding.cpu.sheddable-above", cpu.sheddableAbove);
            put(p, "sluice.shedding.cpu.normal-above", cpu.normalAbove);
            put(p, "sluice.shedding.cpu.sample-interval", cpu.sampleInterval);
            put(p, "sluice.shedding.queue-time.max", queueTime.max);
            put(p, "sluice.shedding.queue-time.header", queueTime.header);
            p.put("sluice.shedding.retry-after-min", retryAfterMin.toString());
            p.put("sluice.shedding.retry-after-max", retryAfterMax.toString());
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Limit getLimit() {
            return limit;
        }

        public Double getNormalShare() {
            return normalShare;
        }

        public void setNormalShare(Double normalShare) {
            this.normalShare = normalShare;
        }

        public Double getSheddableShare() {
            return sheddableShare;
        }

        public void setSheddableShare(Double sheddableShare) {
            this.sheddableShare = sheddableShare;
        }

        public Rule getCritical() {
            return critical;
        }

        public Rule getSheddable() {
            return sheddable;
        }

        public String getPriorityHeader() {
            return priorityHeader;
        }

        public void setPriorityHeader(String priorityHeader) {
            this.priorityHeader = priorityHeader;
        }

        public Cpu getCpu() {
            return cpu;
        }

        public QueueTime getQueueTime() {
            return queueTime;
        }

        public Duration getRetryAfterMin() {
            return retryAfterMin;
        }

        public void setRetryAfterMin(Duration retryAfterMin) {
            this.retryAfterMin = retryAfterMin;
        }

        public Duration getRetryAfterMax() {
            return retryAfterMax;
        }

        public void setRetryAfterMax(Duration retryAfterMax) {
            this.retryAfterMax = retryAfterMax;
        }

        public static class Limit {

            /** fixed (default), or an adaptive limit that follows latency: gradient2 or vegas. */
            private SheddingConfig.LimitType type;

            /** The fixed limit, or the adaptive limit's upper bound (default 200). */
            private Integer max;

            /** Where an adaptive limit starts (default: the lesser of 20 and max). */
            private Integer initial;

            /** The lowest an adaptive limit goes (default 1). */
            private Integer min;

            public SheddingConfig.LimitType getType() {
                return type;
            }

            public void setType(SheddingConfig.LimitType type) {
                this.type = type;
            }

            public Integer getMax() {
                return max;
            }

            public void setMax(Integer max) {
                this.max = max;
            }

            public Integer getInitial() {
                return initial;
            }

            public void setInitial(Integer initial) {
                this.initial = initial;
            }

            public Integer getMin() {
                return min;
            }

            public void setMin(Integer min) {
                this.min = min;
            }
        }

        public static class Rule {

            /** Path patterns of the requests of this priority, e.g. /checkout/**. */
            private List<String> routes = new ArrayList<>();

            /** Methods the rule is limited to; empty for all. */
            private List<String> methods = new ArrayList<>();

            public List<String> getRoutes() {
                return routes;
            }

            public void setRoutes(List<String> routes) {
                this.routes = routes;
            }

            public List<String> getMethods() {
                return methods;
            }

            public void setMethods(List<String> methods) {
                this.methods = methods;
            }
        }

        public static class Cpu {

            /** Process CPU load (0-1) above which sheddable requests are refused; unset: off. */
            private Double sheddableAbove;

            /** Process CPU load (0-1) above which normal requests are refused too; unset: off. */
            private Double normalAbove;

            /** How often process CPU is sampled, off the request path (default 1s). */
            private Duration sampleInterval;

            public Double getSheddableAbove() {
                return sheddableAbove;
            }

            public void setSheddableAbove(Double sheddableAbove) {
                this.sheddableAbove = sheddableAbove;
            }

            public Double getNormalAbove() {
                return normalAbove;
            }

            public void setNormalAbove(Double normalAbove) {
                this.normalAbove = normalAbove;
            }

            public Duration getSampleInterval() {
                return sampleInterval;
            }

            public void setSampleInterval(Duration sampleInterval) {
                this.sampleInterval = sampleInterval;
            }
        }

        public static class QueueTime {

            /** Refuse a request that waited longer than this in front of the app (read from a trusted proxy's header); unset: off. */
            private Duration max;

            /** Header in which a trusted proxy says when it received the request (default X-Request-Start). */
            private String header;

            public Duration getMax() {
                return max;
            }

            public void setMax(Duration max) {
                this.max = max;
            }

            public String getHeader() {
                return header;
            }

            public void setHeader(String header) {
                this.header = header;
            }
        }
    }

    public static class Response {

        /** How Retry-After is written. */
        private RetryAfterFormat retryAfterFormat = RetryAfterFormat.DELAY_SECONDS;

        /** URI the problem type starts with; the reason is appended. */
        private String problemTypeBase;

        /** Location of an HTML page replacing the built-in one, e.g. classpath:maintenance.html. */
        private String htmlTemplate;

        public RetryAfterFormat getRetryAfterFormat() {
            return retryAfterFormat;
        }

        public void setRetryAfterFormat(RetryAfterFormat retryAfterFormat) {
            this.retryAfterFormat = retryAfterFormat;
        }

        public String getProblemTypeBase() {
            return problemTypeBase;
        }

        public void setProblemTypeBase(String problemTypeBase) {
            this.problemTypeBase = problemTypeBase;
        }

        public String getHtmlTemplate() {
            return htmlTemplate;
        }

        public void setHtmlTemplate(String htmlTemplate) {
            this.htmlTemplate = htmlTemplate;
        }
    }

    public static class Admin {

        /** Bearer token of the admin endpoint (at least 16 characters). */
        private String token;

        /** Whether anyone who reaches the admin endpoint may use it without authentication. */
        private boolean allowUnauthenticated;

        /** Role that lets an authenticated user (Spring Security) use the admin endpoint without the token. */
        private String role = "SLUICE_ADMIN";

        /** Path of the maintenance admin resource; dependencies are served beside it. */
        private String path = "/actuator/maintenance";

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public boolean isAllowUnauthenticated() {
            return allowUnauthenticated;
        }

        public void setAllowUnauthenticated(boolean allowUnauthenticated) {
            this.allowUnauthenticated = allowUnauthenticated;
        }

        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }
    }

    public static class Health {

        /**
         * Whether readiness reports OUT_OF_SERVICE during FULL maintenance. Off by default: a load balancer
         * that drops the instance answers its own 502/503 without Sluice's Retry-After.
         */
        private boolean readinessOutOfServiceDuringMaintenance;

        public boolean isReadinessOutOfServiceDuringMaintenance() {
            return readinessOutOfServiceDuringMaintenance;
        }

        public void setReadinessOutOfServiceDuringMaintenance(boolean readinessOutOfServiceDuringMaintenance) {
            this.readinessOutOfServiceDuringMaintenance = readinessOutOfServiceDuringMaintenance;
        }
    }

    public static class Audit {

        /** Whether a missing Retry-After on the application's own 503/429 is filled in from the overload estimate. */
        private boolean addMissingRetryAfter;

        public boolean isAddMissingRetryAfter() {
            return addMissingRetryAfter;
        }

        public void setAddMissingRetryAfter(boolean addMissingRetryAfter) {
            this.addMissingRetryAfter = addMissingRetryAfter;
        }
    }
}
