package dev.sluice.clientlimit;

import dev.sluice.RequestInfo;
import dev.sluice.http.ClientAddressResolver;

import java.util.List;
import java.util.Objects;

/**
 * Who "the client" is for a per-client limit (CONTRACT §5). Principal and API-key keys are prefixed
 * ({@code user:}, {@code key:}) so neither can ever collide with an address, which stays bare (no
 * allocation for the common IP key).
 * Returning {@code null} means "this resolver cannot tell"; a composite then asks the next one.
 */
@FunctionalInterface
public interface ClientKeyResolver {

    /** The client's key, or {@code null} when this resolver cannot tell. */
    String resolve(RequestInfo request);

    /** The authenticated principal's name. */
    static ClientKeyResolver principal() {
        return request -> {
            String p = request.principal();
            return p == null || p.isEmpty() ? null : "user:" + p;
        };
    }

    /**
     * The value of an API-key header. Use it where keys are checked before or by the application: an
     * unchecked key is whatever the client sends.
     */
    static ClientKeyResolver apiKeyHeader(String header) {
        Objects.requireNonNull(header, "header");
        return request -> {
            String v = request.header(header);
            return v == null || v.isBlank() ? null : "key:" + v.strip();
        };
    }

    /** The client address: the socket peer unless it is a trusted proxy (then the forwarded address). */
    static ClientKeyResolver clientIp(ClientAddressResolver addresses) {
        Objects.requireNonNull(addresses, "addresses");
        return addresses::resolve;
    }

    /** The first key any of {@code resolvers} gives, e.g. "API key if present, else IP". */
    static ClientKeyResolver firstOf(ClientKeyResolver... resolvers) {
        List<ClientKeyResolver> all = List.of(resolvers);
        return request -> {
            for (ClientKeyResolver r : all) {
                String key = r.resolve(request);
                if (key != null) {
                    return key;
                }
            }
            return null;
        };
    }
}
