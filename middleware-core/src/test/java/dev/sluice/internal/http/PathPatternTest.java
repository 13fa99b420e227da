package dev.sluice.internal.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class PathPatternTest {

    @Test
    void anExactPatternMatchesOnlyItsPath() {
        PathPattern p = PathPattern.of("/status");
        assertThat(p.matches("/status")).isTrue();
        assertThat(p.matches("/status/x")).isFalse();
        assertThat(p.matches("/statusx")).isFalse();
    }

    @Test
    void doubleStarMatchesThePathAndEverythingBelow() {
        PathPattern p = PathPattern.of("/health/**");
        assertThat(p.matches("/health")).isTrue();
        assertThat(p.matches("/health/")).isTrue();
        assertThat(p.matches("/health/ready")).isTrue();
        assertThat(p.matches("/health/a/b/c")).isTrue();
        assertThat(p.matches("/healthy")).isFalse();
        assertThat(p.matches("/other/health")).isFalse();
    }

    @Test
    void doubleStarInTheMiddleSpansZeroOrMoreSegments() {
        PathPattern p = PathPattern.of("/api/**/orders");
        assertThat(p.matches("/api/orders")).isTrue();
        assertThat(p.matches("/api/v1/orders")).isTrue();
        assertThat(p.matches("/api/v1/eu/orders")).isTrue();
        assertThat(p.matches("/api/v1/orders/7")).isFalse();
    }

    @Test
    void singleStarStaysWithinOneSegment() {
        PathPattern p = PathPattern.of("/api/*/orders");
        assertThat(p.matches("/api/v1/orders")).isTrue();
        assertThat(p.matches("/api/v1/eu/orders")).isFalse();
        assertThat(PathPattern.of("/files/*.txt").matches("/files/a.txt")).isTrue();
        assertThat(PathPattern.of("/files/*.txt").matches("/files/a.png")).isFalse();
    }

    @Test
    void badPatternsAreRefusedWithTheirText() {
        assertThatThrownBy(() -> PathPattern.of("health/**")).hasMessageContaining("'health/**'");
        assertThatThrownBy(() -> PathPattern.of("/a/b**")).hasMessageContaining("whole path segment");
    }

    @Test
    void aSetMatchesWhenAnyPatternDoesAndAnEmptySetMatchesNothing() {
        PathPatterns set = PathPatterns.of(List.of("/a/**", "/b"));
        assertThat(set.matches("/a/x")).isTrue();
        assertThat(set.matches("/b")).isTrue();
        assertThat(set.matches("/c")).isFalse();
        assertThat(PathPatterns.none().matches("/a")).isFalse();
    }

    @Property
    void aLiteralPatternMatchesExactlyItsOwnPath(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String a,
                                                 @ForAll @AlphaChars @StringLength(min = 1, max = 8) String b) {
        PathPattern p = PathPattern.of("/" + a + "/" + b);
        assertThat(p.matches("/" + a + "/" + b)).isTrue();
        assertThat(p.matches("/" + a + "/" + b + "x")).isFalse();
        assertThat(p.matches("/" + a)).isFalse();
    }

    @Test
    void doubleStarAtTheEndMatchesTheBarePathAndATrailingSlash() {
        PathPattern p = PathPattern.of("/a/*/**");
        assertThat(p.matches("/a/x")).isTrue();
        assertThat(p.matches("/a/x/")).isTrue();
        assertThat(p.matches("/a/x/y/z")).isTrue();
        assertThat(p.matches("/a")).isFalse();
        assertThat(PathPattern.of("/**").matches("/")).isTrue();
        assertThat(PathPattern.of("/**").matches("/anything/at/all")).isTrue();
    }

    @Test
    void aTrailingRunOfDoubleStarsNeedsOneMoreSegmentAsItAlwaysDid() {
        PathPattern p = PathPattern.of("/a/**/**");
        assertThat(p.matches("/a/")).isTrue();
        assertThat(p.matches("/a/x/y")).isTrue();
        assertThat(p.matches("/a")).isFalse();
        assertThat(PathPattern.of("/a/**/**/**").matches("/a")).isFalse();
    }

    @Test
    void starsWithinASegmentBacktrackToTheRightOccurrence() {
        PathPattern p = PathPattern.of("/*a*b/**/c*c");
        assertThat(p.matches("/xaaab/cc")).isTrue();
        assertThat(p.matches("/xaaab/y/z/cxc")).isTrue();
        assertThat(p.matches("/ab/cc")).isTrue();
        assertThat(p.matches("/xaaa/b/c")).as("'*' never crosses a '/'").isFalse();
        assertThat(p.matches("/xaaab/y/z/cx")).isFalse();
    }

    /** Admin scope patterns run on every request against a path the client chooses (issue 13, item 11). */
    @Test
    void aPatternThatOnceBacktrackedExponentiallyAnswersAtOnce() {
        PathPattern p = PathPattern.of("/*a*a*a*a*b");
        String path = "/" + "a".repeat(200);
        PathPattern doubleStars = PathPattern.of("/**/a/**/a/**/a/**/b");
        String deep = "/a".repeat(200);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 1000; i++) {
                assertThat(p.matches(path)).isFalse();
                assertThat(doubleStars.matches(deep)).isFalse();
            }
        });
        assertThat(p.matches(path + "b")).isTrue();
        assertThat(doubleStars.matches(deep + "/b")).isTrue();
    }

    @Property(tries = 5000)
    void matchesExactlyWhatTheRecursiveMatcherMatched(@ForAll("patterns") String pattern, @ForAll("paths") String path) {
        assertThat(PathPattern.of(pattern).matches(path)).as("%s against %s", pattern, path)
                .isEqualTo(RecursiveMatcher.matches(pattern, path));
    }

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> glob = Arbitraries.strings().withChars("ab*").ofMaxLength(3).filter(g -> !g.contains("**"));
        Arbitrary<String> segment = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("**")), Tuple.of(3, glob));
        return segment.list().ofMinSize(1).ofMaxSize(5).map(segments -> "/" + String.join("/", segments));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withChars("ab/").ofMaxLength(12)
                .flatMap(s -> Arbitraries.of("/" + s, s));
    }

    /**
     * The matcher as it was before it ran in linear time: the definition of what a pattern means, exponential
     * on some inputs, so only ever run on short ones.
     */
    private static final class RecursiveMatcher {

        static boolean matches(String pattern, String path) {
            return pattern.indexOf('*') < 0 ? pattern.equals(path) : match(pattern, 0, path, 0);
        }

        private static boolean match(String p, int pi, String s, int si) {
            int pl = p.length();
            int sl = s.length();
            while (pi < pl) {
                char c = p.charAt(pi);
                if (c == '*' && pi + 1 < pl && p.charAt(pi + 1) == '*') {
                    int next = pi + 2;
                    if (next == pl) {
                        return true;
                    }
                    for (int k = si - 1; k <= sl; k++) {
                        if (k >= 0 && (k == sl || s.charAt(k) == '/') && match(p, next, s, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                if (c == '*') {
                    for (int k = si; ; k++) {
                        if (match(p, pi + 1, s, k)) {
                            return true;
                        }
                        if (k >= sl || s.charAt(k) == '/') {
                            return false;
                        }
                    }
                }
                if (si >= sl) {
                    return p.regionMatches(pi, "/**", 0, 3) && pi + 3 == pl;
                }
                if (c != s.charAt(si)) {
                    return false;
                }
                pi++;
                si++;
            }
            return si == sl;
        }
    }
}
