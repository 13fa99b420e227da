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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The overload experiment: the same app ({@link OverloadApp}, capacity W / service time) under no
 * shedding, Sluice with a fixed limit, Sluice with its adaptive limit, and Netflix concurrency-limits,
 * each at 0.5×, 1×, 2×, 4× and 8× its capacity, driven open-loop by {@link LoadGenerator}.
 *
 * <p>Every (variant, load) pair runs against a fresh child JVM (same class path), so server and generator
 * share no heap or GC, and no backlog left by one run (the unprotected app queues thousands of requests
 * at 8×) leaks into the next. Runs are ordered load by load, all variants at one load before the next,
 * so background load on the machine affects the variants alike. Writes {@code results.csv},
 * {@code results.md} (tables and the three targets at 4×) and the figure.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.overload.OverloadExperiment --duration 30s
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.overload.OverloadExperiment --duration 3s   # smoke check
 * </pre>
 * On Quarkus (the app of module {@code benchmarks/quarkus-app}, run as {@code java -jar .../quarkus-run.jar}, another
 * path with {@code --quarkus-app}), Sluice's extension against quarkus-load-shedding; these variants are never in the
 * default list:
 * <pre>
 * ./mvnw -B -q -pl benchmarks,benchmarks/quarkus-app -am install -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.overload.OverloadExperiment --duration 30s \
 *     --variants quarkus-sluice,quarkus-load-shedding,quarkus-load-shedding-no-priority --out docs/overload-quarkus --png docs/overload-quarkus.png
 * </pre>
 * Runs shorter than 30 s write to {@code benchmarks/target/overload-quick/} unless {@code --out} says
 * otherwise, so a smoke check never overwrites the published results.
 */
public final class OverloadExperiment {

    /** One measured (variant, load) pair. */
    public record Row(Variant variant, double multiple, double targetRate, LoadGenerator.Report report,
                      Map<String, String> server, String loadAverage) {
    }

    private static final String CRITICAL_TARGET = "99.5";

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o.generatorCheck != null) {
            generatorCheck(o);
            return;
        }
        double capacity = o.capacity();
        Variant.Limits limits = Variant.Limits.forWorkers(o.workers);
        Files.createDirectories(o.out);
        Path logs = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "sluice-overload-logs"));
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        System.out.printf(Locale.ROOT, "capacity %.1f req/s (%d workers × %d ms); loads %s; %s each after %s warm-up; %s arrivals; "
                        + "%.0f %% critical; timeout %s; load average before: %s%n", capacity, o.workers, o.serviceMs, o.loads,
                human(o.duration), human(o.warmup), o.poisson ? "Poisson" : "evenly spaced", o.criticalShare * 100, human(o.timeout), loadBefore);
        System.out.println("child logs in " + logs);

        List<Row> rows = new ArrayList<>();
        try (LoadGenerator generator = new LoadGenerator()) {
            for (int l = 0; l < o.loads.size(); l++) {
                double multiple = o.loads.get(l);
                for (Variant variant : o.variants) {
                    double rate = multiple * capacity;
                    // One seed per load: every variant meets the very same arrival times and critical requests.
                    Row row = runOne(generator, o, variant, multiple, rate, o.seed + l, logs);
                    rows.add(row);
                    System.out.println(consoleLine(row, capacity));
                    writeOutputs(o, rows, capacity, limits, loadBefore, null, started);
                }
            }
        }
        String loadAfter = loadAverage();
        System.out.println("load average after: " + loadAfter);
        writeOutputs(o, rows, capacity, limits, loadBefore, loadAfter, started);
        System.out.println("wrote " + o.out.resolve("results.csv") + ", " + o.out.resolve("results.md") + ", " + o.png);
    }

    private static Row runOne(LoadGenerator generator, Options o, Variant variant, double multiple, double rate, long seed,
                              Path logs) throws Exception {
        Path log = logs.resolve(variant.id() + "-" + multiple + "x.log");
        try (Child child = Child.start(variant, o.workers, o.quarkusApp, log)) {
            URI target = URI.create("http://127.0.0.1:" + child.port + "/work?ms=" + o.serviceMs);
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
        try (LoadGenerator generator = new LoadGenerator()) {
            for (double rate : o.generatorCheck) {
                try (Child child = Child.start(Variant.NONE, 100_000, o.quarkusApp, logs.resolve("generator-check-" + rate + ".log"))) {
                    URI target = URI.create("http://127.0.0.1:" + child.port + "/work?ms=0");
                    LoadGenerator.Report r = generator.run(new LoadGenerator.Plan(target, rate, o.warmup, o.duration, o.timeout,
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

    private static void writeOutputs(Options o, List<Row> rows, double capacity, Variant.Limits limits, String loadBefore,
                                     String loadAfter, Instant started) throws IOException {
        Files.writeString(o.out.resolve("results.csv"), csv(rows, capacity));
        Files.writeString(o.out.resolve("results.md"), markdown(o, rows, capacity, limits, loadBefore, loadAfter, started));
        double noneUnloaded = unloadedP99(rows, Variant.NONE);
        OverloadPlot.write(o.png, String.format(Locale.ROOT, "Overload: /work?ms=%d on %d workers (capacity %.0f req/s), %s per point, %s arrivals",
                        o.serviceMs, o.workers, capacity, human(o.duration), o.poisson ? "Poisson" : "even"),
                rows, o.variants, o.loads, capacity, 3 * noneUnloaded, o.timeout.toMillis());
    }

    /** The variant's p99 of admitted requests at the lowest load (0.5×): its "unloaded" p99. */
    static double unloadedP99(List<Row> rows, Variant v) {
        return rows.stream().filter(r -> r.variant() == v).min((a, b) -> Double.compare(a.multiple(), b.multiple()))
                .map(r -> r.report().okMillis(99)).orElse(Double.NaN);
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

    private static String markdown(Options o, List<Row> rows, double capacity, Variant.Limits limits, String loadBefore,
                                   String loadAfter, Instant started) {
        StringBuilder b = new StringBuilder();
        b.append("<!-- Written by dev.sluice.benchmarks.overload.OverloadExperiment; do not edit by hand. -->\n");
        b.append("# Overload experiment: raw results\n\n");
        b.append("- command: `java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.overload.OverloadExperiment ")
                .append(String.join(" ", o.args)).append("`\n");
        b.append("- started ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(loadAfter == null ? " (in progress)" : ", finished "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        b.append(String.format(Locale.ROOT, "- machine: %d CPUs (`availableProcessors`), %s %s, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version")));
        b.append("- load average (1, 5, 15 min) before: ").append(loadBefore).append("; after: ").append(loadAfter == null ? "–" : loadAfter).append('\n');
        b.append(String.format(Locale.ROOT, "- app: `GET /work?ms=%d` on %d workers (fair semaphore) → capacity %.1f req/s%n", o.serviceMs, o.workers, capacity));
        if (o.variants.stream().anyMatch(v -> !v.onQuarkus())) {
            b.append(String.format(Locale.ROOT, "- Jetty variants: embedded Jetty 12 (`OverloadApp`), max %d threads%n", OverloadApp.JETTY_MAX_THREADS));
        }
        if (o.variants.stream().anyMatch(Variant::onQuarkus)) {
            b.append(String.format(Locale.ROOT, "- Quarkus variants: the same app on Quarkus (`benchmarks/quarkus-app`, `%s`), REST on worker threads (max 1000), "
                    + "Sluice's extension and quarkus-load-shedding on the class path, one switched on per run%n", o.quarkusApp));
        }
        b.append(String.format(Locale.ROOT, "- load: %s arrivals, %.0f %% critical (`%s: critical`), timeout %s, warm-up %s (excluded), measured %s per point; a fresh app JVM per point%n",
                o.poisson ? "Poisson" : "evenly spaced", o.criticalShare * 100, Variant.PRIORITY_HEADER, human(o.timeout), human(o.warmup), human(o.duration)));
        b.append(String.format(Locale.ROOT, "- limits: fixed %d, normal share %.2f; adaptive min %d, initial %d, max %d%s%n%n",
                limits.fixedLimit(), limits.normalShare(), limits.adaptiveMin(), limits.adaptiveInitial(), limits.adaptiveMax(),
                o.variants.contains(Variant.NCL) ? " (NCL Gradient2 the same)" : ""));
        for (Variant v : o.variants) {
            Map<String, String> props = v.onQuarkus() ? v.quarkusProperties(limits) : v.sluiceProperties(limits);
            if (!props.isEmpty()) {
                b.append("`").append(v.id()).append(v.onQuarkus() ? "` (system properties of the Quarkus app): " : "`: ").append(props.entrySet().stream().map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                        .collect(Collectors.joining(", "))).append("\n\n");
            }
        }

        b.append("## Results\n\n");
        b.append("Goodput: 2xx responses completed inside the measurement window, per second. Every other column counts the requests scheduled inside the window (each followed to its answer or its timeout). Latencies: of 2xx responses, from the scheduled start. p99 ratio: p99 over the variant's own p99 at 0.5×. ")
                .append("Critical: share of critical requests answered 2xx. Server in flight: requests inside the app's handler (waiting for or holding a worker), max over the window. ")
                .append("Limit: the limiter's limit sampled every 10 ms over the window (min–max; – where the variant has none).\n\n");
        b.append("| variant | load | offered/s | goodput/s | % of capacity | p50 ms | p99 ms | p99 ratio | critical ok | 503 (with Retry-After) | 429 | timeouts | errors | server in flight max | limit |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Variant v : o.variants) {
            double unloaded = unloadedP99(rows, v);
            for (Row r : rows) {
                if (r.variant() != v) {
                    continue;
                }
                LoadGenerator.Report p = r.report();
                b.append(String.format(Locale.ROOT, "| %s | %s× | %.1f | %.1f | %.1f | %s | %s | %s | %s (%d/%d) | %d (%d) | %d | %d | %d | %s | %s |%n",
                        v.id(), multipleLabel(r.multiple()), p.offeredRate(), p.goodput(), 100 * p.goodput() / capacity, dash(f1(p.okMillis(50))),
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

        double target = rows.stream().mapToDouble(Row::multiple).filter(m -> m == 4.0).findAny().orElse(Double.NaN);
        if (!Double.isNaN(target)) {
            b.append("\n## Targets at 4×\n\n");
            b.append("Goodput ≥ 90 % of capacity; p99 of admitted ≤ 3 × the variant's unloaded (0.5×) p99; critical success ≥ " + CRITICAL_TARGET + " %.\n\n");
            b.append("| variant | goodput (≥ ").append(f1(0.9 * capacity)).append("/s) | p99 vs 3 × unloaded | critical success |\n|---|---|---|---|\n");
            for (Variant v : o.variants) {
                double unloaded = unloadedP99(rows, v);
                rows.stream().filter(r -> r.variant() == v && r.multiple() == 4.0).findFirst().ifPresent(r -> {
                    LoadGenerator.Report p = r.report();
                    double g = p.goodput();
                    double p99 = p.okMillis(99);
                    double crit = 100 * p.criticalSuccess();
                    String latency = Double.isNaN(p99)
                            ? "missed: no 2xx response at all"
                            : String.format(Locale.ROOT, "%s: %s ms vs %s ms (%s× unloaded)", p99 <= 3 * unloaded ? "met" : "missed",
                            f1(p99), f1(3 * unloaded), f2(p99 / unloaded));
                    b.append(String.format(Locale.ROOT, "| %s | %s: %.1f/s (%.1f %%) | %s | %s: %s %% |%n", v.id(),
                            g >= 0.9 * capacity ? "met" : "missed", g, 100 * g / capacity, latency,
                            crit >= Double.parseDouble(CRITICAL_TARGET) ? "met" : "missed", f2(crit)));
                });
            }
        }
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

        static Child start(Variant variant, int workers, Path quarkusApp, Path log) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx1g"));
            if (variant.onQuarkus()) {
                // The Quarkus app speaks the same stdin protocol; its shedder is switched on by system properties.
                variant.quarkusProperties(Variant.Limits.forWorkers(workers)).forEach((k, v) -> command.add("-D" + k + "=" + v));
                command.addAll(List.of("-Doverload.control=stdin", "-Doverload.workers=" + workers,
                        "-Dquarkus.http.port=" + freePort(), "-jar", quarkusApp.toString()));
            } else {
                command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                        OverloadApp.class.getName(), "--variant", variant.id(), "--workers", Integer.toString(workers)));
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
        int serviceMs = 50;
        double criticalShare = 0.05;
        boolean poisson = true;
        long seed = 20261125L;
        List<Double> loads = List.of(0.5, 1.0, 2.0, 4.0, 8.0);
        List<Variant> variants = List.of(Variant.NONE, Variant.SLUICE_FIXED, Variant.SLUICE_ADAPTIVE, Variant.NCL);
        Path out;
        Path png;
        List<Double> generatorCheck;
        Path quarkusApp = Path.of("benchmarks", "quarkus-app", "target", "quarkus-app", "quarkus-run.jar");

        double capacity() {
            return workers * 1000.0 / serviceMs;
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
                    case "--service-ms" -> o.serviceMs = Integer.parseInt(v);
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
                        System.out.println("options: --duration 30s --warmup 5s --timeout 2s --workers 4 --service-ms 50 --critical-share 0.05 "
                                + "--arrivals poisson|constant --seed N --loads 0.5,1,2,4,8 --variants none,sluice-fixed,sluice-adaptive,ncl "
                                + "--out DIR --png FILE --quarkus-app benchmarks/quarkus-app/target/quarkus-app/quarkus-run.jar "
                                + "| --generator-check 640,1280; Quarkus variants: quarkus-sluice,quarkus-load-shedding,quarkus-load-shedding-no-priority");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                }
                i++;
            }
            if (o.warmup == null) {
                o.warmup = o.duration.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
            }
            if (o.variants.stream().anyMatch(Variant::onQuarkus) && !Files.isRegularFile(o.quarkusApp)) {
                throw new IllegalArgumentException("the Quarkus variants need the Quarkus app at " + o.quarkusApp
                        + "; build it with ./mvnw -B -q -pl benchmarks,benchmarks/quarkus-app -am install -DskipTests (or say where it is with --quarkus-app)");
            }
            boolean quick = o.duration.compareTo(Duration.ofSeconds(30)) < 0;
            if (o.out == null) {
                o.out = quick ? Path.of("benchmarks", "target", "overload-quick") : Path.of("docs", "overload");
            }
            if (o.png == null) {
                o.png = quick ? o.out.resolve("overload-experiment.png") : Path.of("docs", "overload-experiment.png");
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
