package dev.sluice.sample.quarkus;

import dev.sluice.contract.ContractSettings;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * The sample with the kit's settings, on a port chosen before it starts so that its own REST clients can
 * be pointed at it ({@code quarkus.rest-client.sample.url}); {@code closed} points at a port nothing listens on.
 */
public class ClientRetryProfile implements QuarkusTestProfile {

    static final int PORT = freePort();
    static final int CLOSED_PORT = freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> p = new HashMap<>(ContractSettings.properties());
        p.put("quarkus.http.test-port", Integer.toString(PORT));
        p.put("quarkus.rest-client.sample.url", "http://127.0.0.1:" + PORT);
        p.put("quarkus.rest-client.closed.url", "http://127.0.0.1:" + CLOSED_PORT);
        return p;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
