package io.kargotakip.channels.operations;

import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Content;

/**
 * The weekly analytics report to operations by e-mail through SES v2: the report's HTML as the body (its charts are
 * inline SVG, which most mail clients show), its plain text as the alternative part. From the brand's verified address.
 */
public final class ReportEmail {

    private final SesV2Client ses;
    private final String from;
    private final String to;

    public ReportEmail(SesV2Client ses, String from, String to) {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw new IllegalArgumentException("the report mail needs KARGO_OPS_EMAIL and KARGO_OPS_EMAIL_FROM (or KARGO_BRAND_FROM_EMAIL)");
        }
        this.ses = ses;
        this.from = from;
        this.to = to;
    }

    /** @return SES's message id */
    public String send(String subject, String text, String html) {
        return ses.sendEmail(b -> b.fromEmailAddress(from).destination(d -> d.toAddresses(to))
                .content(c -> c.simple(s -> s.subject(utf8(OpsEmail.SUBJECT_PREFIX + subject))
                        .body(body -> body.text(utf8(text)).html(utf8(html)))))).messageId();
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }
}
