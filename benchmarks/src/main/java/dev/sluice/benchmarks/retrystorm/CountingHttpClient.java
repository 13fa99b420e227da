package dev.sluice.benchmarks.retrystorm;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one {@link HttpClient} every client of the experiment sends through, counting each request it really
 * sends: per call (the call's number travels in {@link #CALL_HEADER}, so retries are counted against the call
 * that made them, whichever library made them) and in total while the window is open. Counting below the
 * retry libraries means all three are counted the same way.
 */
final class CountingHttpClient extends HttpClient {

    /** The call number, set by the generator on every request; the app ignores it. */
    static final String CALL_HEADER = "X-Retry-Storm-Call";

    private final HttpClient delegate;
    private final AtomicIntegerArray attempts;
    private final LongAdder inWindow = new LongAdder();
    private volatile boolean measuring;

    CountingHttpClient(HttpClient delegate, int calls) {
        this.delegate = delegate;
        this.attempts = new AtomicIntegerArray(calls);
    }

    int attempts(int call) {
        return attempts.get(call);
    }

    /** Requests sent since {@link #measuring(boolean)} was switched on. */
    long sentInWindow() {
        return inWindow.sum();
    }

    void measuring(boolean on) {
        measuring = on;
    }

    private void count(HttpRequest request) {
        request.headers().firstValue(CALL_HEADER).ifPresent(n -> attempts.incrementAndGet(Integer.parseInt(n)));
        if (measuring) {
            inWindow.increment();
        }
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        count(request);
        return delegate.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        count(request);
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        count(request);
        return delegate.sendAsync(request, handler, push);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
