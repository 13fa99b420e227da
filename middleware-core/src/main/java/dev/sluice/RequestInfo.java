package dev.sluice;

/**
 * What a guard may ask of a request. Adapters implement it over their own request object, without
 * copying headers.
 */
public interface RequestInfo {

    /** HTTP method in upper case, e.g. {@code GET}. */
    String method();

    /**
     * The path as the client sent it (percent-encoded, path parameters and dot-segments included), within
     * the application (context path removed), without the query. Sluice normalises it the way frameworks
     * route (CONTRACT §9), so an adapter passes it on untouched.
     */
    String path();

    /**
     * Field value of the named header, or {@code null}. Several lines of the same field are combined
     * with {@code ", "} as RFC 9110 §5.3 allows.
     */
    String header(String name);

    /** Address of the socket peer as an IP literal (the client, or a proxy in front of it). */
    String remoteAddress();

    /** Name of the authenticated principal, or {@code null}. */
    default String principal() {
        return null;
    }

    /** Whether the request came over TLS (decides the {@code Secure} attribute of cookies Sluice sets). */
    default boolean secure() {
        return false;
    }

    /** Value of the named cookie, read from the {@code Cookie} header, or {@code null}. */
    default String cookie(String name) {
        return Cookies.find(header("Cookie"), name);
    }

    /** Whether the method is safe in the sense of RFC 9110 §9.2.1 (GET, HEAD, OPTIONS, TRACE). */
    default boolean safeMethod() {
        String m = method();
        return "GET".equals(m) || "HEAD".equals(m) || "OPTIONS".equals(m) || "TRACE".equals(m);
    }
}
