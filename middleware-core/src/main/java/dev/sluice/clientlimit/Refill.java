package dev.sluice.clientlimit;

/** How spent quota comes back ({@code sluice.client-limits.policies.<name>.refill}). */
public enum Refill {
    /** The whole quota comes back at the end of each window: "5 per 10 s" read as a fixed window. */
    INTERVAL,
    /** Tokens trickle back evenly over the window (one every window/quota). */
    GREEDY
}
