package dev.sluice.servlet;

import dev.sluice.Admission;
import dev.sluice.Rejection;
import dev.sluice.RequestInfo;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.Ticket;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Servlet adapter: asks the core whether a request may be served, writes Sluice's answer when it may
 * not, and completes the admitted request's ticket exactly once, also for async requests (complete, timeout,
 * error) and client aborts. A failure the core owns (502/504) is rendered when the response is not yet
 * committed; any other failure is rethrown untouched, so the container answers 500.
 *
 * <p>Use it with a {@link Sluice} built in code ({@code new SluiceFilter(sluice)}), or declare it in
 * {@code web.xml} with {@code sluice.*} init parameters (context init parameters are read too). The
 * {@link Sluice} is published as the servlet context attribute {@link #SLUICE_ATTRIBUTE} for the
 * {@link SluiceAdminServlet}. The admin's paths ({@code sluice.admin.path}) are never refused.
 */
public class SluiceFilter implements Filter {

    /** Servlet context attribute under which the filter publishes its {@link Sluice}. */
    public static final String SLUICE_ATTRIBUTE = Sluice.class.getName();

    private Sluice sluice;
    private boolean ownsSluice;
    private final LongAdder failuresAfterCommit = new LongAdder();

    /** For {@code web.xml}: configured from {@code sluice.*} init parameters in {@link #init}. */
    public SluiceFilter() {
    }

    /** For code: uses {@code sluice} as it is. */
    public SluiceFilter(Sluice sluice) {
        this.sluice = sluice;
    }

    @Override
    public void init(FilterConfig filterConfig) {
        ServletContext context = filterConfig.getServletContext();
        if (sluice == null) {
            Object existing = context.getAttribute(SLUICE_ATTRIBUTE);
            if (existing instanceof Sluice s) {
                sluice = s;
            } else {
                Map<String, String> properties = new HashMap<>();
                for (String name : Collections.list(context.getInitParameterNames())) {
                    properties.put(name, context.getInitParameter(name));
                }
                for (String name : Collections.list(filterConfig.getInitParameterNames())) {
                    properties.put(name, filterConfig.getInitParameter(name));
                }
                sluice = Sluice.create(SluiceConfig.builder().properties(properties).build());
                ownsSluice = true;
            }
        }
        context.setAttribute(SLUICE_ATTRIBUTE, sluice);
    }

    public Sluice sluice() {
        return sluice;
    }

    /** Failures (502/504) that arrived after the response was committed, so Sluice left them alone. */
    public long failuresAfterCommit() {
        return failuresAfterCommit.sum();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        ServletRequestInfo info = new ServletRequestInfo(request);
        Admission admission = admit(info);
        if (admission instanceof Admission.Admitted admitted) {
            serve(request, response, chain, info, admitted);
        } else if (admission instanceof Admission.Rejected rejected) {
            request.setAttribute(Sluice.RENDERED_ATTRIBUTE, rejected.rejection());
            ResponseWriter.write(sluice.renderer().render(rejected.rejection(), info), response);
        } else if (admission instanceof Admission.Answered answered) {
            ResponseWriter.write(answered.response(), response);
        }
    }

    /** Asks the core; a subclass may observe admissions (tests count ticket completions here). */
    protected Admission admit(RequestInfo request) {
        return sluice.admit(request);
    }

    /**
     * Runs the application for an admitted request. Everything after admission happens inside the
     * {@code try}, and the ticket is completed before the audit runs, so nothing Sluice does after admitting
     * (headers, the audit and its listeners) can keep a permit.
     */
    private void serve(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                       ServletRequestInfo info, Admission.Admitted admitted) throws IOException, ServletException {
        Ticket ticket = admitted.ticket();
        boolean async = false;
        try {
            admitted.headers().forEach(response::setHeader); // e.g. RateLimit fields of a limited route
            RetryAfterFillingResponse filling = sluice.audit().addsMissingRetryAfter() ? new RetryAfterFillingResponse(response, sluice.audit()) : null;
            chain.doFilter(request, filling != null ? filling : response);
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new TicketListener(ticket, response, () -> audit(request, response, filling, info)));
                async = true;
            } else {
                ticket.complete(Ticket.Outcome.answered(response.getStatus()));
                audit(request, response, filling, info);
            }
        } catch (IOException | ServletException | RuntimeException | Error e) {
            ticket.complete(Ticket.Outcome.FAILURE); // a no-op if the request had completed it
            if (!renderOwnedFailure(e, request, info, response)) {
                throw e; // not Sluice's (or too late): the container's own error handling answers
            }
        } finally {
            if (!async) {
                ticket.complete(Ticket.Outcome.SUCCESS); // a no-op when completed above
            }
        }
    }

    /** Reports the status the application answered with to the core's audit (not Sluice's own answers). */
    private void audit(HttpServletRequest request, HttpServletResponse response, RetryAfterFillingResponse filling, ServletRequestInfo info) {
        if (request.getAttribute(Sluice.RENDERED_ATTRIBUTE) == null) {
            boolean appSetRetryAfter = response.containsHeader("Retry-After") && (filling == null || !filling.filled());
            sluice.audit().record(info, response.getStatus(), appSetRetryAfter);
        }
    }

    /** Renders a failure the core owns (502/504); false when it is not Sluice's or the response is committed. */
    private boolean renderOwnedFailure(Throwable failure, HttpServletRequest request, ServletRequestInfo info, HttpServletResponse response)
            throws IOException {
        Optional<Rejection> rejection = sluice.classify(failure, info);
        if (rejection.isEmpty()) {
            return false;
        }
        if (response.isCommitted()) {
            failuresAfterCommit.increment(); // too late to change the status; leave the response alone
            return false;
        }
        request.setAttribute(Sluice.RENDERED_ATTRIBUTE, rejection.get());
        ResponseWriter.write(sluice.renderer().render(rejection.get(), info), response);
        return true;
    }

    @Override
    public void destroy() {
        if (ownsSluice) {
            sluice.close();
        }
    }

    /** Completes the ticket of an async request on whichever way it ends. */
    private record TicketListener(Ticket ticket, HttpServletResponse response, Runnable audit) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            ticket.complete(Ticket.Outcome.answered(response.getStatus())); // first: an audit failure must not keep the permit
            audit.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            ticket.complete(Ticket.Outcome.TIMED_OUT);
        }

        @Override
        public void onError(AsyncEvent event) {
            ticket.complete(Ticket.Outcome.FAILURE);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this); // re-register for a restarted async cycle
        }
    }
}
