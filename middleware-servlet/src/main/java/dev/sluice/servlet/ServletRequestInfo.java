package dev.sluice.servlet;

import dev.sluice.RequestInfo;
import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;
import java.util.Enumeration;

/**
 * {@link RequestInfo} over an {@link HttpServletRequest}; reads headers in place, copies nothing. The one
 * request view of the Servlet stack (the filter, the admin, Spring MVC's exception resolver).
 */
public final class ServletRequestInfo implements RequestInfo {

    private final HttpServletRequest request;
    private String path;

    public ServletRequestInfo(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        String p = path;
        if (p == null) {
            // The raw URI without the context path, as the client sent it: the core normalises it as the
            // container routes it (decoding, dot-segments, path parameters).
            String uri = request.getRequestURI();
            String context = request.getContextPath();
            p = context.isEmpty() ? uri : uri.substring(Math.min(context.length(), uri.length()));
            path = p = p.isEmpty() ? "/" : p;
        }
        return p;
    }

    @Override
    public String header(String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder all = new StringBuilder(first);
        while (values.hasMoreElements()) {
            all.append(", ").append(values.nextElement());
        }
        return all.toString();
    }

    @Override
    public String remoteAddress() {
        return request.getRemoteAddr();
    }

    @Override
    public String principal() {
        Principal p = request.getUserPrincipal();
        return p == null ? null : p.getName();
    }

    @Override
    public boolean secure() {
        return request.isSecure();
    }
}
