package dev.sluice.benchmarks.overload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The overload experiment: one app ({@link OverloadApp}) doing one {@link Workload}, protected by each
 * {@link Variant} in turn, at multiples of its capacity (0.5× to 8×), driven open-loop by {@link LoadGenerator}.
 *
 * <p>Every (variant, load) pair runs against a fresh child JVM (same class path), so server and generator
 * share no heap or GC, and no backlog left by one run (the unprotected app queues thousands of requests
 * at 8×) leaks into the next. Runs are ordered load by load, all variants at one load before the next,
 * so background load on the machine affects the variants alike. Writes {@code results.csv},
 * {@code results.md} (every figure, and the targets of issue 16 marked met or missed), {@code timeline.csv}
 * (p99 of admitted requests per second, which the step workload's recovery is read from) and the figure.
 *
 * <p>Capacity: by design for the pool, step and mixed workloads (W workers over the service time); measured for
 * the CPU workload, which shares the two cores with the generator: before the first point, the unprotected app
 * is saturated in a closed loop (4 requests per core in flight) and its completions per second are the capacity
 * ({@code --capacity} overrides it).
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks,benchmarks/quarkus-app -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.overload.OverloadExperiment --workload pool --duration 30s
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.overload.OverloadExperiment --workload cpu --duration 30s
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.overload.OverloadExperiment --workload step --duration 45s
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.overload.OverloadExperiment --workload mixed --duration 30s
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.overload.OverloadExperiment --workload pool --duration 3s   # smoke check
 * </pre>
 * Full runs write {@code docs/overload-<workload>/} and {@code docs/overload-<workload>.png}; runs shorter than
 * 30 s write to {@code benchmarks/target/overload-quick/<workload>/} unless {@code --out} says otherwise, so a
 * smoke check never overwrites the published results. The pool workload includes quarkus-load-shedding, which
 * needs the Quarkus app ({@code benchmarks/quarkus-app}, built by the first command).
 */
public final class OverloadExperiment {

    /** One measured (variant, load) pair. */
    public record Row(Variant variant, double multiple, double targetRate, LoadGenerator.Report report,
                      Map<String, String> server, String loadAverage) {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o.generatorCheck != null) {
            generatorCheck(o);
            return;
        }
        Files.createDirectories(o.out);
        Path logs = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "sluice-overload-logs"));
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        List<Row> rows = new ArrayList<>();
        try (LoadGenerator generator = new LoadGenerator()) {
            double capacity = o.capacity != null ? o.capacity : o.workload == Workload.CPU
                    ? measureCapacity(generator, o, logs) : o.workload.nominalCapacity(o.workers);
            String capacitySource = o.capacity != null ? "given" : o.workload == Workload.CPU ? "measured" : "by design";
            System.out.printf(Locale.ROOT, "workload %s: %s; capacity %.1f req/s (%s); loads %s; %s each after %s warm-up; %s arrivals; "
                            + "%.0f %% critical; timeout %s; load average before: %s%n", o.workload.id(), o.workload.describe(o.workers),
                    capacity, capacitySource, o.loads, human(o.duration), human(o.warmup), o.poisson ? "Poisson" : "evenly spaced",
                    o.criticalShare * 100, human(o.timeout), loadBefore);
            System.out.println("child logs in " + logs);
            for (int l = 0; l < o.loads.size(); l++) {
                double multiple = o.loads.get(l);
                for (Variant variant : o.variants) {
                    double rate = multiple * capacity;
                    // One seed per load: every variant meets the very same arrival times and critical requests.
                    Row row = runOne(generator, o, variant, multiple, rate, o.seed + l, logs);
                    rows.add(row);
                    System.out.println(consoleLine(row, o.workload.averageCapacity(capacity)));
                    writeOutputs(o, rows, capacity, capacitySource, loadBefore, null, started);
                }
            }
            String loadAfter = loadAverage();
            System.out.println("load average after: " + loadAfter);
            writeOutputs(o, rows, capacity, capacitySource, loadBefore, loadAfter, started);
        }
        System.out.println("wrote " + o.out.resolve("results.csv") + ", " + o.out.resolve("results.md") + ", "
                + o.out.resolve("timeline.csv") + ", " + o.png);
    }

    /** The CPU workload's capacity: the unprotected app saturated in a closed loop, completions per second. */
    private static double measureCapacity(LoadGenerator generator, Options o, Path logs) throws Exception {
        int concurrency = 4 * Runtime.getRuntime().availableProcessors();
        Duration warmup = o.quick() ? Duration.ofSeconds(1) : Duration.ofSeconds(3);
        Duration window = o.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
        try (Child child = Child.start(Variant.NONE, o, logs.resolve("capacity.log"))) {
            URI target = o.workload.target(URI.create("http://127.0.0.1:" + child.port + "/"), Duration.ZERO, Duration.ZERO, o.duration,
                    new SplittableRandom(o.seed));
            double capacity = generator.saturate(target, concurrency, warmup, window);
            System.out.printf(Locale.ROOT, "capacity measured: %.1f req/s with %d in flight (closed loop, %s)%n", capacity, concurrency, human(window));
            return capacity;
        }
    }

    private static Row runOne(LoadGenerator generator, Options o, Variant variant, double multiple, double rate, long seed,
                              Path logs) throws Exception {
        Path log = logs.resolve(o.workload.id() + "-" + variant.id() + "-" + multiple + "x.log");
        try (Child child = Child.start(variant, o, log)) {
            URI app = URI.create("http://127.0.0.1:" + child.port + "/");
            LoadGenerator.Target target = (offset, random) -> o.workload.target(app, offset, o.warmup, o.duration, random);
            LoadGenerator.Plan plan = new LoadGenerator.Plan(target, rate, o.warmup, o.duration, o.timeout, o.criticalShare,
                    o.poisson, seed, () -> child.send("reset"), () -> child.send("stats"));
            LoadGenerator.Report report = generator.run(plan);
            Map<String, String> stats = child.readStats();
            return new Row(variant, multiple, rate, report, stats, loadAverage());
        }
    }

    /** How fast the generator can offer load on this machine: an app with no limit and no work. */
    private static void generatorCheck(Options o) throws Exception {
        Path logs = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "sluice-overload-logs"));
        o.workers = 100_000; // no pool to wait for: the generator, not the app, is what this measures
        try (LoadGenerator generator = new LoadGenerator()) {
            for (double rate : o.generatorCheck) {
                try (Child child = Child.start(Variant.NONE, o, logs.resolve("generator-check-" + rate + ".log"))) {
                    URI target = URI.create("http://127.0.0.1:" + child.port + "/work?ms=0");
                    LoadGenerator.Report r = generator.run(new LoadGenerator.Plan(LoadGenerator.Target.fixed(target), rate, o.warmup, o.duration, o.timeout,
                            o.criticalShare, o.poisson, o.seed, () -> child.send("reset"), null));
                    System.out.printf(Locale.ROOT, "generator check: target %.0f/s offered %.1f/s, 2xx %d of %d, timeouts %d, errors %d, "
                                    + "latency p50 %.2f ms p99 %.2f ms, schedule lag p99 %.2f ms max %.2f ms; load average %s%n",
                            rate, r.offeredRate(), r.ok(), r.sent(), r.timeouts(), r.errors(), r.okMillis(50), r.okMillis(99),
                            r.p99LagMicros() / 1000.0, r.maxLagMicros() / 1000.0, loadAverage());
                }
            }
        }
    }

    private static String consoleLine(Row r, double capacity) {
        LoadGenerator.Report p = r.report();
        return String.format(Locale.ROOT,
                "%-16s %4s× offered %6.1f/s goodput %5.1f/s (%5.1f %%) p50 %7.1f ms p99 %7.1f ms critical %s 503 %d (RA %d) 429 %d "
                        + "timeouts %d errors %d | server maxInFlight %s limit %s..%s | lag p99 %.1f ms | load %s",
                r.variant().id(), multipleLabel(r.multiple()), p.offeredRate(), p.goodput(), 100 * p.goodput() / capacity,
                p.okMillis(50), p.okMillis(99), pct(p.criticalSuccess()), p.status503(), p.status503WithRetryAfter(), p.status429(),
                p.timeouts(), p.errors(), r.server().get("maxInFlight"), r.server().get("limitMin"), r.server().get("limitMax"),
                p.p99LagMicros() / 1000.0, r.loadAverage());
    }

    private static void writeOutputs(Options o, List<Row> rows, double capacity, String capacitySource, String loadBefore,
                                     String loadAfter, Instant started) throws IOException {
        OverloadTargets targets = new OverloadTargets(o.workload, rows, capacity);
        Files.writeString(o.out.resolve("results.csv"), csv(rows, o.workload.averageCapacity(capacity)));
        Files.writeString(o.out.resolve("timeline.csv"), timeline(rows));
        Files.writeString(o.out.resolve("results.md"), markdown(o, rows, capacity, capacitySource, targets, loadBefore, loadAfter, started));
        double reference = targets.unloadedP99(Variant.NONE);
        OverloadPlot.write(o.png, String.format(Locale.ROOT, "Overload, %s workload: %s, capacity %.0f req/s, %s per point",
                        o.workload.id(), plainDescription(o), capacity, human(o.duration)),
                rows, o.variants, o.loads, capacity, o.workload.averageCapacity(capacity), OverloadTargets.P99_FACTOR * reference,
                o.workload != Workload.STEP, o.timeout.toMillis());
    }

    private static String plainDescription(Options o) {
        return switch (o.workload) {
            case POOL -> "/work?ms=" + Workload.POOL_MS + " on " + o.workers + " workers";
            case CPU -> Workload.CPU_MS + " ms CPU per request, " + Runtime.getRuntime().availableProcessors() + " cores";
            case STEP -> "/work on " + o.workers + " workers, " + Workload.POOL_MS + " → " + Workload.STEP_SLOW_MS + " → " + Workload.POOL_MS + " ms";
            case MIXED -> "90 % 10 ms + 10 % 200 ms on " + o.workers + " workers";
        };
    }

    /** p99 of admitted requests per second of the window, per variant and load. */
    private static String timeline(List<Row> rows) {
        StringBuilder b = new StringBuilder("variant,load_x,second,p99_ms\n");
        for (Row r : rows) {
            for (int s = 0; s < r.report().secondsInWindow(); s++) {
                b.append(r.variant().id()).append(',').append(num(r.multiple())).append(',').append(s).append(',')
                        .append(f1(r.report().okMillis(99, s, s + 1))).append('\n');
            }
        }
        return b.toString();
    }

    private static String csv(List<Row> rows, double capacity) {
        StringBuilder b = new StringBuilder("variant,load_x,target_rps,offered_rps,sent,ok,goodput_rps,goodput_pct_capacity,"
                + "p50_ms,p99_ms,p999_ms,max_ms,critical_p99_ms,critical_sent,critical_ok,critical_success_pct,"
                + "s503,s503_with_retry_after,retry_after_min_s,retry_after_max_s,retry_after_distinct,s429,other_status,timeouts,errors,unfinished,"
                + "gen_lag_p99_ms,gen_lag_max_ms,server_served,server_max_in_flight,server_mean_in_flight,limit_min,limit_mean,limit_max,loadavg\n");
        for (Row r : rows) {
            LoadGenerator.Report p = r.report();
            Map<String, String> s = r.server();
            b.append(String.join(",", r.variant().id(), num(r.multiple()), f1(r.targetRate()), f1(p.offeredRate()), Long.toString(p.sent()),
                    Long.toString(p.ok()), f1(p.goodput()), f1(100 * p.goodput() / capacity), f1(p.okMillis(50)), f1(p.okMillis(99)),
                    f1(p.okMillis(99.9)), f1(p.okMillis(100)), f1(p.criticalOkMillis(99)), Long.toString(p.criticalSent()),
                    Long.toString(p.criticalOk()), f2(100 * p.criticalSuccess()), Long.toString(p.status503()),
                    Long.toString(p.status503WithRetryAfter()), Integer.toString(p.retryAfterMin()), Integer.toString(p.retryAfterMax()),
                    Integer.toString(p.retryAfterDistinct()), Long.toString(p.status429()), Long.toString(p.otherStatus()),
                    Long.toString(p.timeouts()), Long.toString(p.errors()), Long.toString(p.notFinished()),
                    f2(p.p99LagMicros() / 1000.0), f2(p.maxLagMicros() / 1000.0), s.getOrDefault("served", ""),
                    s.getOrDefault("maxInFlight", ""), s.getOrDefault("meanInFlight", ""), limitField(s, "limitMin"),
                    limitField(s, "limitMean"), limitField(s, "limitMax"), '"' + r.loadAverage() + '"')).append('\n');
        }
        return b.toString();
    }

    private static String markdown(Options o, List<Row> rows, double capacity, String capacitySource, OverloadTargets targets,
                                   String loadBefore, String loadAfter, Instant started) {
        StringBuilder b = new StringBuilder();
        b.append("<!-- Written by dev.sluice.benchmarks.overload.OverloadExperiment; do not edit by hand. -->\n");
        b.append("# Overload experiment, ").append(o.workload.id()).append(" workload: raw results\n\n");
        b.append("- command: `java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.overload.OverloadExperiment ")
                .append(String.join(" ", o.args)).append("`\n");
        b.append("- started ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(loadAfter == null ? " (in progress)" : ", finished "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        b.append(String.format(Locale.ROOT, "- machine: %d CPUs (`availableProcessors`), %s %s, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version")));
        b.append("- load average (1, 5, 15 min) before: ").append(loadBefore).append("; after: ").append(loadAfter == null ? "–" : loadAfter).append('\n');
        b.append(String.format(Locale.ROOT, "- app: %s → capacity %.1f req/s (%s)%s%n", o.workload.describe(o.workers), capacity, capacitySource,
                o.workload == Workload.STEP ? String.format(Locale.ROOT, "; %.1f req/s in the slow third, %.1f req/s averaged over the window",
                        capacity * Workload.POOL_MS / Workload.STEP_SLOW_MS, o.workload.averageCapacity(capacity)) : ""));
        if (o.variants.stream().anyMatch(v -> !v.onQuarkus())) {
            b.append(String.format(Locale.ROOT, "- Jetty variants: embedded Jetty 12 (`OverloadApp`), max %d threads%n", OverloadApp.JETTY_MAX_THREADS));
        }
        if (o.variants.stream().anyMatch(Variant::onQuarkus)) {
            b.append(String.format(Locale.ROOT, "- Quarkus variants: the same app on Quarkus (`benchmarks/quarkus-app`, `%s`), REST on worker threads (max 1000)%n", o.quarkusApp));
        }
        b.append(String.format(Locale.ROOT, "- load: %s arrivals, %.0f %% critical (`%s: critical`), timeout %s, warm-up %s (excluded), measured %s per point; a fresh app JVM per point%n",
                o.poisson ? "Poisson" : "evenly spaced", o.criticalShare * 100, Variant.PRIORITY_HEADER, human(o.timeout), human(o.warmup), human(o.duration)));
        b.append("- variants at their defaults, as configured without knowing the capacity; `tuned` is the reference sized from it\n\n");
        int parallelism = o.workload.parallelism(o.workers);
        for (Variant v : o.variants) {
            Map<String, String> props = v.onQuarkus() ? v.quarkusProperties() : v.sluiceProperties(parallelism);
            String settings = switch (v) {
                case NONE -> "no filter";
                case NCL_VEGAS -> "`SimpleLimiter` + `VegasLimit.newDefault()` behind `NclServletFilter` (429, no Retry-After)";
                case NCL_GRADIENT2 -> "`SimpleLimiter` + `Gradient2Limit.newDefault()` behind `NclServletFilter` (429, no Retry-After)";
                default -> props.entrySet().stream().map(e -> "`" + e.getKey() + "=" + e.getValue() + "`").collect(Collectors.joining(", "))
                        + (v.onQuarkus() ? " (system property of the Quarkus app)" : "");
            };
            b.append("- `").append(v.id()).append("`: ").append(settings).append('\n');
        }
        b.append('\n');
        b.append(targets.markdown(o.variants, o.loads)).append('\n');

        b.append("## Results\n\n");
        b.append("Goodput: 2xx responses completed inside the measurement window, per second. Every other column counts the requests scheduled inside the window (each followed to its answer or its timeout). Latencies: of 2xx responses, from the scheduled start. p99 ratio: p99 over the unloaded p99 (targets above). ")
                .append("Critical: share of critical requests answered 2xx. Server in flight: requests inside the app's handler, max over the window. ")
                .append("Limit: the limiter's limit sampled every 10 ms over the window (min–max; – where the variant has none).\n\n");
        b.append("| variant | load | offered/s | goodput/s | % of capacity | p50 ms | p99 ms | p99 ratio | critical ok | 503 (with Retry-After) | 429 | timeouts | errors | server in flight max | limit |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        double average = o.workload.averageCapacity(capacity);
        for (Variant v : o.variants) {
            double unloaded = targets.unloadedP99(v);
            for (Row r : rows) {
                if (r.variant() != v) {
                    continue;
                }
                LoadGenerator.Report p = r.report();
                b.append(String.format(Locale.ROOT, "| %s | %s× | %.1f | %.1f | %.1f | %s | %s | %s | %s (%d/%d) | %d (%d) | %d | %d | %d | %s | %s |%n",
                        v.id(), multipleLabel(r.multiple()), p.offeredRate(), p.goodput(), 100 * p.goodput() / average, dash(f1(p.okMillis(50))),
                        dash(f1(p.okMillis(99))), dash(f2(p.okMillis(99) / unloaded)), pct(p.criticalSuccess()),
                        p.criticalOk(), p.criticalSent(), p.status503(), p.status503WithRetryAfter(), p.status429(), p.timeouts(),
                        p.errors() + p.otherStatus() + p.notFinished(), r.server().getOrDefault("maxInFlight", "?"), limitRange(r.server())));
            }
        }
        b.append("\nRetry-After on 503 (seconds, min–max, distinct values): ");
        b.append(rows.stream().filter(r -> r.report().status503() > 0)
                .map(r -> r.report().status503WithRetryAfter() == 0
                        ? String.format(Locale.ROOT, "%s %s× none", r.variant().id(), multipleLabel(r.multiple()))
                        : String.format(Locale.ROOT, "%s %s× %d–%d (%d)", r.variant().id(), multipleLabel(r.multiple()),
                        r.report().retryAfterMin(), r.report().retryAfterMax(), r.report().retryAfterDistinct()))
                .collect(Collectors.joining("; ", "", "\n")));
        b.append("\nGenerator schedule lag (how late requests were sent), p99 / max ms: ");
        b.append(rows.stream().map(r -> String.format(Locale.ROOT, "%s %s× %.1f/%.1f", r.variant().id(), multipleLabel(r.multiple()),
                r.report().p99LagMicros() / 1000.0, r.report().maxLagMicros() / 1000.0)).collect(Collectors.joining("; ", "", "\n")));
        b.append("\nLoad average after each point: ");
        b.append(rows.stream().map(r -> r.variant().id() + " " + multipleLabel(r.multiple()) + "× " + r.loadAverage())
                .collect(Collectors.joining("; ", "", "\n")));
        return b.toString();
    }

    private static String limitRange(Map<String, String> s) {
        String min = limitField(s, "limitMin");
        return min.isEmpty() ? "–" : min + "–" + limitField(s, "limitMax");
    }

    /** The app reports -1 when the variant has no limit it can read. */
    private static String limitField(Map<String, String> s, String key) {
        String v = s.getOrDefault(key, "");
        return v.startsWith("-1") ? "" : v;
    }

    static String multipleLabel(double m) {
        return m == Math.rint(m) ? Long.toString((long) m) : Double.toString(m);
    }

    private static String num(double d) {
        return multipleLabel(d);
    }

    private static String f1(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.1f", d);
    }

    private static String f2(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.2f", d);
    }

    private static String dash(String s) {
        return s.isEmpty() ? "–" : s;
    }

    private static String pct(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** {@code /proc/loadavg}'s three averages, as {@code uptime} prints them. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** The app in its own JVM, same class path. */
    private static final class Child implements AutoCloseable {
        private final Process process;
        private final Writer stdin;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final int port;

        private Child(Process process) throws Exception {
            this.process = process;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the child is gone
                }
            }, "child-stdout");
            reader.setDaemon(true);
            reader.start();
            String ready = next("READY", 30);
            this.port = Integer.parseInt(ready.substring("READY ".length()).trim());
        }

        static Child start(Variant variant, Options o, Path log) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx1g"));
            if (variant.onQuarkus()) {
                // The Quarkus app speaks the same stdin protocol; its shedder is switched on by system properties.
                variant.quarkusProperties().forEach((k, v) -> command.add("-D" + k + "=" + v));
                command.addAll(List.of("-Doverload.control=stdin", "-Doverload.workers=" + o.workers,
                        "-Dquarkus.http.port=" + freePort(), "-jar", o.quarkusApp.toString()));
            } else {
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), OverloadApp.class.getName(), "--variant", variant.id(),
                        "--workers", Integer.toString(o.workers), "--parallelism", Integer.toString(o.workload.parallelism(o.workers))));
            }
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            try {
                return new Child(p);
            } catch (Exception e) {
                p.destroyForcibly();
                throw new IllegalStateException("the " + variant.id() + " app did not start; see " + log + ":\n"
                        + (Files.exists(log) ? Files.readString(log) : ""), e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }

        void send(String command) {
            try {
                stdin.write(command + "\n");
                stdin.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The {@code STATS} line the app printed after a {@code stats} command. */
        Map<String, String> readStats() throws Exception {
            String line = next("STATS", 10);
            Map<String, String> out = new LinkedHashMap<>();
            Arrays.stream(line.substring("STATS ".length()).trim().split("\\s+")).map(kv -> kv.split("=", 2))
                    .forEach(kv -> out.put(kv[0], kv[1]));
            return out;
        }

        private String next(String prefix, int seconds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new IllegalStateException("no " + prefix + " line from the app within " + seconds + " s"
                            + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        @Override
        public void close() throws Exception {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // already gone
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Command-line options. */
    private static final class Options {
        List<String> args;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup;
        Duration timeout = Duration.ofSeconds(2);
        int workers = 4;
        Workload workload = Workload.POOL;
        Double capacity;
        double criticalShare = 0.05;
        boolean poisson = true;
        long seed = 20261125L;
        List<Double> loads = List.of(0.5, 1.0, 2.0, 4.0, 8.0);
        List<Variant> variants;
        Path out;
        Path png;
        List<Double> generatorCheck;
        Path quarkusApp = Path.of("benchmarks", "quarkus-app", "target", "quarkus-app", "quarkus-run.jar");

        /** Shorter than the full 30 s per point: a smoke check, written outside docs/. */
        boolean quick() {
            return duration.compareTo(Duration.ofSeconds(30)) < 0;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            o.args = List.of(args);
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--duration" -> o.duration = duration(v);
                    case "--warmup" -> o.warmup = duration(v);
                    case "--timeout" -> o.timeout = duration(v);
                    case "--workers" -> o.workers = Integer.parseInt(v);
                    case "--workload" -> o.workload = Workload.of(v);
                    case "--capacity" -> o.capacity = Double.parseDouble(v);
                    case "--critical-share" -> o.criticalShare = Double.parseDouble(v);
                    case "--arrivals" -> o.poisson = switch (v) {
                        case "poisson" -> true;
                        case "constant" -> false;
                        default -> throw new IllegalArgumentException("--arrivals poisson|constant");
                    };
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--loads" -> o.loads = Arrays.stream(v.split(",")).map(String::trim).map(Double::parseDouble).sorted().toList();
                    case "--variants" -> o.variants = Arrays.stream(v.split(",")).map(String::trim).map(Variant::of).toList();
                    case "--out" -> o.out = Path.of(v);
                    case "--png" -> o.png = Path.of(v);
                    case "--quarkus-app" -> o.quarkusApp = Path.of(v);
                    case "--generator-check" -> o.generatorCheck = Arrays.stream(v.split(",")).map(String::trim).map(Double::parseDouble).toList();
                    case "-h", "--help" -> {
                        System.out.println("options: --workload pool|cpu|step|mixed --duration 30s (step: 45s) --warmup 5s --timeout 2s --workers 4 "
                                + "--capacity REQ_PER_S (default: by design; measured for cpu) --critical-share 0.05 --arrivals poisson|constant --seed N "
                                + "--loads 0.5,1,2,4,8 --variants " + Arrays.stream(Variant.values()).map(Variant::id).collect(Collectors.joining(","))
                                + " (default: all; quarkus-load-shedding on pool only) --out DIR --png FILE "
                                + "--quarkus-app benchmarks/quarkus-app/target/quarkus-app/quarkus-run.jar | --generator-check 640,1280");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                }
                i++;
            }
            if (o.warmup == null) {
                o.warmup = o.duration.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
            }
            if (o.variants == null) {
                o.variants = Variant.defaults(o.workload);
            }
            if (o.variants.stream().anyMatch(Variant::onQuarkus) && o.workload != Workload.POOL) {
                throw new IllegalArgumentException("the Quarkus app serves the pool workload only");
            }
            if (o.variants.stream().anyMatch(Variant::onQuarkus) && !Files.isRegularFile(o.quarkusApp)) {
                throw new IllegalArgumentException("the Quarkus variants need the Quarkus app at " + o.quarkusApp
                        + "; build it with ./mvnw -B -q -pl benchmarks,benchmarks/quarkus-app -am package -DskipTests (or say where it is with --quarkus-app)");
            }
            if (o.out == null) {
                o.out = o.quick() ? Path.of("benchmarks", "target", "overload-quick", o.workload.id()) : Path.of("docs", "overload-" + o.workload.id());
            }
            if (o.png == null) {
                o.png = o.quick() ? o.out.resolve("overload-" + o.workload.id() + ".png") : Path.of("docs", "overload-" + o.workload.id() + ".png");
            }
            return o;
        }

        private static Duration duration(String s) {
            if (s == null) {
                throw new IllegalArgumentException("a duration such as 30s, 500ms or 2m is required");
            }
            s = s.trim().toLowerCase(Locale.ROOT);
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
            }
            if (s.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
            }
            return Duration.ofSeconds(Long.parseLong(s));
        }
    }
}
