package dev.sluice.client;

import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the {@code RateLimit} field of draft-ietf-httpapi-ratelimit-headers (-10 syntax, a Structured Field
 * list, RFC 9651): {@code "quota";r=0;t=7, "burst";r=3;t=1}. On a 429 the client must not come back before
 * the exhausted quota resets, so it wants the largest {@code t} among the items with {@code r=0} (an item
 * with quota left does not hold the client back).
 *
 * <p>A field that does not parse is ignored as a whole, as RFC 9651 says, and the wait falls back to
 * {@code Retry-After}: a broken rate-limit field should cost the client nothing.
 */
final class RateLimitHeader {

    private static final int MAX_LENGTH = 4096;
    private static final int MAX_INTEGER_DIGITS = 15;

    private final String s;
    private int i;
    private long r;
    private long t;

    private RateLimitHeader(String s) {
        this.s = s;
    }

    /**
     * Seconds until the exhausted quota resets.
     *
     * @param fieldLines the field's lines (a list may be split over several); empty when absent
     * @return the largest {@code t} of the items with {@code r=0}; empty when there is none or the field is broken
     */
    static OptionalLong resetSeconds(List<String> fieldLines) {
        if (fieldLines.isEmpty()) {
            return OptionalLong.empty();
        }
        String joined = String.join(",", fieldLines);
        if (joined.length() > MAX_LENGTH) {
            return OptionalLong.empty();
        }
        try {
            return new RateLimitHeader(joined).list();
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    private OptionalLong list() {
        long best = -1;
        skip(' ');
        if (end()) {
            return OptionalLong.empty();
        }
        while (true) {
            r = -1;
            t = -1;
            member();
            if (t >= 0 && r == 0) {
                best = Math.max(best, t);
            }
            skipOws();
            if (end()) {
                break;
            }
            expect(',');
            skipOws();
            if (end()) {
                throw new IllegalArgumentException("trailing comma");
            }
        }
        return best >= 0 ? OptionalLong.of(best) : OptionalLong.empty();
    }

    private void member() {
        if (peek() == '(') {
            innerList();
            parameters(false);
        } else {
            bareItem();
            parameters(true);
        }
    }

    private void innerList() {
        expect('(');
        while (true) {
            skip(' ');
            if (peek() == ')') {
                i++;
                return;
            }
            bareItem();
            parameters(false);
            if (peek() != ' ' && peek() != ')') {
                throw new IllegalArgumentException("bad inner list");
            }
        }
    }

    private void parameters(boolean record) {
        while (!end() && peek() == ';') {
            i++;
            skip(' ');
            String key = key();
            Long value = null;
            if (!end() && peek() == '=') {
                i++;
                value = bareItem();
            }
            if (record && value != null && key.equals("r")) {
                r = value;
            } else if (record && value != null && key.equals("t")) {
                t = value;
            }
        }
    }

    private String key() {
        int from = i;
        char c = peek();
        if (!(c >= 'a' && c <= 'z' || c == '*')) {
            throw new IllegalArgumentException("bad key");
        }
        i++;
        while (!end() && (peek() >= 'a' && peek() <= 'z' || peek() >= '0' && peek() <= '9' || "_-.*".indexOf(peek()) >= 0)) {
            i++;
        }
        return s.substring(from, i);
    }

    /** Skips one bare item; returns its value when it is a non-negative integer, else {@code null}. */
    private Long bareItem() {
        char c = peek();
        if (c == '"') {
            i++;
            while (true) {
                char d = next();
                if (d == '\\') {
                    char e = next();
                    if (e != '"' && e != '\\') {
                        throw new IllegalArgumentException("bad escape");
                    }
                } else if (d == '"') {
                    return null;
                } else if (d < 0x20 || d > 0x7e) {
                    throw new IllegalArgumentException("bad string");
                }
            }
        }
        if (c == '-' || c >= '0' && c <= '9') {
            return number();
        }
        if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '*') {
            i++;
            while (!end() && (isTchar(peek()) || peek() == ':' || peek() == '/')) {
                i++;
            }
            return null;
        }
        if (c == ':') { // byte sequence
            i++;
            while (next() != ':') {
                // base64 content is not needed
            }
            return null;
        }
        if (c == '?') {
            i++;
            char b = next();
            if (b != '0' && b != '1') {
                throw new IllegalArgumentException("bad boolean");
            }
            return null;
        }
        if (c == '@') {
            i++;
            number();
            return null;
        }
        throw new IllegalArgumentException("bad item");
    }

    private Long number() {
        boolean negative = peek() == '-';
        if (negative) {
            i++;
        }
        int from = i;
        while (!end() && peek() >= '0' && peek() <= '9') {
            i++;
        }
        int digits = i - from;
        if (digits == 0 || digits > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("bad number");
        }
        if (!end() && peek() == '.') { // a decimal: valid, but not a number of seconds
            i++;
            int frac = i;
            while (!end() && peek() >= '0' && peek() <= '9') {
                i++;
            }
            if (i == frac || i - frac > 3 || digits > 12) {
                throw new IllegalArgumentException("bad decimal");
            }
            return null;
        }
        return negative ? null : Long.parseLong(s, from, i, 10);
    }

    private static boolean isTchar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private void skip(char c) {
        while (!end() && peek() == c) {
            i++;
        }
    }

    private void skipOws() {
        while (!end() && (peek() == ' ' || peek() == '\t')) {
            i++;
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c);
        }
    }

    private boolean end() {
        return i >= s.length();
    }

    private char peek() {
        if (end()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }
}
