package io.kargotakip.channels.sms;

import io.kargotakip.core.channel.Channel;
import io.kargotakip.core.channel.ChannelException;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.channel.DeliveryReceipt;
import io.kargotakip.core.channel.MessageForm.SmsForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.RenderContext;
import io.kargotakip.core.channel.Segments;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SMS through Amazon SNS {@code Publish} to the customer's E.164 phone number, rendered from {@code templates/sms/}
 * (one {@code <kind>.txt} per locale), as a {@code Transactional} message from the configured sender ID.
 * <p>
 * What it refuses before SNS sees it, for good: a recipient that is not E.164; a text longer than
 * {@code KARGO_SMS_MAX_SEGMENTS} segments (never cut: a cut SMS can lose the tracking number); a link in an SMS to a
 * Turkish number (AWS: from 2026-04-01 such SMS may be blocked or have the link masked, so the built-in templates give
 * the carrier and tracking number instead). Throttling and SNS outages are retryable; invalid parameters, a refused
 * authorization and an opted-out number are not.
 */
public final class SnsSmsChannel implements Channel<SmsForm> {

    public static final String ID = "sms";

    static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";
    static final String SENDER_ID = "AWS.SNS.SMS.SenderID";

    private static final Set<String> RETRYABLE = Set.of("Throttled", "Throttling", "ThrottlingException", "InternalError",
            "InternalFailure", "ServiceUnavailable", "KMSThrottling");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern LINK = Pattern.compile("(?i)https?://|www\\.");
    private static final String TURKEY = "+90";

    private final SnsClient sns;
    private final SmsSettings settings;

    public SnsSmsChannel(SnsClient sns, SmsSettings settings) {
        this.sns = sns;
        this.settings = settings;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ContactKind contactKind() {
        return ContactKind.PHONE;
    }

    /** The {@code <kind>.txt} template, in GSM-7 letters unless {@code KARGO_SMS_ALPHABET=unicode}, with its segment count. */
    @Override
    public SmsForm render(RenderContext context) {
        SmsForm form = SmsForm.render(context);
        return settings.alphabet() == SmsSettings.Alphabet.GSM7 ? SmsForm.of(settings.alphabet().write(form.text())) : form;
    }

    @Override
    public DeliveryReceipt send(OutboundMessage<SmsForm> message) throws ChannelException {
        String to = message.recipient();
        String text = message.content().text();
        if (to == null || !E164.matcher(to).matches()) {
            throw new ChannelException("the recipient is not an E.164 phone number", false, null);
        }
        if (text.isBlank()) {
            throw new ChannelException("the SMS text is empty", false, null);
        }
        // counted again here: the form may come from elsewhere than render()
        int segments = Segments.count(text);
        if (segments > settings.maxSegments()) {
            throw new ChannelException("the SMS takes " + segments + " segments (" + (Segments.isGsm7(text) ? "GSM-7" : "UCS-2") + ", "
                    + text.length() + " characters), more than " + SmsSettings.MAX_SEGMENTS + "=" + settings.maxSegments()
                    + ": shorten the sms template; it is never cut", false, null);
        }
        if (to.startsWith(TURKEY) && LINK.matcher(text).find()) {
            throw new ChannelException("an SMS to a Turkish number must carry no link (blocked or masked from 2026-04-01): "
                    + "the sms template has one", false, null);
        }
        try {
            PublishResponse response = sns.publish(b -> b.phoneNumber(to).message(text).messageAttributes(Map.of(
                    SMS_TYPE, string(settings.smsType()),
                    SENDER_ID, string(settings.senderId()))));
            return new DeliveryReceipt(response.messageId());
        } catch (SnsException e) {
            // SNS's message can hold the phone number: only the code and status go into the reason
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
            boolean retryable = RETRYABLE.contains(code) || e.statusCode() == 429 || e.statusCode() >= 500;
            String what = "OptedOut".equals(code) ? " (the number opted out of SMS)" : "";
            throw new ChannelException("SNS refused the SMS: " + code + what + " (HTTP " + e.statusCode() + ")", retryable, e);
        } catch (SdkClientException e) {
            throw new ChannelException("SNS unreachable: " + e.getMessage(), true, e);
        }
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
