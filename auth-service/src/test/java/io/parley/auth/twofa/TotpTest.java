package io.parley.auth.twofa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {

    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 = ("1234567890123456789012345678901234567890123456789012345678901234")
            .getBytes(StandardCharsets.US_ASCII);
    private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

    /** RFC 6238 Appendix B. */
    @ParameterizedTest
    @CsvSource({
            "59, 94287082, 46119246, 90693936",
            "1111111109, 07081804, 68084774, 25091201",
            "1111111111, 14050471, 67062674, 99943326",
            "1234567890, 89005924, 91819424, 93441116",
            "2000000000, 69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void matchesTheRfc6238TestVectors(long unixTime, String sha1, String sha256, String sha512) {
        Instant at = Instant.ofEpochSecond(unixTime);
        assertThat(code("HmacSHA1", SEED_SHA1, at)).isEqualTo(sha1);
        assertThat(code("HmacSHA256", SEED_SHA256, at)).isEqualTo(sha256);
        assertThat(code("HmacSHA512", SEED_SHA512, at)).isEqualTo(sha512);
    }

    /** RFC 4226 Appendix D: HOTP is TOTP with the counter given directly. */
    @Test
    void matchesTheRfc4226HotpTestVectors() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(Totp.STANDARD.code(SEED_SHA1, counter)).as("counter %d", counter).isEqualTo(expected[counter]);
        }
    }

    @Test
    void acceptsTheCodeOfTheStepBeforeAndAfterButNoFurther() {
        Instant now = Instant.ofEpochSecond(1_700_000_015);
        long step = Totp.STANDARD.stepAt(now);

        for (int offset = -1; offset <= 1; offset++) {
            assertThat(Totp.STANDARD.matchingStep(SEED_SHA1, Totp.STANDARD.code(SEED_SHA1, step + offset), now))
                    .as("offset %d", offset).hasValue(step + offset);
        }
        for (int offset : new int[] {-3, -2, 2, 3}) {
            String code = Totp.STANDARD.code(SEED_SHA1, step + offset);
            boolean collides = false;
            for (int near = -1; near <= 1; near++) {
                collides |= code.equals(Totp.STANDARD.code(SEED_SHA1, step + near));
            }
            if (!collides) {
                assertThat(Totp.STANDARD.matchingStep(SEED_SHA1, code, now)).as("offset %d", offset).isEmpty();
            }
        }
    }

    @Test
    void stepsAreThirtySecondsFromTheEpoch() {
        assertThat(Totp.STANDARD.stepAt(Instant.ofEpochSecond(0))).isZero();
        assertThat(Totp.STANDARD.stepAt(Instant.ofEpochSecond(29))).isZero();
        assertThat(Totp.STANDARD.stepAt(Instant.ofEpochSecond(30))).isEqualTo(1);
        assertThat(Totp.STANDARD.stepAt(Instant.ofEpochSecond(59))).isEqualTo(1);
    }

    @Test
    void toleratesSurroundingSpacesButNothingElseThanSixDigits() {
        Instant now = Instant.ofEpochSecond(1_700_000_015);
        String code = Totp.STANDARD.code(SEED_SHA1, Totp.STANDARD.stepAt(now));

        assertThat(Totp.STANDARD.matchingStep(SEED_SHA1, " " + code + "\n", now)).isPresent();
        assertThat(Totp.STANDARD.matchingStep(SEED_SHA1, code.substring(1), now)).isEmpty();
        assertThat(Totp.STANDARD.matchingStep(SEED_SHA1, code + "0", now)).isEmpty();
        assertThat(Totp.STANDARD.matchingStep(SEED_SHA1, code.substring(0, 3) + " " + code.substring(3), now)).isEmpty();
        assertThat(Totp.STANDARD.matchingStep(SEED_SHA1, "12345x", now)).isEmpty();
        assertThat(Totp.STANDARD.matchingStep(SEED_SHA1, "", now)).isEmpty();
        assertThat(Totp.STANDARD.matchingStep(SEED_SHA1, null, now)).isEmpty();
    }

    @Test
    void anotherSecretsCodeDoesNotMatch() {
        Instant now = Instant.ofEpochSecond(1_700_000_015);
        String code = Totp.STANDARD.code(SEED_SHA256, Totp.STANDARD.stepAt(now));
        long collisions = 0;
        for (int near = -1; near <= 1; near++) {
            collisions += code.equals(Totp.STANDARD.code(SEED_SHA1, Totp.STANDARD.stepAt(now) + near)) ? 1 : 0;
        }
        assertThat(collisions).isZero();
        assertThat(Totp.STANDARD.matchingStep(SEED_SHA1, code, now)).isEmpty();
    }

    @Test
    void base32EncodesAsRfc4648WithoutPadding() {
        String[][] vectors = {{"", ""}, {"f", "MY"}, {"fo", "MZXQ"}, {"foo", "MZXW6"}, {"foob", "MZXW6YQ"},
                {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"}};
        for (String[] vector : vectors) {
            byte[] data = vector[0].getBytes(StandardCharsets.US_ASCII);
            assertThat(Base32.encode(data)).isEqualTo(vector[1]);
            assertThat(AuthenticatorApp.base32Decode(vector[1])).isEqualTo(data);
        }
    }

    private static String code(String algorithm, byte[] seed, Instant at) {
        Totp totp = new Totp(algorithm, 8, THIRTY_SECONDS);
        return totp.code(seed, totp.stepAt(at));
    }
}
