package dev.sluice.http;

import dev.sluice.RequestInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the client's IP address (CONTRACT §5): the socket peer, unless that peer is a configured trusted
 * proxy; only then are {@code Forwarded} (RFC 7239) or, without it, {@code X-Forwarded-For} read right to
 * left, skipping trusted proxies. A client therefore cannot choose its own address by sending a header.
 */
public final class ClientAddressResolver {

    private final List<IpRange> trustedProxies;

    public ClientAddressResolver(List<IpRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * The client's address: the socket peer as the server reports it, or the forwarded address (normalised)
     * behind a trusted proxy; a hop that hides its address gives {@code "unknown"}.
     */
    public String resolve(RequestInfo request) {
        String remote = request.remoteAddress();
        if (trustedProxies.isEmpty()) {
            return remote == null ? "unknown" : remote; // the socket peer, as the server reports it
        }
        byte[] peer = IpAddresses.parse(remote);
        if (peer == null) {
            return remote == null ? "unknown" : remote;
        }
        if (!trusted(peer)) {
            return remote;
        }
        List<String> hops = forwardedHops(request);
        byte[] client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = IpAddresses.parse(hops.get(i));
            if (hop == null) {
                // "unknown" or an obfuscated identifier (RFC 7239 §6): the chain ends here.
                return "unknown";
            }
            client = hop;
            if (!trusted(hop)) {
                break;
            }
        }
        return IpAddresses.format(client);
    }

    /** Whether the socket peer is a configured trusted proxy, whose headers may be believed. */
    public boolean fromTrustedProxy(RequestInfo request) {
        if (trustedProxies.isEmpty()) {
            return false;
        }
        byte[] peer = IpAddresses.parse(request.remoteAddress());
        return peer != null && trusted(peer);
    }

    private boolean trusted(byte[] address) {
        for (IpRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The addresses the proxies reported, oldest first. */
    static List<String> forwardedHops(RequestInfo request) {
        List<String> hops = new ArrayList<>();
        String forwarded = request.header("Forwarded");
        if (forwarded != null && !forwarded.isBlank()) {
            for (String element : forwarded.split(",")) {
                String forValue = null;
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase("for")) {
                        forValue = unquote(pair.substring(eq + 1).strip());
                    }
                }
                if (forValue != null) {
                    hops.add(forValue);
                }
            }
            return hops;
        }
        String xff = request.header("X-Forwarded-For");
        if (xff != null) {
            for (String part : xff.split(",")) {
                if (!part.isBlank()) {
                    hops.add(part.strip());
                }
            }
        }
        return hops;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
