package dev.sluice.sample.jetty;

import dev.sluice.Sluice;
import dev.sluice.servlet.SluiceFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code /health/ready} and {@code /health/live}: exempt from Sluice, so they tell the truth themselves. Readiness
 * is down (503) from the moment the app is asked to stop, so load balancers stop sending; liveness stays up.
 */
final class HealthServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String probe = request.getPathInfo();
        if (!"/ready".equals(probe) && !"/live".equals(probe)) {
            response.sendError(404);
            return;
        }
        Sluice sluice = (Sluice) getServletContext().getAttribute(SluiceFilter.SLUICE_ATTRIBUTE);
        boolean up = "/live".equals(probe) || sluice == null || !sluice.drain().draining();
        response.setStatus(up ? 200 : 503);
        response.setContentType("application/json");
        response.getWriter().write(up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\",\"reason\":\"shutting down\"}");
    }
}
