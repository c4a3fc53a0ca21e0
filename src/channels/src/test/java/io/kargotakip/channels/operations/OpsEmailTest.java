package io.kargotakip.channels.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.operations.OperationsException;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ops e-mail through the SES v2 emulator the e-mail channel's tests use. */
class OpsEmailTest {

    static SesV2Client client(URI endpoint) {
        return SesV2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static JsonNode mailTo(String to) throws Exception {
        String store = HttpClient.newHttpClient().send(HttpRequest.newBuilder(Emulators.shared().sesStore()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode found = null;
        for (JsonNode m : new ObjectMapper().readTree(store).path("emails")) {
            if (m.path("destination").path("to").toString().contains(to)) {
                found = m;
            }
        }
        return found;
    }

    @Test
    void an_alert_is_mailed_to_operations_from_the_brand_s_address_with_its_key() throws Exception {
        String to = "operasyon+" + UUID.randomUUID() + "@modax.example";
        try (SesV2Client ses = client(Emulators.shared().ses())) {
            Operations ops = OperationsFactory.build(OperationsSettings.fromEnvironment(Map.of("KARGO_OPS_EMAIL", to,
                    "KARGO_BRAND_FROM_EMAIL", "bildirim@modax.example")::get), HttpClient.newHttpClient(), () -> ses, line -> { });
            assertThat(ops.destinations()).contains(Operations.EMAIL);

            ops.alert(new AlertRequest("SHP-3#cod_delivery_day#eta-2026-12-02", "cod_delivery_day: SHP-3 no confirmation\norder 1003, 1.250,00 TL",
                    Set.of("email", "webhook")));
        }

        JsonNode mail = mailTo(to);
        assertThat(mail).isNotNull();
        assertThat(mail.path("from").asText()).contains("bildirim@modax.example");
        assertThat(mail.path("subject").asText()).isEqualTo("[Kargo Takip] cod_delivery_day: SHP-3 no confirmation");
        assertThat(mail.path("body").path("text").asText())
                .isEqualTo("cod_delivery_day: SHP-3 no confirmation\norder 1003, 1.250,00 TL\n\nSHP-3#cod_delivery_day#eta-2026-12-02\n");
    }

    @Test
    void the_rule_s_address_is_mailed_when_the_environment_names_none() throws Exception {
        String to = "rules+" + UUID.randomUUID() + "@modax.example";
        try (SesV2Client ses = client(Emulators.shared().ses())) {
            Operations ops = OperationsFactory.build(OperationsSettings.fromEnvironment(Map.of("KARGO_OPS_EMAIL_FROM", "ops-bot@modax.example")::get),
                    HttpClient.newHttpClient(), () -> ses, line -> { });
            assertThat(ops.destinations()).doesNotContain(Operations.EMAIL);
            ops.alert(new AlertRequest("k-1", "rules reloaded: rules.yaml invalid, the last valid version stays", Set.of("email:" + to)));
        }
        assertThat(mailTo(to)).isNotNull();
    }

    @Test
    void an_unreachable_ses_is_retryable_and_names_the_failed_target() {
        try (SesV2Client ses = client(URI.create("http://127.0.0.1:" + Emulators.freePort()))) {
            Operations ops = OperationsFactory.build(OperationsSettings.fromEnvironment(Map.of("KARGO_OPS_EMAIL", "ops@modax.example",
                    "KARGO_BRAND_FROM_EMAIL", "bildirim@modax.example")::get), HttpClient.newHttpClient(), () -> ses, line -> { });
            assertThatThrownBy(() -> ops.alert(new AlertRequest("k", "t", Set.of("email")))).isInstanceOfSatisfying(OperationsException.class, e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.targets()).containsExactly("email");
            });
        }
    }
}
