package dev.sluice;

/**
 * The permit of an admitted request. {@link #complete(Outcome)} returns the permit; calling it again
 * does nothing, so adapters may call it from every path that can end a request (normal end, error,
 * async timeout, client abort).
 */
public interface Ticket {

    /** Ticket of a request that holds no permit. */
    Ticket NONE = outcome -> { };

    void complete(Outcome outcome);

    /** How an admitted request ended. */
    enum Outcome {
        /** The application produced a response. */
        SUCCESS,
        /** The application failed (exception, async error). */
        FAILURE,
        /**
         * The client went away before a response was produced. Not a sign of overload: a client that opens and
         * resets requests must not be able to push an adaptive limit down.
         */
        CANCELLED,
        /** The server gave up on the request (an async timeout) before a response was produced: overload. */
        TIMED_OUT;

        /**
         * How a request the application answered ended, from the status it answered with: a 5xx is a failure (it
         * says nothing about how long the work takes when it works), anything else a success. Every adapter
         * reports an answered request this way.
         */
        public static Outcome answered(int status) {
            return status >= 500 ? FAILURE : SUCCESS;
        }
    }
}
