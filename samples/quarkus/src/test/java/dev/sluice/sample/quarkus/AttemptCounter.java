package dev.sluice.sample.quarkus;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the requests a REST client really sends, one per attempt, by method and path ({@code GET /hello}). */
public class AttemptCounter implements ClientRequestFilter {

    private static final Map<String, AtomicInteger> SENT = new ConcurrentHashMap<>();

    @Override
    public void filter(ClientRequestContext request) {
        SENT.computeIfAbsent(request.getMethod() + " " + request.getUri().getPath(), k -> new AtomicInteger()).incrementAndGet();
    }

    static int sent(String methodAndPath) {
        AtomicInteger n = SENT.get(methodAndPath);
        return n == null ? 0 : n.get();
    }

    static void clear() {
        SENT.clear();
    }
}
