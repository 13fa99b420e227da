package dev.sluice.store;

/**
 * A change a shared store could not make because it cannot reach the shared state: nothing was changed,
 * on this instance or any other. The admin answers it with 503 {@code store-unavailable}, never pretending
 * that the change took effect.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
