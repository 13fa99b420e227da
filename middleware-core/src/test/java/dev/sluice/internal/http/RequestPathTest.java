package dev.sluice.internal.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT §9: Sluice decides on the path the framework routes on, however the client spells it. */
class RequestPathTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiterString = " -> ", value = {
            "/quot%61 -> /quota",
            "/%71uota -> /quota",
            "/q/%2e%2e/quota -> /quota",
            "/q/%2E./quota -> /quota",
            "/q/../quota -> /quota",
            "/health/..;/quota -> /quota",
            "/quota;x -> /quota",
            "/quota;a=b/ -> /quota",
            "/quota;a=%zz -> /quota",
            "/;x/quota -> /quota",
            "//quota -> /quota",
            "/quota/ -> /quota",
            "/a/./b -> /a/b",
            "/a/%2e/b -> /a/b",
            "/p%61yments/x -> /payments/x",
            "/caf%C3%A9 -> /café",
            "/caf%c3%a9 -> /café",
            "/%F0%9F%98%80 -> /\uD83D\uDE00",
            "/a/b/.. -> /a",
            "/a/.. -> /",
            "/. -> /",
            "/// -> /",
            "quota -> /quota",
            "/100%25 -> /100%25",
            "/a%3bb -> /a%3Bb",
            "/a%20b -> /a b",
            "/a+b -> /a+b",
    })
    void aPathIsNormalisedAsTheFrameworkRoutesIt(String raw, String normalised) {
        assertThat(RequestPath.normalize(raw)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q%2F..%2Fquota", "/a%2fb", "/..", "/a/../../b", "/%2e%2e/quota", "/..;/quota",
            "/a%00b", "/a%1Fb", "/a%7Fb", "/a\u0000b", "/a\tb", "/a\\b", "/a%5Cb", "/a%5c..%5cb",
            "/a%zz", "/a%", "/a%4", "/a%4/b", "/a%G1", "/a%\u0661\u0661", "/caf%C3", "/caf%C3/x", "/caf%C3%28",
            "/%C0%AE%C0%AE/quota", "/%E0%80%AE", "/%ED%A0%80", "/%F4%90%80%80", "/%F8%88%80%80%80", "/%80", "/%FF"})
    void anAmbiguousPathHasNoNormalForm(String raw) {
        assertThat(RequestPath.normalize(raw)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/quota", "/health/ready", "/api/v1/orders/7", "/café", "/a.b/..c/...", "/*", "*"})
    void aCanonicalPathIsReturnedAsItIsWithoutAllocating(String path) {
        assertThat(RequestPath.normalize(path)).isSameAs(path);
    }

    @Test
    void noPathIsTheRoot() {
        assertThat(RequestPath.normalize(null)).isEqualTo("/");
        assertThat(RequestPath.normalize("")).isEqualTo("/");
    }

    @Property(tries = 3000)
    void normalisingTwiceChangesNothing(@ForAll("pathLike") String raw) {
        String once = RequestPath.normalize(raw);
        if (once != null) {
            assertThat(RequestPath.normalize(once)).as(raw).isEqualTo(once);
        }
    }

    @Property(tries = 3000)
    void everySpellingOfAPathNormalisesToIt(@ForAll("canonicalPaths") String path, @ForAll Random random) {
        String spelled = respell(path, random);

        assertThat(RequestPath.normalize(spelled)).as(spelled).isEqualTo(path);
    }

    @Property(tries = 2000)
    void percentEncodedTextDecodesExactlyAsStrictUtf8(@ForAll("utf8OrNot") byte[] bytes) {
        StringBuilder raw = new StringBuilder("/x");
        for (byte b : bytes) {
            raw.append('%').append(String.format("%02X", b & 0xFF));
        }
        String expected = strictUtf8(bytes);
        boolean unambiguous = expected != null
                && expected.chars().noneMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7F);

        String normalised = RequestPath.normalize(raw.toString());

        if (unambiguous) {
            String segment = "x" + expected.replace("%", "%25").replace(";", "%3B");
            assertThat(normalised).isEqualTo("/" + segment);
        } else {
            assertThat(normalised).isNull();
        }
    }

    @Property(tries = 2000)
    void anyTextIsNormalisedOrRefusedWithoutThrowing(@ForAll String raw) {
        String normalised = RequestPath.normalize(raw);

        if (normalised != null) {
            assertThat(normalised).matches(p -> p.equals("*") || p.startsWith("/"), "starts with '/'");
            assertThat(RequestPath.normalize(normalised)).isEqualTo(normalised);
        }
    }

    /** Random bytes (nearly never UTF-8) or the UTF-8 of random text. */
    @Provide
    Arbitrary<byte[]> utf8OrNot() {
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(8).map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(8), text);
    }

    /** Pieces that make up paths, hostile or not, so that encodings and dot-segments occur often. */
    @Provide
    Arbitrary<String> pathLike() {
        return Arbitraries.of("/", "/", "/", ".", "..", ";", ";x=1", "%2e", "%2E", "%2F", "%5C", "%25", "%3B", "%",
                        "%zz", "%C3%A9", "%C3", "%00", "\\", "a", "b", "é", "%61", "=", "*")
                .list().ofMaxSize(16).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> canonicalPaths() {
        Arbitrary<String> segment = Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9').withChars("-._~")
                .ofMinLength(1).ofMaxLength(6)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        return segment.list().ofMaxSize(5).map(segments -> "/" + String.join("/", segments));
    }

    /**
     * The same path as a client might send it: letters and dots percent-encoded, path parameters, a detour
     * through a segment and back, {@code .} segments, doubled slashes, a trailing slash.
     */
    private static String respell(String path, Random random) {
        List<String> segments = path.equals("/") ? List.of() : List.of(path.substring(1).split("/"));
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            noise(out, random);
            out.append('/').append(encodeSome(segment, random)).append(parameters(random));
        }
        noise(out, random);
        if (random.nextInt(4) == 0) {
            out.append('/');
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    /** Segments that change nothing, before the next real one. */
    private static void noise(StringBuilder out, Random random) {
        for (int i = random.nextInt(3); i > 0; i--) {
            switch (random.nextInt(4)) {
                case 0 -> out.append('/'); // an empty segment: a doubled slash
                case 1 -> out.append('/').append(encodeSome(".", random)).append(parameters(random));
                case 2 -> out.append('/').append(encodeSome("x" + random.nextInt(10), random)).append(parameters(random))
                        .append('/').append(encodeSome("..", random)).append(parameters(random));
                default -> out.append("/;jsessionid=").append(random.nextInt(1000));
            }
        }
    }

    private static String encodeSome(String segment, Random random) {
        StringBuilder out = new StringBuilder();
        for (char c : segment.toCharArray()) {
            if (random.nextInt(3) == 0) {
                String hex = String.format("%02X", (int) c);
                out.append('%').append(random.nextBoolean() ? hex : hex.toLowerCase());
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String parameters(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> ";";
            case 1 -> ";v=1.2";
            case 2 -> ";a=%2F..;b";
            default -> "";
        };
    }

    /** What the JDK's strict UTF-8 decoder makes of {@code bytes}, or null if they are not UTF-8. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
