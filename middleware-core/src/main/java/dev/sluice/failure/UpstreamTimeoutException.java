package dev.sluice.failure;

/**
 * Thrown by an application acting as a gateway when its upstream did not answer in time. Sluice answers
 * 504 Gateway Timeout. The message is for logs; clients never see it.
 */
public class UpstreamTimeoutException extends RuntimeException {

    public UpstreamTimeoutException(String message) {
        super(message);
    }

    public UpstreamTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
