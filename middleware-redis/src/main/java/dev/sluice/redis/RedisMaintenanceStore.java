package dev.sluice.redis;

import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.maintenance.MaintenanceState;
import dev.sluice.maintenance.MaintenanceStore;
import dev.sluice.store.RedisSettings;
import dev.sluice.store.StoreStatus;
import dev.sluice.store.StoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The maintenance switch every instance of a service shares through Redis (CONTRACT §10).
 *
 * <p>One key, {@code <namespace>:maintenance}, holds the state with a version (see {@link VersionedState}); every
 * write goes through a Lua script that gives it the next version and publishes it on
 * {@code <namespace>:maintenance:changed}. Each instance keeps the state in memory: {@link #current()} is a volatile
 * read, so Redis adds nothing to the admit path. The instance learns changes three ways: the published message
 * (within milliseconds), a re-read of the key every time the channel is subscribed (again) or the command connection
 * is made (again), and a re-read every poll interval as a safety net. A state is only ever replaced by a higher
 * version, so a message and a re-read arriving out of order cannot take the instance back.
 *
 * <p>Fail-static: while Redis is out of reach the instance keeps the last state it knew, and it keeps every state
 * it learns in a local file, so an instance started during an outage starts with it (or with
 * {@code sluice.maintenance.enabled} when it has no file). An admin write that Redis does not confirm within the
 * admin timeout throws {@link StoreUnavailableException} and changed nothing: the script refuses a write that reaches
 * Redis after half the admin timeout (measured on Redis's clock), so a write stuck in a hung connection cannot take
 * effect after the admin was told it failed.
 *
 * <p>A Redis that comes back empty (restarted without persistence) gets the newest state an instance knows written
 * back, only where Redis holds nothing or an older version: versions are Redis's clock, so whatever an operator
 * writes after the restart is newer than any state from before and wins. The configured default
 * ({@code sluice.maintenance.enabled}) is written only where Redis holds nothing and the instance knows nothing, with
 * the lowest version, so any state anyone knows beats it.
 */
final class RedisMaintenanceStore implements MaintenanceStore {

    /** How soon a failed read is tried again (also the cadence at which the poll interval is checked). */
    static final Duration RETRY = Duration.ofMillis(200);

    private static final System.Logger LOG = System.getLogger(RedisMaintenanceStore.class.getName());
    private static final String LATE = "LATE";

    /** Reads the key with Redis's clock: {seconds, microseconds, value or ''}. */
    private static final String READ_SCRIPT = """
            local t = redis.call('TIME')
            local v = redis.call('GET', KEYS[1])
            if not v then v = '' end
            return {t[1], t[2], v}""";

    /**
     * An admin write: refused when it arrives after its deadline (Redis's clock, ms; 0: none); otherwise stored with
     * a version above Redis's clock, the stored version and the writer's known version, and published.
     * ARGV: maintenance JSON or 'null', deadline, channel, writer's known version.
     */
    static final String WRITE_SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local deadline = tonumber(ARGV[2])
            if deadline > 0 and now > deadline then
              return redis.error_reply('LATE the write reached Redis ' .. (now - deadline) .. ' ms after its deadline and was not made')
            end
            local version = now
            local known = tonumber(ARGV[4])
            if known >= version then version = known + 1 end
            local old = redis.call('GET', KEYS[1])
            if old then
              local ok, doc = pcall(cjson.decode, old)
              if ok and type(doc) == 'table' and type(doc.version) == 'number' and doc.version >= version
                  and doc.version < 9007199254740991 then
                version = doc.version + 1
              end
            end
            local value = '{"version":' .. string.format('%.0f', version) .. ',"maintenance":' .. ARGV[1] .. '}'
            redis.call('SET', KEYS[1], value)
            redis.call('PUBLISH', ARGV[3], value)
            return value""";

    /**
     * Writes a state back where Redis holds none or an older version (a Redis that lost its data); a value that is
     * not a state is left for an operator. Answers what Redis holds afterwards. ARGV: state JSON, its version, channel.
     */
    static final String WRITE_BACK_SCRIPT = """
            local old = redis.call('GET', KEYS[1])
            if old then
              local ok, doc = pcall(cjson.decode, old)
              if not (ok and type(doc) == 'table' and type(doc.version) == 'number') then return old end
              if doc.version >= tonumber(ARGV[2]) then return old end
            end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('PUBLISH', ARGV[3], ARGV[1])
            return ARGV[1]""";

    private final RedisLink link;
    private final ScheduledExecutorService executor;
    private final String key;
    private final String channel;
    private final Duration adminTimeout;
    private final long pollNanos;
    private final String defaultMessage;
    private final Duration defaultRetryAfter;
    private final Optional<MaintenanceState> configuredDefault;
    private final StateFile stateFile;
    private final Clock clock;
    private final List<Consumer<Optional<MaintenanceState>>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstSync = new CountDownLatch(1);

    private volatile Optional<MaintenanceState> current;
    private volatile VersionedState known;      // replaced under this
    private volatile String knownFrom;          // where known came from, for the outage's log line
    private volatile RedisClock redisClock;     // from the last read; null before it
    private volatile Instant lastSync;
    // Store thread only:
    private boolean inSync;
    private long nextPoll;
    private long persisted;     // the version in the state file
    private String lastFileError;
    // Guarded by this:
    private String lastInvalid;

    RedisMaintenanceStore(RedisLink link, ScheduledExecutorService executor, RedisSettings redis, MaintenanceConfig config, Clock clock) {
        this.link = link;
        this.executor = executor;
        this.key = redis.namespace() + ":maintenance";
        this.channel = key + ":changed";
        this.adminTimeout = redis.adminTimeout();
        this.pollNanos = redis.pollInterval().toNanos();
        this.defaultMessage = config.message();
        this.defaultRetryAfter = config.retryAfter();
        this.clock = clock;
        this.stateFile = new StateFile(redis.stateFileOrDefault());
        this.configuredDefault = config.enabled()
                ? Optional.of(new MaintenanceState(config.mode(), config.message(), clock.instant(), null, config.scope(), config.retryAfter()))
                : Optional.empty();
        this.known = startingState();
        this.current = known.state();
        link.describeFallback(() -> "maintenance stays as last known, " + known + " from " + knownFrom
                + ", and admin writes answer 503 store-unavailable");
        link.subscribe(channel, new RedisLink.Subscriber() {
            @Override
            public void message(String message) {
                learn(message);
            }

            @Override
            public void subscribed() {
                sync(); // what was published while the channel was not subscribed is in the key
            }
        });
        link.onConnected(this::sync);
    }

    /**
     * Reads the shared state (the link must have been started) and waits for that first read at most the admin
     * timeout; then keeps it current in the background.
     */
    void start() {
        link.execute(this::sync);
        long ms = RETRY.toMillis();
        executor.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
        try {
            firstSync.await(adminTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Optional<MaintenanceState> current() {
        return current;
    }

    @Override
    public void activate(MaintenanceState state) {
        write(Optional.of(state));
    }

    @Override
    public void deactivate() {
        write(Optional.empty());
    }

    @Override
    public StoreStatus status() {
        return new StoreStatus("redis", true, link.reachable(), link.since(), lastSync);
    }

    @Override
    public void onChange(Consumer<Optional<MaintenanceState>> listener) {
        listeners.add(listener);
    }

    /** The last state file, else the configured default, else none. */
    private VersionedState startingState() {
        try {
            Optional<String> text = stateFile.read();
            if (text.isPresent()) {
                VersionedState s = VersionedState.parse(text.get(), clock.instant(), defaultMessage, defaultRetryAfter);
                knownFrom = "the state file " + stateFile.path();
                persisted = s.version();
                return s;
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "Sluice's maintenance state file " + stateFile.path() + " cannot be used ("
                    + e.getMessage() + "); starting from " + (configuredDefault.isPresent() ? "sluice.maintenance.enabled" : "no maintenance"));
        }
        knownFrom = configuredDefault.isPresent() ? "the configured default (sluice.maintenance.enabled)" : "nowhere (no state known yet)";
        return new VersionedState(0, configuredDefault);
    }

    private void tick() {
        try {
            if (!inSync || System.nanoTime() - nextPoll >= 0) {
                sync();
            }
        } catch (RuntimeException | Error e) { // the schedule must outlive any one failure
            LOG.log(System.Logger.Level.WARNING, "Sluice's maintenance poll failed: " + e, e);
        }
    }

    /**
     * Reads the key and makes this instance and Redis agree: the higher version wins on both sides (a Redis that
     * lost its state gets the newest one written back). Store thread only.
     */
    private void sync() {
        try {
            RedisAsyncCommands<String, byte[]> redis = link.commands();
            if (redis == null) {
                inSync = false; // the link reports why
                return;
            }
            long before = System.nanoTime();
            List<Object> reply = await(redis.eval(READ_SCRIPT, ScriptOutputType.MULTI, new String[]{key}), "reading the maintenance state");
            long after = System.nanoTime();
            long redisMillis = Long.parseLong(text(reply.get(0))) * 1000 + Long.parseLong(text(reply.get(1))) / 1000;
            redisClock = new RedisClock(redisMillis, before + (after - before) / 2);
            String value = text(reply.get(2));
            VersionedState mine = known;
            if (value.isEmpty()) {
                VersionedState restore = mine.version() > 0 ? mine
                        : configuredDefault.map(s -> new VersionedState(1, Optional.of(s))).orElse(null);
                if (restore != null) {
                    learn(writeBack(redis, restore));
                }
            } else {
                VersionedState theirs = parseOrReport(value);
                if (theirs != null) {
                    synchronized (this) {
                        lastInvalid = null; // the key holds a valid state again: the next invalid one is news
                    }
                }
                if (theirs != null && theirs.version() < mine.version()) {
                    learn(writeBack(redis, mine));
                } else if (theirs != null) {
                    apply(theirs, "Redis");
                }
            }
            inSync = true;
            nextPoll = System.nanoTime() + pollNanos;
            lastSync = clock.instant();
            link.answered();
        } catch (StoreUnavailableException e) {
            inSync = false; // await told the link
        } catch (RuntimeException e) { // a reply that is not what the script answers: treat as a failed read
            inSync = false;
            link.failed("reading the maintenance state", e);
        } finally {
            firstSync.countDown();
        }
    }

    private String writeBack(RedisAsyncCommands<String, byte[]> redis, VersionedState state) {
        String json = state.toJson();
        byte[] reply = await(redis.eval(WRITE_BACK_SCRIPT, ScriptOutputType.VALUE, new String[]{key},
                bytes(json), bytes(Long.toString(state.version())), bytes(channel)), "writing the maintenance state back");
        String held = new String(reply, StandardCharsets.UTF_8);
        if (held.equals(json)) {
            LOG.log(System.Logger.Level.INFO, state.version() == 1
                    ? "Redis held no maintenance state for " + key + ": wrote the configured default, " + state
                    : "Redis held no maintenance state for " + key + " or an older one (restarted empty?): wrote back the newest this "
                    + "instance knows, " + state);
        }
        return held;
    }

    /** Applies a state someone published or Redis holds, if it is newer than the one this instance has. */
    private void learn(String text) {
        VersionedState s = parseOrReport(text);
        if (s != null) {
            apply(s, "Redis");
            lastSync = clock.instant();
        }
    }

    private void write(Optional<MaintenanceState> next) {
        RedisAsyncCommands<String, byte[]> redis = link.commands();
        RedisClock rc = redisClock;
        if (redis == null || rc == null) {
            throw new StoreUnavailableException("Redis at " + link.target() + " is not connected", null);
        }
        long deadline = rc.now() + adminTimeout.toMillis() / 2;
        RedisFuture<byte[]> written = redis.eval(WRITE_SCRIPT, ScriptOutputType.VALUE, new String[]{key},
                bytes(VersionedState.maintenanceJson(next)), bytes(Long.toString(deadline)), bytes(channel),
                bytes(Long.toString(known.version())));
        String text = new String(await(written, "writing the maintenance state"), StandardCharsets.UTF_8);
        lastSync = clock.instant();
        apply(VersionedState.parse(text, clock.instant(), defaultMessage, defaultRetryAfter), "this instance");
    }

    /**
     * The command's reply within the admin timeout; else the command is cancelled (so a queued one is never sent),
     * the link hears of it, and {@link StoreUnavailableException} says nothing was changed.
     */
    private <T> T await(RedisFuture<T> future, String what) {
        try {
            return future.get(adminTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisCommandExecutionException r && r.getMessage() != null && r.getMessage().startsWith(LATE)) {
                throw new StoreUnavailableException("Redis at " + link.target() + " answered too late: " + r.getMessage().substring(LATE.length() + 1), r);
            }
            link.failed(what, e);
            throw new StoreUnavailableException("Redis at " + link.target() + " failed while " + what + ": " + RedisLink.describe(e), e);
        } catch (TimeoutException e) {
            future.cancel(false);
            link.failed(what + ": no answer within " + adminTimeout.toMillis() + " ms", null);
            throw new StoreUnavailableException("Redis at " + link.target() + " did not answer within " + adminTimeout.toMillis() + " ms while "
                    + what, e);
        } catch (RuntimeException e) { // e.g. a command Lettuce refuses before sending it
            link.failed(what, e);
            throw new StoreUnavailableException("Redis at " + link.target() + " failed while " + what + ": " + RedisLink.describe(e), e);
        }
    }

    /**
     * Makes {@code s} the current state if it is newer than the one held, and tells the listeners; the state file
     * is written on the store's thread. Older or equal versions change nothing.
     */
    private synchronized void apply(VersionedState s, String from) {
        if (s.version() <= known.version()) {
            return;
        }
        boolean changed = !s.state().equals(known.state());
        known = s;
        knownFrom = from;
        current = s.state();
        link.execute(this::persist);
        if (changed) {
            for (Consumer<Optional<MaintenanceState>> l : listeners) {
                l.accept(s.state());
            }
        }
    }

    /** Writes the state held now to the state file (a later call writes a later state; store thread only). */
    private void persist() {
        VersionedState s = known;
        if (s.version() == 0 || s.version() == persisted) {
            return;
        }
        try {
            stateFile.write(s.toJson());
            persisted = s.version();
            lastFileError = null;
        } catch (IOException | RuntimeException e) {
            String error = e.toString();
            if (!error.equals(lastFileError)) {
                lastFileError = error;
                LOG.log(System.Logger.Level.WARNING, "Sluice cannot keep the maintenance state in " + stateFile.path() + " (" + error
                        + "); a restart while Redis is out of reach will not know it");
            }
        }
    }

    /**
     * The state in {@code text}, or {@code null} after logging why it is not one, once for the same text until the
     * key reads valid again (a late message with an older valid state says nothing about what the key holds now).
     */
    private VersionedState parseOrReport(String text) {
        try {
            return VersionedState.parse(text, clock.instant(), defaultMessage, defaultRetryAfter);
        } catch (IllegalArgumentException e) {
            synchronized (this) {
                if (!text.equals(lastInvalid)) {
                    lastInvalid = text;
                    LOG.log(System.Logger.Level.WARNING, "Redis holds a maintenance state under " + key + " that Sluice cannot use ("
                            + e.getMessage() + "); keeping " + known + " (logged once)");
                }
            }
            return null;
        }
    }

    private static String text(Object reply) {
        return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Redis's clock as read at {@code atNanos} (this JVM's monotonic clock): the deadline of a write is set on it. */
    private record RedisClock(long millis, long atNanos) {
        long now() {
            return millis + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - atNanos);
        }
    }
}
