package dev.sluice.quarkus.runtime;

import dev.sluice.clientlimit.ClientKeyType;
import dev.sluice.clientlimit.ClientLimitConfig;
import dev.sluice.clientlimit.Refill;
import dev.sluice.http.ForwardedHeader;
import dev.sluice.http.ResponseConfig;
import dev.sluice.http.RetryAfterFormat;
import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.maintenance.MaintenanceConfig.StoreType;
import dev.sluice.maintenance.MaintenanceMode;
import dev.sluice.shedding.SheddingConfig;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Sluice configuration for Quarkus's configuration reference and Dev UI: the names and defaults of the core's
 * {@link dev.sluice.PropertyCatalogue}, held to it by a test (descriptions in docs/configuration.md). Values
 * reach the core by those names and are checked there when the application starts; a bad one stops start-up
 * with a message naming the property.
 */
@ConfigMapping(prefix = "sluice")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface SluiceConfigMapping {

    /** Whether Sluice judges requests at all. */
    @WithDefault("true")
    boolean enabled();

    /** Path patterns never rejected by maintenance or shedding. The non-application root (/q/**) is always exempt. */
    Optional<List<String>> exemptPaths();

    /** Addresses or CIDR blocks of proxies whose forwarding header is believed. */
    Optional<List<String>> trustedProxies();

    /** The forwarding header the trusted proxies write, the only one read: x-forwarded-for or forwarded. */
    @WithDefault("x-forwarded-for")
    ForwardedHeader forwardedHeader();

    /** Maintenance. */
    Maintenance maintenance();

    /** Per-client limits. */
    ClientLimits clientLimits();

    /** Dependencies routes need, by name. */
    Map<String, Dependency> dependencies();

    /** The shared store in Redis (module sluice-redis), read when a store is redis. */
    Redis redis();

    interface Redis {
        /** Where Redis is: redis://host:port/db, rediss:// for TLS. */
        @WithDefault("redis://127.0.0.1:6379")
        String uri();

        /** Prefix of every key and channel; none: sluice:<quarkus.application.name>. */
        Optional<String> namespace();

        /** Longest a request waits for its per-client check in Redis; then the instance's own buckets answer. */
        @WithDefault("50ms")
        Duration timeout();

        /** Longest an admin write waits for Redis; then it answers 503 store-unavailable. */
        @WithDefault("2s")
        Duration adminTimeout();

        /** How often the maintenance state is re-read besides the pushed changes. */
        @WithDefault("5s")
        Duration pollInterval();

        /** Where the last known maintenance state is kept for a restart while Redis is out of reach. */
        Optional<String> stateFile();
    }

    /** Gateway routes. */
    Gateway gateway();

    /** Load shedding. */
    Shedding shedding();

    /** Sluice's own responses. */
    Response response();

    /** The admin resource. */
    Admin admin();

    /** Health reporting. */
    Health health();

    /** The audit of the statuses the application itself answers. */
    Audit audit();

    /** Draining on shutdown. */
    Shutdown shutdown();

    /** The client side (sluice-client); see docs/configuration.md. */
    Client client();

    interface Client {
        /** Sluice's retry on the framework's HTTP clients. */
        @WithDefault("false")
        boolean enabled();

        /** Most attempts of one call, the first included. */
        @WithDefault("3")
        int maxAttempts();

        /** Longest wait before a retry. */
        @WithDefault("10s")
        Duration maxWait();

        /** Deadline of a whole call, retries included. */
        Optional<Duration> callTimeout();

        /** First back-off without a header. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Largest back-off without a header. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** Growth of the back-off. */
        @WithDefault("2.0")
        double backoffMultiplier();

        /** Statuses retried. */
        @WithDefault("429,503")
        List<Integer> retryStatuses();

        /** Whether failed connections are retried. */
        @WithDefault("true")
        boolean retryConnectFailures();

        /** Whether POST and PATCH are retried without an idempotency key. */
        @WithDefault("false")
        boolean retryNonIdempotent();

        /** A request with this header is retried whatever its method. */
        @WithDefault("Idempotency-Key")
        String idempotencyKeyHeader();

        /** The retry budget. */
        Budget budget();

        interface Budget {
            /** Share of requests retries may add. */
            @WithDefault("0.1")
            double share();

            /** Retries always allowed per second. */
            @WithDefault("1")
            int minRetriesPerSecond();

            /** Window of the budget. */
            @WithDefault("10s")
            Duration window();
        }
    }

    interface Shutdown {
        /** How long new requests are still served, with Connection: close, once the application is asked to stop. */
        @WithDefault("0s")
        Duration serveFor();

        /** Then how long new requests get 503 shutting-down before the HTTP server stops. */
        @WithDefault("2s")
        Duration refuseFor();

        /** The largest Retry-After of those refusals; each is drawn from 1 s to it. */
        @WithDefault("3s")
        Duration retryAfter();
    }

    interface Audit {
        /** Whether a missing Retry-After on the application's own 503/429 is filled in from the overload estimate. */
        @WithDefault("false")
        boolean addMissingRetryAfter();
    }

    interface Maintenance {
        /** Whether maintenance is on at start-up. */
        @WithDefault("false")
        boolean enabled();

        /** Mode when switched on without one. */
        @WithDefault("full")
        MaintenanceMode mode();

        /** What clients read while maintenance is on. */
        @WithDefault(MaintenanceConfig.DEFAULT_MESSAGE)
        String message();

        /** Retry-After estimate when no end is announced; without it and without an end, none is sent. */
        Optional<Duration> retryAfter();

        /** Paths maintenance applies to at start-up; empty means every path that is not exempt. */
        Optional<List<String>> scope();

        /** Scheduled windows: on at start, off at end, without a restart. */
        List<Window> windows();

        /** Who is served during maintenance anyway. */
        Bypass bypass();

        /** Where the switch lives: memory (this instance), file (a flag file every instance watches) or redis (the fleet). */
        @WithDefault("memory")
        StoreType store();

        /** The flag file of the file store. */
        FileFlag file();
    }

    interface Window {
        /** When the window opens (ISO-8601 instant). */
        Instant start();

        /** When it closes. */
        Instant end();

        /** Mode during the window. */
        @WithDefault("full")
        MaintenanceMode mode();

        /** Message during the window. */
        Optional<String> message();

        /** Paths the window applies to; empty means all. */
        Optional<List<String>> scope();
    }

    interface Bypass {
        /** Client addresses or CIDR blocks served during maintenance. */
        Optional<List<String>> addresses();

        /** Secret (at least 16 characters) that lets a caller through; never logged. */
        Optional<String> secret();

        /** Header that carries the secret. */
        @WithDefault("X-Sluice-Bypass")
        String header();

        /** Cookie set by visiting the bypass path followed by the secret. */
        @WithDefault("sluice_bypass")
        String cookie();

        /** Path prefix of the URL that sets the bypass cookie. */
        @WithDefault("/_sluice/bypass")
        String path();
    }

    interface FileFlag {
        /** Flag file: while it exists, maintenance is on. */
        Optional<String> path();

        /** How often the flag file is re-read. */
        @WithDefault("1s")
        Duration pollInterval();
    }

    interface ClientLimits {
        /** Per-client limit policies, by name. */
        Map<String, Policy> policies();

        /** Where the buckets live: memory (each instance counts alone) or redis (the fleet counts together). */
        @WithDefault("memory")
        ClientLimitConfig.StoreType store();

        /** Most client buckets kept in memory per policy; the least recently used go first. */
        @WithDefault("100000")
        long maxKeys();

        /** A client's bucket is dropped after this long without requests. */
        @WithDefault("1h")
        Duration expireAfterIdle();

        /** Whether admitted responses on a limited route carry RateLimit-Policy and RateLimit. */
        @WithDefault("true")
        boolean headersOnAdmitted();

        /** Whether the legacy X-RateLimit-* fields are sent as well. */
        @WithDefault("false")
        boolean legacyHeaders();

        /** IPv6 clients are keyed by their network of this many bits. */
        @WithDefault("64")
        int ipv6Prefix();
    }

    interface Policy {
        /** Path patterns the policy applies to. */
        List<String> routes();

        /** Methods it applies to; empty means all. */
        Optional<List<String>> methods();

        /** One or more bandwidths, e.g. 5/10s or 5/10s,1000/1h. */
        String limits();

        /** How spent quota comes back. */
        @WithDefault("interval")
        Refill refill();

        /**
         * Who the client is; several (e.g. api-key,ip) limit by each at once. An API key is an identity only if the
         * application validates it before the limit applies; otherwise add ip.
         */
        @WithDefault("ip")
        List<ClientKeyType> key();

        /** Header read by the API-key keys. */
        @WithDefault("X-Api-Key")
        String apiKeyHeader();
    }

    interface Dependency {
        /** Path patterns of the routes that need the dependency. */
        List<String> routes();

        /** Methods; empty means all. */
        Optional<List<String>> methods();

        /** Name of the circuit breaker that watches it; defaults to the dependency's name. */
        Optional<String> breaker();

        /** Retry-After while the breaker is forced open. */
        @WithDefault("1m")
        Duration forcedOpenRetryAfter();
    }

    interface Gateway {
        /** Routes where the app is a gateway: 502/504 only there; empty means every route. */
        Optional<List<String>> routes();

        /** Class names of a client library's "unusable upstream answer" exceptions that answer 502 on gateway routes. */
        Optional<List<String>> badResponseExceptions();

        /** Class names of upstream timeout exceptions that answer 504 on gateway routes. */
        Optional<List<String>> timeoutExceptions();
    }

    interface Shedding {
        /** Whether admitted requests take a permit under a concurrency limit; beyond it they get 503 overload. */
        @WithDefault("false")
        boolean enabled();

        /** The concurrency limit. */
        Limit limit();

        /** Normal requests are admitted only while in flight < normal-share x limit (critical ones up to the whole limit). */
        @WithDefault("0.5")
        double normalShare();

        /** Sheddable requests are admitted only while in flight < sheddable-share x limit. */
        @WithDefault("0.25")
        double sheddableShare();

        /** Requests shed last. */
        Rule critical();

        /** Requests shed first. */
        Rule sheddable();

        /**
         * Header in which a trusted proxy (sluice.trusted-proxies) names a request's priority; none by default. Set it
         * only when every trusted proxy overwrites or removes the header, or any client can name itself critical.
         */
        Optional<String> priorityHeader();

        /** Shedding by process CPU load. */
        Cpu cpu();

        /** Shedding by the time a request waited in front of the app. */
        QueueTime queueTime();

        /** Least Retry-After for overload. */
        @WithDefault("1s")
        Duration retryAfterMin();

        /** Largest Retry-After for overload. */
        @WithDefault("5s")
        Duration retryAfterMax();
    }

    interface Limit {
        /** fixed, or an adaptive limit that follows latency: gradient2 or vegas. */
        @WithDefault("fixed")
        SheddingConfig.LimitType type();

        /** The fixed limit, or the adaptive limit's upper bound. */
        @WithDefault("200")
        int max();

        /** Where an adaptive limit starts (default: the lesser of 20 and max). */
        OptionalInt initial();

        /** The lowest an adaptive limit goes (default 1). */
        OptionalInt min();
    }

    interface Rule {
        /** Path patterns of the requests of this priority. */
        Optional<List<String>> routes();

        /** Methods the rule is limited to; all when unset. */
        Optional<List<String>> methods();
    }

    interface Cpu {
        /** Process CPU load (0-1) above which sheddable requests are refused; off when unset. */
        OptionalDouble sheddableAbove();

        /** Process CPU load (0-1) above which normal requests are refused too; off when unset. */
        OptionalDouble normalAbove();

        /** How often process CPU is sampled, off the request path. */
        @WithDefault("1s")
        Duration sampleInterval();
    }

    interface QueueTime {
        /** Refuse a request that waited longer than this in front of the app (from a trusted proxy's header); off when unset. */
        Optional<Duration> max();

        /** Header in which a trusted proxy says when it received the request. */
        @WithDefault("X-Request-Start")
        String header();
    }

    interface Response {
        /** How Retry-After is written. */
        @WithDefault("delay-seconds")
        RetryAfterFormat retryAfterFormat();

        /** URI the problem type starts with; the reason is appended. */
        @WithDefault(ResponseConfig.DEFAULT_PROBLEM_TYPE_BASE)
        String problemTypeBase();

        /** Location of an HTML page replacing the built-in one (file path or classpath:). */
        Optional<String> htmlTemplate();

        /** Which HTML pages reload themselves once their Retry-After has passed: maintenance, all or none. */
        @WithDefault("maintenance")
        ResponseConfig.HtmlRefresh htmlRefresh();
    }

    interface Admin {
        /** Bearer token of the admin resource (at least 16 characters). */
        Optional<String> token();

        /** Whether anyone who reaches the admin resource may use it without authentication. */
        @WithDefault("false")
        boolean allowUnauthenticated();

        /** Role that lets an authenticated user (Quarkus security) use the admin resource without the token. */
        @WithDefault("SLUICE_ADMIN")
        String role();

        /** Path of the maintenance resource; none: the non-application root's (or the management interface's) /maintenance. */
        Optional<String> path();
    }

    interface Health {
        /**
         * Whether the readiness check stays UP during FULL maintenance; false reports DOWN, for platforms that must
         * drain the instance (a load balancer that drops it answers its own 502/503 without Sluice's Retry-After).
         */
        @WithDefault("true")
        boolean readyDuringMaintenance();
    }
}
