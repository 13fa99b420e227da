package dev.sluice.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * This instance's link to Redis: one connection for commands (the maintenance key, the buckets) and, once a store
 * subscribes, one for pub/sub; and what the instance knows about reaching Redis, for the stores' status and the log.
 *
 * <p>Connecting never fails the caller: the first connections are opened on the store's thread and retried every
 * {@link #CONNECT_RETRY} until Redis answers; after that Lettuce reconnects by itself (and re-subscribes), and
 * connections that miss two heartbeats in a row are replaced (Lettuce does not see a path that died silently). Whether
 * Redis is reachable is decided from evidence: connections lost or made, commands that fail or answer, and a
 * heartbeat ({@code PING}) every poll interval. The first evidence of an outage is logged once (WARN) with what the
 * instance does meanwhile, the first evidence of recovery once (INFO), so an outage costs two log lines however
 * many commands fail during it.
 */
final class RedisLink implements AutoCloseable {

    /** Keys as UTF-8 strings, values as bytes: what Bucket4j's proxy manager needs, and enough for the maintenance key. */
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** How long after a failed first connection the next attempt starts. */
    static final Duration CONNECT_RETRY = Duration.ofMillis(250);
    /**
     * Heartbeats missed in a row after which the connections are replaced: a connection whose path died silently (a
     * firewall or NAT dropping its packets) is otherwise only given up by TCP after many minutes of retransmissions.
     */
    static final int REOPEN_AFTER_MISSED_HEARTBEATS = 2;

    private static final System.Logger LOG = System.getLogger(RedisLink.class.getName());

    /** What a store does with its pub/sub channel. Called on the store's thread. */
    interface Subscriber {
        /** A message arrived on the channel. */
        void message(String message);

        /** The channel is subscribed (again): whatever was published while it was not has been missed. */
        void subscribed();
    }

    private final RedisClient client;
    private final String target;
    private final ScheduledExecutorService executor;
    private final Duration heartbeatInterval;
    private final Duration heartbeatTimeout;
    private final Clock clock;
    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final List<Runnable> connectedListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> recoveredListeners = new CopyOnWriteArrayList<>();
    private final List<Supplier<String>> fallbacks = new CopyOnWriteArrayList<>();
    private final StateListener stateListener = new StateListener();
    private volatile StatefulRedisConnection<String, byte[]> commands;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile boolean closed;
    private volatile boolean commandsUp;
    private volatile boolean pubSubUp;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private boolean connectPending; // store thread only
    private int missedHeartbeats;   // store thread only

    // Guarded by this:
    private boolean reachable;
    private boolean decided;     // whether any evidence has come in yet
    private boolean outageLogged;
    private volatile Instant since;

    /**
     * @param target            where Redis is, without credentials (for the log)
     * @param executor          the store's single thread; connecting and the heartbeat run on it
     * @param heartbeatInterval how often Redis is pinged
     * @param heartbeatTimeout  how long a ping may take
     */
    RedisLink(RedisClient client, String target, ScheduledExecutorService executor, Duration heartbeatInterval,
              Duration heartbeatTimeout, Clock clock) {
        this.client = client;
        this.target = target;
        this.executor = executor;
        this.heartbeatInterval = heartbeatInterval;
        this.heartbeatTimeout = heartbeatTimeout;
        this.clock = clock;
        this.since = clock.instant();
    }

    /** Starts connecting (in the background) and the heartbeat. */
    void start() {
        execute(this::connect);
        long ms = Math.max(1, heartbeatInterval.toMillis());
        executor.scheduleWithFixedDelay(this::heartbeat, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Waits at most {@code wait} for the first attempt to connect to end, whichever way it ends. */
    void awaitFirstAttempt(Duration wait) {
        try {
            firstAttempt.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String target() {
        return target;
    }

    /** The asynchronous commands, or {@code null} while no connection has been made (yet, or again after a reopen). */
    RedisAsyncCommands<String, byte[]> commands() {
        StatefulRedisConnection<String, byte[]> c = commands;
        return c == null ? null : c.async();
    }

    /** Subscribes {@code subscriber} to {@code channel}, now or as soon as the pub/sub connection is made. */
    void subscribe(String channel, Subscriber subscriber) {
        subscribers.put(channel, subscriber);
        StatefulRedisPubSubConnection<String, String> p = pubSub;
        if (p != null) {
            p.async().subscribe(channel);
        } else {
            execute(this::connect);
        }
    }

    /** Calls {@code listener} on the store's thread after the command connection is made or made again. */
    void onConnected(Runnable listener) {
        connectedListeners.add(listener);
    }

    /** Calls {@code listener} when Redis is reachable again after it was not (on the thread that saw it). */
    void onRecovered(Runnable listener) {
        recoveredListeners.add(listener);
    }

    /** Adds to the outage's log line what a store does while Redis is out of reach. */
    void describeFallback(Supplier<String> fallback) {
        fallbacks.add(fallback);
    }

    boolean reachable() {
        synchronized (this) {
            return reachable;
        }
    }

    /** When Redis last became reachable or unreachable (the link's start until the first evidence). */
    Instant since() {
        return since;
    }

    /** Evidence that Redis answers on the command connection: ends an outage once every connection is up again. */
    void answered() {
        commandsUp = true;
        recovered();
    }

    /**
     * Ends an outage (one INFO line if it was logged) when every connection of the link is up: the two connections
     * come back one after the other, and an outage is over only when both have.
     */
    private void recovered() {
        synchronized (this) {
            if (reachable && decided || !commandsUp || pubSub != null && !pubSubUp) {
                return;
            }
            Instant now = clock.instant();
            if (outageLogged) {
                LOG.log(System.Logger.Level.INFO, "Redis at " + target + " answers again after "
                        + Duration.between(since, now).toMillis() + " ms: shared state is in use again");
            }
            reachable = true;
            decided = true;
            outageLogged = false;
            since = now;
        }
        recoveredListeners.forEach(Runnable::run);
    }

    /** Evidence that Redis does not answer: starts an outage (one WARN line, with what the stores do meanwhile). */
    void failed(String what, Throwable cause) {
        synchronized (this) {
            if (!reachable && decided) {
                return;
            }
            reachable = false;
            decided = true;
            since = clock.instant();
            if (closed) {
                return;
            }
            outageLogged = true;
            StringBuilder line = new StringBuilder("Redis at ").append(target).append(" is unreachable (").append(what);
            if (cause != null) {
                line.append(": ").append(describe(cause));
            }
            line.append(")");
            for (Supplier<String> f : fallbacks) {
                line.append("; ").append(f.get());
            }
            line.append(". Retrying in the background; logged once until it answers again.");
            LOG.log(System.Logger.Level.WARNING, line.toString());
        }
    }

    /** A short description of a failure for the log: its type and message, and its root cause's message. */
    static String describe(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TimeoutException) {
            return "no answer in time";
        }
        StringBuilder s = new StringBuilder(t.getClass().getSimpleName());
        if (t.getMessage() != null) {
            s.append(": ").append(t.getMessage());
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != t && root.getMessage() != null) {
            s.append(" (").append(root.getMessage()).append(')');
        }
        return s.toString();
    }

    /** Runs {@code task} on the store's thread unless the store is closing. */
    void execute(Runnable task) {
        if (closed) {
            return;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // closing: nothing more to do
        }
    }

    /** Opens whatever connection is missing; on failure tries again after {@link #CONNECT_RETRY}. Store thread only. */
    private void connect() {
        if (closed) {
            return;
        }
        boolean connectedNow = false;
        try {
            if (commands == null) {
                StatefulRedisConnection<String, byte[]> c = client.connect(CODEC);
                c.addListener(stateListener);
                commandsUp = true;
                commands = c;
                connectedNow = true;
                if (closed) {
                    c.closeAsync();
                    return;
                }
            }
            if (!subscribers.isEmpty() && pubSub == null) {
                StatefulRedisPubSubConnection<String, String> p = client.connectPubSub(StringCodec.UTF8);
                p.addListener(stateListener);
                p.addListener(new Messages());
                pubSubUp = true;
                pubSub = p;
                if (closed) {
                    p.closeAsync();
                    return;
                }
                p.async().subscribe(subscribers.keySet().toArray(String[]::new));
            }
            answered();
            firstAttempt.countDown();
            if (connectedNow) {
                connectedListeners.forEach(Runnable::run);
            }
        } catch (RuntimeException e) {
            firstAttempt.countDown();
            if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
                // Not an outage: this client cannot connect at all (an application's client created without a URI).
                failed("the client cannot connect, not retried", e);
                return;
            }
            failed("cannot connect", e);
            if (!closed && !connectPending) {
                connectPending = true;
                try {
                    executor.schedule(() -> {
                        connectPending = false;
                        connect();
                    }, CONNECT_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closing) {
                    connectPending = false;
                }
            }
        }
    }

    /**
     * Pings Redis: the evidence that finds a hung Redis while no store is sending anything. After
     * {@link #REOPEN_AFTER_MISSED_HEARTBEATS} missed in a row the connections are replaced by new ones.
     */
    private void heartbeat() {
        RedisAsyncCommands<String, byte[]> redis = commands();
        if (redis == null || closed) {
            return; // connect() reports its own failures
        }
        RedisFuture<String> ping = redis.ping();
        try {
            ping.get(heartbeatTimeout.toMillis(), TimeUnit.MILLISECONDS);
            missedHeartbeats = 0;
            answered();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            ping.cancel(false);
            failed("no answer to PING within " + heartbeatTimeout.toMillis() + " ms", e instanceof TimeoutException ? null : e);
            // Only a connection Lettuce believes up is replaced; a lost one Lettuce is already making again.
            if (commandsUp && ++missedHeartbeats >= REOPEN_AFTER_MISSED_HEARTBEATS) {
                missedHeartbeats = 0;
                reopen();
            }
        }
    }

    /** Drops both connections and makes new ones (store thread only). The outage has been logged already. */
    private void reopen() {
        StatefulRedisPubSubConnection<String, String> p = pubSub;
        StatefulRedisConnection<String, byte[]> c = commands;
        pubSub = null;
        commands = null; // first, so the close is not taken for a new outage
        commandsUp = false;
        pubSubUp = false;
        if (p != null) {
            p.closeAsync();
        }
        if (c != null) {
            c.closeAsync();
        }
        connect();
    }

    /** Closes this link's connections (and waits a little for it, so an owned client's shutdown finds them closed). */
    @Override
    public void close() {
        closed = true;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        StatefulRedisPubSubConnection<String, String> p = pubSub;
        if (p != null) {
            closing.add(p.closeAsync());
        }
        StatefulRedisConnection<String, byte[]> c = commands;
        if (c != null) {
            closing.add(c.closeAsync());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(heartbeatTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closed as far as this store is concerned
        }
    }

    /** Connections lost and made again: evidence either way, and a made command connection is a reason to re-read. */
    private final class StateListener implements RedisConnectionStateListener {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
            if (closed || connection != commands && connection != pubSub) {
                return;
            }
            // The handshake (PING or HELLO) has been answered on this connection.
            if (connection == commands) {
                commandsUp = true;
            } else {
                pubSubUp = true;
            }
            recovered();
            if (connection == commands) {
                execute(() -> connectedListeners.forEach(Runnable::run));
            }
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (!closed && (connection == commands || connection == pubSub)) {
                if (connection == commands) {
                    commandsUp = false;
                } else {
                    pubSubUp = false;
                }
                failed("connection lost", null);
            }
        }
    }

    /** Hands what arrives on the pub/sub connection (a Netty thread) to the store's thread. */
    private final class Messages extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(String channel, String message) {
            Subscriber s = subscribers.get(channel);
            if (s != null) {
                execute(() -> s.message(message));
            }
        }

        @Override
        public void subscribed(String channel, long count) {
            pubSubUp = true; // Redis confirmed the subscription
            recovered();
            Subscriber s = subscribers.get(channel);
            if (s != null) {
                execute(s::subscribed);
            }
        }
    }
}
