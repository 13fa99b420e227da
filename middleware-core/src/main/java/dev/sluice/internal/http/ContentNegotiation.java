package dev.sluice.internal.http;

/**
 * Picks the body format from an {@code Accept} header (RFC 9110 §12.5.1, q-values honoured, the most
 * specific matching range decides a type's quality). Problem JSON wins ties and is the answer for clients
 * that send no {@code Accept}, send {@code *}{@code /*}, or accept none of the three, so API clients get
 * machine-readable bodies; a browser, which ranks {@code text/html} above {@code *}{@code /*}, gets HTML.
 */
final class ContentNegotiation {

    private ContentNegotiation() {
    }

    public static BodyFormat choose(String accept) {
        if (accept == null || accept.isBlank()) {
            return BodyFormat.PROBLEM_JSON;
        }
        double json = Math.max(quality(accept, "application", "problem+json"), quality(accept, "application", "json"));
        double html = Math.max(quality(accept, "text", "html"), quality(accept, "application", "xhtml+xml"));
        double text = quality(accept, "text", "plain");
        if (json <= 0 && html <= 0 && text <= 0) {
            return BodyFormat.PROBLEM_JSON;
        }
        if (json >= html && json >= text) {
            return BodyFormat.PROBLEM_JSON;
        }
        return html >= text ? BodyFormat.HTML : BodyFormat.TEXT;
    }

    /** Quality the header gives {@code type/subtype}: from its most specific matching range, 0 if none. */
    static double quality(String accept, String type, String subtype) {
        int bestSpecificity = -1;
        double best = 0;
        for (String range : accept.split(",")) {
            String[] params = range.split(";");
            String mediaRange = params[0].strip().toLowerCase(java.util.Locale.ROOT);
            int slash = mediaRange.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String t = mediaRange.substring(0, slash);
            String s = mediaRange.substring(slash + 1);
            int specificity;
            if (t.equals(type) && s.equals(subtype)) {
                specificity = 2;
            } else if (t.equals(type) && s.equals("*")) {
                specificity = 1;
            } else if (t.equals("*") && s.equals("*")) {
                specificity = 0;
            } else {
                continue;
            }
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                best = qValue(params);
            }
        }
        return best;
    }

    private static double qValue(String[] params) {
        for (int i = 1; i < params.length; i++) {
            String p = params[i].strip();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(p.substring(2).strip());
                    return q < 0 ? 0 : Math.min(q, 1);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
