package dev.sluice;

/**
 * One check of the admission pipeline. The order of guards is fixed by the contract (maintenance, client
 * limit, dependency, overload), not by configuration.
 */
public interface Guard {

    /** The rejection for {@code request}, or {@code null} to let it go on to the next guard. */
    Rejection check(RequestInfo request);
}
