package dev.sluice.internal.event;

import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.internal.admin.AdminCaller;
import dev.sluice.internal.admin.AdminRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every change of state is one logfmt line on {@code dev.sluice.admin}: who, what, when, and never the token. */
class AuditLogTest {

    private static final String TOKEN = "audit-log-admin-token-0123456789";
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("dev.sluice.admin");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(handler);
    }

    @AfterEach
    void release() {
        logger.removeHandler(handler);
    }

    @Test
    void switchingMaintenanceOnAndOffAndDrainingAreOneLineEachWithWhoWhatAndWhen() {
        try (Sluice sluice = Sluice.create(SluiceConfig.builder().adminToken(TOKEN).build())) {
            sluice.adminHttp().handle(new AdminRequest("POST", "/admin/maintenance", "application/json", "Bearer " + TOKEN,
                    "{\"message\":\"Upgrade \\\"v2\\\" now\",\"scope\":[\"/payments/**\"]}".getBytes(StandardCharsets.UTF_8),
                    "192.0.2.7", AdminCaller.ANONYMOUS));
            sluice.admin().maintenanceOff("ops");
            sluice.drain().begin();
        }

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("event=maintenance-on actor=\"bearer token holder from 192.0.2.7\" at=")
                .contains(" mode=FULL ").contains(" scope=/payments/** ").endsWith(" message=\"Upgrade \\\"v2\\\" now\"")
                .doesNotContain(TOKEN);
        assertThat(lines.get(1)).matches("event=maintenance-off actor=ops at=\\S+");
        assertThat(lines.get(2)).startsWith("event=drain-begin actor=shutdown at=").endsWith(" serveFor=PT0S refuseFor=PT2S");
    }

    @Test
    void valuesThatWouldBreakTheLineAreQuoted() {
        assertThat(AuditLog.line("e", "a b", Instant.parse("2026-12-02T10:00:00Z"), "k", "x=y\nz", "none", null))
                .isEqualTo("event=e actor=\"a b\" at=2026-12-02T10:00:00Z k=\"x=y\\nz\"");
    }
}
