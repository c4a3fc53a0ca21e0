package io.kargotakip.core.operations;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a ticket and an alert request accept, and that a logged ticket never shows its requester. */
class OperationsRequestsTest {

    @Test
    void a_ticket_logged_shows_ids_and_subject_but_not_the_requester() {
        TicketRequest t = new TicketRequest("SHP-1#vip_failed_attempt_support#attempt-2", "VIP: SHP-1 failed_attempt (attempt 2)",
                "order 1001", "high", "Ayşe Yılmaz", "ayse@example.com", List.of("vip"));
        assertThat(t.toString()).contains("SHP-1#vip_failed_attempt_support#attempt-2", "high", "vip")
                .doesNotContain("Ayşe", "ayse@example.com");
        assertThat(t.requesterEmail()).isEqualTo("ayse@example.com");
    }

    @Test
    void a_ticket_needs_its_occurrence_key_and_a_known_priority() {
        assertThatThrownBy(() -> new TicketRequest(" ", "s", "b", "high", null, null, List.of()))
                .hasMessageContaining("occurrence key");
        assertThatThrownBy(() -> new TicketRequest("k", "s", "b", "asap", null, null, List.of()))
                .hasMessage("ticket priority 'asap' is not one of low, normal, high, urgent");
        assertThat(new TicketRequest("k", "s", null, null, null, null, null))
                .satisfies(t -> {
                    assertThat(t.priority()).isEqualTo("normal");
                    assertThat(t.body()).isEmpty();
                    assertThat(t.tags()).isEmpty();
                });
    }

    @Test
    void alert_targets_are_email_and_webhook_with_or_without_the_rule_s_address() {
        AlertRequest a = new AlertRequest("k", "text", Set.of("email:ops@modax.example", "webhook"));
        assertThat(a.wants(Operations.EMAIL)).isTrue();
        assertThat(a.wants(Operations.WEBHOOK)).isTrue();
        assertThat(a.addressFor(Operations.EMAIL)).isEqualTo("ops@modax.example");
        assertThat(a.addressFor(Operations.WEBHOOK)).isNull();
        assertThat(new AlertRequest("k", "t", Set.of("webhook:https://hooks.example.com/x")).addressFor(Operations.WEBHOOK))
                .isEqualTo("https://hooks.example.com/x");
        assertThatThrownBy(() -> new AlertRequest("k", "t", Set.of("sms"))).hasMessage("alert target 'sms' is not email or webhook");
        assertThatThrownBy(() -> new AlertRequest("k", "t", Set.of())).hasMessageContaining("needs a target");
    }
}
