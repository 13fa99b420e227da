package dev.sluice.event;

import dev.sluice.internal.failure.StatusAudit;

/** The application itself answered with a status that misleads clients (see {@link StatusAudit}). */
public record AuditFinding(StatusAudit.Finding finding, String method, String path, int status) {
}
