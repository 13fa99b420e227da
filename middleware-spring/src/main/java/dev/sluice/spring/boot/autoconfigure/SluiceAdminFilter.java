package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import dev.sluice.http.RenderedResponse;
import dev.sluice.servlet.ResponseWriter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the admin resources on the Servlet stack: {@code <path>} (maintenance) and
 * {@code <parent>/dependencies/{name}}, with the same bytes as every adapter (CONTRACT §7–§8). A user
 * with the configured role (Spring Security) is let in; otherwise the bearer token decides.
 */
final class SluiceAdminFilter implements Filter {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final Sluice sluice;
    private final String maintenancePath;
    private final String dependenciesPrefix;
    private final String role;

    SluiceAdminFilter(Sluice sluice, String maintenancePath, String role) {
        this.sluice = sluice;
        this.maintenancePath = maintenancePath;
        this.dependenciesPrefix = maintenancePath.substring(0, maintenancePath.lastIndexOf('/')) + "/dependencies/";
        this.role = role;
    }

    static String dependenciesPattern(String maintenancePath) {
        return maintenancePath.substring(0, maintenancePath.lastIndexOf('/')) + "/dependencies/*";
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean maintenance = path.equals(maintenancePath);
        String dependency = path.startsWith(dependenciesPrefix) ? path.substring(dependenciesPrefix.length()) : null;
        if (!maintenance && (dependency == null || dependency.isEmpty() || dependency.contains("/"))) {
            chain.doFilter(request, response);
            return;
        }
        String method = request.getMethod();
        String body = "";
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
        RenderedResponse answer;
        boolean roleUser = role != null && !role.isBlank() && request.getUserPrincipal() != null && request.isUserInRole(role);
        if (roleUser) {
            String actor = "user " + request.getUserPrincipal().getName() + " from " + request.getRemoteAddr();
            answer = maintenance ? sluice.adminHttp().serveMaintenance(method, path, body, actor)
                    : sluice.adminHttp().serveDependency(method, path, dependency, body, actor);
        } else if (request.getUserPrincipal() != null && !isBearer(request.getHeader("Authorization"))) {
            // Signed in (Spring Security), but without the admin role and without the token.
            answer = sluice.renderer().problem(403, "forbidden", "This endpoint needs the role " + role + " or the admin token.",
                    path, Map.of(), Map.of(), method);
        } else {
            String auth = request.getHeader("Authorization");
            answer = maintenance ? sluice.adminHttp().handle(method, path, auth, body, request.getRemoteAddr())
                    : sluice.adminHttp().handleDependency(method, path, dependency, auth, body, request.getRemoteAddr());
        }
        ResponseWriter.write(answer, response);
    }

    private static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
