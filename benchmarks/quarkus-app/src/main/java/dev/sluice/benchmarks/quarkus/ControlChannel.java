package dev.sluice.benchmarks.quarkus;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The experiment's control channel, the same stdin protocol as the Jetty app's, so the experiment
 * drives both alike and neither shedder can refuse a control message (an HTTP endpoint could be shed):
 * prints {@code READY <port>} once the HTTP port accepts connections, then answers {@code reset} and
 * {@code stats} lines; end of input stops the app. Only when started with {@code -Doverload.control=stdin}.
 */
@ApplicationScoped
public class ControlChannel {

    private final Workers workers;
    private final boolean enabled;
    private final int port;

    ControlChannel(Workers workers, @ConfigProperty(name = "overload.control", defaultValue = "none") String control,
                   @ConfigProperty(name = "quarkus.http.port") int port) {
        this.workers = workers;
        this.enabled = control.equals("stdin");
        this.port = port;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        Thread reader = new Thread(this::serve, "overload-control");
        reader.setDaemon(true);
        reader.start();
    }

    private void serve() {
        try {
            awaitListening();
            System.out.println("READY " + port);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                switch (line.strip()) {
                    case "reset" -> workers.reset();
                    case "stats" -> System.out.println(workers.stats());
                    default -> System.out.println("ERROR unknown command " + line);
                }
                System.out.flush();
            }
        } catch (IOException | InterruptedException e) {
            e.printStackTrace();
        }
        // Requests still waiting for a worker would hold a graceful stop; the experiment is done with us.
        Runtime.getRuntime().halt(0);
    }

    /** The startup event may come before the HTTP server accepts; READY must mean it does. */
    private void awaitListening() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("port " + port + " never accepted a connection");
    }
}
