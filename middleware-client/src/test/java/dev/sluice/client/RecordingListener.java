package dev.sluice.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every decision, for tests that count attempts and read the waits. */
public final class RecordingListener implements SluiceRetryListener {

    private final List<RetryDecision> decisions = new CopyOnWriteArrayList<>();

    @Override
    public void onDecision(String method, RetryDecision decision) {
        decisions.add(decision);
    }

    public List<RetryDecision> decisions() {
        return decisions;
    }

    public List<RetryDecision.Retry> retries() {
        return decisions.stream().filter(RetryDecision.Retry.class::isInstance).map(RetryDecision.Retry.class::cast).toList();
    }

    public long stops(RetryDecision.StopReason reason) {
        return decisions.stream().filter(d -> d instanceof RetryDecision.Stop s && s.reason() == reason).count();
    }
}
