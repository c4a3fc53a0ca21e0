package io.kargotakip.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VapidKeysCommandTest {

    @Test
    void prints_a_fresh_key_pair_as_the_two_settings_lines_and_the_keys_belong_together() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.run(new String[]{"vapid-keys"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("KARGO_WEBPUSH_VAPID_PUBLIC_KEY=");
        assertThat(lines[1]).startsWith("KARGO_WEBPUSH_VAPID_PRIVATE_KEY=");
        byte[] point = Base64.getUrlDecoder().decode(lines[0].substring(lines[0].indexOf('=') + 1));
        byte[] scalar = Base64.getUrlDecoder().decode(lines[1].substring(lines[1].indexOf('=') + 1));
        assertThat(point).hasSize(65);
        assertThat(point[0]).isEqualTo((byte) 4);
        assertThat(scalar).hasSize(32);

        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        KeyFactory factory = KeyFactory.getInstance("EC");
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(factory.generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), spec)));
        signer.update("aud".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(factory.generatePublic(new ECPublicKeySpec(new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(point, 33, 65))), spec)));
        verifier.update("aud".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signature)).as("the public key is the private key's").isTrue();

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Main.run(new String[]{"vapid-keys"}, new PrintStream(again, true, StandardCharsets.UTF_8), System.err);
        assertThat(again.toString(StandardCharsets.UTF_8)).as("fresh each time").isNotEqualTo(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void takes_no_arguments() {
        assertThatThrownBy(() -> Main.run(new String[]{"vapid-keys", "--json"}, System.out, System.err))
                .isInstanceOf(Main.UsageError.class).hasMessage("usage: kargo vapid-keys");
    }
}
