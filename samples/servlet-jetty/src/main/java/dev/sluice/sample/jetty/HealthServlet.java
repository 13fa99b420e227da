package dev.sluice.sample.jetty;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code /health/ready} and {@code /health/live}: exempt from Sluice, so they tell the truth themselves. */
final class HealthServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String probe = request.getPathInfo();
        if (!"/ready".equals(probe) && !"/live".equals(probe)) {
            response.sendError(404);
            return;
        }
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":\"UP\"}");
    }
}
