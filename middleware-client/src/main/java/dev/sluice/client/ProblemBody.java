package dev.sluice.client;

import java.util.OptionalLong;

/**
 * Finds the {@code retryAfter} member of a problem+json body (RFC 9457; CONTRACT §3 puts the seconds
 * there too), for a response whose {@code Retry-After} header was lost on the way (a proxy that drops
 * unknown headers, a framework that rebuilt the response).
 *
 * <p>Only a top-level member counts, and only a non-negative number (a fraction is rounded up); a nested
 * {@code retryAfter}, a string, or a body that is not a JSON object is ignored. It is a scanner of a few
 * dozen lines rather than a JSON library, because this package depends on nothing but the JDK; it reads at
 * most {@value #MAX_LENGTH} characters, as a problem document is small.
 */
final class ProblemBody {

    static final int MAX_LENGTH = 16 * 1024;

    private final String s;
    private int i;

    private ProblemBody(String s) {
        this.s = s;
    }

    /** The top-level {@code retryAfter} in whole seconds (saturating at {@link Long#MAX_VALUE}); empty when absent or unusable. */
    static OptionalLong retryAfterSeconds(String json) {
        if (json == null || json.length() > MAX_LENGTH) {
            return OptionalLong.empty();
        }
        try {
            return new ProblemBody(json).object();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return OptionalLong.empty();
        }
    }

    private OptionalLong object() {
        ws();
        expect('{');
        ws();
        if (peek() == '}') {
            return OptionalLong.empty();
        }
        while (true) {
            ws();
            String name = string();
            ws();
            expect(':');
            ws();
            if (name.equals("retryAfter")) {
                return seconds();
            }
            value(0);
            ws();
            char c = next();
            if (c == '}') {
                return OptionalLong.empty();
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected , or }");
            }
        }
    }

    /** A non-negative JSON number as whole seconds, rounded up; anything else is no value. */
    private OptionalLong seconds() {
        int from = i;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) && s.charAt(i) < 128 || s.charAt(i) == '.')) {
            i++;
        }
        String n = s.substring(from, i);
        if (!n.matches("(0|[1-9][0-9]*)(\\.[0-9]+)?")) {
            return OptionalLong.empty();
        }
        if (i < s.length() && "eE".indexOf(s.charAt(i)) >= 0) {
            return OptionalLong.empty(); // an exponent: valid JSON, but no server writes seconds that way
        }
        int dot = n.indexOf('.');
        String whole = dot < 0 ? n : n.substring(0, dot);
        boolean fraction = dot >= 0 && !n.substring(dot + 1).matches("0+");
        if (whole.length() > 18) {
            return OptionalLong.of(Long.MAX_VALUE);
        }
        long v = Long.parseLong(whole);
        return OptionalLong.of(fraction ? v + 1 : v);
    }

    /** Skips one JSON value; nesting is bounded so a hostile body cannot exhaust the stack. */
    private void value(int depth) {
        if (depth > 32) {
            throw new IllegalArgumentException("too deep");
        }
        char c = peek();
        switch (c) {
            case '"' -> string();
            case '{', '[' -> {
                char close = c == '{' ? '}' : ']';
                i++;
                ws();
                if (peek() == close) {
                    i++;
                    return;
                }
                while (true) {
                    ws();
                    if (close == '}') {
                        string();
                        ws();
                        expect(':');
                        ws();
                    }
                    value(depth + 1);
                    ws();
                    char d = next();
                    if (d == close) {
                        return;
                    }
                    if (d != ',') {
                        throw new IllegalArgumentException("expected , or " + close);
                    }
                }
            }
            default -> {
                int from = i;
                while (i < s.length() && "-+.0123456789eEtruefalsn".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                if (i == from) {
                    throw new IllegalArgumentException("expected a value");
                }
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char e = next();
                switch (e) {
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s, i, i + 4, 16));
                        i += 4;
                    }
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
    }

    private void ws() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c);
        }
    }

    private char peek() {
        return s.charAt(i);
    }

    private char next() {
        return s.charAt(i++);
    }
}
