package dev.sluice.dependency;

/** What an operator can force a dependency's breaker to ({@code /admin/dependencies/{name}}). */
public enum BreakerOverride {
    /** Refuse every call (FORCED_OPEN): the dependency is known to be down or under maintenance. */
    OPEN,
    /** Let every call through and record nothing (DISABLED). */
    CLOSED,
    /** Back to normal operation (CLOSED, counting afresh). */
    NONE
}
