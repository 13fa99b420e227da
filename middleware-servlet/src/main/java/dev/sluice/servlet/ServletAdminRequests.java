package dev.sluice.servlet;

import dev.sluice.internal.admin.AdminCaller;
import dev.sluice.internal.admin.AdminHttpHandler;
import dev.sluice.internal.admin.AdminRequest;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;

/**
 * An {@link AdminRequest} from a Servlet request: the path within the application, the headers the core
 * judges, at most {@link AdminHttpHandler#MAX_BODY_BYTES} + 1 bytes of body (only for writes), and the caller
 * as the container's security knows them ({@code getUserPrincipal}, {@code isUserInRole}; with Spring
 * Security this is Spring Security's user).
 */
public final class ServletAdminRequests {

    private ServletAdminRequests() {
    }

    public static AdminRequest of(HttpServletRequest request) throws IOException {
        String method = request.getMethod();
        byte[] body = new byte[0];
        if ("POST".equals(method) || "PUT".equals(method)) {
            try (InputStream in = request.getInputStream()) {
                body = in.readNBytes(AdminHttpHandler.MAX_BODY_BYTES + 1);
            }
        }
        Principal principal = request.getUserPrincipal();
        AdminCaller caller = principal == null ? AdminCaller.ANONYMOUS : AdminCaller.of(principal.getName(), request::isUserInRole);
        return new AdminRequest(method, new ServletRequestInfo(request).path(), request.getContentType(),
                request.getHeader("Authorization"), body, request.getRemoteAddr(), caller);
    }
}
