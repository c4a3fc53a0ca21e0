package io.kargotakip.emulators.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A local stand-in for Meta's WhatsApp Cloud API (Graph API {@code POST /<version>/<phone-number-id>/messages}) in
 * Meta's formats: a bearer-authenticated send answers {@code 200 {"messaging_product":"whatsapp","contacts":[…],
 * "messages":[{"id":"wamid.…"}]}}; told to, it answers Meta's error envelope of a given code, for every send or for
 * one recipient. It records what was sent ({@link #sent()}), and builds (and signs, and posts to a webhook) the
 * notifications Meta sends back: statuses sent, delivered, read, failed, and a customer's text message.
 */
public final class WhatsAppSandbox implements AutoCloseable {

    public static final String API_VERSION = "v23.0";
    public static final String PHONE_NUMBER_ID = "106540352242922";
    public static final String DISPLAY_PHONE_NUMBER = "908505551234";
    public static final String WABA_ID = "102290129340398";
    public static final String TOKEN = "local-whatsapp-system-user-token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_PRIORITY = 10;

    private final WireMockServer server;
    private final List<StubMapping> failures = new CopyOnWriteArrayList<>();

    public WhatsAppSandbox() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathEqualTo(messagesPath())).atPriority(DEFAULT_PRIORITY + 1)
                .willReturn(error(190, "Invalid OAuth access token - Cannot parse access token")));
        server.stubFor(post(urlPathEqualTo(messagesPath())).atPriority(DEFAULT_PRIORITY)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withTransformers("response-template")
                        .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"{{jsonPath request.body '$.to'}}\","
                                + "\"wa_id\":\"{{regexExtract (jsonPath request.body '$.to') '[0-9]+'}}\"}],"
                                + "\"messages\":[{\"id\":\"wamid.HBgM{{randomValue length=40 type='ALPHANUMERIC'}}\"}]}")));
    }

    public static String messagesPath() {
        return "/" + API_VERSION + "/" + PHONE_NUMBER_ID + "/messages";
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The settings that point the sender at this sandbox (the base URL, the phone number's id, the token). */
    public Map<String, String> settings() {
        return Map.of("KARGO_WHATSAPP_BASE_URL", baseUrl(), "KARGO_WHATSAPP_API_VERSION", API_VERSION,
                "KARGO_WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID, "KARGO_WHATSAPP_TOKEN", TOKEN);
    }

    /** Every send fails with Meta's error of this code from now on (until {@link #succeed()}). */
    public void failWith(int code) {
        StubMapping stub = server.stubFor(post(urlPathEqualTo(messagesPath())).atPriority(DEFAULT_PRIORITY - 2).willReturn(error(code, title(code))));
        failures.add(stub);
    }

    /** Sends to this recipient ({@code to} as sent) fail with Meta's error of this code from now on (until {@link #succeed()}). */
    public void failFor(String recipient, int code) {
        StubMapping stub = server.stubFor(post(urlPathEqualTo(messagesPath())).atPriority(DEFAULT_PRIORITY - 1)
                .withRequestBody(matchingJsonPath("$.to", equalTo(recipient))).willReturn(error(code, title(code))));
        failures.add(stub);
    }

    /** Sends succeed again. */
    public void succeed() {
        failures.forEach(server::removeStub);
        failures.clear();
    }

    /** Meta's HTTP status for an error code (Meta's table as mirrored; the sender goes by the code). */
    static int httpStatus(int code) {
        return switch (code) {
            case 130429 -> 429;
            case 131000 -> 500;
            case 131016 -> 503;
            case 190 -> 401;
            case 10, 200 -> 403;
            default -> 400;
        };
    }

    static String title(int code) {
        return switch (code) {
            case 130429 -> "Rate limit hit";
            case 131056 -> "(Business Account, Consumer Account) pair rate limit hit";
            case 80007 -> "Rate limit issues";
            case 131026 -> "Message Undeliverable";
            case 131030 -> "Recipient phone number not in allowed list";
            case 131047 -> "Re-engagement message";
            case 131000 -> "Something went wrong";
            case 131016 -> "Service unavailable";
            case 132000 -> "Number of parameters does not match the expected number of params";
            case 132001 -> "Template name does not exist in the translation";
            case 132015 -> "Template is Paused";
            case 132016 -> "Template is Disabled";
            case 190 -> "Invalid OAuth access token";
            default -> "Error " + code;
        };
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int code, String title) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", "(#" + code + ") " + title);
        error.put("type", "OAuthException");
        error.put("code", code);
        error.putObject("error_data").put("messaging_product", "whatsapp").put("details", title);
        error.put("error_subcode", 2494010);
        error.put("fbtrace_id", "A-sandbox-trace");
        return aResponse().withStatus(httpStatus(code)).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    /** One message the sandbox accepted: its request body as sent and the wamid it answered. */
    public record Sent(String wamid, JsonNode request, String authorization) {
        public String to() {
            return request.path("to").asText();
        }

        public String type() {
            return request.path("type").asText();
        }

        public String templateName() {
            return request.path("template").path("name").asText(null);
        }

        public String language() {
            return request.path("template").path("language").path("code").asText(null);
        }

        /** The body parameters' texts, in order. */
        public List<String> parameters() {
            List<String> out = new ArrayList<>();
            for (JsonNode component : request.path("template").path("components")) {
                if ("body".equals(component.path("type").asText())) {
                    component.path("parameters").forEach(p -> out.add(p.path("text").asText()));
                }
            }
            return out;
        }

        public String text() {
            return request.path("text").path("body").asText(null);
        }
    }

    /** The messages accepted so far, oldest first. */
    public List<Sent> sent() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        List<Sent> sent = new ArrayList<>();
        for (ServeEvent e : events) {
            if (!e.getRequest().getUrl().startsWith(messagesPath()) || e.getResponse().getStatus() != 200) {
                continue;
            }
            try {
                JsonNode answer = JSON.readTree(e.getResponse().getBodyAsString());
                sent.add(new Sent(answer.path("messages").path(0).path("id").asText(), JSON.readTree(e.getRequest().getBodyAsString()),
                        e.getRequest().getHeader("Authorization")));
            } catch (IOException ex) {
                throw new IllegalStateException("unreadable exchange in the WhatsApp sandbox", ex);
            }
        }
        return sent;
    }

    /** Every send request received, accepted or not. */
    public int sendAttempts() {
        return (int) server.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith(messagesPath())).count();
    }

    /** Forgets what was sent (the failures told stay). */
    public void clearRecords() {
        server.resetRequests();
    }

    // --- what Meta posts to the webhook ------------------------------------------------------------

    private static ObjectNode envelope(ObjectNode value) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject();
        entry.put("id", WABA_ID);
        ObjectNode change = entry.putArray("changes").addObject();
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", DISPLAY_PHONE_NUMBER).put("phone_number_id", PHONE_NUMBER_ID);
        change.set("value", value);
        change.put("field", "messages");
        return root;
    }

    /**
     * A status notification: {@code sent}, {@code delivered}, {@code read}, or {@code failed} with {@code errorCode}.
     *
     * @param recipientId the customer's WhatsApp id (digits, no +)
     */
    public static String statusNotification(String wamid, String status, String recipientId, Instant at, Integer errorCode) {
        ObjectNode value = JSON.createObjectNode();
        ObjectNode s = value.putArray("statuses").addObject();
        s.put("id", wamid);
        s.put("status", status);
        s.put("timestamp", Long.toString(at.getEpochSecond()));
        s.put("recipient_id", recipientId);
        if (errorCode != null) {
            ObjectNode e = s.putArray("errors").addObject();
            e.put("code", errorCode);
            e.put("title", title(errorCode));
            e.put("message", title(errorCode));
            e.putObject("error_data").put("details", title(errorCode));
        } else {
            s.putObject("pricing").put("billable", true).put("pricing_model", "PMP").put("category", "utility");
        }
        return envelope(value).toString();
    }

    /** A customer's text message to the business number. */
    public static String textNotification(String fromWaId, String name, String text, Instant at) {
        ObjectNode value = JSON.createObjectNode();
        ObjectNode contact = value.putArray("contacts").addObject();
        contact.putObject("profile").put("name", name);
        contact.put("wa_id", fromWaId);
        ObjectNode m = value.putArray("messages").addObject();
        m.put("from", fromWaId);
        m.put("id", "wamid.IN" + Long.toHexString(at.toEpochMilli()) + Integer.toHexString(text.hashCode()));
        m.put("timestamp", Long.toString(at.getEpochSecond()));
        m.putObject("text").put("body", text);
        m.put("type", "text");
        return envelope(value).toString();
    }

    /** {@code X-Hub-Signature-256} as Meta computes it: {@code sha256=} hex HMAC-SHA256 of the raw body under the app secret. */
    public static String signature(String appSecret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts a notification to the product's webhook as Meta does (signed with the app secret); returns the HTTP status. */
    public static int report(URI webhook, String appSecret, String body) {
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", signature(appSecret, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("the webhook at " + webhook + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
