package io.kargotakip.aws.rules;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Set;

/** One line on why an S3 or SSM read failed, for operators: the service's error code, never a stack trace or a credential. */
final class AwsFailures {

    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "Forbidden");
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchBucket", "ParameterNotFound", "ParameterVersionNotFound", "NotFound");

    private AwsFailures() {
    }

    /** @param permission the IAM action the read needs ({@code s3:GetObject}), named when access is denied */
    static String describe(SdkException e, String permission) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null
                    ? "HTTP " + service.statusCode() : service.awsErrorDetails().errorCode();
            if (DENIED.contains(code) || service.statusCode() == 403) {
                return "access denied (" + code + "): the role needs " + permission + " on it";
            }
            if (MISSING.contains(code) || service.statusCode() == 404) {
                return "does not exist (" + code + ")";
            }
            return code + " (HTTP " + service.statusCode() + ")";
        }
        // the network, a timeout, no credentials: the SDK's own sentence, first line only
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
