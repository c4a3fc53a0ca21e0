package io.kargotakip.channels.operations;

import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.OperationsException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

import java.util.Set;

/**
 * Alerts to operations by e-mail through SES v2 (simple content, UTF-8): the subject is the alert's first line,
 * the body its text and key, and an {@code X-Kargo-Alert} header carries the key for mail filters. Throttling and
 * SES outages are retryable; a rejected message or an unverified sender is not. Sent from the brand's verified
 * address: an alert is the merchant's own mail.
 */
final class OpsEmail {

    static final String KEY_HEADER = "X-Kargo-Alert";
    static final String SUBJECT_PREFIX = "[Kargo Takip] ";
    /** SES takes long subjects, mail clients show about this much. */
    static final int MAX_SUBJECT = 120;
    private static final Set<String> RETRYABLE = Set.of("TooManyRequestsException", "LimitExceededException",
            "InternalFailure", "ServiceUnavailable", "Throttling", "ThrottlingException");

    private final SesV2Client ses;
    private final String from;

    OpsEmail(SesV2Client ses, String from) {
        this.ses = ses;
        this.from = from;
    }

    /** @return SES's message id */
    String send(String to, AlertRequest alert) throws OperationsException {
        try {
            return ses.sendEmail(b -> b.fromEmailAddress(from)
                    .destination(d -> d.toAddresses(to))
                    .content(c -> c.simple(s -> s.subject(utf8(subject(alert.text())))
                            .body(body -> body.text(utf8(alert.text() + "\n\n" + alert.key() + "\n")))
                            .headers(MessageHeader.builder().name(KEY_HEADER).value(oneLine(alert.key())).build())))).messageId();
        } catch (SesV2Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            boolean retryable = RETRYABLE.contains(code) || e.statusCode() == 429 || e.statusCode() >= 500;
            throw new OperationsException("SES refused the ops e-mail: " + code + " (HTTP " + e.statusCode() + ")", retryable, null, e);
        } catch (SdkClientException e) {
            throw new OperationsException("SES unreachable for the ops e-mail: " + e.getClass().getSimpleName(), true, null, e);
        }
    }

    static String subject(String text) {
        String first = oneLine(text.lines().findFirst().orElse(text));
        String subject = SUBJECT_PREFIX + first;
        return subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT - 1) + "…" : subject;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }
}
