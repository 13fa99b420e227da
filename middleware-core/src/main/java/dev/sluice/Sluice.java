package dev.sluice;

import dev.sluice.clientlimit.ClientBucketStore;
import dev.sluice.clientlimit.ClientLimitConfig;
import dev.sluice.clientlimit.ClientLimitGuard;
import dev.sluice.internal.dependency.DependencyGuard;
import dev.sluice.event.AuditFinding;
import dev.sluice.event.MaintenanceChanged;
import dev.sluice.event.RequestRejected;
import dev.sluice.event.SluiceListener;
import dev.sluice.internal.admin.AdminHttpHandler;
import dev.sluice.internal.admin.AdminOperations;
import dev.sluice.internal.clientlimit.LocalClientBucketStore;
import dev.sluice.internal.failure.FailureClassifier;
import dev.sluice.internal.failure.StatusAudit;
import dev.sluice.internal.http.ClientAddressResolver;
import dev.sluice.internal.http.PathPatterns;
import dev.sluice.internal.http.RenderedResponse;
import dev.sluice.internal.http.Renderer;
import dev.sluice.internal.http.RequestPath;
import dev.sluice.internal.maintenance.FileFlagMaintenanceStore;
import dev.sluice.internal.maintenance.InMemoryMaintenanceStore;
import dev.sluice.internal.maintenance.MaintenanceBypass;
import dev.sluice.internal.maintenance.MaintenanceGuard;
import dev.sluice.internal.shedding.CpuLoadSignal;
import dev.sluice.internal.shedding.LoadShedder;
import dev.sluice.internal.shutdown.ShutdownDrain;
import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.maintenance.MaintenanceState;
import dev.sluice.maintenance.MaintenanceStore;
import dev.sluice.shedding.Priority;
import dev.sluice.shedding.SheddingConfig;
import dev.sluice.store.SharedStore;
import dev.sluice.store.SharedStoreProvider;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The facade adapters talk to. Per request: {@link #admit(RequestInfo)} before the application runs, then
 * {@link Ticket#complete} when it is done; {@link #classify(Throwable)} when it threw. Rejections are
 * turned into bytes by {@link #renderer()}, the same for every adapter.
 *
 * <p>The admit path of an ordinary request takes no lock: with maintenance off and no client limit,
 * dependency or shedding configured, it is one volatile read; with shedding on, the permit is one
 * compare-and-set.
 */
public final class Sluice implements AutoCloseable {

    /**
     * The request attribute (Servlet, WebFlux exchange, Vert.x routing context) an adapter sets to the
     * {@link Rejection} whenever Sluice answers a request itself (refused before the application, or a 502/504 for
     * an upstream failure inside it): the status audit does not count that answer as the application's, and the
     * framework's observation or span is told the outcome and the Retry-After.
     */
    public static final String RENDERED_ATTRIBUTE = "dev.sluice.rendered";

    private static final System.Logger LOG = System.getLogger(Sluice.class.getName());

    private final SluiceConfig config;
    private final boolean enabled;
    private final PathPatterns exempt;
    private final MaintenanceGuard maintenance;
    private final Clock clock;
    private final ClientLimitGuard clientLimits;
    private final DependencyGuard dependencies;
    private final LoadShedder shedding;
    private final FailureClassifier classifier;
    private final StatusAudit audit;
    private final Renderer renderer;
    private final ClientAddressResolver clientAddresses;
    private final AdminOperations admin;
    private final AdminHttpHandler adminHttp;
    private final ShutdownDrain drain;
    private final MaintenanceStore ownedStore;
    private final SharedStore sharedStore;
    private final ClientBucketStore clientBucketStore;
    private final List<SluiceListener> listeners = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong lastListenerFailureLog = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - 61_000_000_000L);

    private Sluice(SluiceConfig config) {
        this.config = config;
        this.enabled = config.enabled();
        this.exempt = config.exemptPaths();
        this.clientAddresses = new ClientAddressResolver(config.trustedProxies(), config.forwardedHeader());
        MaintenanceConfig m = config.maintenance();
        MaintenanceBypass bypass = new MaintenanceBypass(m.bypassAddresses(), clientAddresses, m.bypassSecret(), m.bypassHeader(),
                m.bypassCookie(), m.bypassPath());
        this.sharedStore = openSharedStore(config);
        MaintenanceStore store;
        if (config.customMaintenanceStore() != null) {
            store = config.customMaintenanceStore();
            ownedStore = null;
        } else {
            store = switch (m.store()) {
                case FILE -> new FileFlagMaintenanceStore(m.file(), m.filePollInterval(), m.message(), m.retryAfter());
                case REDIS -> sharedStore.maintenanceStore();
                case MEMORY -> new InMemoryMaintenanceStore();
            };
            ownedStore = m.store() == MaintenanceConfig.StoreType.REDIS ? null : store; // the shared store closes its own
        }
        this.clientBucketStore = config.clientLimitStore() == ClientLimitConfig.StoreType.REDIS
                ? sharedStore.clientBucketStore() : new LocalClientBucketStore();
        this.clock = config.clock();
        this.maintenance = new MaintenanceGuard(store, m.windows(), bypass, clock);
        this.clientLimits = new ClientLimitGuard(config.clientLimits(), clientAddresses, config.clock(), clientBucketStore);
        this.dependencies = new DependencyGuard(config.dependencies(), config.dependencyBreakers(), config.clock());
        this.shedding = config.shedding().enabled() ? loadShedder(config) : null;
        this.classifier = new FailureClassifier(config.gatewayRoutes(), config.gatewayBadResponseExceptions(),
                config.gatewayTimeoutExceptions(), dependencies, config.overloadRetryAfter(), config.clock());
        this.audit = new StatusAudit(config.gatewayRoutes(), config.exemptPaths(), config.auditAddMissingRetryAfter(), config.overloadRetryAfter(),
                config.clock(), this::fireAuditFinding);
        this.renderer = new Renderer(config.response());
        this.drain = new ShutdownDrain(config.shutdown(), config.clock(), config.nanoClock());
        this.admin = new AdminOperations(maintenance, m, clientBucketStore, dependencies, config.clientLimits().policies(), shedding, audit, drain, config.clock());
        this.adminHttp = new AdminHttpHandler(admin, config.admin(), renderer);
        // A shared store applies sluice.maintenance.enabled itself: one instance starting must not switch the fleet.
        if (m.enabled() && !store.status().shared() && store.current().isEmpty()) {
            store.activate(new MaintenanceState(m.mode(), m.message(), config.clock().instant(), null, m.scope(), m.retryAfter()));
        }
        store.onChange(this::maintenanceChanged);
    }

    /**
     * The shared store a store property names: the one given in code, else the provider of that type on the class
     * path; {@code null} when both stores are local.
     */
    private static SharedStore openSharedStore(SluiceConfig config) {
        String type = config.sharedStoreType();
        if (type == null) {
            return null;
        }
        SharedStoreProvider provider = config.sharedStore();
        if (provider == null) {
            provider = ServiceLoader.load(SharedStoreProvider.class, Sluice.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get).filter(p -> p.type().equals(type)).findFirst().orElse(null);
        }
        if (provider == null || !provider.type().equals(type)) {
            String property = config.maintenance().store() == MaintenanceConfig.StoreType.REDIS && config.customMaintenanceStore() == null
                    ? "sluice.maintenance.store" : "sluice.client-limits.store";
            throw new SluiceConfigException(property, "is " + type + ", which needs the module dev.sluice:sluice-" + type
                    + " on the class path" + (provider == null ? "" : " (the shared store given in code is " + provider.type() + ")"));
        }
        return provider.open(config);
    }

    private LoadShedder loadShedder(SluiceConfig config) {
        SheddingConfig s = config.shedding();
        CpuLoadSignal cpu = s.cpuSheddableAbove() == null && s.cpuNormalAbove() == null ? null
                : new CpuLoadSignal(config.cpuLoadSource() != null ? config.cpuLoadSource() : CpuLoadSignal.processCpuLoad(), s.cpuSampleInterval());
        return new LoadShedder(s, config.customConcurrencyLimit() != null ? config.customConcurrencyLimit() : s.newLimit(),
                cpu, clientAddresses, config.overloadRetryAfter(), config.clock(), config.nanoClock());
    }

    /** Builds Sluice from {@code config}; close it to stop the file store's watcher and the CPU sampler. */
    public static Sluice create(SluiceConfig config) {
        return new Sluice(config);
    }

    /**
     * Decides whether the application may serve {@code request} (see {@link Admission}), in the order of
     * CONTRACT §1: the path as the framework routes it (§9; ambiguous: 400), exempt and admin paths,
     * maintenance, the client's own limit, the dependencies the route needs, and last the overload guard,
     * which takes a permit when it admits.
     */
    public Admission admit(RequestInfo request) {
        if (!enabled) {
            return Admission.Admitted.WITHOUT_PERMIT;
        }
        if (drain.draining()) {
            return admitWhileDraining(request);
        }
        return admitRunning(request);
    }

    /**
     * CONTRACT §11: every answer carries {@code Connection: close}; in the serve window requests are judged as
     * usual, after it every request but the exempt and admin paths is refused 503 {@code shutting-down}.
     */
    private Admission admitWhileDraining(RequestInfo request) {
        if (drain.phase() == ShutdownDrain.Phase.REFUSING) {
            String path = RequestPath.normalize(request.path());
            if (path != null && (exempt.matches(path) || adminHttp.isAdminPath(path))) {
                return new Admission.Admitted(Ticket.NONE, ShutdownDrain.CONNECTION_CLOSE); // liveness stays UP
            }
            return reject(request, drain.refusal());
        }
        Admission admission = admitRunning(request);
        if (admission instanceof Admission.Admitted admitted) {
            drain.servedWhileDraining();
            return new Admission.Admitted(admitted.ticket(), withConnectionClose(admitted.headers()));
        } else if (admission instanceof Admission.Rejected rejected) {
            Rejection r = rejected.rejection();
            return new Admission.Rejected(new Rejection(r.reason(), r.detail(), r.retryAfter(), withConnectionClose(r.headers()), r.source()));
        }
        RenderedResponse answer = ((Admission.Answered) admission).response();
        return new Admission.Answered(new RenderedResponse(answer.status(), withConnectionClose(answer.headers()), answer.body()));
    }

    private static Map<String, String> withConnectionClose(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return ShutdownDrain.CONNECTION_CLOSE;
        }
        Map<String, String> merged = new java.util.LinkedHashMap<>(headers);
        merged.putAll(ShutdownDrain.CONNECTION_CLOSE);
        return merged;
    }

    private Admission admitRunning(RequestInfo request) {
        boolean maintenanceMayApply = maintenance.mayApply();
        if (!maintenanceMayApply && clientLimits.isEmpty() && dependencies.isEmpty() && shedding == null) {
            return Admission.Admitted.WITHOUT_PERMIT; // nothing could refuse: the ordinary case, one volatile read
        }
        String path = RequestPath.normalize(request.path());
        if (path == null) {
            return reject(request, AMBIGUOUS_PATH); // never exempt, never out of a scope because of its spelling
        }
        if (exempt.matches(path) || adminHttp.isAdminPath(path)) {
            return Admission.Admitted.WITHOUT_PERMIT; // probes tell the truth, the switch stays reachable: nothing counted
        }
        if (maintenanceMayApply) {
            Instant now = clock.instant(); // one clock read and one state read for both steps
            MaintenanceState state = maintenance.activeAt(now);
            if (state != null) {
                RenderedResponse grant = maintenance.grant(request, path, state, now); // the secret URL works meanwhile
                if (grant != null) {
                    return new Admission.Answered(grant);
                }
                Rejection refused = maintenance.check(request, path, state, now);
                if (refused != null) {
                    return reject(request, refused);
                }
            }
        }
        Map<String, String> headers = Map.of();
        if (!clientLimits.isEmpty()) {
            ClientLimitGuard.Verdict verdict = clientLimits.evaluate(request, path);
            if (verdict.rejection() != null) {
                return reject(request, verdict.rejection());
            }
            headers = verdict.headers();
        }
        if (!dependencies.isEmpty()) {
            Rejection refused = dependencies.check(request, path);
            if (refused != null) {
                return reject(request, refused);
            }
        }
        if (shedding != null) {
            Priority priority = shedding.priority(request, path);
            Rejection refused = shedding.checkSignals(request, priority);
            if (refused != null) {
                return reject(request, refused);
            }
            Admission.Admitted permit = shedding.tryAcquire(priority, headers);
            return permit != null ? permit : reject(request, shedding.limitReached(priority));
        }
        return headers.isEmpty() ? Admission.Admitted.WITHOUT_PERMIT : new Admission.Admitted(Ticket.NONE, headers);
    }

    private static final Rejection AMBIGUOUS_PATH = new Rejection(RejectionReason.AMBIGUOUS_PATH,
            "The request path cannot be read without ambiguity (an encoded '/', a '..' above the root, or a control character).", null);

    private Admission reject(RequestInfo request, Rejection rejection) {
        fireRejected(request, rejection);
        return new Admission.Rejected(rejection);
    }

    /**
     * The rejection Sluice answers for a failure the application threw, or empty when it is not Sluice's
     * (then the framework's own error handling answers, normally with 500).
     */
    public Optional<Rejection> classify(Throwable failure, RequestInfo request) {
        Optional<Rejection> rejection = classifier.classify(failure, request);
        rejection.ifPresent(r -> fireRejected(request, r));
        return rejection;
    }

    /** The audit of the statuses the application itself answers; adapters report admitted requests' responses. */
    public StatusAudit audit() {
        return audit;
    }

    public Renderer renderer() {
        return renderer;
    }

    public AdminOperations admin() {
        return admin;
    }

    /** The admin resource over plain HTTP with bearer-token security, for adapters without their own. */
    public AdminHttpHandler adminHttp() {
        return adminHttp;
    }

    /**
     * The drain on shutdown (CONTRACT §11): the adapter calls {@code begin()} when the application is asked to
     * stop and holds the server's own shutdown back with {@code awaitWindow()}.
     */
    public ShutdownDrain drain() {
        return drain;
    }

    /** The per-client limits (policies, bucket counts). */
    public ClientLimitGuard clientLimits() {
        return clientLimits;
    }

    /** The load shedder (limit, in-flight count, refusals by priority), or empty when shedding is off. */
    public Optional<LoadShedder> shedding() {
        return Optional.ofNullable(shedding);
    }

    public ClientAddressResolver clientAddresses() {
        return clientAddresses;
    }

    public SluiceConfig config() {
        return config;
    }

    public void addListener(SluiceListener listener) {
        listeners.add(listener);
    }

    private void maintenanceChanged(Optional<MaintenanceState> state) {
        MaintenanceChanged event = new MaintenanceChanged(state);
        notifyListeners(l -> l.onMaintenanceChanged(event));
    }

    private void fireAuditFinding(AuditFinding finding) {
        notifyListeners(l -> l.onAuditFinding(finding));
    }

    private void fireRejected(RequestInfo request, Rejection rejection) {
        if (listeners.isEmpty()) {
            return;
        }
        RequestRejected event = new RequestRejected(request.method(), request.path(), rejection);
        notifyListeners(l -> l.onRequestRejected(event));
    }

    /**
     * Tells every listener; one that throws is logged (at most once a minute) and skipped, so a bug in a
     * metrics or logging listener never fails the request it was told about, nor keeps its permit.
     */
    private void notifyListeners(java.util.function.Consumer<SluiceListener> call) {
        for (SluiceListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                long now = System.nanoTime();
                long last = lastListenerFailureLog.get();
                if (now - last > 60_000_000_000L && lastListenerFailureLog.compareAndSet(last, now)) {
                    LOG.log(System.Logger.Level.WARNING, "a Sluice listener (" + l.getClass().getName() + ") failed; it is skipped "
                            + "for this event (logged at most once a minute)", e);
                }
            }
        }
    }

    /**
     * Stops what Sluice started (the file store's watcher, the shared store's connections, the CPU sampler); a
     * maintenance store given in code is the caller's to close.
     */
    @Override
    public void close() {
        if (ownedStore != null) {
            ownedStore.close();
        }
        if (sharedStore != null) {
            sharedStore.close();
        }
        if (shedding != null) {
            shedding.close();
        }
    }
}
