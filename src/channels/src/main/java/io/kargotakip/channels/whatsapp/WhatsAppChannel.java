package io.kargotakip.channels.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.core.channel.Channel;
import io.kargotakip.core.channel.ChannelException;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.channel.DeliveryReceipt;
import io.kargotakip.core.channel.MessageForm.WhatsAppForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.RenderContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * WhatsApp Business through Meta's Cloud API ({@code POST <base>/<version>/<phone-number-id>/messages}, bearer token),
 * to the customer's WhatsApp id (their E.164 phone number unless the merchant gives another). It renders an approved
 * template of {@link WhatsAppTemplates} (name, language, body parameters in order): business-initiated messages must be
 * templates. A free-text form goes out as a text message, which WhatsApp allows only within 24 hours of the customer's
 * last message; whoever builds such a form must know that window is open.
 *
 * <p>Meta's error codes decide what a failure means (Meta says to go by {@code code}, not by the HTTP status or the
 * title): throughput and pair rate limits and Meta's outages are retried; an unreachable recipient (not on WhatsApp,
 * 131026) is final with {@link ChannelException.Reason#RECIPIENT}, so another channel may reach them; a missing,
 * paused or disabled template and the account's own problems (token, permissions, payment) are final with
 * {@link ChannelException.Reason#CONFIGURATION}: operations must act. Errors name the code, never the recipient.
 */
public final class WhatsAppChannel implements Channel<WhatsAppForm> {

    public static final String ID = "whatsapp";
    /** Meta's limit on a text message's body. */
    static final int MAX_TEXT = 4096;
    public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";
    public static final String DEFAULT_API_VERSION = "v23.0";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI messagesUri;
    private final String token;
    private final WhatsAppTemplates templates;

    /**
     * @param baseUrl       {@value #DEFAULT_BASE_URL}, or a local sandbox
     * @param apiVersion    the Graph API version, {@value #DEFAULT_API_VERSION}
     * @param phoneNumberId the business phone number's id (WhatsApp Manager), not the number itself
     * @param token         a system user's access token with whatsapp_business_messaging
     */
    public WhatsAppChannel(HttpClient http, String baseUrl, String apiVersion, String phoneNumberId, String token, WhatsAppTemplates templates) {
        this.http = Objects.requireNonNull(http);
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.messagesUri = URI.create(base + "/" + apiVersion + "/" + phoneNumberId + "/messages");
        this.token = Objects.requireNonNull(token);
        this.templates = Objects.requireNonNull(templates);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ContactKind contactKind() {
        return ContactKind.WHATSAPP;
    }

    /**
     * The kind's approved template in the customer's locale, its parameters filled from the message's variables.
     *
     * @throws IllegalStateException when the locale has no template or a variable has no value
     */
    @Override
    public WhatsAppForm render(RenderContext context) {
        // inside the customer-service window a free-form text may go (WhatsApp allows it only there): the kind's
        // templates/whatsapp/<locale>/<kind>.txt, when there is one; outside it, always the approved template
        if (context.conversationOpen() && context.templates().has(ID, context.locale(), context.kind().templateName())) {
            String text = context.parts().text().strip();
            if (text.length() > MAX_TEXT) {
                throw new IllegalStateException("WhatsApp text for " + context.kind().templateName() + " is over " + MAX_TEXT + " characters");
            }
            return WhatsAppForm.freeText(text);
        }
        WhatsAppTemplates.Template template = templates.find(context.kind(), context.locale()).orElseThrow(() ->
                new IllegalStateException("no WhatsApp template for " + context.kind().templateName() + " in locale " + context.locale()));
        List<String> values = new ArrayList<>();
        for (String variable : template.parameters()) {
            String value = context.value(variable);
            if (value == null) {
                throw new IllegalStateException("WhatsApp template " + template.name() + ": variable " + variable + " has no value");
            }
            values.add(parameter(value));
        }
        return WhatsAppForm.template(template.name(), template.language(), values);
    }

    /**
     * Meta refuses a parameter with a new line or tab, more than four spaces in a row, or no text: one line it is.
     */
    static String parameter(String value) {
        String line = value.replaceAll("[\\r\\n\\t]+", " ").replaceAll(" {4,}", " ").strip();
        return line.isEmpty() ? "-" : line;
    }

    @Override
    public DeliveryReceipt send(OutboundMessage<WhatsAppForm> message) throws ChannelException {
        byte[] body = body(message.recipient(), message.content());
        HttpRequest request = HttpRequest.newBuilder(messagesUri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ChannelException("WhatsApp Cloud API unreachable: " + e.getClass().getSimpleName(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException("interrupted while sending over WhatsApp", true, e);
        }
        JsonNode answer = readJson(response.body());
        if (response.statusCode() / 100 == 2) {
            String wamid = answer.path("messages").path(0).path("id").asText("");
            if (wamid.isEmpty()) {
                // accepted or not, we cannot tell: a retry could send it twice
                throw new ChannelException("WhatsApp answered HTTP " + response.statusCode() + " without a message id", false, null);
            }
            return new DeliveryReceipt(wamid);
        }
        throw failure(response.statusCode(), answer.path("error"), message.content());
    }

    static byte[] body(String recipient, WhatsAppForm form) {
        ObjectNode root = JSON.createObjectNode();
        root.put("messaging_product", "whatsapp");
        root.put("recipient_type", "individual");
        root.put("to", recipient);
        if (form.isTemplate()) {
            root.put("type", "template");
            ObjectNode template = root.putObject("template");
            template.put("name", form.templateName());
            template.putObject("language").put("code", form.language());
            if (!form.parameters().isEmpty()) {
                ObjectNode component = template.putArray("components").addObject();
                component.put("type", "body");
                ArrayNode parameters = component.putArray("parameters");
                form.parameters().forEach(p -> parameters.addObject().put("type", "text").put("text", p));
            }
        } else {
            root.put("type", "text");
            root.putObject("text").put("preview_url", false).put("body", form.freeText());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(byte[] body) {
        try {
            JsonNode node = body == null || body.length == 0 ? null : JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** What Meta's error code (or, without one, the HTTP status) means for this message. */
    static ChannelException failure(int status, JsonNode error, WhatsAppForm form) {
        int code = error.path("code").asInt(-1);
        String what = form.isTemplate() ? "template " + form.templateName() + "/" + form.language() : "free text";
        String prefix = "WhatsApp refused the message (" + what + "): code " + (code < 0 ? "none" : code) + " (HTTP " + status + ")";
        ErrorClass kind = classify(status, code);
        return new ChannelException(prefix + ", " + kind.description, kind.retryable, kind.reason, null);
    }

    /** Meta's error codes as channels.md lists them, by what the sender does about them. */
    enum ErrorClass {
        RATE_LIMITED(true, ChannelException.Reason.OTHER, "rate limited: later"),
        PROVIDER_DOWN(true, ChannelException.Reason.OTHER, "Meta is unavailable: later"),
        RECIPIENT(false, ChannelException.Reason.RECIPIENT, "the recipient cannot be reached on WhatsApp"),
        TEMPLATE(false, ChannelException.Reason.CONFIGURATION, "the template is missing, not approved, paused or does not match"),
        ACCOUNT(false, ChannelException.Reason.CONFIGURATION, "the WhatsApp account, token or permissions need attention"),
        WINDOW_CLOSED(false, ChannelException.Reason.OTHER, "more than 24 hours since the customer wrote: only a template may go"),
        REFUSED(false, ChannelException.Reason.OTHER, "refused");

        final boolean retryable;
        final ChannelException.Reason reason;
        final String description;

        ErrorClass(boolean retryable, ChannelException.Reason reason, String description) {
            this.retryable = retryable;
            this.reason = reason;
            this.description = description;
        }
    }

    /** What an error code means when Meta reports it later, in a failed status of the webhook. */
    public static ChannelException.Reason reasonOf(int code) {
        return classify(400, code).reason;
    }

    static ErrorClass classify(int status, int code) {
        switch (code) {
            case 130429, 131056, 80007, 4, 613:
                return ErrorClass.RATE_LIMITED;
            case 131000, 131016, 1, 2:
                return ErrorClass.PROVIDER_DOWN;
            case 131026, 131030, 131021, 131050, 131049, 130472:
                return ErrorClass.RECIPIENT;
            case 132000, 132001, 132007, 132012, 132015, 132016:
                return ErrorClass.TEMPLATE;
            case 0, 3, 10, 190, 131005, 131031, 131042, 368, 130497, 131064:
                return ErrorClass.ACCOUNT;
            case 131047:
                return ErrorClass.WINDOW_CLOSED;
            default:
                if (code >= 200 && code <= 299) {
                    return ErrorClass.ACCOUNT; // permission errors
                }
                if (status == 429) {
                    return ErrorClass.RATE_LIMITED;
                }
                if (status >= 500) {
                    return ErrorClass.PROVIDER_DOWN;
                }
                return ErrorClass.REFUSED;
        }
    }
}
