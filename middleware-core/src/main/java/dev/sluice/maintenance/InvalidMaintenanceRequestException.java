package dev.sluice.maintenance;

/** Maintenance input that cannot be applied; {@link #field()} names the offending JSON member. */
public final class InvalidMaintenanceRequestException extends IllegalArgumentException {

    private final String field;

    public InvalidMaintenanceRequestException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
