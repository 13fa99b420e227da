package dev.sluice.benchmarks.retrystorm;

import dev.sluice.benchmarks.overload.Variant;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/**
 * The retry-storm experiment (issue 18): what retrying clients do to an overloaded service. The overload
 * experiment's pool-bound app ({@code /work?ms=50} on 4 workers: 80 calls/s) is offered 2× and 4× its capacity
 * by a fleet of client instances that retry (a) at once, (b) with Resilience4j Retry's exponential back-off,
 * (c) with Sluice's client, against the app without shedding ({@code none}) and with Sluice's shedding
 * ({@code tuned}: a fixed limit of 3 × the workers with normal share 0.5, so the experiment's requests, all
 * normal, are admitted while fewer than 6 are in flight; 503 with a jittered Retry-After of 1–5 s beyond it).
 * For each point: goodput, attempts per call, the attempts the server was sent per second, and the p99 of
 * the calls that succeeded. The target: with Sluice on both sides, at most 1.2 attempts per call and goodput
 * of at least 95 % of capacity at 4×.
 *
 * <p>Every point runs against a fresh app JVM; points go load by load, every server and client at one load
 * before the next, so background load on the machine meets them alike. Prints the Markdown table and writes
 * it, with the settings, to {@code --out} ({@code benchmarks/target/retry-storm/results.md}).
 *
 * <pre>
 * ./mvnw -B -q -DskipTests -pl benchmarks -am package
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.retrystorm.RetryStormExperiment                       # full: 30 s windows, ~13 min
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.retrystorm.RetryStormExperiment --duration 10s --warmup 5s   # short
 * </pre>
 */
public final class RetryStormExperiment {

    static final double TARGET_ATTEMPTS = 1.2;
    static final double TARGET_GOODPUT = 0.95;

    record Row(Variant server, ClientKind client, double multiple, StormLoad.Result result, Map<String, String> stats, String loadAverage) {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Files.createDirectories(o.out);
        Path logs = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "sluice-retry-storm-logs"));
        double capacity = o.workers * 1000.0 / 50;
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String loadBefore = loadAverage();
        String settings = String.format(Locale.ROOT, "/work?ms=50 on %d workers, capacity %.0f calls/s; loads %s; servers %s; clients %s; fleet of %d; "
                        + "%s window after %s warm-up, %s tail; %s per attempt; seed %d", o.workers, capacity, o.loads,
                o.servers.stream().map(Variant::id).toList(), o.clients.stream().map(ClientKind::id).toList(), o.fleet, human(o.duration),
                human(o.warmup), human(o.tail), human(o.attemptTimeout), o.seed);
        System.out.println("retry storm: " + settings + "; load average " + loadBefore);
        List<Row> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4, daemon("client"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("client-timer"));
        // One JDK client for the whole run, HTTP/1.1 as the app speaks it; every library sends through it.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(o.attemptTimeout).executor(pool).build();
        try {
            for (int l = 0; l < o.loads.size(); l++) {
                double multiple = o.loads.get(l);
                for (Variant server : o.servers) {
                    for (ClientKind client : o.clients) {
                        Path log = logs.resolve(server.id() + "-" + client.id() + "-" + multiple + "x.log");
                        try (AppProcess app = AppProcess.start(server, o.workers, log)) {
                            StormLoad.Plan plan = new StormLoad.Plan(URI.create("http://127.0.0.1:" + app.port + "/work?ms=50"),
                                    multiple * capacity, o.warmup, o.duration, o.tail, o.attemptTimeout, o.fleet, o.seed + l);
                            StormLoad.Result result = StormLoad.run(plan, client, http, timer, app);
                            Row row = new Row(server, client, multiple, result, app.readStats(), loadAverage());
                            rows.add(row);
                            System.out.println(consoleLine(row, capacity));
                        }
                    }
                }
            }
        } finally {
            timer.shutdownNow();
            pool.shutdownNow();
        }
        String table = table(rows, capacity);
        String verdict = verdict(rows, capacity);
        System.out.println();
        System.out.println(table);
        System.out.println(verdict);
        String md = "<!-- Written by dev.sluice.benchmarks.retrystorm.RetryStormExperiment. -->\n# Retry storm: results\n\n"
                + "Started " + started + "; arguments `" + (o.args.isEmpty() ? "(none: the defaults)" : String.join(" ", o.args)) + "`; "
                + settings + "; " + Runtime.getRuntime().availableProcessors() + " cores; "
                + "load average before " + loadBefore + ", after " + loadAverage() + ".\n\n" + table + "\n" + verdict + "\n";
        Files.writeString(o.out.resolve("results.md"), md);
        System.out.println("wrote " + o.out.resolve("results.md"));
    }

    private static String consoleLine(Row r, double capacity) {
        StormLoad.Result p = r.result();
        return String.format(Locale.ROOT, "%-6s %-13s %s× calls %6.1f/s attempts/call %.2f server sent %6.1f/s goodput %5.1f/s (%5.1f %%) "
                        + "ok %5.1f %% p99 %7.1f ms handed back %d timeouts %d errors %d unfinished %d | served %s maxInFlight %s | lag p99 %.1f ms | load %s",
                r.server().id(), r.client().id(), label(r.multiple()), p.offeredRate(), p.attemptsPerCall(), p.attemptRate(), p.goodput(),
                100 * p.goodput() / capacity, 100.0 * p.ok() / Math.max(1, p.calls()), p.okMillis(99), p.handedBack(), p.timeouts(), p.errors(),
                p.unfinished(), r.stats().get("served"), r.stats().get("maxInFlight"), p.p99LagMicros() / 1000.0, r.loadAverage());
    }

    static String table(List<Row> rows, double capacity) {
        StringBuilder b = new StringBuilder();
        b.append("| server | client | load | calls/s | attempts per call | attempts/s at the server | goodput/s | % of capacity | calls ok "
                + "| ok calls p50 / p99 | 503 handed back | timed out | failed / unfinished | generator lag p99 | load average (1 min) |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            StormLoad.Result p = r.result();
            b.append(String.format(Locale.ROOT, "| %s | %s | %s× | %.1f | %.2f | %.1f | %.1f | %.1f %% | %.1f %% | %s | %d | %d | %d / %d | %.1f ms | %s |%n",
                    serverLabel(r.server()), r.client().id(), label(r.multiple()), p.offeredRate(), p.attemptsPerCall(), p.attemptRate(),
                    p.goodput(), 100 * p.goodput() / capacity, 100.0 * p.ok() / Math.max(1, p.calls()),
                    Double.isNaN(p.okMillis(99)) ? "–" : String.format(Locale.ROOT, "%.0f / %.0f ms", p.okMillis(50), p.okMillis(99)), p.handedBack(),
                    p.timeouts(), p.errors(), p.unfinished(), p.p99LagMicros() / 1000.0, r.loadAverage().split(",")[0]));
        }
        return b.toString();
    }

    /** The target of issue 18, read from the Sluice-on-both-sides row at 4×. */
    static String verdict(List<Row> rows, double capacity) {
        return rows.stream().filter(r -> r.server() != Variant.NONE && r.client() == ClientKind.SLUICE && r.multiple() == 4.0)
                .map(r -> {
                    double attempts = r.result().attemptsPerCall();
                    double goodput = r.result().goodput() / capacity;
                    return String.format(Locale.ROOT, "Target (Sluice on both sides, 4×): attempts per call %.2f %s %.1f, goodput %.1f %% %s %.0f %% of capacity.",
                            attempts, attempts <= TARGET_ATTEMPTS ? "✔ ≤" : "✘ >", TARGET_ATTEMPTS, 100 * goodput,
                            goodput >= TARGET_GOODPUT ? "✔ ≥" : "✘ <", 100 * TARGET_GOODPUT);
                })
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String serverLabel(Variant v) {
        return v == Variant.NONE ? "no shedding" : "Sluice shedding (" + v.id() + ")";
    }

    static String label(double m) {
        return m == Math.rint(m) ? Long.toString((long) m) : Double.toString(m);
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** Command-line options. */
    private static final class Options {
        List<String> args;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(10);
        Duration tail = Duration.ofSeconds(5);
        Duration attemptTimeout = Duration.ofSeconds(2);
        int workers = 4;
        int fleet = 10;
        long seed = 20261202L;
        List<Double> loads = List.of(2.0, 4.0);
        List<Variant> servers = List.of(Variant.NONE, Variant.TUNED);
        List<ClientKind> clients = List.of(ClientKind.values());
        Path out = Path.of("benchmarks", "target", "retry-storm");

        static Options parse(String[] args) {
            Options o = new Options();
            o.args = List.of(args);
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--duration" -> o.duration = duration(v);
                    case "--warmup" -> o.warmup = duration(v);
                    case "--tail" -> o.tail = duration(v);
                    case "--attempt-timeout" -> o.attemptTimeout = duration(v);
                    case "--workers" -> o.workers = Integer.parseInt(v);
                    case "--fleet" -> o.fleet = Integer.parseInt(v);
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--loads" -> o.loads = Arrays.stream(v.split(",")).map(String::trim).map(Double::parseDouble).sorted().toList();
                    case "--servers" -> o.servers = Arrays.stream(v.split(",")).map(String::trim).map(Variant::of).toList();
                    case "--clients" -> o.clients = Arrays.stream(v.split(",")).map(String::trim).map(ClientKind::of).toList();
                    case "--out" -> o.out = Path.of(v);
                    case "-h", "--help" -> {
                        System.out.println("options: --duration 30s --warmup 10s --tail 5s --attempt-timeout 2s --workers 4 --fleet 10 --seed N "
                                + "--loads 2,4 --servers none,tuned (any Jetty variant of the overload experiment) --clients "
                                + Arrays.stream(ClientKind.values()).map(ClientKind::id).collect(Collectors.joining(",")) + " --out DIR");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                }
                i++;
            }
            if (o.servers.stream().anyMatch(Variant::onQuarkus)) {
                throw new IllegalArgumentException("the retry storm runs on the Jetty app only");
            }
            return o;
        }

        private static Duration duration(String s) {
            if (s == null) {
                throw new IllegalArgumentException("a duration such as 30s or 500ms is required");
            }
            s = s.trim().toLowerCase(Locale.ROOT);
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
            }
            return Duration.ofSeconds(Long.parseLong(s));
        }
    }
}
