package dev.sluice.internal.http;

import java.util.Arrays;

/** A CIDR block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a /32 or /128. */
public final class IpRange {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private IpRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the value when it is not an IP address or CIDR block */
    public static IpRange parse(String cidr) {
        String s = cidr == null ? "" : cidr.strip();
        int slash = s.indexOf('/');
        byte[] address = IpAddresses.parse(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("expected an IP address or CIDR block such as 10.0.0.0/8, but was '" + cidr + "'");
        }
        int max = address.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("CIDR prefix length must be 0.." + max + ", but was '" + cidr + "'");
            }
        }
        return new IpRange(mask(address, prefix), prefix, s);
    }

    /**
     * The IPv6 network of {@code prefix} bits that the IPv6 literal {@code address} lies in, written as
     * {@code 2001:db8:1:2:0:0:0:0/64}; {@code null} when {@code address} is not an IPv6 literal.
     */
    public static IpRange network(String address, int prefix) {
        byte[] a = IpAddresses.parse(address);
        if (a == null || a.length != 16) {
            return null;
        }
        byte[] network = mask(a, prefix);
        return new IpRange(network, prefix, IpAddresses.format(network) + "/" + prefix);
    }

    /** Whether the IP literal {@code address} lies in this block; anything not an IP literal does not. */
    public boolean contains(String address) {
        return contains(IpAddresses.parse(address));
    }

    boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, prefixLength), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xFF << (8 - bits));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
