package dev.sluice.quarkus.runtime.devui;

import dev.sluice.Sluice;
import dev.sluice.internal.admin.AdminState;
import dev.sluice.maintenance.InvalidMaintenanceRequestException;
import dev.sluice.maintenance.MaintenanceRequest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/** The Dev UI card's JSON-RPC methods (dev mode only): read the state, switch maintenance on and off. */
public class SluiceDevUiService {

    @Inject
    Sluice sluice;

    /** The card's label: the maintenance mode, or "off". */
    public String label() {
        return sluice.admin().state().maintenance().map(m -> m.mode().name()).orElse("off");
    }

    /** The admin state, as the admin resource answers it. */
    public JsonObject state() {
        return new JsonObject(sluice.admin().state().toJson());
    }

    /** Switches maintenance on with the given message (blank: the configured default). */
    public JsonObject maintenanceOn(String message) {
        String json = message == null || message.isBlank() ? "{}" : new JsonObject().put("message", message).encode();
        try {
            AdminState state = sluice.admin().maintenanceOn(MaintenanceRequest.parse(json), "Dev UI");
            return new JsonObject(state.toJson());
        } catch (InvalidMaintenanceRequestException e) {
            return new JsonObject().put("error", e.getMessage());
        }
    }

    /** Switches maintenance off. */
    public JsonObject maintenanceOff() {
        return new JsonObject(sluice.admin().maintenanceOff("Dev UI").toJson());
    }
}
