package dev.sluice;

/** Reads one cookie out of a {@code Cookie} header (RFC 6265 §4.2). */
final class Cookies {

    private Cookies() {
    }

    static String find(String cookieHeader, String name) {
        if (cookieHeader == null || name == null) {
            return null;
        }
        int i = 0;
        int n = cookieHeader.length();
        while (i < n) {
            int end = cookieHeader.indexOf(';', i);
            if (end < 0) {
                end = n;
            }
            int eq = cookieHeader.indexOf('=', i);
            if (eq > 0 && eq < end) {
                int ks = skipSpace(cookieHeader, i, eq);
                int ke = trimEnd(cookieHeader, ks, eq);
                if (ke - ks == name.length() && cookieHeader.regionMatches(ks, name, 0, name.length())) {
                    int vs = skipSpace(cookieHeader, eq + 1, end);
                    int ve = trimEnd(cookieHeader, vs, end);
                    if (ve - vs >= 2 && cookieHeader.charAt(vs) == '"' && cookieHeader.charAt(ve - 1) == '"') {
                        vs++;
                        ve--;
                    }
                    return cookieHeader.substring(vs, ve);
                }
            }
            i = end + 1;
        }
        return null;
    }

    private static int skipSpace(String s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        return to;
    }
}
