package org.giftportal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Signatures are the Standard Webhooks specification's: the specification's own example signs as it says, and a
 * signature made by openssl from the documented recipe (docs/api.md) is the portal's, byte for byte.
 */
class SignatureTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void theSpecificationsExampleSignsAsTheSpecificationSays() {
        assertThat(Signature.sign(SECRET, ID, TIMESTAMP, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aNewSecretIsTwentyFourRandomBytesAfterThePrefix() {
        String secret = Signature.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(24);
        assertThat(Signature.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void openSslFollowingTheDocumentedRecipeMakesTheSameSignature() throws Exception {
        String secret = Signature.newSecret();
        String body = "{\"id\":\"msg_01\",\"type\":\"balance.debited\",\"data\":{\"amount\":{\"minorUnits\":1250}}}";
        Path bodyFile = Files.createTempFile("webhook-body", ".json");
        Files.writeString(bodyFile, body, StandardCharsets.UTF_8);
        // The recipe of docs/api.md ("Verifying a webhook"), with its variables filled in.
        String script = "key_hex=$(printf '%s' \"${SECRET#whsec_}\" | openssl base64 -d -A | od -An -v -tx1"
                + " | tr -d ' \\n')\n"
                + "printf '%s.%s.%s' \"$ID\" \"$TIMESTAMP\" \"$(cat \"$BODY_FILE\")\""
                + " | openssl dgst -sha256 -mac HMAC -macopt \"hexkey:$key_hex\" -binary | openssl base64 -A\n";
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        shell.environment().put("SECRET", secret);
        shell.environment().put("ID", "msg_01");
        shell.environment().put("TIMESTAMP", "1765000000");
        shell.environment().put("BODY_FILE", bodyFile.toString());
        Process process = shell.start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String fromOpenSsl = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertThat(process.exitValue()).as(fromOpenSsl).isZero();
        assertThat("v1," + fromOpenSsl).isEqualTo(Signature.sign(secret, "msg_01", 1765000000L, body));
    }
}
