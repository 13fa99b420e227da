package dev.sluice.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How a blocking adapter waits before the next attempt. Injected so that tests record the waits instead of
 * spending them; asynchronous adapters do not use it (they schedule, they never park a thread).
 */
@FunctionalInterface
public interface Sleeper {

    /** Parks the current thread; an interrupt ends the wait and the call. */
    Sleeper THREAD = wait -> TimeUnit.NANOSECONDS.sleep(wait.toNanos());

    void sleep(Duration wait) throws InterruptedException;
}
