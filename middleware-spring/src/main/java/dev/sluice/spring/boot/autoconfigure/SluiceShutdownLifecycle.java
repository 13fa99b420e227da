package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Drains the application when its context closes (SIGTERM, a deploy, a scale-down; CONTRACT §11): readiness turns
 * to {@link ReadinessState#REFUSING_TRAFFIC} at once, Sluice serves and then refuses new requests with 503
 * {@code shutting-down} for {@code sluice.shutdown.serve-for} + {@code refuse-for}, and only then does the web
 * server's own shutdown run (graceful by default: it lets admitted requests finish). Its phase is just above the
 * web server's graceful-shutdown phase, so it stops before the server does, with MVC and WebFlux, with
 * {@code server.shutdown=graceful} or {@code immediate}.
 */
final class SluiceShutdownLifecycle implements SmartLifecycle {

    /** Stops before {@code WebServerGracefulShutdownLifecycle} (lifecycles with a higher phase stop first). */
    static final int PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 512;

    private static final System.Logger LOG = System.getLogger(SluiceShutdownLifecycle.class.getName());

    private final Sluice sluice;
    private final ApplicationContext context;
    private volatile boolean running;

    SluiceShutdownLifecycle(Sluice sluice, ApplicationContext context) {
        this.sluice = sluice;
        this.context = context;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (!(context instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return; // no server (a mock-MVC test, a batch run): no client to tell
        }
        if (sluice.drain().begin()) {
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            LOG.log(System.Logger.Level.INFO, () -> "Sluice is draining before the web server stops: serving with Connection: close for "
                    + sluice.config().shutdown().serveFor() + ", then 503 shutting-down for " + sluice.config().shutdown().refuseFor());
        }
        try {
            sluice.drain().awaitWindow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
