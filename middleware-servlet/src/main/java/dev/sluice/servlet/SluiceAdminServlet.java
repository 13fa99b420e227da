package dev.sluice.servlet;

import dev.sluice.Sluice;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The maintenance switch for plain Servlet apps (CONTRACT §7–§8), conventionally mapped at
 * {@value #DEFAULT_PATH}: {@code GET} state, {@code POST} JSON to switch on, {@code DELETE} to switch off,
 * secured by the bearer token {@code sluice.admin.token}; with no token configured it answers 403 unless
 * {@code sluice.admin.allow-unauthenticated=true}. Mapped also at {@value #DEPENDENCIES_PATH}, it serves
 * {@code GET}/{@code POST /admin/dependencies/{name}} ({@code {"override":"open"|"closed"|"none"}}) to
 * force a dependency's breaker. The {@link SluiceFilter} never rejects requests for it.
 */
public class SluiceAdminServlet extends HttpServlet {

    public static final String DEFAULT_PATH = "/admin/maintenance";
    public static final String DEPENDENCIES_PATH = "/admin/dependencies/*";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private transient Sluice sluice;

    /** For {@code web.xml}: uses the {@link Sluice} the {@link SluiceFilter} publishes in the servlet context. */
    public SluiceAdminServlet() {
    }

    public SluiceAdminServlet(Sluice sluice) {
        this.sluice = sluice;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        Sluice s = sluice != null ? sluice : (Sluice) getServletContext().getAttribute(SluiceFilter.SLUICE_ATTRIBUTE);
        if (s == null) {
            throw new ServletException("SluiceAdminServlet needs a SluiceFilter in the same web app (or a Sluice given in code)");
        }
        String body = "";
        String method = request.getMethod();
        if ("POST".equals(method) || "PUT".equals(method)) {
            try (InputStream in = request.getInputStream()) {
                byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
                if (bytes.length > MAX_BODY_BYTES) {
                    response.sendError(413);
                    return;
                }
                body = new String(bytes, StandardCharsets.UTF_8);
            }
        }
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        if (servletPath.endsWith("/dependencies") && pathInfo != null && pathInfo.length() > 1) {
            ResponseWriter.write(s.adminHttp().handleDependency(method, request.getRequestURI(), pathInfo.substring(1),
                    request.getHeader("Authorization"), body, request.getRemoteAddr()), response);
            return;
        }
        ResponseWriter.write(s.adminHttp().handle(method, request.getRequestURI(), request.getHeader("Authorization"), body,
                request.getRemoteAddr()), response);
    }
}
