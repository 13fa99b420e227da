package dev.sluice.internal.http;

/**
 * The path Sluice decides on: the one the framework routes on (CONTRACT §9), whatever the client's spelling.
 * Tomcat, Jetty, Spring and Vert.x all arrive at it the same way, segment by segment: path parameters
 * ({@code ;…}) dropped, percent-decoded once as UTF-8, empty and {@code .} segments dropped, {@code ..}
 * removing the segment before it. So {@code /quot%61}, {@code /q/%2e%2e/quota}, {@code /health/..;/quota},
 * {@code /quota;x} and {@code //quota/} are all {@code /quota}.
 *
 * <p>Where frameworks could disagree, or a proxy in front could have read the path differently, there is no
 * answer ({@code null}): an encoded {@code /}, a {@code \}, a control character, malformed percent-encoding
 * or UTF-8, a {@code ..} above the root. The caller refuses such a request; it is never exempt.
 *
 * <p>The result is canonical: it starts with {@code /}, has no empty, {@code .} or {@code ..} segment and no
 * trailing {@code /} (the root is {@code /}), and normalising it again changes nothing. A decoded {@code %}
 * or {@code ;} is therefore written back as {@code %25} or {@code %3B}; everything else stays decoded.
 */
public final class RequestPath {

    private RequestPath() {
    }

    /**
     * The canonical form of {@code rawPath}, the path as the client sent it (percent-encoded, without the
     * query and the context path); {@code null} when it cannot be normalised without ambiguity. An empty or
     * missing path is {@code /}, {@code *} (as in {@code OPTIONS *}) stays {@code *}, and a path without a
     * leading {@code /} is read from the root. Returns {@code rawPath} itself, allocating nothing, when it
     * is already canonical, as nearly every request's path is.
     */
    public static String normalize(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        if (rawPath.equals("*") || isCanonical(rawPath)) {
            return rawPath;
        }
        return rebuild(rawPath);
    }

    /** Whether normalising would change nothing: checked first, as it needs no allocation. */
    private static boolean isCanonical(String path) {
        int n = path.length();
        if (path.charAt(0) != '/') {
            return false;
        }
        if (n == 1) {
            return true;
        }
        int segmentStart = 1;
        for (int i = 1; i <= n; i++) {
            char c = i < n ? path.charAt(i) : '/';
            if (c == '/') {
                int length = i - segmentStart;
                if (length == 0 || isDotSegment(path, segmentStart, length)) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (c == '%' || c == ';' || c == '\\' || isControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static String rebuild(String raw) {
        int n = raw.length();
        StringBuilder out = new StringBuilder(n);
        int semicolon = -1; // the next ';' at or after start, or n; searched for again only once passed
        int start = 0;
        while (start <= n) {
            int end = indexOrEnd(raw, '/', start);
            if (semicolon < start) {
                semicolon = indexOrEnd(raw, ';', start);
            }
            if (!appendSegment(raw, start, Math.min(end, semicolon), out)) { // parameters dropped
                return null;
            }
            start = end + 1;
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    private static int indexOrEnd(String s, char c, int from) {
        int i = s.indexOf(c, from);
        return i < 0 ? s.length() : i;
    }

    /**
     * Decodes {@code raw[from, to)} onto {@code out} as {@code /segment}, then applies it: an empty or
     * {@code .} segment is taken off again, {@code ..} also takes off the one before. False if the segment
     * is ambiguous or climbs above the root.
     */
    private static boolean appendSegment(String raw, int from, int to, StringBuilder out) {
        int mark = out.length();
        out.append('/');
        if (!decode(raw, from, to, out)) {
            return false;
        }
        int length = out.length() - mark - 1;
        if (length == 0 || isDotSegment(out, mark + 1, length)) {
            out.setLength(mark);
            if (length == 2) { // ".."
                if (mark == 0) {
                    return false;
                }
                out.setLength(out.lastIndexOf("/"));
            }
        }
        return true;
    }

    /**
     * Percent-decodes one segment onto {@code out}, strict UTF-8 (no overlong forms, no surrogates, nothing
     * above U+10FFFF: {@code %C0%AE} is not a dot). False on malformed input or a character no framework
     * agrees on inside a segment.
     */
    private static boolean decode(String raw, int from, int to, StringBuilder out) {
        int i = from;
        while (i < to) {
            char c = raw.charAt(i);
            if (c != '%') {
                if (c == '\\' || isControl(c)) {
                    return false;
                }
                out.append(c);
                i++;
                continue;
            }
            int b0 = hexByte(raw, i, to);
            i += 3;
            if (b0 < 0) {
                return false;
            }
            if (b0 < 0x80) {
                if (b0 == '/' || b0 == '\\' || isControl((char) b0)) {
                    return false;
                }
                if (b0 == '%') {
                    out.append("%25"); // kept encoded so that the result decodes to itself
                } else if (b0 == ';') {
                    out.append("%3B"); // kept encoded so that it is not read as a path parameter
                } else {
                    out.append((char) b0);
                }
                continue;
            }
            int more;
            int codePoint;
            int lowest = 0x80; // the range the second byte must lie in (RFC 3629 §4)
            int highest = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                more = 1;
                codePoint = b0 & 0x1F;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                more = 2;
                codePoint = b0 & 0x0F;
                lowest = b0 == 0xE0 ? 0xA0 : 0x80;
                highest = b0 == 0xED ? 0x9F : 0xBF;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                more = 3;
                codePoint = b0 & 0x07;
                lowest = b0 == 0xF0 ? 0x90 : 0x80;
                highest = b0 == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            for (int k = 0; k < more; k++) {
                int b = i < to && raw.charAt(i) == '%' ? hexByte(raw, i, to) : -1;
                if (b < lowest || b > highest) {
                    return false;
                }
                codePoint = codePoint << 6 | (b & 0x3F);
                lowest = 0x80;
                highest = 0xBF;
                i += 3;
            }
            out.appendCodePoint(codePoint); // never a control: the smallest multi-byte code point is U+0080
        }
        return true;
    }

    /** The byte {@code %XX} at {@code i} encodes, or -1 if it is not two hex digits before {@code to}. */
    private static int hexByte(String raw, int i, int to) {
        if (i + 2 >= to) {
            return -1;
        }
        char h = raw.charAt(i + 1);
        char l = raw.charAt(i + 2);
        if (h >= 0x80 || l >= 0x80) {
            return -1; // Character.digit would also take non-ASCII digits
        }
        int high = Character.digit(h, 16);
        int low = Character.digit(l, 16);
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    private static boolean isDotSegment(CharSequence s, int start, int length) {
        return (length == 1 || length == 2) && s.charAt(start) == '.' && s.charAt(start + length - 1) == '.';
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F;
    }
}
