package dev.sluice.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback port in front of Redis, for cutting one instance off: {@link #sever()} closes every
 * connection through it and refuses new ones (a real socket fault, as a network partition that resets connections
 * looks to the instance); {@link #blackHole()} keeps every socket open but drops whatever is sent either way, on the
 * connections open now for good and on new ones until {@link #restore()} (a path that died silently, e.g. a
 * firewall or NAT that forgot the connections: nothing tells the instance); {@link #restore()} forwards again, on the
 * same port, for connections made from then on.
 */
final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<AtomicBoolean> dead = new CopyOnWriteArrayList<>(); // one per connection: drop everything
    private volatile ServerSocket server;
    private volatile boolean blackHoled;
    private volatile boolean closed;
    private final AtomicInteger accepted = new AtomicInteger();

    TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restore();
    }

    URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    /** Closes every connection through the proxy and refuses new ones. */
    synchronized void sever() {
        try {
            if (server != null) {
                server.close();
                server = null;
            }
        } catch (IOException ignored) {
            // closed anyway
        }
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    /** Drops every byte of the connections open now, for good, and of new ones until {@link #restore()}. */
    void blackHole() {
        blackHoled = true;
        dead.forEach(d -> d.set(true));
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Accepts and forwards connections again, on the same port (connections black-holed before stay dead). */
    synchronized void restore() {
        blackHoled = false;
        if (server != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = s;
            Thread acceptor = new Thread(() -> accept(s), "tcp-proxy-accept-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket s) {
        while (!closed && !s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                AtomicBoolean drop = new AtomicBoolean(blackHoled);
                dead.add(drop);
                accepted.incrementAndGet();
                pump(client, upstream, drop);
                pump(upstream, client, drop);
            } catch (IOException e) {
                return; // severed or closed
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean drop) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!drop.get()) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException ignored) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump-" + port);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closed anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        sever();
    }
}
