package dev.sluice.internal.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

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
        return s.indexOf(':') < 0 ? parseIpv4(s) : parseIpv6(s);
    }

    /**
     * RFC 4291 §2.2 text: eight groups of 1 to 4 hex digits, at most one {@code ::} standing for one or more
     * zero groups, the last 32 bits optionally as a dotted quad. Written out rather than left to
     * {@code InetAddress.getByName}, which asks the name service for whatever it cannot parse.
     */
    private static byte[] parseIpv6(String s) {
        byte[] out = new byte[16];
        int n = s.length();
        int b = 0; // bytes written
        int gap = -1; // where '::' stands, in bytes
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            if (b == 16) {
                return null;
            }
            int groupStart = i;
            int value = 0;
            int digit;
            while (i < n && (digit = hexDigit(s.charAt(i))) >= 0) {
                if (i - groupStart == 4) {
                    return null;
                }
                value = value << 4 | digit;
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                // the dotted quad: the last 32 bits, and the end of the text
                byte[] v4 = b <= 12 ? parseIpv4(s.substring(groupStart)) : null;
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, b, 4);
                b += 4;
                break;
            }
            if (i == groupStart) {
                return null; // no digits: ":::", "1:::", a stray character
            }
            out[b++] = (byte) (value >> 8);
            out[b++] = (byte) value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':' || ++i == n) {
                return null; // a stray character, or a trailing single ':'
            }
            if (s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = b;
                i++;
            }
        }
        if (gap < 0) {
            return b == 16 ? foldIpv4Mapped(out) : null;
        }
        if (b == 16) {
            return null; // '::' stands for at least one group
        }
        int tail = b - gap;
        System.arraycopy(out, gap, out, 16 - tail, tail);
        Arrays.fill(out, gap, 16 - tail, (byte) 0);
        return foldIpv4Mapped(out);
    }

    /** The value of an ASCII hex digit, or -1 (Character.digit would also take non-ASCII digits). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** {@code ::ffff:a.b.c.d} is the IPv4 client of a dual-stack socket: the same client as {@code a.b.c.d}. */
    private static byte[] foldIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) {
            return address;
        }
        return Arrays.copyOfRange(address, 12, 16);
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
