package dev.sluice.benchmarks.overload;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.internal.shedding.LoadShedder;
import dev.sluice.servlet.SluiceFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The app under load: embedded Jetty 12 (ee10) on 127.0.0.1 serving {@code GET /work?ms=N}, which takes
 * one of W workers (a fair {@link Semaphore}, standing for a DB connection pool) and sleeps N ms, and
 * {@code GET /cpu?ms=N}, which burns N ms of CPU time on the request thread and takes no worker. The capacity
 * of {@code /work} is therefore known: W / (N ms) requests per second; that of {@code /cpu} is the cores'.
 * Jetty's own pool is far larger than W, so the workers or the CPU, not Jetty, are the bottleneck.
 *
 * <p>Run as a child JVM by {@link OverloadExperiment}: {@code OverloadApp --variant <id> --workers W --parallelism P}
 * (P sizes only the tuned variant's limit).
 * It prints {@code READY <port>} once listening, then reads commands on stdin: {@code reset} (zero the
 * counters at the start of a measurement window), {@code stats} (print one {@code STATS k=v ...} line);
 * end of input stops it.
 */
public final class OverloadApp {

    /** Large enough that requests waiting for a worker never starve Jetty of threads to reject others. */
    static final int JETTY_MAX_THREADS = 1000;

    private final Server server;
    private final WorkServlet work;
    private final IntSupplier limit;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "overload-sampler");
        t.setDaemon(true);
        return t;
    });
    // Sampled every 10 ms, reset by "reset": how many requests are inside the servlet, and the limit.
    private final LongAdder samples = new LongAdder();
    private final LongAdder inFlightSum = new LongAdder();
    private final LongAdder limitSum = new LongAdder();
    private final AtomicInteger limitMin = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger limitMax = new AtomicInteger(Integer.MIN_VALUE);

    private OverloadApp(Server server, WorkServlet work, IntSupplier limit) {
        this.server = server;
        this.work = work;
        this.limit = limit;
    }

    public static OverloadApp start(Variant variant, int workers, int parallelism, int port) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(JETTY_MAX_THREADS, 16);
        threads.setName("app");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(4096); // bursts of new connections must not be refused by the backlog
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        WorkServlet work = new WorkServlet(workers);
        ServletHolder holder = new ServletHolder("work", work);
        context.addServlet(holder, "/work");
        context.getServletHandler().addServletMapping(mapping("work", "/cpu"));
        IntSupplier limit = () -> -1;
        Filter filter = null;
        switch (variant) {
            case NONE -> {
            }
            case SLUICE_KNEE, SLUICE_VEGAS, SLUICE_GRADIENT2, TUNED -> {
                Sluice sluice = Sluice.create(SluiceConfig.builder().properties(variant.sluiceProperties(parallelism)).build());
                filter = new SluiceFilter(sluice);
                LoadShedder shedding = sluice.shedding().orElseThrow(() -> new IllegalStateException("shedding is off"));
                limit = shedding::limit;
            }
            case NCL_VEGAS, NCL_GRADIENT2 -> {
                // NCL's own defaults, as a user who adds its filter without sizing it.
                Limit algorithm = variant == Variant.NCL_VEGAS ? VegasLimit.newDefault() : Gradient2Limit.newDefault();
                SimpleLimiter<HttpServletRequest> limiter = SimpleLimiter.newBuilder().named("overload").limit(algorithm).build();
                filter = new NclServletFilter(limiter);
                limit = algorithm::getLimit;
            }
            default -> throw new IllegalArgumentException(variant.id() + " runs on the Quarkus app (benchmarks/quarkus-app), not on this one");
        }
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(context);
        server.start();
        OverloadApp app = new OverloadApp(server, work, limit);
        app.sampler.scheduleAtFixedRate(app::sample, 10, 10, TimeUnit.MILLISECONDS);
        return app;
    }

    private static org.eclipse.jetty.ee10.servlet.ServletMapping mapping(String servlet, String path) {
        org.eclipse.jetty.ee10.servlet.ServletMapping m = new org.eclipse.jetty.ee10.servlet.ServletMapping();
        m.setServletName(servlet);
        m.setPathSpec(path);
        return m;
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    private void sample() {
        samples.increment();
        inFlightSum.add(work.inFlight.get());
        int l = limit.getAsInt();
        limitSum.add(l);
        limitMin.accumulateAndGet(l, Math::min);
        limitMax.accumulateAndGet(l, Math::max);
    }

    void reset() {
        work.reset();
        samples.reset();
        inFlightSum.reset();
        limitSum.reset();
        limitMin.set(Integer.MAX_VALUE);
        limitMax.set(Integer.MIN_VALUE);
    }

    /** One line the experiment parses: counters since the last reset. */
    String stats() {
        long n = Math.max(1, samples.sum());
        return String.format(Locale.ROOT,
                "STATS served=%d failed=%d maxInFlight=%d meanInFlight=%.2f limitMin=%d limitMean=%.2f limitMax=%d limitLast=%d",
                work.served.sum(), work.failed.sum(), work.maxInFlight.get(), inFlightSum.sum() / (double) n,
                limitMin.get(), limitSum.sum() / (double) n, limitMax.get(), limit.getAsInt());
    }

    void stop() {
        sampler.shutdownNow();
        try {
            server.setStopTimeout(1000);
            server.stop();
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    public static void main(String[] args) throws Exception {
        Variant variant = Variant.NONE;
        int workers = 4;
        int parallelism = 4;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--variant" -> variant = Variant.of(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        OverloadApp app = start(variant, workers, parallelism, port);
        System.out.println("READY " + app.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line.strip()) {
                case "reset" -> app.reset();
                case "stats" -> System.out.println(app.stats());
                default -> System.out.println("ERROR unknown command " + line);
            }
            System.out.flush();
        }
        // Requests still waiting for a worker (no shedding) would hold a graceful stop; the parent is done.
        Thread stopper = new Thread(app::stop);
        stopper.setDaemon(true);
        stopper.start();
        stopper.join(2000);
        System.exit(0);
    }

    /** {@code GET /work?ms=N}: one worker for N ms; {@code GET /cpu?ms=N}: N ms of CPU time, no worker. */
    static final class WorkServlet extends HttpServlet {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        /** Where the burnt computation goes, so the JIT cannot drop it. */
        static volatile long sink;
        private final Semaphore workers;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final LongAdder served = new LongAdder();
        final LongAdder failed = new LongAdder();

        WorkServlet(int workers) {
            // Fair: waiting requests get a worker in arrival order, as from a FIFO connection pool.
            this.workers = new Semaphore(workers, true);
        }

        void reset() {
            maxInFlight.set(inFlight.get());
            served.reset();
            failed.reset();
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            long ms = parseMillis(request.getParameter("ms"));
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (request.getServletPath().equals("/cpu")) {
                    burn(ms);
                } else {
                    workers.acquire();
                    try {
                        Thread.sleep(ms);
                    } finally {
                        workers.release();
                    }
                }
                response.setContentType("text/plain");
                response.getWriter().write("worked " + ms + " ms\n");
                served.increment();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.increment();
                response.sendError(500);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        /** Computes until this thread has used {@code ms} of CPU time: with more threads than cores, they share it. */
        static void burn(long ms) {
            long until = THREADS.getCurrentThreadCpuTime() + ms * 1_000_000L;
            long x = 0x9E3779B97F4A7C15L;
            do {
                for (int i = 0; i < 20_000; i++) {
                    x ^= x << 13;
                    x ^= x >>> 7;
                    x ^= x << 17;
                }
            } while (THREADS.getCurrentThreadCpuTime() < until);
            sink = x;
        }

        private static long parseMillis(String value) {
            if (value == null || value.isBlank()) {
                return 50;
            }
            long ms = Long.parseLong(value.strip());
            if (ms < 0 || ms > 60_000) {
                throw new IllegalArgumentException("ms out of range: " + ms);
            }
            return ms;
        }
    }
}
