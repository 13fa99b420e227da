package dev.sluice.http;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
