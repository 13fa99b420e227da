package dev.sluice;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A request as a guard sees it, built by tests: {@code TestRequest.get("/x").header("Accept", "text/html")}. */
public record TestRequest(String method, String path, String remoteAddress, Map<String, String> headers, boolean secure)
        implements RequestInfo {

    public static TestRequest get(String path) {
        return new TestRequest("GET", path, "192.0.2.1", Map.of(), false);
    }

    public static TestRequest of(String method, String path) {
        return new TestRequest(method, path, "192.0.2.1", Map.of(), false);
    }

    public TestRequest header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name.toLowerCase(Locale.ROOT), value);
        return new TestRequest(method, path, remoteAddress, h, secure);
    }

    public TestRequest from(String address) {
        return new TestRequest(method, path, address, headers, secure);
    }

    public TestRequest overTls() {
        return new TestRequest(method, path, remoteAddress, headers, true);
    }

    @Override
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
