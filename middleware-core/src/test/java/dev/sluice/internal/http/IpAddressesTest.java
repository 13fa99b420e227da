package dev.sluice.internal.http;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class IpAddressesTest {

    @Test
    void literalsParseToTheirBytesAndIpv4MappedFoldsToIpv4() {
        assertThat(IpAddresses.parse("192.0.2.1")).containsExactly(192, 0, 2, 1);
        assertThat(IpAddresses.parse("::")).containsExactly(new byte[16]);
        assertThat(IpAddresses.parse("::1")).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(IpAddresses.parse("2001:DB8::a:1")).containsExactly(
                0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a, 0, 1);
        assertThat(IpAddresses.parse("1::")).containsExactly(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(IpAddresses.parse("::1.2.3.4")).as("IPv4-compatible stays IPv6")
                .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4);
        assertThat(IpAddresses.parse("::ffff:192.0.2.1")).containsExactly(192, 0, 2, 1);
        assertThat(IpAddresses.parse("::ffff:c000:201")).containsExactly(192, 0, 2, 1);
        assertThat(IpAddresses.parse("1:2:3:4:5:6:7::")).as("'::' may stand for a single group").hasSize(16);
    }

    @Test
    void bracketsAZoneAndAnIpv4PortAreToleratedAsForwardedHeadersCarryThem() {
        assertThat(IpAddresses.parse("[2001:db8::17]:4711")).isEqualTo(IpAddresses.parse("2001:db8::17"));
        assertThat(IpAddresses.parse("fe80::1%eth0")).isEqualTo(IpAddresses.parse("fe80::1"));
        assertThat(IpAddresses.parse("[fe80::1%25eth0]")).isEqualTo(IpAddresses.parse("fe80::1"));
        assertThat(IpAddresses.parse(" 192.0.2.1:4711 ")).containsExactly(192, 0, 2, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {".a:b", "1:2:3", ":::", "1::2::3", "12345::", "::ffff:1.2.3", "localhost", "example.com",
            "", " ", "[]", "[::1", ":", "1:", ":1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:1", "::1.2.3.256", "::g", "::-1", "::+1", "1.2.3",
            "1.2.3.4.5", "256.1.1.1", "1..2.3", "example.com:80", "[example.com]", "::１"})
    void anythingButALiteralIsNoAddress(String text) {
        assertThat(IpAddresses.parse(text)).isNull();
    }

    /** Issue 13, item 14: a forwarded hop must never become a name-service lookup on the request thread. */
    @Test
    void noClassAsksTheNameServiceToResolveAnything() {
        JavaClasses core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sluice");

        noClasses().should().callMethod(InetAddress.class, "getByName", String.class)
                .orShould().callMethod(InetAddress.class, "getAllByName", String.class)
                .check(core);
    }

    @Property(tries = 2000)
    void anIpv4AddressRoundTrips(@ForAll @Size(4) byte[] address) throws UnknownHostException {
        String text = InetAddress.getByAddress(address).getHostAddress();

        assertThat(IpAddresses.parse(text)).as(text).containsExactly(address);
        assertThat(IpAddresses.format(IpAddresses.parse(text))).isEqualTo(text);
    }

    @Property(tries = 3000)
    void anIpv6AddressRoundTripsInEverySpelling(@ForAll("groups") int[] groups, @ForAll Random random)
            throws UnknownHostException {
        byte[] address = bytes(groups);
        byte[] expected = ipv4Mapped(address) ? Arrays.copyOfRange(address, 12, 16) : address;
        List<String> spellings = List.of(
                InetAddress.getByAddress(address).getHostAddress(),
                expanded(groups, random),
                compressed(groups, random),
                withDottedTail(groups, random),
                "[" + compressed(groups, random) + "]",
                compressed(groups, random) + "%eth0");

        for (String text : spellings) {
            assertThat(IpAddresses.parse(text)).as(text).containsExactly(expected);
        }
    }

    @Property(tries = 3000)
    void anyTextParsesOrIsNoAddressWithoutThrowing(@ForAll("addressLike") String text) {
        byte[] parsed = IpAddresses.parse(text);

        if (parsed != null) {
            assertThat(parsed.length).isIn(4, 16);
        }
    }

    @Property(tries = 1000)
    void arbitraryTextNeverThrows(@ForAll String text) {
        IpAddresses.parse(text);
    }

    /** Eight 16-bit groups, zero half of the time so that '::' has runs to stand for; sometimes IPv4-mapped. */
    @Provide
    Arbitrary<int[]> groups() {
        Arbitrary<Integer> group = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(0, 0xFFFF)));
        Arbitrary<int[]> any = group.array(int[].class).ofSize(8);
        Arbitrary<int[]> mapped = group.array(int[].class).ofSize(2).map(tail -> new int[] {0, 0, 0, 0, 0, 0xFFFF, tail[0], tail[1]});
        return Arbitraries.frequencyOf(Tuple.of(5, any), Tuple.of(1, mapped));
    }

    /** Pieces that nearly make a literal, so the parser's paths are all taken, not only its first check. */
    @Provide
    Arbitrary<String> addressLike() {
        return Arbitraries.of("0", "1", "12", "ff", "FFFF", "12345", ":", "::", ".", "255", "256", "[", "]", "%", "z", "-", " ")
                .list().ofMaxSize(14).map(pieces -> String.join("", pieces));
    }

    private static byte[] bytes(int[] groups) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (groups[i] >> 8);
            b[2 * i + 1] = (byte) groups[i];
        }
        return b;
    }

    private static boolean ipv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }

    /** All eight groups, four digits each, in a random mix of cases. */
    private static String expanded(int[] groups, Random random) {
        StringJoiner out = new StringJoiner(":");
        for (int g : groups) {
            out.add(randomCase(String.format("%04x", g), random));
        }
        return out.toString();
    }

    /** A random run of zero groups (if there is one) as '::', other groups without leading zeros. */
    private static String compressed(int[] groups, Random random) {
        return compressed(groups, 8, random);
    }

    /** The last 32 bits as a dotted quad, the rest compressed. */
    private static String withDottedTail(int[] groups, Random random) {
        String head = compressed(groups, 6, random);
        String quad = (groups[6] >> 8) + "." + (groups[6] & 0xFF) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xFF);
        return head.endsWith(":") ? head + quad : head + ":" + quad;
    }

    private static String compressed(int[] groups, int count, Random random) {
        List<int[]> zeroRuns = new java.util.ArrayList<>();
        for (int start = 0; start < count; start++) {
            for (int end = start; end < count && groups[end] == 0; end++) {
                zeroRuns.add(new int[] {start, end + 1});
            }
        }
        if (zeroRuns.isEmpty() || random.nextInt(4) == 0) {
            StringJoiner all = new StringJoiner(":");
            for (int i = 0; i < count; i++) {
                all.add(randomCase(Integer.toHexString(groups[i]), random));
            }
            return all.toString();
        }
        int[] run = zeroRuns.get(random.nextInt(zeroRuns.size()));
        StringJoiner before = new StringJoiner(":");
        StringJoiner after = new StringJoiner(":");
        for (int i = 0; i < run[0]; i++) {
            before.add(randomCase(Integer.toHexString(groups[i]), random));
        }
        for (int i = run[1]; i < count; i++) {
            after.add(randomCase(Integer.toHexString(groups[i]), random));
        }
        return before + "::" + after;
    }

    private static String randomCase(String hex, Random random) {
        return random.nextBoolean() ? hex.toUpperCase() : hex;
    }
}
