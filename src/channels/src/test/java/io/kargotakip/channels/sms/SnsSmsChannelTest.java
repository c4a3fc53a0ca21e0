package io.kargotakip.channels.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.core.channel.ChannelException;
import io.kargotakip.core.channel.DeliveryReceipt;
import io.kargotakip.core.channel.MessageForm.SmsForm;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.RenderContext;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.template.TemplateCatalog;
import io.kargotakip.emulators.Emulators;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnsSmsChannelTest {

    private static final String PHONE = "+905321234567";
    private static SnsSandbox sns;
    private static SnsClient client;

    static SnsClient client(URI endpoint) {
        // one attempt: the test sees each SNS answer as the channel does, not the SDK's own retries
        return SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static SmsSettings settings(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("KARGO_SMS_SENDER_ID", "ModaX"));
        env.putAll(extra);
        return SmsSettings.fromEnvironment(env::get);
    }

    static OutboundMessage<SmsForm> message(String to, String text) {
        return new OutboundMessage<>("n-1", to, SmsForm.of(text), "https://takip.modax.example/u/n-1.token");
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
    void publishes_the_text_to_the_e164_number_as_transactional_from_the_sender_id() throws Exception {
        String to = "+9053" + (10_000_000 + (int) (Math.random() * 89_999_999));
        String text = "ModaX: Siparisin Yurtici Kargo ile yolda. Takip no: 1Z999AA10123456784. Teslim: 30 Eylül 2026. Ücretsiz.";
        DeliveryReceipt receipt = new SnsSmsChannel(client, settings(Map.of())).send(message(to, text));

        assertThat(receipt.providerMessageId()).isNotBlank();
        assertThat(sns.publishedTo(to)).singleElement().satisfies(p -> {
            assertThat(p.messageId()).isEqualTo(receipt.providerMessageId());
            assertThat(p.message()).isEqualTo(text);
            assertThat(p.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "AWS.SNS.SMS.SMSType", "Transactional", "AWS.SNS.SMS.SenderID", "ModaX"));
        });
    }

    @Test
    void the_sms_type_comes_from_the_configuration() throws Exception {
        String to = "+4915112345678";
        new SnsSmsChannel(client, settings(Map.of("KARGO_SMS_TYPE", "promotional"))).send(message(to, "Hello"));
        assertThat(sns.publishedTo(to)).last().satisfies(p -> assertThat(p.attributes()).containsEntry("AWS.SNS.SMS.SMSType", "Promotional"));
    }

    @Test
    void the_local_emulators_record_the_publish_and_serve_it_over_http() throws Exception {
        Emulators emulators = Emulators.shared();
        try (SnsClient local = client(emulators.sns())) {
            String to = "+90532" + (1_000_000 + (int) (Math.random() * 8_999_999));
            DeliveryReceipt receipt = new SnsSmsChannel(local, settings(Map.of())).send(message(to, "Kargon yolda " + UUID.randomUUID()));

            String store = HttpClient.newHttpClient().send(HttpRequest.newBuilder(emulators.sns().resolve("/store")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonNode found = null;
            for (JsonNode m : new ObjectMapper().readTree(store).path("messages")) {
                if (m.path("messageId").asText().equals(receipt.providerMessageId())) {
                    found = m;
                }
            }
            assertThat(found).isNotNull();
            assertThat(found.path("phoneNumber").asText()).isEqualTo(to);
            assertThat(found.path("attributes").path("AWS.SNS.SMS.SenderID").asText()).isEqualTo("ModaX");
        }
    }

    @Test
    void throttling_and_sns_faults_are_retryable_and_the_next_try_goes_out() throws Exception {
        SnsSmsChannel channel = new SnsSmsChannel(client, settings(Map.of()));
        String to = "+905551112233";
        sns.failNext(Failure.THROTTLED);
        assertThatThrownBy(() -> channel.send(message(to, "Kargon yolda"))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("Throttled").contains("HTTP 429");
        });
        sns.failNext(Failure.INTERNAL_ERROR);
        assertThatThrownBy(() -> channel.send(message(to, "Kargon yolda"))).isInstanceOfSatisfying(ChannelException.class,
                e -> assertThat(e.retryable()).isTrue());
        assertThat(sns.publishedTo(to)).isEmpty();

        channel.send(message(to, "Kargon yolda"));
        assertThat(sns.publishedTo(to)).hasSize(1);
    }

    @Test
    void a_number_sns_refuses_is_a_permanent_failure_without_the_number_in_the_reason() {
        SnsSmsChannel channel = new SnsSmsChannel(client, settings(Map.of()));
        String to = "+905009998877";
        sns.failFor(to, Failure.INVALID_PARAMETER);
        assertThatThrownBy(() -> channel.send(message(to, "Kargon yolda"))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("InvalidParameter").doesNotContain(to).doesNotContain("5009998877");
        });
        sns.failFor(to, Failure.OPTED_OUT);
        assertThatThrownBy(() -> channel.send(message(to, "Kargon yolda"))).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("opted out");
        });
        sns.failFor(to, Failure.AUTHORIZATION_ERROR);
        assertThatThrownBy(() -> channel.send(message(to, "Kargon yolda"))).isInstanceOfSatisfying(ChannelException.class,
                e -> assertThat(e.retryable()).isFalse());
        assertThat(sns.publishedTo(to)).isEmpty();
    }

    @Test
    void a_recipient_that_is_not_e164_is_refused_before_sns() {
        SnsSmsChannel channel = new SnsSmsChannel(client, settings(Map.of()));
        int calls = sns.totalCalls();
        for (String wrong : new String[]{"05321234567", "5321234567", "+90 532 123 45 67", "ayse@example.com"}) {
            assertThatThrownBy(() -> channel.send(message(wrong, "Kargon yolda"))).as(wrong).isInstanceOfSatisfying(ChannelException.class, e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).isEqualTo("the recipient is not an E.164 phone number");
            });
        }
        assertThat(sns.totalCalls()).isEqualTo(calls);
    }

    @Test
    void sns_itself_rejects_a_malformed_number_as_invalid_parameter() {
        // past the channel's own check: what SNS answers, through the real SDK
        try (SnsClient raw = client(sns.endpoint())) {
            assertThatThrownBy(() -> raw.publish(b -> b.phoneNumber("0532").message("x")))
                    .isInstanceOf(software.amazon.awssdk.services.sns.model.InvalidParameterException.class);
        }
    }

    @Test
    void a_text_over_the_segment_maximum_is_a_permanent_failure_and_never_cut() throws Exception {
        String to = "+905321110000";
        String twoSegments = "a".repeat(161);
        assertThatThrownBy(() -> new SnsSmsChannel(client, settings(Map.of())).send(message(to, twoSegments)))
                .isInstanceOfSatisfying(ChannelException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("2 segments").contains("GSM-7").contains("KARGO_SMS_MAX_SEGMENTS=1");
                });
        String unicode = "ş".repeat(71);
        assertThatThrownBy(() -> new SnsSmsChannel(client, settings(Map.of())).send(message(to, unicode)))
                .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.getMessage()).contains("UCS-2"));
        assertThat(sns.publishedTo(to)).isEmpty();

        SnsSmsChannel twoAllowed = new SnsSmsChannel(client, settings(Map.of("KARGO_SMS_MAX_SEGMENTS", "2")));
        twoAllowed.send(message(to, twoSegments));
        String turkish = "Siparişin Yurtiçi Kargo ile yolda, takip no 123456789012. Tahmini teslim: 3 Aralık 2026. Çağrı: 444";
        twoAllowed.send(message(to, turkish));
        assertThat(sns.publishedTo(to)).extracting(SnsSandbox.Published::message).containsExactly(twoSegments, turkish);
    }

    @Test
    void a_link_in_an_sms_to_a_turkish_number_is_refused_and_elsewhere_it_goes() throws Exception {
        SnsSmsChannel channel = new SnsSmsChannel(client, settings(Map.of()));
        for (String text : new String[]{"Takip: https://takip.modax.example/t/abc", "Takip: www.modax.example"}) {
            assertThatThrownBy(() -> channel.send(message("+905321234568", text))).isInstanceOfSatisfying(ChannelException.class, e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("Turkish number").contains("no link");
            });
        }
        assertThat(sns.publishedTo("+905321234568")).isEmpty();
        channel.send(message("+441632960961", "Track: https://takip.modax.example/t/abc"));
        assertThat(sns.publishedTo("+441632960961")).hasSize(1);
    }

    @Test
    void an_unreachable_sns_is_retryable() {
        try (SnsClient down = client(URI.create("http://127.0.0.1:" + Emulators.freePort()))) {
            SnsSmsChannel channel = new SnsSmsChannel(down, settings(Map.of()));
            assertThatThrownBy(() -> channel.send(message(PHONE, "Kargon yolda"))).isInstanceOfSatisfying(ChannelException.class,
                    e -> assertThat(e.retryable()).isTrue());
        }
    }

    @Test
    void renders_turkish_letters_as_gsm7_by_default_and_keeps_them_when_told() {
        Map<String, String> values = Map.of("brand", "ModaX", "carrier", "Yurtiçi Kargo", "tracking_no", "123456789012",
                "eta", "3 Aralık 2026");
        RenderContext context = new RenderContext("sms", "tr", MessageKind.SHIPPED, values, TemplateCatalog.builtIn());

        SmsForm plain = new SnsSmsChannel(client, settings(Map.of())).render(context);
        assertThat(plain.text()).isEqualTo("ModaX: Siparisin Yurtici Kargo ile yolda. Takip no: 123456789012. "
                + "Tahmini teslim: 3 Aralik 2026. SMS almamak icin bize yaz.");
        assertThat(plain.segments()).isEqualTo(1);

        SmsForm unicode = new SnsSmsChannel(client, settings(Map.of("KARGO_SMS_ALPHABET", "unicode"))).render(context);
        assertThat(unicode.text()).startsWith("ModaX: Siparişin Yurtiçi Kargo ile yolda.");
        assertThat(unicode.segments()).as("UCS-2: 67 characters a segment").isEqualTo(2);
    }
}
