package io.kargotakip.channels.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.core.channel.ChannelException;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.channel.DeliveryReceipt;
import io.kargotakip.core.channel.MessageForm.PushForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.RenderContext;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.template.TemplateCatalog;
import io.kargotakip.emulators.sns.SnsSandbox;
import io.kargotakip.emulators.sns.SnsSandbox.Failure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnsPushChannelTest {

    static final String FCM_APP = "arn:aws:sns:eu-central-1:111122223333:app/GCM/kargo-takip-android";
    static final String APNS_APP = "arn:aws:sns:eu-central-1:111122223333:app/APNS/kargo-takip-ios";
    static final String APNS_SANDBOX_APP = "arn:aws:sns:eu-central-1:111122223333:app/APNS_SANDBOX/kargo-takip-ios-dev";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SnsSandbox sns;
    private static SnsClient client;

    static SnsClient client(URI endpoint) {
        // one attempt: the test sees each SNS answer as the channel does, not the SDK's own retries
        return SnsClient.builder().endpointOverride(endpoint).region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static String endpoint(String application) {
        String token = "token-" + UUID.randomUUID();
        return client.createPlatformEndpoint(b -> b.platformApplicationArn(application).token(token)).endpointArn();
    }

    static OutboundMessage<PushForm> message(String endpointArn) {
        return new OutboundMessage<>("n-1", endpointArn, new PushForm("ModaX: siparişin kargoya verildi",
                "Ayşe, siparişin Yurtiçi Kargo ile yolda.", Map.of("kind", "shipped", "tracking_link", "https://takip.modax.example/t/abc")),
                "https://takip.modax.example/u/n-1.token");
    }

    @BeforeAll
    static void start() {
        sns = new SnsSandbox();
        client = client(sns.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        sns.close();
    }

    @BeforeEach
    void noFailures() {
        sns.clearFailures();
    }

    @Test
    void is_the_push_channel_to_device_tokens() {
        SnsPushChannel channel = new SnsPushChannel(client);
        assertThat(channel.id()).isEqualTo("push");
        assertThat(channel.contactKind()).isEqualTo(ContactKind.DEVICE_TOKEN);
    }

    @Test
    void an_fcm_endpoint_gets_the_gcm_payload_with_notification_and_data() throws Exception {
        String arn = endpoint(FCM_APP);
        DeliveryReceipt receipt = new SnsPushChannel(client).send(message(arn));

        assertThat(sns.publishedToEndpoint(arn)).singleElement().satisfies(p -> {
            assertThat(p.messageId()).isEqualTo(receipt.providerMessageId());
            assertThat(p.messageStructure()).isEqualTo("json");
            JsonNode message = JSON.readTree(p.message());
            assertThat(message.fieldNames()).toIterable().containsExactly("GCM");
            assertThat(message.get("GCM").isTextual()).as("SNS wants each platform's payload as a JSON string").isTrue();
            JsonNode gcm = JSON.readTree(message.get("GCM").asText());
            assertThat(gcm.at("/notification/title").asText()).isEqualTo("ModaX: siparişin kargoya verildi");
            assertThat(gcm.at("/notification/body").asText()).isEqualTo("Ayşe, siparişin Yurtiçi Kargo ile yolda.");
            assertThat(gcm.at("/data/tracking_link").asText()).isEqualTo("https://takip.modax.example/t/abc");
            assertThat(gcm.at("/data/kind").asText()).isEqualTo("shipped");
            assertThat(p.attributes()).doesNotContainKey("AWS.SNS.MOBILE.APNS.PUSH_TYPE");
        });
    }

    @Test
    void an_apns_endpoint_gets_an_alert_with_the_data_beside_aps() throws Exception {
        for (String app : new String[]{APNS_APP, APNS_SANDBOX_APP}) {
            String arn = endpoint(app);
            String key = app.contains("APNS_SANDBOX") ? "APNS_SANDBOX" : "APNS";
            new SnsPushChannel(client).send(message(arn));

            assertThat(sns.publishedToEndpoint(arn)).as(key).singleElement().satisfies(p -> {
                JsonNode message = JSON.readTree(p.message());
                assertThat(message.fieldNames()).toIterable().containsExactly(key);
                JsonNode apns = JSON.readTree(message.get(key).asText());
                assertThat(apns.at("/aps/alert/title").asText()).isEqualTo("ModaX: siparişin kargoya verildi");
                assertThat(apns.at("/aps/alert/body").asText()).isEqualTo("Ayşe, siparişin Yurtiçi Kargo ile yolda.");
                assertThat(apns.get("tracking_link").asText()).isEqualTo("https://takip.modax.example/t/abc");
                assertThat(p.attributes()).containsEntry("AWS.SNS.MOBILE.APNS.PUSH_TYPE", "alert");
            });
        }
    }

    @Test
    void a_disabled_endpoint_is_a_permanent_recipient_failure() {
        String arn = endpoint(FCM_APP);
        sns.disable(arn);
        assertThatThrownBy(() -> new SnsPushChannel(client).send(message(arn))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.reason()).isEqualTo(ChannelException.Reason.RECIPIENT);
            assertThat(e.getMessage()).contains("EndpointDisabled").doesNotContain(arn);
        });
        assertThat(sns.publishedToEndpoint(arn)).isEmpty();
    }

    @Test
    void throttling_and_sns_faults_are_retryable_and_the_next_try_goes_out() throws Exception {
        SnsPushChannel channel = new SnsPushChannel(client);
        String arn = endpoint(APNS_APP);
        sns.failNext(Failure.THROTTLED);
        assertThatThrownBy(() -> channel.send(message(arn))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("Throttled").contains("HTTP 429");
        });
        sns.failNext(Failure.INTERNAL_ERROR);
        assertThatThrownBy(() -> channel.send(message(arn))).isInstanceOfSatisfying(ChannelException.class,
                e -> assertThat(e.retryable()).isTrue());
        assertThat(sns.publishedToEndpoint(arn)).isEmpty();

        channel.send(message(arn));
        assertThat(sns.publishedToEndpoint(arn)).hasSize(1);
    }

    @Test
    void other_refusals_are_permanent() {
        SnsPushChannel channel = new SnsPushChannel(client);
        String arn = endpoint(FCM_APP);
        sns.failFor(arn, Failure.PLATFORM_APPLICATION_DISABLED);
        assertThatThrownBy(() -> channel.send(message(arn))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.reason()).as("the merchant's FCM credentials: operations must act").isEqualTo(ChannelException.Reason.CONFIGURATION);
        });
        sns.failFor(arn, Failure.INVALID_PARAMETER);
        assertThatThrownBy(() -> channel.send(message(arn))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.reason()).isEqualTo(ChannelException.Reason.OTHER);
        });
        sns.clearFailures();
        String deleted = endpoint(FCM_APP);
        client.deleteEndpoint(b -> b.endpointArn(deleted));
        assertThatThrownBy(() -> channel.send(message(deleted))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.reason()).isEqualTo(ChannelException.Reason.RECIPIENT);
        });
    }

    @Test
    void a_contact_that_is_no_endpoint_arn_is_refused_before_sns() {
        int calls = sns.totalCalls();
        for (String wrong : new String[]{"fcm-raw-device-token-abc", "arn:aws:sns:eu-central-1:111122223333:kargo-topic", ""}) {
            assertThatThrownBy(() -> new SnsPushChannel(client).send(message(wrong))).as(wrong).isInstanceOfSatisfying(ChannelException.class, e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.reason()).isEqualTo(ChannelException.Reason.RECIPIENT);
            });
        }
        assertThat(sns.totalCalls()).isEqualTo(calls);
    }

    @Test
    void an_unreachable_sns_is_retryable() {
        try (SnsClient down = client(URI.create("http://127.0.0.1:" + io.kargotakip.emulators.Emulators.freePort()))) {
            assertThatThrownBy(() -> new SnsPushChannel(down).send(message(
                    "arn:aws:sns:eu-central-1:111122223333:endpoint/GCM/kargo-takip-android/" + UUID.randomUUID())))
                    .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.retryable()).isTrue());
        }
    }

    @Test
    void renders_title_and_body_from_the_push_templates_of_every_kind_and_locale() {
        Map<String, String> values = new java.util.HashMap<>(Map.of("brand", "ModaX", "first_name", "Ayşe", "carrier", "Yurtiçi Kargo",
                "tracking_no", "123456789012", "eta", "3 Aralık 2026", "order_no", "MX-1001", "reason", "adreste kimse yoktu",
                "tracking_link", "https://takip.modax.example/t/abc"));
        values.put("note", ""); // no note from the approval queue
        values.putAll(Map.of("parcels_delivered", "", "parcels_total", "", "parcels_all", "")); // an order of one parcel
        RenderContext shipped = new RenderContext("push", "tr", MessageKind.SHIPPED, values, TemplateCatalog.builtIn());
        PushForm form = new SnsPushChannel(client).render(shipped);
        assertThat(form.title()).isEqualTo("ModaX: siparişin kargoya verildi");
        assertThat(form.body()).isEqualTo("Ayşe, siparişin Yurtiçi Kargo ile yolda. Tahmini teslim: 3 Aralık 2026.");
        assertThat(form.data()).containsEntry("kind", "shipped").containsEntry("tracking_link", "https://takip.modax.example/t/abc");

        for (String locale : new String[]{"tr", "en"}) {
            for (MessageKind kind : new MessageKind[]{MessageKind.SHIPPED, MessageKind.OUT_FOR_DELIVERY, MessageKind.DELIVERED,
                    MessageKind.FAILED_ATTEMPT, MessageKind.DELAYED}) {
                PushForm f = new SnsPushChannel(client).render(new RenderContext("push", locale, kind, values, TemplateCatalog.builtIn()));
                assertThat(f.title()).as(locale + "/" + kind).startsWith("ModaX: ");
                assertThat(f.body()).as(locale + "/" + kind).isNotBlank().doesNotContain("{");
                assertThat((f.title() + f.body()).length()).as("short enough for a lock screen").isLessThan(178);
            }
        }
        // operations' note (the approval queue's edit) follows the text: the lock screen shows its start, the open one all of it
        values.put("note", "Kapıcıya bırakılacak.\nİyi günler!");
        assertThat(new SnsPushChannel(client).render(new RenderContext("push", "tr", MessageKind.SHIPPED, values, TemplateCatalog.builtIn())).body())
                .isEqualTo("Ayşe, siparişin Yurtiçi Kargo ile yolda. Tahmini teslim: 3 Aralık 2026. Kapıcıya bırakılacak.\nİyi günler!");
    }
}
