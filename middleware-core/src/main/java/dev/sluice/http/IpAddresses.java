package dev.sluice.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP literals without ever asking DNS (a host name is an error, not a lookup). */
final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * The address bytes of an IPv4 or IPv6 literal (brackets, an IPv6 zone and an IPv4 {@code :port}
     * are tolerated), IPv4-mapped IPv6 folded to IPv4; {@code null} if {@code text} is not an IP literal.
     */
    static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            s = s.substring(1, close);
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':') && s.indexOf('.') > 0) {
            s = s.substring(0, s.indexOf(':')); // "192.0.2.1:4711"
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.isEmpty()) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return parseIpv4(s);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return null;
            }
        }
        try {
            // With a ':' in it, the JDK treats the string as an IPv6 literal and never resolves it.
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] parseIpv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
