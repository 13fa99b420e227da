package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Rejection;
import dev.sluice.RequestInfo;
import dev.sluice.Sluice;
import dev.sluice.servlet.ResponseWriter;
import dev.sluice.servlet.ServletRequestInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.util.Optional;

/**
 * Answers the failures Sluice owns (502/504 on gateway routes, a breaker's "call not permitted", a full
 * bulkhead) thrown by a controller. It runs after the application's own {@code @ExceptionHandler}s and
 * before Spring Boot's error page; anything else is left to Spring, which answers 500.
 */
final class SluiceHandlerExceptionResolver implements HandlerExceptionResolver, Ordered {

    private final Sluice sluice;

    SluiceHandlerExceptionResolver(Sluice sluice) {
        this.sluice = sluice;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (response.isCommitted()) {
            return null;
        }
        RequestInfo info = new ServletRequestInfo(request);
        Optional<Rejection> rejection = sluice.classify(ex, info);
        if (rejection.isEmpty()) {
            return null;
        }
        try {
            request.setAttribute(Sluice.RENDERED_ATTRIBUTE, rejection.get());
            ResponseWriter.write(sluice.renderer().render(rejection.get(), info), response);
        } catch (IOException e) {
            return null;
        }
        return new ModelAndView(); // handled: an empty view, nothing more to render
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
