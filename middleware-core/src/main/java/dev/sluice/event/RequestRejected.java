package dev.sluice.event;

import dev.sluice.Rejection;

/** Sluice answered a request instead of the application. */
public record RequestRejected(String method, String path, Rejection rejection) {
}
