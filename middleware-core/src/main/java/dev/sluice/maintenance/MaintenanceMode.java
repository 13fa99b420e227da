package dev.sluice.maintenance;

/** What maintenance refuses. */
public enum MaintenanceMode {
    /** Every request in scope gets 503. */
    FULL,
    /** Only unsafe methods (not GET, HEAD, OPTIONS, TRACE) get 503; reads are served. */
    READ_ONLY
}
