package dev.sluice.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin reads its body without Vert.x's file uploads: an anonymous multipart POST, refused by the
 * authentication that follows, leaves no file on disk (Vert.x's default body handler writes every uploaded
 * part to {@code ./file-uploads} before the route's handler runs, and never deletes it).
 */
class AdminBodyTest {

    private static final String TOKEN = "extension-test-token-0123456789";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DemoResource.class))
            .overrideConfigKey("sluice.admin.token", TOKEN);

    @Test
    void aMultipartPostToTheAdminWritesNoFile() throws IOException {
        List<Path> before = uploads();

        for (int i = 0; i < 3; i++) {
            RestAssured.given().multiPart("file", "payload.bin", new byte[4096]).post("/q/maintenance").then().statusCode(401);
            RestAssured.given().header("Authorization", "Bearer " + TOKEN).multiPart("file", "payload.bin", new byte[4096])
                    .post("/q/maintenance").then().statusCode(415);
        }

        assertThat(uploads()).as("files under ./file-uploads").isEqualTo(before);
    }

    @Test
    void aBodyOverTheCapIs413() {
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).contentType("application/json")
                .body("{\"message\":\"" + "x".repeat(70 * 1024) + "\"}").post("/q/maintenance").then().statusCode(413);
        RestAssured.get("/hello").then().statusCode(200);
    }

    private static List<Path> uploads() throws IOException {
        Path dir = Path.of("file-uploads");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
