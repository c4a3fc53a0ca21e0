package io.kargotakip.emulators.sns;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The stand-in on the wire, as SNS's Query protocol has it (the SDK's view is in the SMS channel's test). */
class SnsSandboxTest {

    private static SnsSandbox sns;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sns = new SnsSandbox();
    }

    @AfterAll
    static void stop() {
        sns.close();
    }

    private static HttpResponse<String> post(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(sns.endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> publish(String phone, String message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", "Publish");
        form.put("Version", "2010-03-31");
        form.put("PhoneNumber", phone);
        form.put("Message", message);
        form.put("MessageAttributes.entry.1.Name", "AWS.SNS.SMS.SenderID");
        form.put("MessageAttributes.entry.1.Value.DataType", "String");
        form.put("MessageAttributes.entry.1.Value.StringValue", "ModaX");
        form.put("MessageAttributes.entry.2.Name", "AWS.SNS.SMS.SMSType");
        form.put("MessageAttributes.entry.2.Value.DataType", "String");
        form.put("MessageAttributes.entry.2.Value.StringValue", "Transactional");
        return form;
    }

    @Test
    void a_publish_is_answered_with_a_publish_response_and_recorded() throws Exception {
        HttpResponse<String> response = post(publish("+905321234567", "Kargon yolda, Çağrı"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>")
                .contains("<ResponseMetadata><RequestId>");
        SnsSandbox.Published p = sns.publishedTo("+905321234567").get(0);
        assertThat(response.body()).contains("<MessageId>" + p.messageId() + "</MessageId>");
        assertThat(p.message()).isEqualTo("Kargon yolda, Çağrı");
        assertThat(p.attributes()).containsEntry("AWS.SNS.SMS.SenderID", "ModaX").containsEntry("AWS.SNS.SMS.SMSType", "Transactional");

        String store = HTTP.send(HttpRequest.newBuilder(sns.endpoint().resolve("/store")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(store).contains("\"phoneNumber\":\"+905321234567\"").contains("\"messageId\":\"" + p.messageId() + "\"");
    }

    @Test
    void failures_come_in_sns_error_format_and_publish_nothing() throws Exception {
        sns.failNext(SnsSandbox.Failure.THROTTLED);
        HttpResponse<String> throttled = post(publish("+905329990000", "x"));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).startsWith("<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>Throttled</Code>");

        HttpResponse<String> invalid = post(publish("05329990000", "x"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("<Code>InvalidParameter</Code>");

        Map<String, String> badSender = publish("+905329990000", "x");
        badSender.put("MessageAttributes.entry.1.Value.StringValue", "Moda X");
        assertThat(post(badSender).body()).contains("<Code>InvalidParameter</Code>").contains("sender ID");

        Map<String, String> other = new LinkedHashMap<>(Map.of("Action", "CreateTopic", "Name", "t"));
        assertThat(post(other).body()).contains("<Code>InvalidAction</Code>");
        assertThat(sns.publishedTo("+905329990000")).isEmpty();

        assertThat(post(publish("+905329990000", "x")).statusCode()).as("the failure was for the next publish only").isEqualTo(200);
    }

    @Test
    void push_endpoints_are_created_once_per_token_published_to_as_json_and_can_be_disabled() throws Exception {
        String app = "arn:aws:sns:eu-central-1:111122223333:app/GCM/kargo-android";
        Map<String, String> create = new LinkedHashMap<>(Map.of("Action", "CreatePlatformEndpoint", "Version", "2010-03-31",
                "PlatformApplicationArn", app, "Token", "fcm-token-0123456789"));
        HttpResponse<String> created = post(create);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).startsWith("<CreatePlatformEndpointResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<CreatePlatformEndpointResult><EndpointArn>arn:aws:sns:eu-central-1:111122223333:endpoint/GCM/kargo-android/");
        String arn = created.body().replaceAll("(?s).*<EndpointArn>(.*)</EndpointArn>.*", "$1");
        assertThat(post(create).body()).as("the same token, the same endpoint").contains("<EndpointArn>" + arn + "</EndpointArn>");

        Map<String, String> publish = new LinkedHashMap<>(Map.of("Action", "Publish", "Version", "2010-03-31", "TargetArn", arn,
                "MessageStructure", "json", "Message", "{\"GCM\":\"{\\\"notification\\\":{\\\"title\\\":\\\"t\\\",\\\"body\\\":\\\"b\\\"}}\"}"));
        HttpResponse<String> ok = post(publish);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(sns.publishedToEndpoint(arn)).singleElement().satisfies(p -> {
            assertThat(p.phoneNumber()).isNull();
            assertThat(p.messageStructure()).isEqualTo("json");
        });
        String store = HTTP.send(HttpRequest.newBuilder(sns.endpoint().resolve("/store")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(store).contains("\"targetArn\":\"" + arn + "\"");

        Map<String, String> wrongPlatform = new LinkedHashMap<>(publish);
        wrongPlatform.put("Message", "{\"APNS\":\"{}\"}");
        assertThat(post(wrongPlatform).body()).as("no GCM key and no default").contains("<Code>InvalidParameter</Code>");
        Map<String, String> notString = new LinkedHashMap<>(publish);
        notString.put("Message", "{\"GCM\":{\"notification\":{}}}");
        assertThat(post(notString).body()).as("the platform's payload must be a JSON string").contains("<Code>InvalidParameter</Code>");

        sns.disable(arn);
        HttpResponse<String> disabled = post(publish);
        assertThat(disabled.statusCode()).isEqualTo(400);
        assertThat(disabled.body()).contains("<Code>EndpointDisabled</Code>");
        assertThat(post(create).body()).as("creating again does not enable it").contains(arn);
        assertThat(post(publish).body()).contains("<Code>EndpointDisabled</Code>");
        assertThat(sns.publishedToEndpoint(arn)).hasSize(1);
    }
}
