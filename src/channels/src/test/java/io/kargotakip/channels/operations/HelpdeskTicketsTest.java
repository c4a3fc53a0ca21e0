package io.kargotakip.channels.operations;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.operations.OperationsException;
import io.kargotakip.core.operations.TicketRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tickets in the three formats against WireMock stubs of the published APIs (Zendesk's Tickets API, Freshdesk's API
 * v2, and the generic POST documented in {@link GenericHelpdesk}): the exact body and authorization each expects,
 * what a retry finds, and how their errors are classified.
 */
class HelpdeskTicketsTest {

    static WireMockServer helpdesk;

    static final TicketRequest VIP = new TicketRequest("SHP-7#vip_failed_attempt_support#attempt-2",
            "VIP: SHP-7 failed_attempt (attempt 2)", "Order 1001, Yurtiçi 123456789012.\nSecond failed attempt.", "high",
            "Ayşe Yılmaz", "ayse@example.com", List.of("vip", "kargo-takip"));

    @BeforeAll
    static void start() {
        helpdesk = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        helpdesk.start();
    }

    @AfterAll
    static void stop() {
        helpdesk.stop();
    }

    @BeforeEach
    void reset() {
        helpdesk.resetAll();
    }

    static Operations operations(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent(OperationsSettings.TIMEOUT, "1");
        return OperationsFactory.build(OperationsSettings.fromEnvironment(all::get), HttpClient.newHttpClient(),
                () -> { throw new AssertionError("no SES without an ops e-mail"); }, line -> { },
                Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    }

    static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    // --- Zendesk -------------------------------------------------------------------------------------------------

    static Operations zendesk() {
        return operations(Map.of(OperationsSettings.HELPDESK_FORMAT, "zendesk", OperationsSettings.HELPDESK_URL, helpdesk.baseUrl() + "/",
                OperationsSettings.HELPDESK_USER, "destek@modax.example", OperationsSettings.HELPDESK_TOKEN, "zd-token-123"));
    }

    @Test
    void zendesk_gets_its_ticket_format_with_api_token_basic_auth_and_answers_the_ticket_id() throws Exception {
        helpdesk.stubFor(get(urlPathEqualTo("/api/v2/tickets.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"tickets\":[],\"count\":0}")));
        helpdesk.stubFor(post(urlPathEqualTo("/api/v2/tickets.json"))
                .withHeader("Authorization", equalTo(basic("destek@modax.example/token:zd-token-123")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"ticket": {"subject": "VIP: SHP-7 failed_attempt (attempt 2)",
                                    "comment": {"body": "Order 1001, Yurtiçi 123456789012.\\nSecond failed attempt."},
                                    "priority": "high",
                                    "requester": {"name": "Ayşe Yılmaz", "email": "ayse@example.com"},
                                    "external_id": "SHP-7#vip_failed_attempt_support#attempt-2",
                                    "tags": ["vip", "kargo-takip"]}}"""))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"ticket\":{\"id\":35436,\"status\":\"new\"}}")));

        assertThat(zendesk().openTicket(VIP)).isEqualTo("35436");
        helpdesk.verify(getRequestedFor(urlPathEqualTo("/api/v2/tickets.json"))
                .withQueryParam("external_id", equalTo("SHP-7#vip_failed_attempt_support#attempt-2"))
                .withHeader("Authorization", equalTo(basic("destek@modax.example/token:zd-token-123"))));
        helpdesk.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/tickets.json")));
    }

    @Test
    void a_retry_finds_the_zendesk_ticket_of_its_occurrence_instead_of_opening_a_second() throws Exception {
        helpdesk.stubFor(get(urlPathEqualTo("/api/v2/tickets.json")).withQueryParam("external_id", equalTo(VIP.externalId()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"tickets\":[{\"id\":35436,\"external_id\":\"" + VIP.externalId() + "\"}],\"count\":1}")));

        assertThat(zendesk().openTicket(VIP)).isEqualTo("35436");
        helpdesk.verify(0, postRequestedFor(urlPathEqualTo("/api/v2/tickets.json")));
    }

    @Test
    void zendesk_refusing_the_ticket_is_final_with_its_error_and_no_personal_data_or_token() {
        helpdesk.stubFor(get(urlPathEqualTo("/api/v2/tickets.json")).willReturn(aResponse().withStatus(200).withBody("{\"tickets\":[]}")));
        helpdesk.stubFor(post(urlPathEqualTo("/api/v2/tickets.json")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":"RecordInvalid","description":"Record validation errors",
                         "details":{"requester":[{"description":"Requester: Email ayse@example.com is invalid","error":"InvalidValue"}]}}""")));

        assertThatThrownBy(() -> zendesk().openTicket(VIP)).isInstanceOfSatisfying(OperationsException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("Zendesk answered HTTP 422: RecordInvalid: Record validation errors (requester)");
        });
    }

    @Test
    void zendesk_throttling_is_retried_after_its_retry_after() {
        helpdesk.stubFor(get(urlPathEqualTo("/api/v2/tickets.json")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "93")
                .withBody("Rate limit for ticket updates exceeded, please wait before updating this ticket again")));

        assertThatThrownBy(() -> zendesk().openTicket(VIP)).isInstanceOfSatisfying(OperationsException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(93));
            assertThat(e.getMessage()).startsWith("Zendesk answered HTTP 429").doesNotContain("zd-token-123");
        });
    }

    // --- Freshdesk -----------------------------------------------------------------------------------------------

    static Operations freshdesk() {
        return operations(Map.of(OperationsSettings.HELPDESK_FORMAT, "freshdesk", OperationsSettings.HELPDESK_URL, helpdesk.baseUrl(),
                OperationsSettings.HELPDESK_TOKEN, "fd-api-key"));
    }

    @Test
    void freshdesk_gets_its_ticket_format_with_priority_number_open_status_and_api_key_basic_auth() throws Exception {
        helpdesk.stubFor(post(urlPathEqualTo("/api/v2/tickets"))
                .withHeader("Authorization", equalTo(basic("fd-api-key:X")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"subject": "VIP: SHP-7 failed_attempt (attempt 2)",
                         "description": "Order 1001, Yurtiçi 123456789012.<br>Second failed attempt.<br><br>SHP-7#vip_failed_attempt_support#attempt-2",
                         "email": "ayse@example.com", "name": "Ayşe Yılmaz",
                         "priority": 3, "status": 2, "tags": ["vip", "kargo-takip"]}"""))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":1042,\"status\":2,\"priority\":3}")));

        assertThat(freshdesk().openTicket(VIP)).isEqualTo("1042");
    }

    @Test
    void freshdesk_priorities_are_its_numbers() {
        assertThat(List.of("low", "normal", "high", "urgent").stream().map(FreshdeskHelpdesk::priority).toList()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void freshdesk_validation_errors_are_final_by_field_and_code_and_its_outage_is_retried() {
        helpdesk.stubFor(post(urlPathEqualTo("/api/v2/tickets")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"description":"Validation failed","errors":[{"field":"email","message":"It should be a valid email address like ayse@example.com","code":"invalid_value"}]}""")));
        assertThatThrownBy(() -> freshdesk().openTicket(VIP)).isInstanceOfSatisfying(OperationsException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("Freshdesk answered HTTP 400: Validation failed (email invalid_value)");
        });

        helpdesk.stubFor(post(urlPathEqualTo("/api/v2/tickets")).willReturn(aResponse().withStatus(503).withBody("<html>down</html>")));
        assertThatThrownBy(() -> freshdesk().openTicket(VIP)).isInstanceOfSatisfying(OperationsException.class,
                e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void a_freshdesk_ticket_without_the_requester_s_e_mail_is_refused_before_it_is_sent() {
        TicketRequest anonymous = new TicketRequest("k-1", "s", "b", "low", "Ayşe", null, List.of());
        assertThatThrownBy(() -> freshdesk().openTicket(anonymous)).isInstanceOfSatisfying(OperationsException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("e-mail").doesNotContain("Ayşe");
        });
        assertThat(helpdesk.getAllServeEvents()).isEmpty();
    }

    // --- generic -------------------------------------------------------------------------------------------------

    @Test
    void the_generic_post_carries_the_documented_body_and_an_hmac_of_exactly_that_body() throws Exception {
        helpdesk.stubFor(post(urlPathEqualTo("/hooks/tickets"))
                .withHeader("Idempotency-Key", equalTo(VIP.externalId()))
                .withHeader("Authorization", equalTo("Bearer generic-token"))
                .withRequestBody(equalToJson("""
                        {"external_id": "SHP-7#vip_failed_attempt_support#attempt-2",
                         "subject": "VIP: SHP-7 failed_attempt (attempt 2)",
                         "body": "Order 1001, Yurtiçi 123456789012.\\nSecond failed attempt.",
                         "priority": "high",
                         "requester": {"name": "Ayşe Yılmaz", "email": "ayse@example.com"},
                         "tags": ["vip", "kargo-takip"]}"""))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":\"T-88\"}")));

        Operations ops = operations(Map.of(OperationsSettings.HELPDESK_URL, helpdesk.baseUrl() + "/hooks/tickets",
                OperationsSettings.HELPDESK_TOKEN, "generic-token", OperationsSettings.HELPDESK_SECRET, "whsec-modax"));
        assertThat(ops.openTicket(VIP)).isEqualTo("T-88");

        LoggedRequest sent = helpdesk.findAll(postRequestedFor(urlPathEqualTo("/hooks/tickets"))).get(0);
        assertThat(sent.getHeader(GenericHelpdesk.SIGNATURE_HEADER))
                .isEqualTo("sha256=" + GenericHelpdesk.hmacSha256Hex("whsec-modax", sent.getBody()))
                .matches("sha256=[0-9a-f]{64}");
    }

    @Test
    void the_signature_is_hmac_sha256_as_rfc_4231_gives_it() {
        // RFC 4231, test case 2
        assertThat(GenericHelpdesk.hmacSha256Hex("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void without_a_secret_the_generic_post_is_unsigned_and_without_an_id_the_ticket_is_its_occurrence() throws Exception {
        helpdesk.stubFor(post(urlPathEqualTo("/t")).willReturn(aResponse().withStatus(204)));
        Operations ops = operations(Map.of(OperationsSettings.HELPDESK_URL, helpdesk.baseUrl() + "/t"));

        assertThat(ops.openTicket(VIP)).isEqualTo(VIP.externalId());
        LoggedRequest sent = helpdesk.findAll(postRequestedFor(urlPathEqualTo("/t"))).get(0);
        assertThat(sent.containsHeader(GenericHelpdesk.SIGNATURE_HEADER)).isFalse();
        assertThat(sent.containsHeader("Authorization")).isFalse();
    }

    @Test
    void a_helpdesk_that_does_not_answer_in_time_is_retried() {
        helpdesk.stubFor(post(urlPathEqualTo("/slow")).willReturn(aResponse().withStatus(201).withFixedDelay(2500)));
        Operations ops = operations(Map.of(OperationsSettings.HELPDESK_URL, helpdesk.baseUrl() + "/slow"));

        assertThatThrownBy(() -> ops.openTicket(VIP)).isInstanceOfSatisfying(OperationsException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).isEqualTo("the helpdesk did not answer within 1 s");
        });
    }

    @Test
    void errors_never_name_the_helpdesk_url_and_mask_addresses_the_provider_quotes() {
        helpdesk.stubFor(post(urlPathEqualTo("/secret-path-abc")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"ayse@example.com is not allowed\"}")));
        Operations ops = operations(Map.of(OperationsSettings.HELPDESK_URL, helpdesk.baseUrl() + "/secret-path-abc"));
        List<String> messages = new ArrayList<>();
        assertThatThrownBy(() -> ops.openTicket(VIP)).isInstanceOfSatisfying(OperationsException.class, e -> messages.add(e.getMessage()));
        assertThat(messages).containsExactly("the helpdesk answered HTTP 403: <e-mail> is not allowed");
    }
}
