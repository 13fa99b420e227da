package dev.sluice.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Wall-clock and monotonic time that tests move by hand, together, so no test sleeps. */
public final class TestTime {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private volatile Instant wall;

    public TestTime(Instant start) {
        this.wall = start;
    }

    public static TestTime at(String instant) {
        return new TestTime(Instant.parse(instant));
    }

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
        wall = wall.plus(d);
    }

    public long nanoTime() {
        return nanos.get();
    }

    public Instant now() {
        return wall;
    }

    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return wall;
            }
        };
    }
}
