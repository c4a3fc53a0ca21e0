package io.kargotakip.local;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A fresh VAPID key pair (RFC 8292: ECDSA on P-256) in the form browsers and {@code web-push generate-vapid-keys}
 * use: the public key the uncompressed point {@code 04||x||y} (65 bytes), the private key the 32-byte scalar, both
 * base64url without padding. Made with the JDK alone: {@code ./kargo vapid-keys} and the local start need no library.
 */
record VapidKeyPair(String publicKey, String privateKey) {

    static VapidKeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ECPublicKey pub = (ECPublicKey) pair.getPublic();
            byte[] point = new byte[65];
            point[0] = 4;
            fixed(pub.getW().getAffineX(), point, 1);
            fixed(pub.getW().getAffineY(), point, 33);
            byte[] scalar = new byte[32];
            fixed(((ECPrivateKey) pair.getPrivate()).getS(), scalar, 0);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return new VapidKeyPair(b64.encodeToString(point), b64.encodeToString(scalar));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The two settings' lines, as an env file or a shell takes them. */
    String envLines() {
        return "KARGO_WEBPUSH_VAPID_PUBLIC_KEY=" + publicKey + "\nKARGO_WEBPUSH_VAPID_PRIVATE_KEY=" + privateKey;
    }

    /** An unsigned big-endian number in exactly 32 bytes (BigInteger may add a sign byte or drop leading zeros). */
    private static void fixed(BigInteger value, byte[] into, int offset) {
        byte[] bytes = value.toByteArray();
        int start = Math.max(0, bytes.length - 32);
        int length = bytes.length - start;
        System.arraycopy(bytes, start, into, offset + 32 - length, length);
    }
}
