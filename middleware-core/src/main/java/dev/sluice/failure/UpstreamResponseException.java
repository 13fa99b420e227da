package dev.sluice.failure;

/**
 * Thrown by an application acting as a gateway when its upstream answered with something it cannot use
 * (unparseable, invalid, an error it must not pass on). Sluice answers 502 Bad Gateway.
 * The message is for logs; clients never see it.
 */
public class UpstreamResponseException extends RuntimeException {

    public UpstreamResponseException(String message) {
        super(message);
    }

    public UpstreamResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
