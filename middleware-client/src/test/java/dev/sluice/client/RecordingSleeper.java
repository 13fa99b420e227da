package dev.sluice.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the waits a blocking adapter would take instead of taking them. */
public final class RecordingSleeper implements Sleeper {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration wait) {
        waits.add(wait);
    }

    public List<Duration> waits() {
        return waits;
    }
}
