package dev.sluice.internal.http;

import java.util.Arrays;
import java.util.Objects;

/**
 * An Ant-style path pattern as Spring and Quarkus users write them: {@code /health/**} (the path and
 * everything below it), {@code /api/*}{@code /orders} ({@code *} within one segment), {@code /status}
 * (exact). Matching walks the two strings and allocates nothing, so it may run on every request.
 *
 * <p>Admin scope patterns run against a path the client chooses, so matching keeps a single backtrack point
 * for {@code *} within a segment and one for {@code **} across segments: time is at most proportional to
 * the path's length times the pattern's, whatever the path.
 */
public final class PathPattern {

    private static final String DOUBLE_STAR = "**";

    private final String pattern;
    private final boolean literal; // no wildcard: a plain string comparison
    /** For the commonest shape, {@code <literal>/**} ({@code /health/**}, {@code /q/**}): the literal; else null. */
    private final String subtree;
    private final String[] segments; // the pattern split on '/'; the first is always ""

    private PathPattern(String pattern) {
        this.pattern = pattern;
        this.literal = pattern.indexOf('*') < 0;
        String head = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : null;
        this.subtree = head != null && head.indexOf('*') < 0 ? head : null;
        this.segments = segments(pattern);
    }

    /**
     * The pattern split on '/'. A run of two or more trailing {@code **} needs at least one more path
     * segment, as it always did ({@code /a/**}{@code /**} matches {@code /a/} but not {@code /a}): the run
     * becomes {@code *}, {@code **}, which means exactly that.
     */
    private static String[] segments(String pattern) {
        String[] segments = pattern.split("/", -1);
        int n = segments.length;
        if (n >= 3 && segments[n - 1].equals(DOUBLE_STAR) && segments[n - 2].equals(DOUBLE_STAR)) {
            int firstOfRun = n - 2;
            while (segments[firstOfRun - 1].equals(DOUBLE_STAR)) {
                firstOfRun--; // stops at the first segment, which is always ""
            }
            segments = Arrays.copyOf(segments, firstOfRun + 2);
            segments[firstOfRun] = "*";
        }
        return segments;
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
        if (literal) {
            return pattern.equals(path);
        }
        if (subtree != null) { // the path itself or anything below it, as the segment walk would answer
            return path.startsWith(subtree) && (path.length() == subtree.length() || path.charAt(subtree.length()) == '/');
        }
        return matchSegments(path);
    }

    /**
     * The pattern's segments against the path's, split on '/' (empty segments count): a glob segment takes
     * exactly one path segment, {@code **} any number. Greedy, remembering only the last {@code **}: when a
     * later segment fails, that {@code **} takes one more path segment and the segments after it start
     * again. Retrying an earlier {@code **} could not help, so each pattern segment meets each path segment
     * at most once.
     */
    private boolean matchSegments(String s) {
        int sl = s.length();
        int j = 0; // next pattern segment
        int pos = 0; // start of the next path segment; sl + 1 once all are taken
        int afterStar = -1; // pattern segment after the last '**' seen
        int starTakesUpTo = -1; // where the path resumes when that '**' takes the segments before it
        while (pos <= sl) {
            int end = s.indexOf('/', pos);
            if (end < 0) {
                end = sl;
            }
            if (j < segments.length && segments[j].equals(DOUBLE_STAR)) {
                afterStar = ++j; // first try: '**' takes nothing
                starTakesUpTo = pos;
            } else if (j < segments.length && globMatches(segments[j], s, pos, end)) {
                j++;
                pos = end + 1;
            } else if (afterStar >= 0) {
                int next = s.indexOf('/', starTakesUpTo);
                starTakesUpTo = next < 0 ? sl + 1 : next + 1;
                pos = starTakesUpTo;
                j = afterStar;
            } else {
                return false;
            }
        }
        while (j < segments.length && segments[j].equals(DOUBLE_STAR)) {
            j++;
        }
        return j == segments.length;
    }

    /**
     * Whether {@code glob} ({@code *} for any run of characters) matches {@code s} from {@code from} to
     * {@code to}, which holds no '/'. Greedy with one backtrack point, the last {@code *}: a later star can
     * always take what an earlier one would have.
     */
    private static boolean globMatches(String glob, String s, int from, int to) {
        int gl = glob.length();
        int gi = 0;
        int si = from;
        int afterStar = -1;
        int starTakesUpTo = -1;
        while (si < to) {
            if (gi < gl && glob.charAt(gi) == '*') {
                afterStar = ++gi;
                starTakesUpTo = si;
            } else if (gi < gl && glob.charAt(gi) == s.charAt(si)) {
                gi++;
                si++;
            } else if (afterStar >= 0) {
                gi = afterStar;
                si = ++starTakesUpTo;
            } else {
                return false;
            }
        }
        while (gi < gl && glob.charAt(gi) == '*') {
            gi++;
        }
        return gi == gl;
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
