package dev.sluice.servlet;

import dev.sluice.Admission;
import dev.sluice.RequestInfo;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.Ticket;
import dev.sluice.failure.UpstreamResponseException;
import dev.sluice.failure.UpstreamTimeoutException;
import dev.sluice.maintenance.MaintenanceRequest;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SluiceFilterTest {

    private JettyServer jetty;
    private Sluice sluice;

    @AfterEach
    void stop() throws Exception {
        if (jetty != null) {
            jetty.close();
        }
        if (sluice != null) {
            sluice.close();
        }
    }

    private JettyServer start(SluiceFilter filter, String path, HttpServlet servlet) throws Exception {
        jetty = new JettyServer().filter(filter).servlet(path, servlet).start();
        return jetty;
    }

    private static SluiceConfig.Builder config() {
        return SluiceConfig.builder();
    }

    @Test
    void rejectionIsWrittenWithSetStatusSoTheContainerKeepsOurBodyAndHeaders() throws Exception {
        sluice = Sluice.create(config().maintenanceEnabled(true).maintenanceRetryAfter(Duration.ofMinutes(2)).build());
        start(new SluiceFilter(sluice), "/*", new Hello());

        HttpResponse<String> r = jetty.get("/hello", "Accept", "application/json");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("120");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("\"type\":\"https://sluice.dev/problems/maintenance\"").contains("\"retryAfter\":120");
    }

    @Test
    void rejectedRequestNeverReachesTheApplication() throws Exception {
        sluice = Sluice.create(config().maintenanceEnabled(true).build());
        Hello hello = new Hello();
        start(new SluiceFilter(sluice), "/*", hello);

        jetty.get("/hello");

        assertThat(hello.calls.get()).isZero();
    }

    @Test
    void upstreamResponseExceptionFromTheAppBecomes502() throws Exception {
        sluice = Sluice.create(config().build());
        start(new SluiceFilter(sluice), "/*", new Throwing(new UpstreamResponseException("upstream sent garbage")));

        HttpResponse<String> r = jetty.get("/gw");

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("/bad-gateway").doesNotContain("garbage");
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void upstreamTimeoutWrappedInServletExceptionBecomes504() throws Exception {
        sluice = Sluice.create(config().build());
        start(new SluiceFilter(sluice), "/*",
                new Throwing(new ServletException("wrapped", new UpstreamTimeoutException("too slow"))));

        assertThat(jetty.get("/gw").statusCode()).isEqualTo(504);
    }

    @Test
    void anApplicationBugIsLeftToTheContainerAndEndsAs500() throws Exception {
        sluice = Sluice.create(config().build());
        start(new SluiceFilter(sluice), "/*", new Throwing(new IllegalStateException("bug")));

        HttpResponse<String> r = jetty.get("/boom", "Accept", "application/json");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("sluice.dev/problems");
    }

    @Test
    void aGatewayFailureAfterTheResponseIsCommittedChangesNothingAndIsCounted() throws Exception {
        sluice = Sluice.create(config().build());
        SluiceFilter filter = new SluiceFilter(sluice);
        start(filter, "/*", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setStatus(200);
                resp.getWriter().write("partial");
                resp.flushBuffer();
                throw new UpstreamResponseException("too late to tell");
            }
        });

        HttpResponse<String> r;
        try {
            r = jetty.get("/late");
            assertThat(r.statusCode()).isEqualTo(200);
        } catch (IOException truncated) {
            // The container may abort the half-sent response; either way it is not rewritten.
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> filter.failuresAfterCommit() == 1);
    }

    @Test
    void theAdminServletStaysReachableDuringMaintenanceAtTheConfiguredPath() throws Exception {
        sluice = Sluice.create(config().maintenanceEnabled(true).adminToken("admin-token-0123456789").adminPath("/ops/switch").build());
        jetty = new JettyServer().filter(new SluiceFilter(sluice))
                .servlet("/ops/switch", new SluiceAdminServlet(sluice))
                .servlet("/*", new Hello()).start();

        assertThat(jetty.get("/hello").statusCode()).isEqualTo(503);
        HttpResponse<String> state = jetty.get("/ops/switch", "Authorization", "Bearer admin-token-0123456789");
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).contains("\"active\":true");
    }

    @Test
    void anAdminServletMappedElsewhereThanTheConfiguredPathStopsStartupNamingTheProperty() {
        sluice = Sluice.create(config().adminToken("admin-token-0123456789").build());
        JettyServer bad = new JettyServer().filter(new SluiceFilter(sluice)).servlet("/ops/switch", new SluiceAdminServlet(sluice));
        jetty = bad;

        org.assertj.core.api.Assertions.assertThatThrownBy(bad::start).hasStackTraceContaining("sluice.admin.path");
    }

    @Test
    void webXmlStyleInitParametersConfigureTheFilterAndTheAdminServletFindsIt() throws Exception {
        jetty = new JettyServer()
                .filter(SluiceFilter.class, Map.of(
                        "sluice.maintenance.enabled", "true",
                        "sluice.maintenance.retry-after", "2m",
                        "sluice.admin.token", "admin-token-0123456789"))
                .servlet("/admin/maintenance", SluiceAdminServlet.class)
                .servlet("/*", Hello.class).start();

        HttpResponse<String> rejected = jetty.get("/hello");
        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(rejected.headers().firstValue("Retry-After")).hasValue("120");

        HttpResponse<String> off = jetty.send(java.net.http.HttpRequest.newBuilder(jetty.uri("/admin/maintenance"))
                .header("Authorization", "Bearer admin-token-0123456789").DELETE());
        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(jetty.get("/hello").statusCode()).isEqualTo(200);
    }

    @Test
    void aBadInitParameterStopsStartupNamingTheProperty() {
        JettyServer bad = new JettyServer()
                .filter(SluiceFilter.class, Map.of("sluice.maintenance.retry-after", "soon"))
                .servlet("/*", Hello.class);
        jetty = bad;
        org.assertj.core.api.Assertions.assertThatThrownBy(bad::start)
                .hasStackTraceContaining("sluice.maintenance.retry-after")
                .hasStackTraceContaining("30s");
    }

    @Test
    void adminWithoutTokenAnswers403SayingHowToEnableIt() throws Exception {
        sluice = Sluice.create(config().build());
        jetty = new JettyServer().filter(new SluiceFilter(sluice))
                .servlet("/admin/maintenance", new SluiceAdminServlet(sluice)).start();

        HttpResponse<String> r = jetty.get("/admin/maintenance");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("sluice.admin.token");
    }

    // --- status audit: what the application itself answers ---

    @Test
    void theApplicationsOwn503WithoutRetryAfterIsCountedAndFilledInWhenConfigured() throws Exception {
        sluice = Sluice.create(config().auditAddMissingRetryAfter(true).overloadRetryAfterMin(Duration.ofSeconds(4)).overloadRetryAfterMax(Duration.ofSeconds(4)).build());
        start(new SluiceFilter(sluice), "/*", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setStatus(503);
                resp.getWriter().write("busy");
            }
        });

        HttpResponse<String> r = jetty.get("/busy");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("4");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sluice.audit().findings())
                .containsEntry(dev.sluice.internal.failure.StatusAudit.Finding.UNAVAILABLE_WITHOUT_RETRY_AFTER, 1L));
    }

    @Test
    void anApplicationsOwn502IsAFindingButSluicesGatewayAnswerIsNot() throws Exception {
        sluice = Sluice.create(config().gatewayRoutes(List.of("/gw")).build());
        jetty = new JettyServer().filter(new SluiceFilter(sluice))
                .servlet("/gw", new Throwing(new UpstreamResponseException("garbage")))
                .servlet("/own", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                        resp.setStatus(502);
                    }
                }).start();

        assertThat(jetty.get("/gw").statusCode()).isEqualTo(502);
        assertThat(jetty.get("/own").statusCode()).isEqualTo(502);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sluice.audit().findings())
                .containsEntry(dev.sluice.internal.failure.StatusAudit.Finding.GATEWAY_STATUS_OUTSIDE_GATEWAY_ROUTE, 1L));
        assertThat(sluice.audit().statuses()).as("Sluice's own 502 on the gateway route is not the app's").containsEntry(502, 1L);
    }

    // --- tickets: completed on every way a request can end ---

    @Test
    void aSynchronousRequestCompletesItsTicketWithSuccess() throws Exception {
        CountingFilter filter = new CountingFilter(sluice = Sluice.create(config().build()));
        start(filter, "/*", new Hello());

        jetty.get("/hello");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(filter.outcomes).containsExactly(Ticket.Outcome.SUCCESS));
    }

    @Test
    void aThrowingRequestCompletesItsTicketWithFailure() throws Exception {
        CountingFilter filter = new CountingFilter(sluice = Sluice.create(config().build()));
        start(filter, "/*", new Throwing(new IllegalStateException("bug")));

        jetty.get("/boom");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(filter.outcomes).containsExactly(Ticket.Outcome.FAILURE));
    }

    @Test
    void anAsyncRequestCompletesItsTicketOnlyWhenTheAsyncCycleCompletes() throws Exception {
        CountingFilter filter = new CountingFilter(sluice = Sluice.create(config().build()));
        CountDownLatch release = new CountDownLatch(1);
        start(filter, "/*", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                AsyncContext async = req.startAsync();
                async.start(() -> {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                        async.getResponse().getWriter().write("late hello");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    async.complete();
                });
            }
        });

        var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return jetty.get("/async");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> filter.admitted.get() == 1);
        assertThat(filter.outcomes).as("ticket still held while the async cycle runs").isEmpty();
        release.countDown();

        assertThat(pending.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(filter.outcomes).containsExactly(Ticket.Outcome.SUCCESS));
    }

    @Test
    void anAsyncTimeoutCompletesTheTicketAsTimedOut() throws Exception {
        CountingFilter filter = new CountingFilter(sluice = Sluice.create(config().build()));
        start(filter, "/*", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                req.startAsync().setTimeout(200); // never completed by the app
            }
        });

        jetty.get("/async-timeout");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(filter.outcomes).first().isEqualTo(Ticket.Outcome.TIMED_OUT));
        assertThat(filter.distinctTicketsCompleted()).isEqualTo(1);
    }

    @Test
    void aClientThatHangsUpMidRequestStillGetsItsTicketCompleted() throws Exception {
        CountingFilter filter = new CountingFilter(sluice = Sluice.create(config().build()));
        CountDownLatch clientGone = new CountDownLatch(1);
        start(filter, "/*", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                try {
                    clientGone.await(10, TimeUnit.SECONDS);
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] chunk = new byte[64 * 1024];
                OutputStream out = resp.getOutputStream();
                for (int i = 0; i < 200; i++) { // far more than socket buffers hold: the write fails
                    out.write(chunk);
                    out.flush();
                }
            }
        });

        try (Socket socket = new Socket("127.0.0.1", jetty.port())) {
            socket.getOutputStream().write("GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> filter.admitted.get() == 1);
            socket.setSoLinger(true, 0); // reset, like a client that goes away
        }
        clientGone.countDown();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(filter.distinctTicketsCompleted()).isEqualTo(1));
        assertThat(filter.outcomes.get(0)).isIn(Ticket.Outcome.FAILURE, Ticket.Outcome.SUCCESS);
    }

    @Test
    void aFailingAuditListenerNeverKeepsThePermitOfASynchronousOrAsyncRequest() throws Exception {
        sluice = Sluice.create(config().sheddingEnabled(true).sheddingLimitMax(4).build());
        sluice.addListener(new dev.sluice.event.SluiceListener() {
            @Override
            public void onAuditFinding(dev.sluice.event.AuditFinding event) {
                throw new IllegalStateException("a metrics listener with a bug");
            }
        });
        jetty = new JettyServer().filter(new SluiceFilter(sluice))
                .servlet("/sync", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                        resp.setStatus(503); // no Retry-After: the audit reports a finding
                    }
                })
                .servlet("/async", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                        AsyncContext async = req.startAsync();
                        async.start(() -> {
                            ((HttpServletResponse) async.getResponse()).setStatus(503);
                            async.complete();
                        });
                    }
                }).start();

        for (int i = 0; i < 6; i++) { // more than the limit: a leaked permit would soon refuse everything
            jetty.get("/sync");
            jetty.get("/async");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> sluice.shedding().orElseThrow().inFlight() == 0);
        assertThat(sluice.audit().findings().get(dev.sluice.internal.failure.StatusAudit.Finding.UNAVAILABLE_WITHOUT_RETRY_AFTER)).isEqualTo(12L);
    }

    /** Wraps each admitted ticket to record how, and how often, the filter completes it. */
    static final class CountingFilter extends SluiceFilter {
        final AtomicInteger admitted = new AtomicInteger();
        final List<Ticket.Outcome> outcomes = new CopyOnWriteArrayList<>();
        private final Map<Integer, Boolean> completed = new ConcurrentHashMap<>();

        CountingFilter(Sluice sluice) {
            super(sluice);
        }

        @Override
        protected Admission admit(RequestInfo request) {
            Admission a = super.admit(request);
            if (a instanceof Admission.Admitted) {
                int id = admitted.incrementAndGet();
                return new Admission.Admitted(outcome -> {
                    if (completed.putIfAbsent(id, true) == null) {
                        outcomes.add(outcome);
                    }
                });
            }
            return a;
        }

        int distinctTicketsCompleted() {
            return completed.size();
        }
    }

    public static final class Hello extends HttpServlet {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            calls.incrementAndGet();
            resp.getWriter().write("hello");
        }
    }

    static final class Throwing extends HttpServlet {
        private final Exception failure;

        Throwing(Exception failure) {
            this.failure = failure;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            throw (ServletException) failure;
        }
    }
}
