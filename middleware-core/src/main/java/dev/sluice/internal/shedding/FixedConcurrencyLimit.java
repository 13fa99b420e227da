package dev.sluice.internal.shedding;

import dev.sluice.shedding.ConcurrencyLimit;

/** A limit that does not move: the most requests the operator knows the service can serve at once. */
public final class FixedConcurrencyLimit implements ConcurrencyLimit {

    private final int limit;

    public FixedConcurrencyLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
        }
        this.limit = limit;
    }

    @Override
    public int current() {
        return limit;
    }

    @Override
    public String type() {
        return "fixed";
    }
}
