package io.kargotakip.channels.operations;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.operations.OperationsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alerts to a Slack-compatible incoming webhook, against a stub answering as Slack does. */
class WebhookAlertsTest {

    static final String HOOK = "/services/T0001/B0001/XXXXsecretXXXX";
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static WireMockServer slack;

    @BeforeAll
    static void start() {
        slack = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        slack.start();
    }

    @AfterAll
    static void stop() {
        slack.stop();
    }

    @BeforeEach
    void reset() {
        slack.resetAll();
    }

    static Operations operations(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(OperationsSettings.OPS_WEBHOOK_URL, slack.baseUrl() + HOOK, OperationsSettings.TIMEOUT, "1"));
        env.putAll(extra);
        return OperationsFactory.build(OperationsSettings.fromEnvironment(env::get), HttpClient.newHttpClient(),
                () -> { throw new AssertionError("no SES"); }, line -> { }, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static final AlertRequest ALERT = new AlertRequest("SHP-9#delay_apology#delay-1",
            "delay_apology: SHP-9 delayed 26 h, order 1002 <no codes left> & no apology sent", Set.of("webhook"));

    @Test
    void posts_slack_s_text_payload_escaped_with_the_key() throws Exception {
        slack.stubFor(post(urlPathEqualTo(HOOK)).withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"text": "delay_apology: SHP-9 delayed 26 h, order 1002 &lt;no codes left&gt; &amp; no apology sent\\nSHP-9#delay_apology#delay-1"}"""))
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        operations(Map.of()).alert(ALERT);

        slack.verify(1, postRequestedFor(urlPathEqualTo(HOOK)));
    }

    @Test
    void slack_s_plain_text_refusals_are_final_and_never_show_the_webhook_url() {
        slack.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(404).withBody("no_service")));

        assertThatThrownBy(() -> operations(Map.of()).alert(ALERT)).isInstanceOfSatisfying(OperationsException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.targets()).containsExactly("webhook");
            assertThat(e.getMessage()).isEqualTo("the ops webhook answered HTTP 404: no_service").doesNotContain("XXXXsecretXXXX");
        });
    }

    @Test
    void throttling_is_retryable_after_retry_after_in_seconds_or_as_a_date() {
        slack.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30").withBody("rate_limited")));
        assertThatThrownBy(() -> operations(Map.of()).alert(ALERT)).isInstanceOfSatisfying(OperationsException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        });

        slack.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "Tue, 01 Dec 2026 10:02:00 GMT")));
        assertThatThrownBy(() -> operations(Map.of()).alert(ALERT)).isInstanceOfSatisfying(OperationsException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofMinutes(2));
        });
    }

    @Test
    void a_webhook_that_hangs_is_retryable_after_the_configured_timeout() {
        slack.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(200).withBody("ok").withFixedDelay(2500)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> operations(Map.of()).alert(ALERT)).isInstanceOfSatisfying(OperationsException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).isEqualTo("the ops webhook did not answer within 1 s");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2400));
    }

    @Test
    void the_rule_s_webhook_is_used_when_the_environment_sets_none() throws Exception {
        slack.stubFor(post(urlPathEqualTo("/rules-hook")).willReturn(aResponse().withStatus(200).withBody("ok")));
        Operations ops = OperationsFactory.build(OperationsSettings.fromEnvironment(k -> null), HttpClient.newHttpClient(),
                () -> { throw new AssertionError("no SES"); }, line -> { }, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(ops.destinations()).isEmpty();

        ops.alert(new AlertRequest("k", "text", Set.of("webhook:" + slack.baseUrl() + "/rules-hook")));
        ops.alert(new AlertRequest("k", "text", Set.of("webhook")));

        slack.verify(1, postRequestedFor(urlPathEqualTo("/rules-hook")));
    }
}
