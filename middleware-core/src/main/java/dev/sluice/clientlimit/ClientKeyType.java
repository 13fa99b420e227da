package dev.sluice.clientlimit;

import dev.sluice.internal.http.ClientAddressResolver;

/**
 * The ways to key a client ({@code sluice.client-limits.policies.<name>.key}; several, comma-separated, limit
 * by each at once). Only an authenticated principal, or an API key the application validates before the
 * limit applies, is an identity; an unvalidated API key is a label the client chooses, so limit by it together
 * with the address ({@code api-key,ip}) or it cannot stop a client that sends a new key each time.
 */
public enum ClientKeyType {
    /** The client address (socket peer, or the forwarded address behind a trusted proxy; IPv6 by prefix). */
    IP,
    /** The authenticated principal; requests without one are not limited by this key. */
    PRINCIPAL,
    /** The API-key header; requests without one (or with one longer than 256 characters) are not limited by this key. */
    API_KEY,
    /** The API-key header if present, else the client address. */
    API_KEY_OR_IP,
    /** The authenticated principal if present, else the client address. */
    PRINCIPAL_OR_IP;

    ClientKeyResolver resolver(String apiKeyHeader, ClientAddressResolver addresses, int ipv6Prefix) {
        ClientKeyResolver ip = request -> ClientAddresses.key(addresses.resolve(request), ipv6Prefix);
        ClientKeyResolver principal = request -> {
            String p = request.principal();
            return p == null || p.isEmpty() ? null : HashedKey.of("user:", p);
        };
        ClientKeyResolver apiKey = request -> {
            String v = request.header(apiKeyHeader);
            return v == null || v.isBlank() || v.length() > HashedKey.MAX_LENGTH ? null : HashedKey.of("key:", v.strip());
        };
        return switch (this) {
            case IP -> ip;
            case PRINCIPAL -> principal;
            case API_KEY -> apiKey;
            case API_KEY_OR_IP -> firstOf(apiKey, ip);
            case PRINCIPAL_OR_IP -> firstOf(principal, ip);
        };
    }

    private static ClientKeyResolver firstOf(ClientKeyResolver first, ClientKeyResolver second) {
        return request -> {
            Object key = first.resolve(request);
            return key != null ? key : second.resolve(request);
        };
    }
}
