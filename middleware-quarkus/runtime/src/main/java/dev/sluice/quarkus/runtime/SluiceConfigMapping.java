package dev.sluice.quarkus.runtime;

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
import java.util.OptionalLong;

/**
 * Sluice configuration for Quarkus's configuration reference and Dev UI. Generated from the core's
 * {@link dev.sluice.PropertyCatalogue} by {@code ConfigMappingSourceTest} (middleware-quarkus/deployment): do not
 * edit, change the catalogue. Values reach the core by name and are checked there when the application starts; a
 * bad one stops start-up with a message naming the property.
 */
@ConfigMapping(prefix = "sluice")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface SluiceConfigMapping {
    /** Whether Sluice judges requests at all. With <code>false</code> every request passes untouched. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Path patterns never refused by maintenance, client limits or shedding: health probes, status pages.
     * <code>/health/**</code> covers <code>/health</code> and everything below it; <code>*</code> matches within one
     * segment. The admin's paths and the framework's probes are always exempt.
     */
    Optional<List<String>> exemptPaths();

    /**
     * Addresses or CIDR blocks (<code>10.0.0.0/8</code>, <code>::1</code>) of proxies in front of the app. Only when
     * the socket peer is one of them is the forwarding header read (every line, right to left, skipping trusted
     * proxies) to find the client address and scheme. Without it, the client is always the socket peer, and no header
     * can change that.
     */
    Optional<List<String>> trustedProxies();

    /**
     * The forwarding header the trusted proxies write, the only one read: <code>x-forwarded-for</code> (with
     * <code>X-Forwarded-Proto</code>) or <code>forwarded</code> (RFC 7239, <code>for=</code> and <code>proto=</code>).
     * A proxy passes the other through as the client wrote it, so it is never read.
     */
    @WithDefault("x-forwarded-for")
    dev.sluice.http.ForwardedHeader forwardedHeader();

    /** The <code>sluice.maintenance.*</code> properties. */
    Maintenance maintenance();

    /** The <code>sluice.client-limits.*</code> properties. */
    ClientLimits clientLimits();

    /** The <code>sluice.redis.*</code> properties. */
    Redis redis();

    /** The <code>sluice.dependencies.&lt;name&gt;.*</code> properties. */
    Map<String, Dependency> dependencies();

    /** The <code>sluice.gateway.*</code> properties. */
    Gateway gateway();

    /** The <code>sluice.shedding.*</code> properties. */
    Shedding shedding();

    /** The <code>sluice.audit.*</code> properties. */
    Audit audit();

    /** The <code>sluice.response.*</code> properties. */
    Response response();

    /** The <code>sluice.admin.*</code> properties. */
    Admin admin();

    /** The <code>sluice.health.*</code> properties. */
    Health health();

    /** The <code>sluice.shutdown.*</code> properties. */
    Shutdown shutdown();

    /** The <code>sluice.client.*</code> properties. */
    Client client();

    interface Maintenance {
        /** Whether maintenance is on at start-up. */
        @WithDefault("false")
        boolean enabled();

        /**
         * <code>full</code>: every request in scope gets 503. <code>read-only</code>: only unsafe methods (not GET,
         * HEAD, OPTIONS, TRACE) get 503.
         */
        @WithDefault("full")
        dev.sluice.maintenance.MaintenanceMode mode();

        /** What clients read in the body while maintenance is on. */
        @WithDefault("The service is down for maintenance. Please try again later.")
        String message();

        /**
         * Retry-After estimate when no end is announced. Without it and without an announced end, no Retry-After is
         * sent (a guess is worse than none).
         */
        Optional<Duration> retryAfter();

        /**
         * Path patterns maintenance applies to at start-up, e.g. <code>/payments/**</code>; none: every path that is
         * not exempt.
         */
        Optional<List<String>> scope();

        /** The <code>sluice.maintenance.windows[&lt;n&gt;].*</code> properties. */
        List<Window> windows();

        /** The <code>sluice.maintenance.bypass.*</code> properties. */
        Bypass bypass();

        /**
         * Where the switch lives: <code>memory</code> (this instance), <code>file</code> (a flag file every instance
         * watches) or <code>redis</code> (every instance of the service, through Redis; needs
         * <code>dev.sluice:sluice-redis</code>, see <code>sluice.redis.*</code>). With <code>redis</code>,
         * <code>sluice.maintenance.enabled</code> switches maintenance on only when Redis holds no state for the
         * service yet.
         */
        @WithDefault("memory")
        dev.sluice.maintenance.MaintenanceConfig.StoreType store();

        /** The <code>sluice.maintenance.file.*</code> properties. */
        File file();
    }

    interface ClientLimits {
        /** The <code>sluice.client-limits.policies.&lt;name&gt;.*</code> properties. */
        Map<String, Policy> policies();

        /**
         * Where the buckets live: <code>memory</code> (each instance counts on its own, so N instances admit N times
         * the quota) or <code>redis</code> (the instances count together; needs <code>dev.sluice:sluice-redis</code>).
         * With <code>redis</code>, a check that Redis does not answer within <code>sluice.redis.timeout</code> is made
         * against the instance's own buckets, and while Redis keeps failing the checks stay local without waiting.
         */
        @WithDefault("memory")
        dev.sluice.clientlimit.ClientLimitConfig.StoreType store();

        /**
         * Most client buckets kept in memory per policy and key. Keys a client chooses (API keys, principals) are kept
         * as a 128-bit hash, so a bucket costs about 420 bytes however long the header was (100,000 clients: about 42
         * MB). When the cache is full, keys seen once go before clients that keep coming, so a flood of one-shot keys
         * cannot reset a real client's count.
         */
        @WithDefault("100000")
        long maxKeys();

        /**
         * A client's bucket is dropped after this long without requests, but never before the policy's longest window
         * has passed (a forgotten bucket is a full quota).
         */
        @WithDefault("1h")
        Duration expireAfterIdle();

        /**
         * IPv6 clients are keyed by their network of this many bits: whoever holds a /64 can send from 2^64 addresses.
         * <code>128</code> keys every address on its own.
         */
        @WithDefault("64")
        int ipv6Prefix();

        /**
         * Whether admitted responses on a limited route carry <code>RateLimit-Policy</code> and <code>RateLimit</code>
         * too.
         */
        @WithDefault("true")
        boolean headersOnAdmitted();

        /**
         * Whether the legacy <code>X-RateLimit-Limit</code>, <code>X-RateLimit-Remaining</code>,
         * <code>X-RateLimit-Reset</code> are sent as well.
         */
        @WithDefault("false")
        boolean legacyHeaders();
    }

    interface Redis {
        /**
         * Where Redis is: <code>redis://host:port/db</code>, <code>rediss://</code> for TLS, a password as
         * <code>redis://:secret&#64;host:port</code>. Read when a store property is <code>redis</code>. The Spring Boot
         * starter uses the application's own Redis connection (<code>spring.data.redis.*</code>) when it has one and
         * this is not set.
         */
        @WithDefault("redis://127.0.0.1:6379")
        String uri();

        /**
         * Prefix of every key and channel; services that share a Redis need different ones. None: <code>sluice:</code>
         * and the application's name (<code>spring.application.name</code>, <code>quarkus.application.name</code>), or
         * <code>sluice</code> without one.
         */
        Optional<String> namespace();

        /**
         * Longest a request waits for its per-client check in Redis; then the instance's own buckets answer. After a
         * few failures in a row the checks go local at once (a circuit breaker) and Redis is tried again a second
         * later.
         */
        @WithDefault("50ms")
        Duration timeout();

        /**
         * Longest an admin write waits for Redis; then it answers 503 <code>store-unavailable</code> and nothing
         * changed anywhere.
         */
        @WithDefault("2s")
        Duration adminTimeout();

        /**
         * How often the maintenance state is re-read from Redis besides the changes Redis pushes (a safety net; a
         * change normally arrives within milliseconds, and the state is re-read on every reconnect).
         */
        @WithDefault("5s")
        Duration pollInterval();

        /**
         * Where the last known maintenance state is kept, so an instance restarted while Redis is out of reach keeps
         * it. None: <code>sluice-&lt;namespace&gt;-maintenance.json</code> in the temporary directory.
         */
        Optional<String> stateFile();
    }

    interface Dependency {
        /**
         * Path patterns of the routes that need the dependency; required. While its breaker is OPEN or FORCED_OPEN,
         * those routes get 503 <code>dependency-unavailable</code> before the application runs; other routes are never
         * affected.
         */
        Optional<List<String>> routes();

        /** Methods, e.g. <code>POST</code>; none: all. */
        Optional<List<String>> methods();

        /** Name of the circuit breaker that watches it; none: the dependency's name. */
        Optional<String> breaker();

        /**
         * Retry-After while the breaker is forced open (there is no clock to count down). While OPEN, Retry-After is
         * the breaker's own remaining wait.
         */
        @WithDefault("1m")
        Duration forcedOpenRetryAfter();
    }

    interface Gateway {
        /**
         * Routes where the app is a gateway. <code>UpstreamResponseException</code> → 502 and
         * <code>UpstreamTimeoutException</code> → 504 only there; elsewhere they stay the application's 500. None: the
         * app's own explicit upstream exceptions count everywhere.
         */
        Optional<List<String>> routes();

        /**
         * Fully qualified class names of a client library's "unusable upstream answer" exceptions that answer 502 on
         * gateway routes (subclasses too). Needs <code>sluice.gateway.routes</code>.
         */
        Optional<List<String>> badResponseExceptions();

        /**
         * Class names of upstream timeout exceptions that answer 504 on gateway routes, e.g.
         * <code>java.net.http.HttpTimeoutException</code>. Needs <code>sluice.gateway.routes</code>.
         */
        Optional<List<String>> timeoutExceptions();
    }

    interface Shedding {
        /** Take permits and shed beyond the limit. */
        @WithDefault("false")
        boolean enabled();

        /** The <code>sluice.shedding.limit.*</code> properties. */
        Limit limit();

        /** Normal requests are admitted while in flight &lt; share × limit. */
        @WithDefault("0.5")
        double normalShare();

        /**
         * The same for sheddable requests; at most <code>normal-share</code>. Critical requests may use the whole
         * limit.
         */
        @WithDefault("0.25")
        double sheddableShare();

        /** The <code>sluice.shedding.critical.*</code> properties. */
        Critical critical();

        /** The <code>sluice.shedding.sheddable.*</code> properties. */
        Sheddable sheddable();

        /**
         * A header in which a trusted proxy names a request's priority (<code>critical</code>, <code>normal</code>,
         * <code>sheddable</code>), e.g. <code>X-Sluice-Priority</code>; it overrides the route rules. Read only from
         * <code>sluice.trusted-proxies</code>, and set it only when every one of them overwrites or removes the header:
         * a proxy that passes it through lets any client name itself critical (nginx: <code>proxy_set_header
         * X-Sluice-Priority "";</code>, or the value you mean).
         */
        Optional<String> priorityHeader();

        /** The <code>sluice.shedding.cpu.*</code> properties. */
        Cpu cpu();

        /** The <code>sluice.shedding.queue-time.*</code> properties. */
        QueueTime queueTime();

        /**
         * Shortest jittered Retry-After of an overload answer (shedding, a full bulkhead, a global rate limiter's
         * refusal).
         */
        @WithDefault("1s")
        Duration retryAfterMin();

        /**
         * Longest jittered Retry-After of an overload answer: a whole number of seconds drawn uniformly, never one
         * value for everyone.
         */
        @WithDefault("5s")
        Duration retryAfterMax();
    }

    interface Audit {
        /**
         * Fill in Retry-After on the application's own 503/429 that lack it, from the overload range
         * (<code>sluice.shedding.retry-after-min/-max</code>).
         */
        @WithDefault("false")
        boolean addMissingRetryAfter();
    }

    interface Response {
        /**
         * <code>delay-seconds</code> (<code>Retry-After: 120</code>) or <code>http-date</code> (<code>Retry-After: Tue,
         * 24 Nov 2026 10:00:00 GMT</code>).
         */
        @WithDefault("delay-seconds")
        dev.sluice.http.RetryAfterFormat retryAfterFormat();

        /**
         * Start of the problem <code>type</code> URI; the reason is appended (<code>…/maintenance</code>,
         * <code>…/overload</code>). Point it at your own documentation.
         */
        @WithDefault("https://sluice.dev/problems")
        String problemTypeBase();

        /**
         * A file path or <code>classpath:</code> location of an HTML page that replaces the built-in one. Placeholders,
         * filled in HTML-escaped: <code>{{status}}</code>, <code>{{title}}</code>, <code>{{detail}}</code>,
         * <code>{{instance}}</code>, <code>{{retryAfterSeconds}}</code>, <code>{{retryAt}}</code> (ISO-8601),
         * <code>{{retryAtText}}</code> (e.g. "28 Nov 2026, 04:00 UTC"), <code>{{refreshSeconds}}</code> (when the page
         * reloads itself, or empty). The status stays 503/429.
         */
        Optional<String> htmlTemplate();

        /**
         * Which HTML pages reload themselves once their Retry-After has passed (a <code>Refresh</code> header, a few
         * seconds of jitter added so a crowd of open tabs does not come back in the same second):
         * <code>maintenance</code> pages, <code>all</code> pages with a Retry-After, or <code>none</code>. Without a
         * Retry-After there is nothing to wait for and no reload.
         */
        @WithDefault("maintenance")
        dev.sluice.http.ResponseConfig.HtmlRefresh htmlRefresh();
    }

    interface Admin {
        /** Bearer token for the admin endpoint (at least 16 characters), compared in constant time. */
        Optional<String> token();

        /**
         * Role that lets a user the framework authenticated (Spring Security, Quarkus security, the Servlet container)
         * use the admin without the token.
         */
        @WithDefault("SLUICE_ADMIN")
        String role();

        /**
         * Path of the maintenance resource; a dependency's is <code>&lt;parent&gt;/dependencies/&lt;name&gt;</code>.
         * Both are never refused by Sluice. None: Servlet <code>/admin/maintenance</code>, Spring
         * <code>/actuator/maintenance</code>, Quarkus <code>/q/maintenance</code> (on the management interface's root
         * when that is enabled). With the Servlet adapter, set it to where the admin servlet is mapped (start-up fails
         * when the two differ).
         */
        Optional<String> path();

        /**
         * Let anyone who reaches the admin endpoint use it. Only on purpose, e.g. on a management port no one else can
         * reach.
         */
        @WithDefault("false")
        boolean allowUnauthenticated();
    }

    interface Health {
        /**
         * Whether the readiness probe stays UP during FULL maintenance (the default: maintenance is not an outage, and
         * a load balancer that drops the instance answers its own 502/503 without Sluice's Retry-After).
         * <code>false</code> reports it not ready (Spring: OUT_OF_SERVICE, Quarkus: DOWN), for platforms that must
         * drain the instance.
         */
        @WithDefault("true")
        boolean readyDuringMaintenance();
    }

    interface Shutdown {
        /**
         * When the application is asked to stop, readiness turns DOWN at once and for this long new requests are still
         * served, each with <code>Connection: close</code>, while load balancers learn that the instance is going.
         */
        @WithDefault("0s")
        Duration serveFor();

        /**
         * Then for this long new requests get 503 <code>shutting-down</code> with a jittered <code>Retry-After</code>
         * and <code>Connection: close</code> instead of a reset connection, before the server's own (graceful) shutdown
         * runs; they keep getting it until the server closes its sockets. Requests already admitted finish; exempt
         * paths (liveness) keep answering. <code>0</code> hands over to the server at once.
         */
        @WithDefault("2s")
        Duration refuseFor();

        /**
         * The largest <code>Retry-After</code> of those 503s; each is drawn from 1 s to this, so the refused clients do
         * not all come back in the same second.
         */
        @WithDefault("3s")
        Duration retryAfter();
    }

    interface Client {
        /**
         * Spring Boot: Sluice's retry on every <code>RestClient</code> and <code>WebClient</code> built from Boot's
         * builders (<code>RestClient.Builder</code>, <code>WebClient.Builder</code>), with the settings below. Needs
         * <code>dev.sluice:sluice-client</code>.
         */
        @WithDefault("false")
        boolean enabled();

        /** Most attempts of one call, the first included. */
        @WithDefault("3")
        int maxAttempts();

        /**
         * Longest wait before a retry. A server that asks for longer (<code>Retry-After: 3600</code>) gets its answer
         * handed back at once.
         */
        @WithDefault("10s")
        Duration maxWait();

        /**
         * Deadline of a whole call, retries and waits included; a wait that cannot end before it is not started. None:
         * no deadline.
         */
        Optional<Duration> callTimeout();

        /**
         * First back-off when the answer says nothing about when to come back (full jitter: a random wait up to this).
         */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Largest back-off without a header. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** Growth of the back-off from one attempt to the next. */
        @WithDefault("2.0")
        double backoffMultiplier();

        /**
         * Statuses retried; from <code>429</code>, <code>502</code>, <code>503</code>, <code>504</code>. Never 500 or
         * another 4xx.
         */
        @WithDefault("429,503")
        List<String> retryStatuses();

        /** Whether a refused or failed connection is retried (nothing reached the server). */
        @WithDefault("true")
        boolean retryConnectFailures();

        /** Whether POST and PATCH are retried without an idempotency key. */
        @WithDefault("false")
        boolean retryNonIdempotent();

        /** A request with this header is retried whatever its method. */
        @WithDefault("Idempotency-Key")
        String idempotencyKeyHeader();

        /** The <code>sluice.client.budget.*</code> properties. */
        Budget budget();
    }

    interface Window {
        /**
         * Start of a scheduled window (ISO-8601, e.g. <code>2026-11-28T02:00:00Z</code>): maintenance is on from start
         * to end without a restart, and Retry-After counts down to the end.
         */
        Optional<Instant> start();

        /** End of the scheduled window; required with its start. */
        Optional<Instant> end();

        /** Mode of the window (<code>full</code> or <code>read-only</code>). */
        @WithDefault("full")
        dev.sluice.maintenance.MaintenanceMode mode();

        /** Message of the window; none: <code>sluice.maintenance.message</code>. */
        Optional<String> message();

        /** Path patterns of the window; none: every path that is not exempt. */
        Optional<List<String>> scope();
    }

    interface Bypass {
        /**
         * Client addresses or CIDR blocks served during maintenance (your office, your monitoring), found as under
         * <code>sluice.trusted-proxies</code>.
         */
        Optional<List<String>> addresses();

        /**
         * A secret of at least 16 characters (no <code>/</code>, no spaces). A request carrying it in the bypass header
         * passes; visiting <code>&lt;bypass.path&gt;/&lt;secret&gt;</code> sets a cookie that lets a browser through
         * this maintenance. Compared in constant time, never logged. The cookie holds an HMAC (keyed by the secret) of
         * when the maintenance in force began: it never opens a later maintenance, and a new secret or switching
         * maintenance on again revokes every cookie.
         */
        Optional<String> secret();

        /** Header that carries the bypass secret. */
        @WithDefault("X-Sluice-Bypass")
        String header();

        /**
         * Name of the bypass cookie (<code>HttpOnly</code>, <code>SameSite=Lax</code>, <code>Max-Age</code> until the
         * announced end, <code>Secure</code> over TLS, also when a trusted proxy terminated TLS and forwarded
         * <code>https</code>).
         */
        @WithDefault("sluice_bypass")
        String cookie();

        /**
         * Visiting <code>GET &lt;path&gt;/&lt;secret&gt;</code> while maintenance is on sets the bypass cookie and
         * redirects to <code>/</code>. A wrong secret is treated like any other request.
         */
        @WithDefault("/_sluice/bypass")
        String path();
    }

    interface File {
        /**
         * The flag file of the <code>file</code> store; required with it. While it exists maintenance is on: empty
         * means <code>full</code> with the defaults above; JSON in the admin format sets mode, message, end and scope.
         * <code>touch</code> / <code>rm</code> switch every instance that sees the file. A change is believed once it
         * has held still for 100 ms. A file that cannot be parsed, is larger than 64 KiB or holds values out of bounds
         * keeps the last good state and is logged once. Once the file has held JSON, an empty file is taken for an
         * editor's save in progress and not applied: write <code>{}</code> for the defaults, or remove the file.
         * Writing a temporary file and renaming it over the flag is atomic; the admin endpoint writes that way, keeps
         * the flag's permissions (<code>rw-r--r--</code> for a new one) and writes through a symbolic link.
         */
        Optional<String> path();

        /** How often the flag file is re-read (polling works on network file systems too). */
        @WithDefault("1s")
        Duration pollInterval();
    }

    interface Policy {
        /** Path patterns the policy applies to, e.g. <code>/api/**</code>; required. */
        Optional<List<String>> routes();

        /** Methods it applies to, e.g. <code>POST,PUT</code>; none: all. */
        Optional<List<String>> methods();

        /**
         * One or more bandwidths: <code>5/10s</code>, or <code>5/10s,1000/1h</code> (a request must fit all). Units
         * <code>ms</code>, <code>s</code>, <code>m</code>, <code>h</code>, <code>d</code>; required.
         */
        Optional<String> limits();

        /**
         * <code>interval</code>: the whole quota comes back at the end of each window (a fixed window, what "5 per 10
         * s" usually means). <code>greedy</code>: tokens trickle back evenly.
         */
        @WithDefault("interval")
        dev.sluice.clientlimit.Refill refill();

        /**
         * Who the client is: <code>ip</code> (the client address; IPv6 by its network, see
         * <code>sluice.client-limits.ipv6-prefix</code>), <code>principal</code> (the authenticated user),
         * <code>api-key</code> (the API-key header; over 256 characters it is no key), <code>api-key-or-ip</code>,
         * <code>principal-or-ip</code>. Several, comma-separated (<code>api-key,ip</code>), limit by each at once. A
         * key that cannot be told (no principal, no API key) does not apply to that request. An API key is an identity
         * only where the application checks it before the limit applies; otherwise it is a label the client picks, and
         * <code>api-key</code> alone stops nobody who sends a new one each time: use <code>api-key,ip</code>.
         */
        @WithDefault("ip")
        List<String> key();

        /** Header read by the API-key keys. */
        @WithDefault("X-Api-Key")
        String apiKeyHeader();
    }

    interface Limit {
        /**
         * <code>fixed</code>, or an adaptive limit: <code>gradient2</code> or <code>vegas</code> (the algorithms of
         * Netflix concurrency-limits, following measured latency), or <code>knee</code> (three times the service's
         * measured parallelism, only once it is overloaded; see docs/knee-limit.md). The permit stays Sluice's.
         */
        @WithDefault("fixed")
        dev.sluice.shedding.SheddingConfig.LimitType type();

        /** The fixed limit, or the adaptive limit's upper bound. */
        @WithDefault("200")
        int max();

        /** Where an adaptive limit starts; none: the lesser of 20 and <code>limit.max</code>. Adaptive limits only. */
        OptionalInt initial();

        /** The lowest an adaptive limit goes; none: 1. Adaptive limits only. */
        OptionalInt min();
    }

    interface Critical {
        /** Path patterns of critical requests, shed last, e.g. <code>/checkout/**</code>. */
        Optional<List<String>> routes();

        /** Methods of critical requests; none: all. */
        Optional<List<String>> methods();
    }

    interface Sheddable {
        /**
         * Path patterns of sheddable requests, shed first, e.g. <code>/reports/**</code>. Everything else is normal.
         */
        Optional<List<String>> routes();

        /** Methods of sheddable requests; none: all. */
        Optional<List<String>> methods();
    }

    interface Cpu {
        /** Process CPU load (0–1) above which sheddable requests get 503 <code>overload</code>; none: off. */
        OptionalDouble sheddableAbove();

        /** Process CPU load above which normal requests do too; none: off. Critical requests are never shed by CPU. */
        OptionalDouble normalAbove();

        /** How often the process CPU load is read, on a daemon thread, never on the request path. */
        @WithDefault("1s")
        Duration sampleInterval();
    }

    interface QueueTime {
        /**
         * Refuse a request that already waited longer than this in front of the app; none: off. The time comes from a
         * trusted proxy's <code>queue-time.header</code>.
         */
        Optional<Duration> max();

        /**
         * <code>t=&lt;microseconds&gt;</code>, nginx's <code>t=${msec}</code> (seconds with a fraction), or plain
         * milliseconds: the unit is told by the magnitude. Read only from trusted proxies, which must overwrite it
         * (nginx: <code>proxy_set_header X-Request-Start "t=${msec}";</code>): a client's own value passed through
         * would say how long it waited.
         */
        @WithDefault("X-Request-Start")
        String header();
    }

    interface Budget {
        /**
         * The retry budget shared by all calls of the client: retries may add at most this share to the requests of the
         * last window, so a struggling server sees at most (1 + share) times the load plus the floor below.
         */
        @WithDefault("0.1")
        double share();

        /** Retries always allowed per second, so a client with little traffic can still retry. */
        @WithDefault("1")
        int minRetriesPerSecond();

        /** The window the budget counts requests and retries over. */
        @WithDefault("10s")
        Duration window();
    }
}
