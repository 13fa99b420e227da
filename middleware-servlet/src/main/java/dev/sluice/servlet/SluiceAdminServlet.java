package dev.sluice.servlet;

import dev.sluice.Sluice;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The admin surface for plain Servlet apps (CONTRACT §7–§8), conventionally mapped at {@value #DEFAULT_PATH}
 * ({@code GET} state, {@code POST} JSON to switch on, {@code DELETE} to switch off) and at
 * {@value #DEPENDENCIES_PATH} ({@code GET}/{@code POST /admin/dependencies/{name}} with
 * {@code {"override":"open"|"closed"|"none"}} to force a dependency's breaker). Who may use it and what a
 * write must look like is the core's decision ({@link dev.sluice.internal.admin.AdminHttpHandler}): a user in
 * {@code sluice.admin.role} (container security), else the bearer token {@code sluice.admin.token}.
 * Mapped elsewhere, set {@code sluice.admin.path} to the maintenance path, so the {@link SluiceFilter} never
 * refuses it; start-up fails when the two disagree.
 */
public class SluiceAdminServlet extends HttpServlet {

    public static final String DEFAULT_PATH = "/admin/maintenance";
    public static final String DEPENDENCIES_PATH = "/admin/dependencies/*";

    private transient Sluice sluice;

    /** For {@code web.xml}: uses the {@link Sluice} the {@link SluiceFilter} publishes in the servlet context. */
    public SluiceAdminServlet() {
    }

    public SluiceAdminServlet(Sluice sluice) {
        this.sluice = sluice;
    }

    @Override
    public void init() throws ServletException {
        ServletRegistration registration = getServletContext().getServletRegistration(getServletName());
        Sluice s = sluice();
        if (registration == null || s == null) {
            return; // embedded without a registration, or the filter starts later: checked on the first request
        }
        String path = s.adminHttp().maintenancePath();
        if (!registration.getMappings().isEmpty() && !registration.getMappings().contains(path)) {
            throw new ServletException("sluice.admin.path is " + path + " but the admin servlet is mapped at " + registration.getMappings()
                    + ": set sluice.admin.path to its maintenance mapping, so Sluice never refuses the switch");
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        Sluice s = sluice();
        if (s == null) {
            throw new ServletException("SluiceAdminServlet needs a SluiceFilter in the same web app (or a Sluice given in code)");
        }
        ResponseWriter.write(s.adminHttp().handle(ServletAdminRequests.of(request)), response);
    }

    private Sluice sluice() {
        return sluice != null ? sluice : (Sluice) getServletContext().getAttribute(SluiceFilter.SLUICE_ATTRIBUTE);
    }
}
