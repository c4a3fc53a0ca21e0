package io.kargotakip.emulators.s3;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 stand-in through the real SDK, with its default checksums (a CRC32 trailer on PUT, validated on GET). */
class S3SandboxTest {

    static S3Sandbox s3;
    static S3Client client;

    @BeforeAll
    static void start() {
        s3 = new S3Sandbox();
        client = S3Client.builder().endpointOverride(s3.endpoint()).forcePathStyle(true).region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                // the defaults, spelled out: the SDK computes and checks CRC32 whenever S3 supports it
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_SUPPORTED)
                .httpClient(UrlConnectionHttpClient.create()).build();
        s3.createBucket("brand");
    }

    @AfterAll
    static void stop() {
        client.close();
        s3.close();
    }

    @Test
    void an_object_put_by_the_sdk_reads_back_byte_for_byte_with_its_md5_etag() {
        String text = "version: 1\nkinds: [delivered]\n# Türkçe: ğüşiöç\n";
        var put = client.putObject(b -> b.bucket("brand").key("rules/rules.yaml"), RequestBody.fromString(text));
        assertThat(put.eTag()).isEqualTo("\"" + md5(text) + "\"");
        assertThat(new String(s3.object("brand", "rules/rules.yaml").orElseThrow().bytes(), StandardCharsets.UTF_8)).isEqualTo(text);

        ResponseBytes<GetObjectResponse> got = client.getObjectAsBytes(b -> b.bucket("brand").key("rules/rules.yaml").checksumMode(ChecksumMode.ENABLED));
        assertThat(got.asUtf8String()).isEqualTo(text);
        assertThat(got.response().eTag()).isEqualTo(put.eTag());
        assertThat(got.response().checksumCRC32()).as("the SDK was given a checksum to validate").isEqualTo(S3Sandbox.crc32(text.getBytes(StandardCharsets.UTF_8)));

        var head = client.headObject(b -> b.bucket("brand").key("rules/rules.yaml"));
        assertThat(head.eTag()).isEqualTo(put.eTag());
        assertThat(head.contentLength()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void a_get_with_the_current_etag_is_not_modified_and_one_with_an_old_etag_gets_the_new_bytes() {
        String first = s3.put("brand", "conditional.yaml", "one");
        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("brand").key("conditional.yaml").ifNoneMatch(first)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        s3.put("brand", "conditional.yaml", "two");
        assertThat(client.getObjectAsBytes(b -> b.bucket("brand").key("conditional.yaml").ifNoneMatch(first)).asUtf8String()).isEqualTo("two");
    }

    @Test
    void the_sdk_refuses_an_object_whose_checksum_does_not_match() {
        s3.put("brand", "corrupt.yaml", "version: 1");
        s3.answerWrongChecksums(true);
        try {
            assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("brand").key("corrupt.yaml").checksumMode(ChecksumMode.ENABLED)))
                    .hasMessageContaining("checksum");
        } finally {
            s3.answerWrongChecksums(false);
        }
    }

    @Test
    void a_wrong_checksum_is_refused() {
        assertThatThrownBy(() -> client.putObject(b -> b.bucket("brand").key("bad.txt").checksumCRC32("AAAAAA=="), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest"));
        assertThat(s3.object("brand", "bad.txt")).isEmpty();
    }

    @Test
    void list_objects_v2_gives_the_keys_under_a_prefix_only_page_by_page() {
        s3.createBucket("templates");
        s3.put("templates", "acme/sms/tr/shipped.txt", "a");
        s3.put("templates", "acme/email/en/shipped subject.subject", "b");
        s3.put("templates", "acme/email/tr/delivered.txt", "c");
        s3.put("templates", "other/sms/tr/shipped.txt", "d");
        assertThat(client.listObjectsV2Paginator(b -> b.bucket("templates").prefix("acme/").maxKeys(2)).contents().stream().map(S3Object::key))
                .containsExactly("acme/email/en/shipped subject.subject", "acme/email/tr/delivered.txt", "acme/sms/tr/shipped.txt");
        assertThat(client.listObjectsV2(b -> b.bucket("templates").prefix("none/")).contents()).isEmpty();
    }

    @Test
    void errors_are_s3s_no_such_key_no_such_bucket_and_access_denied() {
        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("brand").key("missing.yaml"))).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("nobucket").key("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket"));
        s3.createBucket("locked");
        s3.put("locked", "rules.yaml", "x");
        s3.deny("locked");
        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("locked").key("rules.yaml")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        s3.allow("locked");
        assertThat(client.getObjectAsBytes(b -> b.bucket("locked").key("rules.yaml")).asUtf8String()).isEqualTo("x");
    }

    static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
