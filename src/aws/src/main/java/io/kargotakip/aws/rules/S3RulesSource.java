package io.kargotakip.aws.rules;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Objects;
import java.util.Optional;

/**
 * The rules file as an S3 object ({@code KARGO_RULES_SOURCE=s3://bucket/key}): its version is its ETag, and a look for a
 * new one is a conditional GET ({@code If-None-Match}), so an unchanged file costs a {@code 304} and no bytes.
 */
final class S3RulesSource implements RulesSource {

    private final S3Client s3;
    private final String bucket;
    private final String key;

    S3RulesSource(S3Client s3, String bucket, String key) {
        this.s3 = Objects.requireNonNull(s3);
        this.bucket = Objects.requireNonNull(bucket);
        this.key = Objects.requireNonNull(key);
    }

    @Override
    public String name() {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public Optional<Version> fetch(String knownVersion) throws Unreadable {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key)
                // S3 sends the object's checksum and the SDK checks the bytes against it
                .checksumMode(ChecksumMode.ENABLED);
        if (knownVersion != null) {
            request.ifNoneMatch(knownVersion);
        }
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(request.build());
            return Optional.of(new Version(object.response().eTag(), object.asUtf8String()));
        } catch (S3Exception e) {
            if (e.statusCode() == 304) {
                return Optional.empty();
            }
            throw new Unreadable(name() + ": " + AwsFailures.describe(e, "s3:GetObject"), e);
        } catch (SdkException e) {
            throw new Unreadable(name() + ": " + AwsFailures.describe(e, "s3:GetObject"), e);
        }
    }
}
