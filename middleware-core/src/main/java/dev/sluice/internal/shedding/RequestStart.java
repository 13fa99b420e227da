package dev.sluice.internal.shedding;

/**
 * Reads when a proxy received a request from its {@code X-Request-Start} value: {@code t=1732440000123456}
 * (microseconds, nginx {@code t=${msec}} gives {@code t=1732440000.123}, seconds), or plain milliseconds.
 * The unit is told by the magnitude, as application monitors do.
 */
final class RequestStart {

    private RequestStart() {
    }

    /** Epoch microseconds, or -1 when the value is not a time stamp. */
    static long epochMicros(String value) {
        String v = value.strip();
        if (v.startsWith("t=")) {
            v = v.substring(2);
        }
        if (v.isEmpty() || v.length() > 24) {
            return -1;
        }
        try {
            if (v.indexOf('.') >= 0) {
                double seconds = Double.parseDouble(v);
                return seconds > 0 && seconds < 1e11 ? (long) (seconds * 1_000_000d) : -1;
            }
            for (int i = 0; i < v.length(); i++) {
                if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                    return -1;
                }
            }
            long n = Long.parseLong(v);
            if (n >= 100_000_000_000_000_000L) {
                return n / 1000; // nanoseconds
            } else if (n >= 100_000_000_000_000L) {
                return n; // microseconds
            } else if (n >= 100_000_000_000L) {
                return n * 1000; // milliseconds
            } else {
                return n * 1_000_000; // seconds
            }
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
