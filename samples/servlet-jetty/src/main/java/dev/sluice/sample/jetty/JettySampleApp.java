package dev.sluice.sample.jetty;

import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.dependency.Resilience4jBreakers;
import dev.sluice.servlet.SluiceAdminServlet;
import dev.sluice.servlet.SluiceFilter;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A plain Servlet app on embedded Jetty 12 serving the demo API of CONTRACT §8, with Sluice added as one
 * filter and the admin servlet. Run: {@code ./samples/servlet-jetty/run.sh} (listens on $PORT, default 8080, on 127.0.0.1
 * unless $HOST says otherwise; the admin token comes from $SLUICE_ADMIN_TOKEN).
 */
public final class JettySampleApp implements AutoCloseable {

    private final Server server;
    private final Sluice sluice;
    private final URI baseUri;

    private JettySampleApp(Server server, Sluice sluice, URI baseUri) {
        this.server = server;
        this.sluice = sluice;
        this.baseUri = baseUri;
    }

    /**
     * Starts the sample.
     *
     * @param port       0 for a free port
     * @param overrides  {@code sluice.*} properties on top of the sample's {@code sluice.properties}
     */
    public static JettySampleApp start(String host, int port, Map<String, String> overrides) throws Exception {
        return start(host, port, overrides, context -> { });
    }

    /**
     * Starts the sample, letting {@code customizer} finish the servlet context before the server starts (tests add
     * container security this way).
     */
    public static JettySampleApp start(String host, int port, Map<String, String> overrides,
                                       java.util.function.Consumer<ServletContextHandler> customizer) throws Exception {
        Map<String, String> properties = new HashMap<>(sampleDefaults());
        properties.putAll(overrides);
        PaymentsDependency payments = new PaymentsDependency();
        Sluice sluice = Sluice.create(SluiceConfig.builder().properties(properties)
                .dependencyBreakers(new Resilience4jBreakers(payments.breakers(), Clock.systemUTC())).build());

        Server server = new Server();
        server.setStopTimeout(30_000); // graceful: requests in flight get up to 30 s to finish
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(new SluiceFilter(sluice)), "/*", EnumSet.of(DispatcherType.REQUEST));
        // The admin where sluice.admin.path says (default /admin/maintenance), its dependencies beside it.
        String adminPath = sluice.adminHttp().maintenancePath();
        ServletHolder admin = new ServletHolder("sluice-admin", new SluiceAdminServlet(sluice));
        context.getServletHandler().addServletWithMapping(admin, adminPath);
        context.getServletHandler().addServletMapping(mapping("sluice-admin",
                adminPath.substring(0, adminPath.lastIndexOf('/')) + "/dependencies/*"));
        context.addServlet(new ServletHolder("health", new HealthServlet()), "/health/*");
        DemoServlet demo = new DemoServlet(payments);
        context.addServlet(new ServletHolder("demo", demo), "/");
        customizer.accept(context);
        server.setHandler(context);
        server.start();

        URI base = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort());
        demo.upstreamBase(base.resolve("/demo/upstream/"));
        return new JettySampleApp(server, sluice, base);
    }

    private static org.eclipse.jetty.ee10.servlet.ServletMapping mapping(String servlet, String path) {
        org.eclipse.jetty.ee10.servlet.ServletMapping m = new org.eclipse.jetty.ee10.servlet.ServletMapping();
        m.setServletName(servlet);
        m.setPathSpec(path);
        return m;
    }

    public URI baseUri() {
        return baseUri;
    }

    public Sluice sluice() {
        return sluice;
    }

    /**
     * Stops the way the sample does on SIGTERM (CONTRACT §11): Sluice drains first (readiness down, then 503
     * {@code shutting-down} for {@code sluice.shutdown.refuse-for}), then Jetty stops gracefully, letting admitted
     * requests finish. An embedded server's shutdown hook must do it in this order; Jetty's own
     * {@code setStopAtShutdown(true)} would stop the connectors at once, in parallel with any other hook.
     */
    public void shutdown() throws Exception {
        sluice.drain().begin();
        sluice.drain().awaitWindow();
        close();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        sluice.close();
    }

    /** The sample's {@code sluice.properties}, then {@code sluice.*} system properties, then $SLUICE_ADMIN_TOKEN. */
    static Map<String, String> sampleDefaults() {
        Map<String, String> out = new HashMap<>();
        Properties p = new Properties();
        try (InputStream in = JettySampleApp.class.getResourceAsStream("/sluice.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("sluice."))
                .forEach(k -> out.put(k, System.getProperty(k)));
        String token = System.getenv("SLUICE_ADMIN_TOKEN");
        if (token != null && !token.isBlank()) {
            out.put("sluice.admin.token", token);
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        String host = envOr("HOST", "127.0.0.1");
        int port = Integer.parseInt(envOr("PORT", "8080"));
        JettySampleApp app = start(host, port, Map.of());
        System.out.println("Sluice Jetty sample listening on " + app.baseUri()
                + (System.getenv("SLUICE_ADMIN_TOKEN") == null ? " (admin disabled: set SLUICE_ADMIN_TOKEN)" : ""));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.shutdown();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        app.server.join();
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
