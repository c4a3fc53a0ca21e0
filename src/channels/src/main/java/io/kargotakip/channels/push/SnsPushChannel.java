package io.kargotakip.channels.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.core.channel.Channel;
import io.kargotakip.core.channel.ChannelException;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.channel.DeliveryReceipt;
import io.kargotakip.core.channel.MessageForm.PushForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.PushPlatform;
import io.kargotakip.core.channel.RenderContext;
import io.kargotakip.core.channel.RenderedMessage;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Mobile push through Amazon SNS platform endpoints (FCM, APNs). The customer's {@link ContactKind#DEVICE_TOKEN}
 * contact holds the endpoint ARN the orders API made of the app's token ({@code PUT /orders/{id}/devices}); this
 * channel publishes to it ({@code TargetArn}) with {@code MessageStructure=json} and the payload of the endpoint's
 * platform, read from the ARN: {@code GCM} → {@code {"notification":{title,body},"data":{...}}}, {@code APNS} and
 * {@code APNS_SANDBOX} → {@code {"aps":{"alert":{title,body}}, ...data}} (pushed as {@code alert}).
 * Rendered from {@code templates/push/<locale>/<kind>.subject} (title) and {@code .txt} (body); the data carries
 * the message kind and the tracking link for the app to open.
 * <p>
 * {@code EndpointDisabled} (FCM or APNs called the token invalid, SNS disabled the endpoint) is final with reason
 * RECIPIENT, so the fallback chain moves on; the endpoint is left in SNS: the app's next registration brings its
 * current token (a new endpoint that replaces the contact). Throttling and SNS faults are retryable; anything else is final.
 */
public final class SnsPushChannel implements Channel<PushForm> {

    public static final String ID = "push";

    static final String APNS_PUSH_TYPE = "AWS.SNS.MOBILE.APNS.PUSH_TYPE";

    private static final Set<String> RETRYABLE = Set.of("Throttled", "Throttling", "ThrottlingException", "InternalError",
            "InternalFailure", "ServiceUnavailable", "KMSThrottling");
    /** Recipient problems: this device cannot be reached, another channel may reach the customer. */
    private static final Set<String> RECIPIENT = Set.of("EndpointDisabled", "NotFound");
    private static final Set<String> CONFIGURATION = Set.of("PlatformApplicationDisabled", "AuthorizationError");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnsClient sns;

    public SnsPushChannel(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ContactKind contactKind() {
        return ContactKind.DEVICE_TOKEN;
    }

    @Override
    public PushForm render(RenderContext context) {
        RenderedMessage parts = context.parts();
        if (parts.subject() == null || parts.subject().isBlank()) {
            throw new IllegalStateException("push template " + context.locale() + "/" + context.kind().templateName() + " has no .subject (the title)");
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("kind", context.kind().templateName());
        String link = context.value("tracking_link");
        if (link != null && !link.isBlank()) {
            data.put("tracking_link", link);
        }
        return new PushForm(parts.subject().strip(), parts.text().strip(), data);
    }

    @Override
    public DeliveryReceipt send(OutboundMessage<PushForm> message) throws ChannelException {
        String endpointArn = message.recipient() == null ? null : message.recipient().strip();
        PushPlatform platform = PushPlatform.ofEndpointArn(endpointArn).orElseThrow(() -> new ChannelException(
                "the device contact is not an SNS platform endpoint ARN (register the device with PUT /orders/{id}/devices)",
                false, ChannelException.Reason.RECIPIENT, null));
        PushForm form = message.content();
        if (form.title() == null || form.title().isBlank() || form.body() == null || form.body().isBlank()) {
            throw new ChannelException("the push has no title or no body", false, null);
        }
        PublishRequest.Builder request = PublishRequest.builder().targetArn(endpointArn).messageStructure("json")
                .message(message(platform, form));
        if (platform != PushPlatform.FCM) {
            // APNs wants the push type since iOS 13; SNS infers "background" only from a bare content-available
            request.messageAttributes(Map.of(APNS_PUSH_TYPE, MessageAttributeValue.builder().dataType("String").stringValue("alert").build()));
        }
        try {
            PublishResponse response = sns.publish(request.build());
            return new DeliveryReceipt(response.messageId());
        } catch (SnsException e) {
            // SNS's message can name the endpoint: only the code and status go into the reason
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
            boolean retryable = RETRYABLE.contains(code) || e.statusCode() == 429 || e.statusCode() >= 500;
            ChannelException.Reason reason = retryable ? ChannelException.Reason.OTHER
                    : RECIPIENT.contains(code) ? ChannelException.Reason.RECIPIENT
                    : CONFIGURATION.contains(code) ? ChannelException.Reason.CONFIGURATION : ChannelException.Reason.OTHER;
            String what = "EndpointDisabled".equals(code) ? " (the app's token is no longer valid; it re-registers on its next start)" : "";
            throw new ChannelException("SNS refused the push: " + code + what + " (HTTP " + e.statusCode() + ")", retryable, reason, e);
        } catch (SdkClientException e) {
            throw new ChannelException("SNS unreachable: " + e.getMessage(), true, e);
        }
    }

    /** The {@code MessageStructure=json} message: the platform's key, its payload as a JSON string (SNS's rule). */
    static String message(PushPlatform platform, PushForm form) {
        ObjectNode payload = JSON.createObjectNode();
        if (platform == PushPlatform.FCM) {
            ObjectNode notification = payload.putObject("notification");
            notification.put("title", form.title());
            notification.put("body", form.body());
            ObjectNode data = payload.putObject("data");
            form.data().forEach(data::put);
        } else {
            ObjectNode alert = payload.putObject("aps").putObject("alert");
            alert.put("title", form.title());
            alert.put("body", form.body());
            // custom keys sit beside aps, as APNs has them; "aps" itself is never overwritten by data
            form.data().forEach((k, v) -> {
                if (!"aps".equals(k)) {
                    payload.put(k, v);
                }
            });
        }
        try {
            return JSON.writeValueAsString(Map.of(platform.snsName(), JSON.writeValueAsString(payload)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
