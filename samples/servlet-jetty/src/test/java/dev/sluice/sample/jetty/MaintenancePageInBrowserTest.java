package dev.sluice.sample.jetty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.contract.ContractSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maintenance page as a visitor sees it, in a real headless Chromium whose clock is in Auckland: at desktop and
 * phone sizes it shows the operator's message and the end in the visitor's own time, and needs no horizontal
 * scrolling. Screenshots go to {@code target/screenshots}; {@code -Dscreenshots.write=true} copies them to
 * {@code docs/screenshots} (the README shows one).
 */
class MaintenancePageInBrowserTest {

    private static final String MESSAGE = "We are upgrading the database. Back within the hour.";
    private static JettySampleApp sample;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void startSampleInMaintenanceAndChromium() throws Exception {
        sample = JettySampleApp.start("127.0.0.1", 0, ContractSettings.properties());
        HttpResponse<String> on = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sample.baseUri().resolve("/admin/maintenance"))
                .header("Authorization", "Bearer " + ContractSettings.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + MESSAGE + "\",\"duration\":\"PT45M\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        chromium = HeadlessChromium.start("Pacific/Auckland");
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        sample.close();
    }

    @ParameterizedTest(name = "{0}: {1} x {2}")
    @CsvSource({"desktop, 1200, 800", "phone, 390, 844"})
    void aVisitorSeesTheMessageAndTheEndInTheirOwnTimeWithoutScrollingSideways(String name, int width, int height) throws Exception {
        chromium.open(sample.baseUri().resolve("/hello"), width, height);

        JsonNode seen = chromium.evaluate("({text: document.body.innerText, time: document.querySelector('time').textContent, "
                + "scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, "
                + "cardLeft: document.querySelector('main').getBoundingClientRect().left})");
        Path shot = Path.of("target", "screenshots", "maintenance-" + name + ".png");
        chromium.screenshot(shot);
        if (Boolean.getBoolean("screenshots.write")) {
            Path docs = Path.of("..", "..", "docs", "screenshots", shot.getFileName().toString());
            Files.createDirectories(docs.getParent());
            Files.copy(shot, docs, StandardCopyOption.REPLACE_EXISTING);
        }

        assertThat(seen.path("text").asText()).contains("Service Unavailable").contains(MESSAGE).contains("This page reloads itself then.");
        assertThat(seen.path("time").asText()).as("the end in the visitor's time zone (Auckland), not UTC")
                .doesNotContain("UTC").containsPattern("GMT\\+1[23]");
        assertThat(seen.path("scrollWidth").asInt()).as("no horizontal scrolling").isLessThanOrEqualTo(seen.path("innerWidth").asInt());
        assertThat(seen.path("cardLeft").asDouble()).as("the card keeps a margin from the screen's edge").isGreaterThanOrEqualTo(8);
        assertThat(Files.size(shot)).as("a screenshot was taken").isGreaterThan(5_000);
    }
}
