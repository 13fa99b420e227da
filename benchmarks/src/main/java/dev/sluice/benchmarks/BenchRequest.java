package dev.sluice.benchmarks;

import dev.sluice.RequestInfo;

import java.util.Map;

/**
 * A request as an adapter presents it to the core. Adapters implement {@link RequestInfo} over their own
 * request object, so building one is not part of the admit path: benchmarks build these once, in setup,
 * and only the core's work is measured.
 */
final class BenchRequest implements RequestInfo {

    private final String method;
    private final String path;
    private final String remoteAddress;
    private final Map<String, String> headers;

    BenchRequest(String method, String path, String remoteAddress, Map<String, String> headers) {
        this.method = method;
        this.path = path;
        this.remoteAddress = remoteAddress;
        this.headers = Map.copyOf(headers);
    }

    /** {@code GET path} from a documentation address, without headers. */
    static BenchRequest get(String path) {
        return new BenchRequest("GET", path, "192.0.2.10", Map.of());
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }
}
