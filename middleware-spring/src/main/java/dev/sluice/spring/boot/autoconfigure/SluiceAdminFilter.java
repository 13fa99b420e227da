package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import dev.sluice.servlet.ResponseWriter;
import dev.sluice.servlet.ServletAdminRequests;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Serves the admin resources on the Servlet stack ({@code sluice.admin.path} and
 * {@code <parent>/dependencies/{name}}) through the core's one admin handler. It runs after Spring
 * Security's chain, so a signed-in user with {@code sluice.admin.role} is recognised
 * ({@code isUserInRole}); everyone else needs the bearer token.
 */
final class SluiceAdminFilter implements Filter {

    private final Sluice sluice;

    SluiceAdminFilter(Sluice sluice) {
        this.sluice = sluice;
    }

    static String dependenciesPattern(String maintenancePath) {
        return maintenancePath.substring(0, maintenancePath.lastIndexOf('/')) + "/dependencies/*";
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!sluice.adminHttp().isAdminPath(path)) {
            chain.doFilter(request, res);
            return;
        }
        ResponseWriter.write(sluice.adminHttp().handle(ServletAdminRequests.of(request)), (HttpServletResponse) res);
    }
}
