package dev.sluice.benchmarks.overload;

import com.netflix.concurrency.limits.Limiter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * A jakarta.servlet port of Netflix concurrency-limits' {@code ConcurrencyLimitServletFilter}
 * ({@code com.netflix.concurrency.limits.servlet}), written for this experiment, not Netflix's code.
 *
 * <p>Why a port: the filter is published on Maven Central only for {@code javax.servlet}
 * ({@code concurrency-limits-servlet}); the project's {@code concurrency-limits-servlet-jakarta} module
 * is not published there (0.5.4 does not resolve), and a javax filter cannot be added to Jetty 12 ee10.
 * The behaviour is NCL's, step for step: ask the limiter; without a permit answer 429 with the body
 * "Concurrency limit exceeded" (no Retry-After: NCL sends none); with a permit run the chain, then
 * {@code onSuccess()} (which feeds the request's round-trip time to the limit algorithm), or
 * {@code onIgnore()} if the chain threw (the sample is not counted) and rethrow. The limiter is the real
 * {@code concurrency-limits-core} one, built by the caller (the experiment uses {@code SimpleLimiter}
 * with {@code Gradient2Limit}).
 */
public final class NclServletFilter implements Filter {

    private static final int TOO_MANY_REQUESTS = 429;

    private final Limiter<HttpServletRequest> limiter;

    public NclServletFilter(Limiter<HttpServletRequest> limiter) {
        this.limiter = limiter;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        Optional<Limiter.Listener> listener = limiter.acquire((HttpServletRequest) request);
        if (listener.isEmpty()) {
            reject((HttpServletResponse) response);
            return;
        }
        try {
            chain.doFilter(request, response);
            listener.get().onSuccess();
        } catch (IOException | ServletException | RuntimeException | Error e) {
            listener.get().onIgnore();
            throw e;
        }
    }

    private static void reject(HttpServletResponse response) {
        try {
            response.setStatus(TOO_MANY_REQUESTS);
            response.getWriter().print("Concurrency limit exceeded");
        } catch (IOException ignored) {
            // as NCL: the client went away, nothing left to tell it
        }
    }
}
