package dev.sluice.internal.http;

import dev.sluice.RequestInfo;
import dev.sluice.http.ForwardedHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the client's IP address (CONTRACT §5): the socket peer, unless that peer is a configured trusted
 * proxy; only then is the one forwarding header the proxies write ({@link ForwardedHeader}) read, every
 * instance in order, right to left, skipping trusted proxies. A client therefore cannot choose its own
 * address by sending a header: not directly (its headers are not read) and not through a proxy (the hop the
 * proxy appended is read first).
 */
public final class ClientAddressResolver {

    private final List<IpRange> trustedProxies;
    private final ForwardedHeader header;

    public ClientAddressResolver(List<IpRange> trustedProxies) {
        this(trustedProxies, ForwardedHeader.X_FORWARDED_FOR);
    }

    public ClientAddressResolver(List<IpRange> trustedProxies, ForwardedHeader header) {
        this.trustedProxies = List.copyOf(trustedProxies);
        this.header = header;
    }

    /**
     * The client's address: the socket peer as the server reports it, or the forwarded address (normalised)
     * behind a trusted proxy; a hop that hides its address, or is not an address, gives {@code "unknown"}.
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

    /**
     * Whether the client reached the first proxy over TLS: the connection itself, or behind a trusted proxy the
     * scheme it forwarded (the last {@code X-Forwarded-Proto} value, or the last {@code proto=} of
     * {@code Forwarded}, as the nearest proxy wrote it).
     */
    public boolean secure(RequestInfo request) {
        if (request.secure()) {
            return true;
        }
        if (!fromTrustedProxy(request)) {
            return false;
        }
        String proto = null;
        if (header == ForwardedHeader.X_FORWARDED_FOR) {
            String v = request.header("X-Forwarded-Proto");
            if (v != null) {
                proto = v.substring(v.lastIndexOf(',') + 1).strip();
            }
        } else {
            String v = request.header("Forwarded");
            if (v != null) {
                String[] elements = v.split(",");
                proto = parameter(elements[elements.length - 1], "proto");
            }
        }
        return proto != null && proto.toLowerCase(Locale.ROOT).equals("https");
    }

    private boolean trusted(byte[] address) {
        for (IpRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The addresses the proxies reported in the configured header, oldest first (every instance, in order). */
    private List<String> forwardedHops(RequestInfo request) {
        List<String> hops = new ArrayList<>();
        if (header == ForwardedHeader.FORWARDED) {
            String forwarded = request.header("Forwarded");
            if (forwarded != null) {
                for (String element : forwarded.split(",")) {
                    String forValue = parameter(element, "for");
                    // An element without for= still counts as a hop, one that hid its address.
                    hops.add(forValue == null ? "unknown" : forValue);
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

    /** The value of {@code name} in one {@code Forwarded} element ({@code for=...;proto=...}), unquoted, or {@code null}. */
    private static String parameter(String element, String name) {
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String v = pair.substring(eq + 1).strip();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }
}
