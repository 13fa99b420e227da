package dev.sluice.servlet;

import dev.sluice.internal.http.RenderedResponse;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * Writes a {@link RenderedResponse} with {@code setStatus} and the body (never {@code sendError}, which
 * lets containers replace the page and drop our headers).
 */
public final class ResponseWriter {

    private ResponseWriter() {
    }

    /** Writes {@code rendered} to {@code response}, replacing anything buffered but not yet sent. */
    public static void write(RenderedResponse rendered, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(rendered.status());
        for (Map.Entry<String, String> h : rendered.headers().entrySet()) {
            switch (h.getKey()) {
                case "Content-Type" -> response.setContentType(h.getValue());
                case "Content-Length" -> response.setContentLengthLong(Long.parseLong(h.getValue()));
                default -> response.setHeader(h.getKey(), h.getValue());
            }
        }
        if (rendered.body().length > 0) {
            response.getOutputStream().write(rendered.body());
        }
        response.flushBuffer();
    }
}
