package dev.sluice.internal.http;

import java.util.Collection;
import java.util.List;

/** An immutable set of {@link PathPattern}s; a path matches when any pattern does. Empty matches nothing. */
public final class PathPatterns {

    private static final PathPatterns NONE = new PathPatterns(new PathPattern[0]);

    private final PathPattern[] patterns;

    private PathPatterns(PathPattern[] patterns) {
        this.patterns = patterns;
    }

    public static PathPatterns none() {
        return NONE;
    }

    /** Compiles each pattern; see {@link PathPattern#of(String)} for what is rejected. */
    public static PathPatterns of(Collection<String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            return NONE;
        }
        return new PathPatterns(patterns.stream().map(PathPattern::of).distinct().toArray(PathPattern[]::new));
    }

    public boolean matches(String path) {
        for (PathPattern p : patterns) {
            if (p.matches(path)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return patterns.length == 0;
    }

    /** A new set with the patterns of both. */
    public PathPatterns plus(PathPatterns more) {
        if (more.isEmpty()) {
            return this;
        }
        return of(java.util.stream.Stream.concat(asStrings().stream(), more.asStrings().stream()).toList());
    }

    public List<String> asStrings() {
        return java.util.Arrays.stream(patterns).map(PathPattern::pattern).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathPatterns other && other.asStrings().equals(asStrings());
    }

    @Override
    public int hashCode() {
        return asStrings().hashCode();
    }

    @Override
    public String toString() {
        return asStrings().toString();
    }
}
