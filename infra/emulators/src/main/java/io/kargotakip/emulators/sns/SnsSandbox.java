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
 * A local stand-in for Amazon SNS's SMS and mobile-push publishing, in SNS's published wire format (the AWS Query protocol: a
 * form-encoded {@code POST /} with {@code Action=Publish&Version=2010-03-31&PhoneNumber=...&Message=...} and the
 * message attributes as {@code MessageAttributes.entry.N.*}; an XML {@code PublishResponse} with the
 * {@code MessageId}, or an XML {@code ErrorResponse}). It checks what SNS checks for an SMS (an E.164 number, a
 * message, the sender ID's form, the SMS type) and records every accepted publish: phone number, message and
 * attributes, readable in this JVM ({@link #published()}) and over HTTP ({@code GET /store}, JSON, like the SES
 * emulator's). A test or the demo can make it fail the next publishes, or every publish to one number, with
 * SNS's errors ({@code Throttled}, {@code InvalidParameter}, ...). The real SDK talks to it through
 * {@code endpointOverride} ({@code KARGO_ENDPOINT_SNS}).
 * <p>
 * Mobile push: {@code CreatePlatformEndpoint} on a platform application ARN
 * ({@code arn:aws:sns:<region>:<account>:app/GCM|APNS|APNS_SANDBOX/<name>}) answers an endpoint ARN
 * ({@code ...:endpoint/<platform>/<name>/<id>}), the same one again for the same token, as SNS does;
 * {@code DeleteEndpoint} forgets it. {@code Publish} with {@code TargetArn} takes {@code MessageStructure=json}
 * only: the message must be a JSON object whose value for the endpoint's platform (or {@code default}) is a string
 * holding JSON, and is recorded with its target. {@link #disable(String)} makes an endpoint answer
 * {@code EndpointDisabled}, as SNS does once FCM or APNs called its token invalid.
 */
public final class SnsSandbox implements AutoCloseable {

    public static final String ENDPOINT_SETTING = "KARGO_ENDPOINT_SNS";

    /**
     * One accepted publish: to a phone number (SMS, {@code targetArn} null) or to a platform endpoint (push,
     * {@code phoneNumber} null, {@code messageStructure} {@code json}).
     */
    public record Published(String messageId, String phoneNumber, String message, Map<String, String> attributes, Instant at,
                            String targetArn, String messageStructure) {

        public Published(String messageId, String phoneNumber, String message, Map<String, String> attributes, Instant at) {
            this(messageId, phoneNumber, message, attributes, at, null, null);
        }
    }

    /** A platform endpoint: one app install's token on one platform application. */
    public record Endpoint(String arn, String applicationArn, String token, boolean enabled) {
    }

    /** SNS's errors for Publish (code, HTTP status and fault as the SNS API model has them). */
    public enum Failure {
        THROTTLED(429, "Sender", "Throttled", "Rate exceeded"),
        INVALID_PARAMETER(400, "Sender", "InvalidParameter", "Invalid parameter: PhoneNumber Reason: the number is not valid to publish to"),
        OPTED_OUT(400, "Sender", "OptedOut", "Phone number is opted out"),
        AUTHORIZATION_ERROR(403, "Sender", "AuthorizationError", "User is not authorized to perform: SNS:Publish"),
        INTERNAL_ERROR(500, "Receiver", "InternalError", "Internal service error"),
        ENDPOINT_DISABLED(400, "Sender", "EndpointDisabled", "Endpoint is disabled"),
        PLATFORM_APPLICATION_DISABLED(400, "Sender", "PlatformApplicationDisabled", "Platform application is disabled");

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
    private static final Pattern APPLICATION_ARN = Pattern.compile("arn:aws[a-z-]*:sns:([a-z0-9-]+):([0-9]{12}):app/(GCM|APNS|APNS_SANDBOX)/([A-Za-z0-9_.-]{1,256})");
    private static final Pattern ENDPOINT_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:endpoint/(GCM|APNS|APNS_SANDBOX)/[A-Za-z0-9_.-]+/[0-9a-f-]{36}");

    private final WireMockServer server;
    private final List<Published> published = new ArrayList<>();
    private final Deque<Failure> next = new ArrayDeque<>();
    private final Map<String, Failure> byNumber = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, String> undeliverable = new ConcurrentHashMap<>();
    private volatile String logGroupPrefix;
    private volatile java.util.function.BiConsumer<String, String> deliveryLogs;

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

    /** Every publish to this number (or endpoint ARN) fails this way until {@link #clearFailures()}. */
    public void failFor(String phoneNumberOrEndpointArn, Failure failure) {
        byNumber.put(phoneNumberOrEndpointArn, failure);
    }

    /** The endpoint's token was called invalid by FCM or APNs: SNS sets {@code Enabled=false}, publishes get {@code EndpointDisabled}. */
    public synchronized void disable(String endpointArn) {
        Endpoint e = endpoints.get(endpointArn);
        if (e == null) {
            throw new IllegalArgumentException("no such endpoint: " + endpointArn);
        }
        endpoints.put(endpointArn, new Endpoint(e.arn(), e.applicationArn(), e.token(), false));
    }

    /** The platform endpoints created and not deleted, oldest first. */
    public synchronized List<Endpoint> endpoints() {
        return List.copyOf(endpoints.values());
    }

    public synchronized Optional<Endpoint> endpoint(String endpointArn) {
        return Optional.ofNullable(endpoints.get(endpointArn));
    }

    public synchronized void clearFailures() {
        next.clear();
        byNumber.clear();
        undeliverable.clear();
    }

    /**
     * Delivery status logging on, as the account's {@code DeliveryStatusIAMRole} and a platform application's feedback
     * roles turn it on (every message, as with a success sampling rate of 100): each accepted SMS's record goes to
     * {@code sink} with its CloudWatch Logs group, {@code sns/<region>/<account>/DirectPublishToPhoneNumber} or its
     * {@code /Failure}, and each push's with its application's group, in SNS's published format
     * (the fields of SNS's samples but the carrier's name, its codes and the price, which a stand-in cannot know: 0 or absent).
     */
    public void logDeliveryStatus(String region, String account, java.util.function.BiConsumer<String, String> sink) {
        logGroupPrefix = "sns/" + region + "/" + account + "/";
        deliveryLogs = sink;
    }

    /**
     * SNS accepts messages to this number (or platform endpoint) but the carrier (or FCM, APNs) does not deliver them: the
     * delivery status log says FAILURE with this {@code providerResponse} (for an SMS one of SNS's sentences, such as
     * {@code Phone is currently unreachable/unavailable}).
     */
    public void undeliverable(String phoneNumberOrEndpointArn, String providerResponse) {
        undeliverable.put(phoneNumberOrEndpointArn, providerResponse);
    }

    /**
     * A push's delivery status record, in the platform application's groups ({@code sns/<region>/<account>/app/<platform>/
     * <name>} or its {@code /Failure}), as SNS writes it once the application names a feedback role: the platform took it
     * ({@code statusCode} 200), or, for an endpoint {@link #undeliverable(String, String)} names, refused it (400).
     */
    private void logPushDelivery(String messageId, Endpoint endpoint, String platform, Instant at) {
        var sink = deliveryLogs;
        if (sink == null) {
            return;
        }
        String failure = undeliverable.get(endpoint.arn());
        var record = JSON.createObjectNode();
        record.put("status", failure == null ? "SUCCESS" : "FAILURE");
        record.putObject("notification").put("timestamp", TIMESTAMP.format(at)).put("messageId", messageId);
        record.putObject("delivery").put("statusCode", failure == null ? 200 : 400).put("dwellTimeMs", 65).put("token", endpoint.token())
                .put("attempts", 1).put("providerResponse", failure == null ? "{\"success\":1,\"failure\":0}" : failure)
                .put("destination", endpoint.arn());
        String application = endpoint.applicationArn().substring(endpoint.applicationArn().indexOf(":app/") + ":app/".length());
        sink.accept(logGroupPrefix + "app/" + application + (failure == null ? "" : "/Failure"), record.toString());
    }

    private static final java.time.format.DateTimeFormatter TIMESTAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);

    private void logDelivery(String messageId, String phone, String message, String smsType, Instant at) {
        var sink = deliveryLogs;
        if (sink == null) {
            return;
        }
        String failure = undeliverable.get(phone);
        // the parts SNS bills: 160/153 characters of GSM-7 when every character is plain ASCII, else 70/67 of UCS-2 (close enough here)
        boolean gsm = message.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n');
        int single = gsm ? 160 : 70;
        int part = gsm ? 153 : 67;
        int parts = message.length() <= single ? 1 : (message.length() + part - 1) / part;
        var record = JSON.createObjectNode();
        record.putObject("notification").put("messageId", messageId).put("timestamp", TIMESTAMP.format(at));
        var delivery = record.putObject("delivery");
        delivery.put("mnc", 0).put("numberOfMessageParts", parts).put("destination", phone)
                .put("smsType", smsType == null ? "Promotional" : smsType).put("mcc", 0)
                .put("providerResponse", failure == null ? "Message has been accepted by phone carrier" : failure)
                .put("dwellTimeMs", 420).put("dwellTimeMsUntilDeviceAck", failure == null ? 1300 : 1700);
        record.put("status", failure == null ? "SUCCESS" : "FAILURE");
        sink.accept(logGroupPrefix + "DirectPublishToPhoneNumber" + (failure == null ? "" : "/Failure"), record.toString());
    }

    /** Every accepted publish so far, oldest first. */
    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    public List<Published> publishedTo(String phoneNumber) {
        return published().stream().filter(p -> phoneNumber.equals(p.phoneNumber())).toList();
    }

    /** The pushes published to this platform endpoint. */
    public List<Published> publishedToEndpoint(String endpointArn) {
        return published().stream().filter(p -> endpointArn.equals(p.targetArn())).toList();
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
        switch (action) {
            case "Publish" -> {
            }
            case "CreatePlatformEndpoint" -> {
                return createPlatformEndpoint(form);
            }
            case "DeleteEndpoint" -> {
                endpoints.remove(form.getOrDefault("EndpointArn", ""));
                return xml(200, "<DeleteEndpointResponse xmlns=\"" + NAMESPACE + "\">" + metadata() + "</DeleteEndpointResponse>");
            }
            default -> {
                return error(400, "Sender", "InvalidAction", "The action " + action
                        + " is not valid for this web service (this stand-in answers Publish, CreatePlatformEndpoint and DeleteEndpoint)");
            }
        }
        if (form.containsKey("TargetArn")) {
            return publishToEndpoint(form);
        }
        String phone = form.get("PhoneNumber");
        if (phone == null) {
            return error(400, "Sender", "InvalidParameter", "Invalid parameter: PhoneNumber or TargetArn is required (this stand-in publishes to no topic)");
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
        Instant now = Instant.now();
        published.add(new Published(messageId, phone, message, Map.copyOf(attributes), now));
        logDelivery(messageId, phone, message, type, now);
        return publishResponse(messageId);
    }

    private static ResponseDefinition publishResponse(String messageId) {
        return xml(200, "<PublishResponse xmlns=\"" + NAMESPACE + "\"><PublishResult><MessageId>" + messageId
                + "</MessageId></PublishResult>" + metadata() + "</PublishResponse>");
    }

    private static String metadata() {
        return "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>";
    }

    private ResponseDefinition createPlatformEndpoint(Map<String, String> form) {
        String application = form.getOrDefault("PlatformApplicationArn", "");
        Matcher app = APPLICATION_ARN.matcher(application);
        if (!app.matches()) {
            return error(400, "Sender", "InvalidParameter", "Invalid parameter: PlatformApplicationArn Reason: not a platform application ARN");
        }
        String token = form.get("Token");
        if (token == null || token.isBlank()) {
            return error(400, "Sender", "InvalidParameter", "Invalid parameter: Token Reason: cannot be empty");
        }
        Failure failure = next.poll();
        if (failure != null) {
            return error(failure.status, failure.type, failure.code, failure.message);
        }
        // idempotent for the same token, as SNS is (and, like SNS, it does not enable a disabled endpoint again)
        Endpoint endpoint = endpoints.values().stream()
                .filter(e -> e.applicationArn().equals(application) && e.token().equals(token)).findFirst()
                .orElseGet(() -> {
                    String arn = "arn:aws:sns:" + app.group(1) + ":" + app.group(2) + ":endpoint/" + app.group(3) + "/"
                            + app.group(4) + "/" + UUID.randomUUID();
                    Endpoint created = new Endpoint(arn, application, token, true);
                    endpoints.put(arn, created);
                    return created;
                });
        return xml(200, "<CreatePlatformEndpointResponse xmlns=\"" + NAMESPACE + "\"><CreatePlatformEndpointResult><EndpointArn>"
                + endpoint.arn() + "</EndpointArn></CreatePlatformEndpointResult>" + metadata() + "</CreatePlatformEndpointResponse>");
    }

    private ResponseDefinition publishToEndpoint(Map<String, String> form) {
        String target = form.get("TargetArn");
        Matcher arn = ENDPOINT_ARN.matcher(target);
        if (!arn.matches()) {
            return error(400, "Sender", "InvalidParameter", "Invalid parameter: TargetArn Reason: not a platform endpoint ARN (this stand-in publishes to no topic)");
        }
        Failure failure = Optional.ofNullable(next.poll()).orElse(byNumber.get(target));
        if (failure != null) {
            return error(failure.status, failure.type, failure.code, failure.message);
        }
        Endpoint endpoint = endpoints.get(target);
        if (endpoint == null) {
            return error(404, "Sender", "NotFound", "Endpoint does not exist");
        }
        if (!endpoint.enabled()) {
            return error(Failure.ENDPOINT_DISABLED.status, Failure.ENDPOINT_DISABLED.type, Failure.ENDPOINT_DISABLED.code, Failure.ENDPOINT_DISABLED.message);
        }
        if (!"json".equals(form.get("MessageStructure"))) {
            return error(400, "Sender", "InvalidParameter", "Invalid parameter: this stand-in takes push messages with MessageStructure=json only");
        }
        String message = form.getOrDefault("Message", "");
        String platform = arn.group(1);
        try {
            var tree = JSON.readTree(message);
            if (tree == null || !tree.isObject()) {
                return error(400, "Sender", "InvalidParameter", "Invalid parameter: Message Structure - JSON message body failed to parse");
            }
            var payload = tree.has(platform) ? tree.get(platform) : tree.get("default");
            if (payload == null) {
                return error(400, "Sender", "InvalidParameter", "Invalid parameter: Message Structure - No default entry in JSON message body");
            }
            if (!payload.isTextual()) {
                return error(400, "Sender", "InvalidParameter", "Invalid parameter: Message Structure - the value of " + platform + " must be a string");
            }
            if (tree.has(platform) && !JSON.readTree(payload.asText()).isObject()) {
                return error(400, "Sender", "InvalidParameter", "Invalid parameter: Message Reason: Invalid notification for protocol " + platform);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return error(400, "Sender", "InvalidParameter", "Invalid parameter: Message Reason: Invalid notification for protocol " + platform + ": not JSON");
        }
        String messageId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        published.add(new Published(messageId, null, message, Map.copyOf(attributes(form)), now, target, "json"));
        logPushDelivery(messageId, endpoint, platform, now);
        return publishResponse(messageId);
    }

    private ResponseDefinition store() {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Published p : published) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("messageId", p.messageId());
            if (p.phoneNumber() != null) {
                m.put("phoneNumber", p.phoneNumber());
            }
            if (p.targetArn() != null) {
                m.put("targetArn", p.targetArn());
                m.put("messageStructure", p.messageStructure());
            }
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
