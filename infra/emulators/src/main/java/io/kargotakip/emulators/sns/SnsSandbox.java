package io.kargotakip.emulators.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A local stand-in for Amazon SNS's SMS publishing, in SNS's published wire format (the AWS Query protocol: a
 * form-encoded {@code POST /} with {@code Action=Publish&Version=2010-03-31&PhoneNumber=...&Message=...} and the
 * message attributes as {@code MessageAttributes.entry.N.*}; an XML {@code PublishResponse} with the
 * {@code MessageId}, or an XML {@code ErrorResponse}). It checks what SNS checks for an SMS (an E.164 number, a
 * message, the sender ID's form, the SMS type) and records every accepted publish: phone number, message and
 * attributes, readable in this JVM ({@link #published()}) and over HTTP ({@code GET /store}, JSON, like the SES
 * emulator's). A test or the demo can make it fail the next publishes, or every publish to one number, with
 * SNS's errors ({@code Throttled}, {@code InvalidParameter}, ...). The real SDK talks to it through
 * {@code endpointOverride} ({@code KARGO_ENDPOINT_SNS}).
 */
public final class SnsSandbox implements AutoCloseable {

    public static final String ENDPOINT_SETTING = "KARGO_ENDPOINT_SNS";

    /** One accepted publish. */
    public record Published(String messageId, String phoneNumber, String message, Map<String, String> attributes, Instant at) {
    }

    /** SNS's errors for Publish (code, HTTP status and fault as the SNS API model has them). */
    public enum Failure {
        THROTTLED(429, "Sender", "Throttled", "Rate exceeded"),
        INVALID_PARAMETER(400, "Sender", "InvalidParameter", "Invalid parameter: PhoneNumber Reason: the number is not valid to publish to"),
        OPTED_OUT(400, "Sender", "OptedOut", "Phone number is opted out"),
        AUTHORIZATION_ERROR(403, "Sender", "AuthorizationError", "User is not authorized to perform: SNS:Publish"),
        INTERNAL_ERROR(500, "Receiver", "InternalError", "Internal service error");

        final int status;
        final String type;
        final String code;
        final String message;

        Failure(int status, String type, String code, String message) {
            this.status = status;
            this.type = type;
            this.code = code;
            this.message = message;
        }
    }

    private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern SENDER_ID = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9-]{3,11}");
    private static final Pattern ATTRIBUTE = Pattern.compile("MessageAttributes\\.entry\\.(\\d+)\\.(Name|Value\\.DataType|Value\\.StringValue)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final List<Published> published = new ArrayList<>();
    private final Deque<Failure> next = new ArrayDeque<>();
    private final Map<String, Failure> byNumber = new ConcurrentHashMap<>();

    public SnsSandbox() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(new Api()));
        server.start();
        server.stubFor(get(urlPathEqualTo("/store")).willReturn(aResponse().withTransformers(Api.NAME)));
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(Api.NAME)));
    }

    /** Where the SDK is pointed ({@code endpointOverride}). */
    public URI endpoint() {
        return URI.create(server.baseUrl());
    }

    /** The setting that points the product's SNS client here. */
    public Map<String, String> settings() {
        return Map.of(ENDPOINT_SETTING, endpoint().toString());
    }

    /** The next publish fails this way (once per call; queued in order). */
    public synchronized void failNext(Failure failure) {
        next.add(failure);
    }

    /** Every publish to this number fails this way until {@link #clearFailures()}. */
    public void failFor(String phoneNumber, Failure failure) {
        byNumber.put(phoneNumber, failure);
    }

    public synchronized void clearFailures() {
        next.clear();
        byNumber.clear();
    }

    /** Every accepted publish so far, oldest first. */
    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    public List<Published> publishedTo(String phoneNumber) {
        return published().stream().filter(p -> p.phoneNumber().equals(phoneNumber)).toList();
    }

    /** Requests of any kind this endpoint received (accepted, refused or failed on purpose). */
    public int totalCalls() {
        return (int) server.getAllServeEvents().stream().filter(e -> !e.getRequest().getUrl().startsWith("/store")).count();
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized ResponseDefinition answer(ServeEvent event) {
        var request = event.getRequest();
        if (request.getUrl().startsWith("/store")) {
            return store();
        }
        if (!"POST".equals(request.getMethod().getName())) {
            return error(400, "Sender", "InvalidAction", "SNS's Query API takes form-encoded POST requests");
        }
        Map<String, String> form = form(request.getBodyAsString());
        String action = form.getOrDefault("Action", "");
        if (!action.equals("Publish")) {
            return error(400, "Sender", "InvalidAction", "The action " + action + " is not valid for this web service (this stand-in answers Publish)");
        }
        String phone = form.get("PhoneNumber");
        if (phone == null) {
            return error(400, "Sender", "InvalidParameter", "Invalid parameter: this stand-in publishes SMS only (PhoneNumber is required)");
        }
        Failure failure = Optional.ofNullable(next.poll()).orElse(byNumber.get(phone));
        if (failure != null) {
            return error(failure.status, failure.type, failure.code, failure.message);
        }
        if (!E164.matcher(phone).matches()) {
            return error(400, "Sender", "InvalidParameter", "Invalid parameter: PhoneNumber Reason: " + phone + " is not valid to publish to");
        }
        String message = form.get("Message");
        if (message == null || message.isEmpty()) {
            return error(400, "Sender", "InvalidParameter", "Invalid parameter: Empty message");
        }
        Map<String, String> attributes = attributes(form);
        String senderId = attributes.get("AWS.SNS.SMS.SenderID");
        if (senderId != null && !SENDER_ID.matcher(senderId).matches()) {
            return error(400, "Sender", "InvalidParameter", "Invalid parameter: MessageAttributes Reason: invalid sender ID");
        }
        String type = attributes.get("AWS.SNS.SMS.SMSType");
        if (type != null && !type.equals("Transactional") && !type.equals("Promotional")) {
            return error(400, "Sender", "InvalidParameter", "Invalid parameter: MessageAttributes Reason: SMSType must be Transactional or Promotional");
        }
        String messageId = UUID.randomUUID().toString();
        published.add(new Published(messageId, phone, message, Map.copyOf(attributes), Instant.now()));
        return xml(200, "<PublishResponse xmlns=\"" + NAMESPACE + "\"><PublishResult><MessageId>" + messageId
                + "</MessageId></PublishResult><ResponseMetadata><RequestId>" + UUID.randomUUID()
                + "</RequestId></ResponseMetadata></PublishResponse>");
    }

    private ResponseDefinition store() {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Published p : published) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("messageId", p.messageId());
            m.put("phoneNumber", p.phoneNumber());
            m.put("message", p.message());
            m.put("attributes", new TreeMap<>(p.attributes()));
            m.put("at", p.at().toString());
            messages.add(m);
        }
        try {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(Map.of("messages", messages))).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attributes of a Query-protocol publish: {@code MessageAttributes.entry.N.Name} → its string value. */
    static Map<String, String> attributes(Map<String, String> form) {
        Map<String, String> names = new TreeMap<>();
        Map<String, String> values = new TreeMap<>();
        form.forEach((key, value) -> {
            Matcher m = ATTRIBUTE.matcher(key);
            if (m.matches()) {
                if (m.group(2).equals("Name")) {
                    names.put(m.group(1), value);
                } else if (m.group(2).equals("Value.StringValue")) {
                    values.put(m.group(1), value);
                }
            }
        });
        Map<String, String> attributes = new LinkedHashMap<>();
        names.forEach((n, name) -> attributes.put(name, values.get(n)));
        return attributes;
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    private static ResponseDefinition error(int status, String type, String code, String message) {
        return xml(status, "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + type + "</Type><Code>" + code
                + "</Code><Message>" + escape(message) + "</Message></Error><RequestId>" + UUID.randomUUID()
                + "</RequestId></ErrorResponse>");
    }

    private static ResponseDefinition xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body).build();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The WireMock extension that answers every request from the sandbox's state. */
    private final class Api implements ResponseDefinitionTransformerV2 {
        static final String NAME = "sns-sandbox";

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return answer(serveEvent);
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
