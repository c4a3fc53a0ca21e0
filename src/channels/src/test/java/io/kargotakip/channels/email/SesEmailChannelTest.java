package io.kargotakip.channels.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.kargotakip.core.channel.ChannelException;
import io.kargotakip.core.channel.DeliveryReceipt;
import io.kargotakip.core.channel.OutboundMessage;
import io.kargotakip.core.channel.MessageForm.EmailForm;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SesEmailChannelTest {

    static SesV2Client client(URI endpoint) {
        return SesV2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static OutboundMessage<EmailForm> message(String to) {
        return new OutboundMessage<>("n-1", to, new EmailForm("ModaX: siparişin kargoya verildi", "Ayşe, siparişin kargoya verildi.",
                "<p>Ayşe, siparişin <b>kargoya</b> verildi.</p>"), "https://takip.modax.example/u/n-1.token");
    }

    @Test
    void sends_subject_text_and_html_in_utf8_through_ses() throws Exception {
        Emulators emulators = Emulators.shared();
        String to = "ayse+" + UUID.randomUUID() + "@example.com";
        DeliveryReceipt receipt = new SesEmailChannel(client(emulators.ses()), "bildirim@modax.example", null).send(message(to));

        assertThat(receipt.providerMessageId()).isNotBlank();
        String store = HttpClient.newHttpClient().send(HttpRequest.newBuilder(emulators.sesStore()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode mail = null;
        for (JsonNode m : new ObjectMapper().readTree(store).path("emails")) {
            if (m.path("destination").path("to").toString().contains(to)) {
                mail = m;
            }
        }
        assertThat(mail).isNotNull();
        assertThat(mail.path("messageId").asText()).isEqualTo(receipt.providerMessageId());
        assertThat(mail.path("subject").asText()).isEqualTo("ModaX: siparişin kargoya verildi");
        assertThat(mail.path("body").path("text").asText()).isEqualTo("Ayşe, siparişin kargoya verildi.");
        assertThat(mail.path("body").path("html").asText()).contains("<b>kargoya</b>");
    }

    @Test
    void the_request_carries_one_click_unsubscribe_headers_and_the_configuration_set() throws Exception {
        WireMockServer ses = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        ses.start();
        try {
            ses.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"MessageId\":\"ses-42\"}")));
            DeliveryReceipt receipt = new SesEmailChannel(client(URI.create(ses.baseUrl())), "bildirim@modax.example", "kargo-events")
                    .send(message("ayse@example.com"));
            assertThat(receipt.providerMessageId()).isEqualTo("ses-42");
            ses.verify(postRequestedFor(urlPathEqualTo("/v2/email/outbound-emails"))
                    .withRequestBody(containing("\"Name\":\"List-Unsubscribe\",\"Value\":\"<https://takip.modax.example/u/n-1.token>\""))
                    .withRequestBody(containing("\"Name\":\"List-Unsubscribe-Post\",\"Value\":\"List-Unsubscribe=One-Click\""))
                    .withRequestBody(containing("\"ConfigurationSetName\":\"kargo-events\""))
                    .withRequestBody(containing("\"Charset\":\"UTF-8\"")));
        } finally {
            ses.stop();
        }
    }

    @Test
    void throttling_is_retryable_and_rejected_content_is_not() {
        WireMockServer ses = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        ses.start();
        try {
            SesEmailChannel channel = new SesEmailChannel(client(URI.create(ses.baseUrl())), "bildirim@modax.example", null);
            ses.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("x-amzn-ErrorType", "TooManyRequestsException")
                    .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Maximum sending rate exceeded\"}")));
            assertThatThrownBy(() -> channel.send(message("a@example.com"))).isInstanceOfSatisfying(ChannelException.class,
                    e -> assertThat(e.retryable()).isTrue());

            ses.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400).withHeader("x-amzn-ErrorType", "MessageRejected")
                    .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Email address is not verified.\"}")));
            assertThatThrownBy(() -> channel.send(message("a@example.com"))).isInstanceOfSatisfying(ChannelException.class, e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("MessageRejected").doesNotContain("a@example.com");
            });
        } finally {
            ses.stop();
        }
    }

    @Test
    void an_unreachable_ses_is_retryable() {
        SesEmailChannel channel = new SesEmailChannel(client(URI.create("http://127.0.0.1:" + Emulators.freePort())), "b@modax.example", null);
        assertThatThrownBy(() -> channel.send(message("a@example.com"))).isInstanceOfSatisfying(ChannelException.class,
                e -> assertThat(e.retryable()).isTrue());
    }
}
