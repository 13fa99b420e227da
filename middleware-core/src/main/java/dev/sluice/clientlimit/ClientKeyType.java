package dev.sluice.clientlimit;

import dev.sluice.http.ClientAddressResolver;

/** The built-in ways to key a client ({@code sluice.client-limits.policies.<name>.key}). */
public enum ClientKeyType {
    /** The client address (socket peer, or the forwarded address behind a trusted proxy). */
    IP,
    /** The authenticated principal; requests without one are not limited by this policy. */
    PRINCIPAL,
    /** The API-key header; requests without one are not limited by this policy. */
    API_KEY,
    /** The API-key header if present, else the client address. */
    API_KEY_OR_IP,
    /** The authenticated principal if present, else the client address. */
    PRINCIPAL_OR_IP;

    ClientKeyResolver resolver(String apiKeyHeader, ClientAddressResolver addresses) {
        return switch (this) {
            case IP -> ClientKeyResolver.clientIp(addresses);
            case PRINCIPAL -> ClientKeyResolver.principal();
            case API_KEY -> ClientKeyResolver.apiKeyHeader(apiKeyHeader);
            case API_KEY_OR_IP -> ClientKeyResolver.firstOf(ClientKeyResolver.apiKeyHeader(apiKeyHeader), ClientKeyResolver.clientIp(addresses));
            case PRINCIPAL_OR_IP -> ClientKeyResolver.firstOf(ClientKeyResolver.principal(), ClientKeyResolver.clientIp(addresses));
        };
    }
}
