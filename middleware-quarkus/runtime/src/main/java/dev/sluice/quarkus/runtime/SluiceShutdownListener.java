package dev.sluice.quarkus.runtime;

import dev.sluice.Sluice;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.shutdown.ShutdownListener;
import org.jboss.logging.Logger;

/**
 * Drains the application in Quarkus's pre-shutdown phase (CONTRACT §11), before its HTTP server stops: Sluice
 * begins the drain (readiness DOWN, {@code Connection: close}, then 503 {@code shutting-down}) and the phase
 * ends when {@code sluice.shutdown.serve-for} + {@code refuse-for} have passed. Quarkus's own shutdown
 * ({@code quarkus.shutdown.delay}, {@code quarkus.shutdown.timeout} and its graceful filter) follows as
 * configured. Skipped in dev mode, where a live reload must not wait.
 */
public class SluiceShutdownListener implements ShutdownListener {

    private static final Logger LOG = Logger.getLogger(SluiceShutdownListener.class);

    @Override
    public void preShutdown(ShutdownNotification notification) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            notification.done();
            return;
        }
        Sluice sluice = Arc.container().instance(Sluice.class).get();
        if (sluice.drain().begin()) {
            LOG.infof("Sluice is draining before the HTTP server stops: serving with Connection: close for %s, then 503 shutting-down for %s",
                    sluice.config().shutdown().serveFor(), sluice.config().shutdown().refuseFor());
        }
        // The other listeners' pre-shutdown runs meanwhile; Quarkus waits for every one to say done.
        Thread waiter = new Thread(() -> {
            try {
                sluice.drain().awaitWindow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                notification.done();
            }
        }, "sluice-drain");
        waiter.setDaemon(true);
        waiter.start();
    }
}
