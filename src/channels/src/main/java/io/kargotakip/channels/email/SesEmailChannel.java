package io.kargotakip.channels.email;

import io.kargotakip.core.channel.Channel;
import io.kargotakip.core.channel.ChannelException;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.channel.DeliveryReceipt;
import io.kargotakip.core.channel.MessageForm.EmailForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.RenderContext;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * E-mail through Amazon SES, to the customer's e-mail address, rendered from {@code templates/email/} (v2 SendEmail, simple content): subject, plain text and HTML in UTF-8,
 * the RFC 8058 one-click unsubscribe headers, and a configuration set (when given) so SES publishes
 * delivery, open and click events. Throttling and SES outages are retryable; rejected content,
 * unverified senders and suspended accounts are not.
 */
public final class SesEmailChannel implements Channel<EmailForm> {

    public static final String ID = "email";
    /** The SES message tag that carries our notification id, so its events name the notification ({@link SesEvents}). */
    public static final String NOTIFICATION_TAG = "notification";

    private static final Set<String> RETRYABLE = Set.of("TooManyRequestsException", "LimitExceededException",
            "InternalFailure", "ServiceUnavailable", "Throttling", "ThrottlingException");

    private final SesV2Client ses;
    private final String fromAddress;
    private final String configurationSet;

    public SesEmailChannel(SesV2Client ses, String fromAddress, String configurationSet) {
        this.ses = ses;
        this.fromAddress = fromAddress;
        this.configurationSet = configurationSet;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ContactKind contactKind() {
        return ContactKind.EMAIL;
    }

    @Override
    public EmailForm render(RenderContext context) {
        return EmailForm.render(context);
    }

    @Override
    public DeliveryReceipt send(OutboundMessage<EmailForm> message) throws ChannelException {
        List<MessageHeader> headers = new ArrayList<>();
        if (message.unsubscribeUrl() != null) {
            headers.add(MessageHeader.builder().name("List-Unsubscribe").value("<" + message.unsubscribeUrl() + ">").build());
            headers.add(MessageHeader.builder().name("List-Unsubscribe-Post").value("List-Unsubscribe=One-Click").build());
        }
        Body.Builder body = Body.builder().text(utf8(message.content().text()));
        if (message.content().html() != null) {
            body.html(utf8(message.content().html()));
        }
        try {
            SendEmailResponse response = ses.sendEmail(b -> {
                b.fromEmailAddress(fromAddress)
                        .destination(d -> d.toAddresses(message.recipient()))
                        .content(c -> c.simple(s -> s.subject(utf8(message.content().subject())).body(body.build()).headers(headers)))
                        .emailTags(t -> t.name(NOTIFICATION_TAG).value(message.notificationId()));
                if (configurationSet != null && !configurationSet.isBlank()) {
                    b.configurationSetName(configurationSet);
                }
            });
            return new DeliveryReceipt(response.messageId());
        } catch (SesV2Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            boolean retryable = RETRYABLE.contains(code) || e.statusCode() == 429 || e.statusCode() >= 500;
            throw new ChannelException("SES refused the e-mail: " + code + " (HTTP " + e.statusCode() + ")", retryable, e);
        } catch (SdkClientException e) {
            throw new ChannelException("SES unreachable: " + e.getMessage(), true, e);
        }
    }

    private static Content utf8(String data) {
        return Content.builder().data(data == null ? "" : data).charset("UTF-8").build();
    }
}
