package dev.sluice.benchmarks;

import dev.sluice.internal.http.PathPattern;
import dev.sluice.internal.http.RequestPath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What every request pays to find its path and match it: {@code RequestPath.normalize} and
 * {@code PathPattern.matches} on ordinary paths, and the pattern that once backtracked exponentially
 * ({@code /*a*a*a*a*b}, about 16 s per match before) against a client-chosen 200-character path.
 * {@code java -jar benchmarks/target/benchmarks.jar -prof gc PathPatternBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PathPatternBenchmark {

    private PathPattern literal;
    private PathPattern doubleStar;
    private PathPattern singleStar;
    private PathPattern pathological;
    private String statusPath;
    private String probePath;
    private String ordersPath;
    private String longPath;
    private String canonicalPath;
    private String messyPath;

    @Setup(Level.Trial)
    public void setUp() {
        literal = PathPattern.of("/status");
        doubleStar = PathPattern.of("/health/**");
        singleStar = PathPattern.of("/api/*/orders");
        pathological = PathPattern.of("/*a*a*a*a*b");
        statusPath = "/status";
        probePath = "/health/ready";
        ordersPath = "/api/v1/orders";
        longPath = "/" + "a".repeat(200);
        canonicalPath = "/api/v1/orders/7";
        messyPath = "/api/v%31/./orders;jsessionid=1//x/../7/";
        // Fail fast if a case does not take the path its name says.
        expect(literal.matches(statusPath) && doubleStar.matches(probePath) && singleStar.matches(ordersPath),
                "ordinary patterns match their paths");
        expect(!pathological.matches(longPath), "the pathological pattern does not match");
        expect(RequestPath.normalize(canonicalPath) == canonicalPath, "the canonical path comes back as it is");
        expect(Objects.equals(RequestPath.normalize(messyPath), canonicalPath), "the messy path is the canonical one");
    }

    @Benchmark
    public boolean matchLiteral() {
        return literal.matches(statusPath);
    }

    @Benchmark
    public boolean matchDoubleStar() {
        return doubleStar.matches(probePath);
    }

    @Benchmark
    public boolean matchSingleStar() {
        return singleStar.matches(ordersPath);
    }

    /** {@code /*a*a*a*a*b} against {@code /} and 200 {@code a}s: a scope pattern meeting a hostile path. */
    @Benchmark
    public boolean matchPathologicalLongPath() {
        return pathological.matches(longPath);
    }

    /** The common case: nothing to change, so nothing may be allocated. */
    @Benchmark
    public String normalizeCanonical() {
        return RequestPath.normalize(canonicalPath);
    }

    @Benchmark
    public String normalizeMessy() {
        return RequestPath.normalize(messyPath);
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("expected: " + what);
        }
    }
}
