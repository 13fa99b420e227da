package dev.sluice.internal.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.clientlimit.ClientLimitPolicy;
import dev.sluice.clientlimit.Quota;
import dev.sluice.dependency.BreakerStatus;
import dev.sluice.http.RetryAfter;
import dev.sluice.internal.failure.StatusAudit;
import dev.sluice.internal.maintenance.MaintenanceJson;
import dev.sluice.internal.shedding.LoadShedder;
import dev.sluice.maintenance.MaintenanceState;
import dev.sluice.maintenance.MaintenanceWindow;
import dev.sluice.shedding.Priority;
import dev.sluice.store.StoreStatus;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the admin surface reports: the maintenance in force (if any), where it came from, the
 * scheduled windows, and the store that holds the switch.
 *
 * @param maintenance in force now, or empty
 * @param source      {@code operator} (switched on through admin or the store) or {@code schedule}; null when off
 * @param store       the maintenance store ({@code memory}, {@code file}, {@code redis}, {@code custom}) and, when
 *                    shared, whether it reaches the shared state
 * @param clientLimitStore where the per-client buckets live, likewise
 * @param windows     configured scheduled windows
 * @param dependencies declared dependencies and their breakers' status
 * @param clientLimits the per-client limit policies (never the clients' keys)
 * @param shedding     the load shedder's limit, in-flight count and refusals; empty when shedding is off
 * @param auditFindings how often the application itself answered misleadingly, by finding
 * @param appStatuses  how often the application itself answered 429, 500, 502, 503, 504
 * @param drainingSince when the instance began draining on shutdown; empty while it runs
 * @param now         the moment this state was read
 */
public record AdminState(Optional<MaintenanceState> maintenance, String source, StoreStatus store, StoreStatus clientLimitStore,
                         List<MaintenanceWindow> windows, List<DependencyView> dependencies,
                         List<ClientLimitPolicy> clientLimits, Optional<LoadShedder.Snapshot> shedding, Map<StatusAudit.Finding, Long> auditFindings,
                         Map<Integer, Long> appStatuses, Optional<Instant> drainingSince, Instant now) {

    /** A dependency and what its breaker says now. */
    public record DependencyView(String name, String breaker, BreakerStatus status) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    private static void writeStoreStatus(JsonGenerator g, String field, StoreStatus status) throws java.io.IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("type", status.type());
        g.writeBooleanField("connected", status.connected());
        if (status.since() != null) {
            g.writeStringField("since", status.since().toString());
        }
        if (status.lastSync() != null) {
            g.writeStringField("lastSync", status.lastSync().toString());
        }
        g.writeEndObject();
    }

    /** The JSON document every admin surface answers with. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("maintenance");
            g.writeBooleanField("active", maintenance.isPresent());
            if (maintenance.isPresent()) {
                MaintenanceState s = maintenance.get();
                g.writeStringField("source", source);
                MaintenanceJson.writeMembers(s, g);
                RetryAfter r = s.until() != null ? RetryAfter.at(s.until(), now)
                        : s.retryAfter() != null ? RetryAfter.after(s.retryAfter(), now) : null;
                if (r != null) {
                    g.writeNumberField("retryAfterSeconds", r.seconds());
                }
            }
            g.writeStringField("store", store.type());
            if (store.shared()) {
                writeStoreStatus(g, "storeStatus", store);
            }
            g.writeEndObject();
            if (clientLimitStore.shared()) {
                writeStoreStatus(g, "clientLimitStore", clientLimitStore);
            }
            g.writeArrayFieldStart("schedule");
            for (MaintenanceWindow w : windows) {
                g.writeStartObject();
                g.writeStringField("start", w.start().toString());
                g.writeStringField("end", w.end().toString());
                g.writeStringField("mode", w.mode().name());
                g.writeStringField("message", w.message());
                g.writeArrayFieldStart("scope");
                for (String p : w.scope().asStrings()) {
                    g.writeString(p);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("audit");
            g.writeObjectFieldStart("findings");
            for (Map.Entry<StatusAudit.Finding, Long> f : auditFindings.entrySet()) {
                g.writeNumberField(f.getKey().name(), f.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("applicationStatuses");
            for (Map.Entry<Integer, Long> st : appStatuses.entrySet()) {
                g.writeNumberField(Integer.toString(st.getKey()), st.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("clientLimits");
            for (ClientLimitPolicy p : clientLimits) {
                g.writeStartObject();
                g.writeStringField("policy", p.name());
                g.writeArrayFieldStart("routes");
                for (String r : p.routes().asStrings()) {
                    g.writeString(r);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("methods");
                for (String m : p.methods().stream().sorted().toList()) {
                    g.writeString(m);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("limits");
                for (Quota l : p.limits()) {
                    g.writeString(l.requests() + "/" + l.window());
                }
                g.writeEndArray();
                g.writeStringField("refill", p.refill().name());
                g.writeStringField("key", p.keys().stream().map(Enum::name).collect(java.util.stream.Collectors.joining(",")));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("shedding");
            g.writeBooleanField("enabled", shedding.isPresent());
            if (shedding.isPresent()) {
                LoadShedder.Snapshot s = shedding.get();
                g.writeStringField("limitType", s.limitType());
                g.writeNumberField("limit", s.limit());
                g.writeNumberField("inFlight", s.inFlight());
                g.writeObjectFieldStart("rejected");
                for (Map.Entry<Priority, Long> r : s.rejected().entrySet()) {
                    g.writeNumberField(r.getKey().label(), r.getValue());
                }
                g.writeEndObject();
                if (s.cpuLoad() >= 0) {
                    g.writeNumberField("cpuLoad", s.cpuLoad());
                }
            }
            g.writeEndObject();
            g.writeArrayFieldStart("dependencies");
            for (DependencyView d : dependencies) {
                g.writeStartObject();
                g.writeStringField("name", d.name());
                g.writeStringField("breaker", d.breaker());
                g.writeStringField("state", d.status().state().name());
                if (d.status().state() == BreakerStatus.State.OPEN && d.status().untilRetry() != null) {
                    g.writeNumberField("retryAfterSeconds", RetryAfter.after(d.status().untilRetry(), now).seconds());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("shutdown");
            g.writeBooleanField("draining", drainingSince.isPresent());
            if (drainingSince.isPresent()) {
                g.writeStringField("since", drainingSince.get().toString());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
