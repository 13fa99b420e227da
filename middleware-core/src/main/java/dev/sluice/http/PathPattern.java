package dev.sluice.http;

import java.util.Objects;

/**
 * An Ant-style path pattern as Spring and Quarkus users write them: {@code /health/**} (the path and
 * everything below it), {@code /api/*}{@code /orders} ({@code *} within one segment), {@code /status}
 * (exact). Matching walks the two strings and allocates nothing, so it may run on every request.
 */
public final class PathPattern {

    private final String pattern;
    private final boolean literal; // no wildcard: a plain string comparison

    private PathPattern(String pattern) {
        this.pattern = pattern;
        this.literal = pattern.indexOf('*') < 0;
    }

    /**
     * Compiles {@code pattern}.
     *
     * @throws IllegalArgumentException if it does not start with {@code /} or uses {@code **} inside a segment
     */
    public static PathPattern of(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        String p = pattern.strip();
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("path pattern must start with '/', but was '" + pattern + "'");
        }
        int i = p.indexOf("**");
        while (i >= 0) {
            boolean segmentStart = p.charAt(i - 1) == '/';
            boolean segmentEnd = i + 2 == p.length() || p.charAt(i + 2) == '/';
            if (!segmentStart || !segmentEnd) {
                throw new IllegalArgumentException("'**' must be a whole path segment, but was '" + pattern + "'");
            }
            i = p.indexOf("**", i + 2);
        }
        return new PathPattern(p);
    }

    public boolean matches(String path) {
        if (path == null) {
            return false;
        }
        return literal ? pattern.equals(path) : match(pattern, 0, path, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        int pl = p.length();
        int sl = s.length();
        while (pi < pl) {
            char c = p.charAt(pi);
            if (c == '*' && pi + 1 < pl && p.charAt(pi + 1) == '*') {
                // '**' spans zero or more whole segments. "/a/**" also matches "/a".
                int next = pi + 2;
                if (next == pl) {
                    return true;
                }
                // p continues with "/rest": try every segment boundary of s from si - 1 on.
                for (int k = si - 1; k <= sl; k++) {
                    if (k >= 0 && (k == sl || s.charAt(k) == '/') && match(p, next, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (c == '*') {
                // '*' spans characters within one segment.
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
                // "/a/**" matches "/a": the pattern may still have "/**" left.
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

    public String pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathPattern other && other.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
