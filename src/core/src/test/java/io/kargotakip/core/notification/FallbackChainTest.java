package io.kargotakip.core.notification;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FallbackChainTest {

    @Test
    void the_briefs_chain_is_email_then_whatsapp_after_two_hours_then_sms_after_six() {
        assertThat(FallbackChain.defaults().steps()).containsExactly(new FallbackChain.Step("email", Duration.ZERO),
                new FallbackChain.Step("whatsapp", Duration.ofHours(2)), new FallbackChain.Step("sms", Duration.ofHours(6)));
        assertThat(FallbackChain.parse(null)).isEqualTo(FallbackChain.defaults());
        assertThat(FallbackChain.defaults().preferred()).containsExactly("push", "webpush");
    }

    @Test
    void the_first_step_goes_over_the_first_preferred_channel_the_customer_can_be_reached_on() {
        FallbackChain chain = FallbackChain.parse("push|webpush|email,sms@6h");
        assertThat(chain.opening("email", c -> c.equals("webpush"))).isEqualTo("webpush");
        assertThat(chain.opening("email", c -> true)).isEqualTo("push");
        assertThat(chain.opening("email", c -> false)).isEqualTo("email");
        assertThat(chain.opening("sms", c -> true)).as("a message the chain does not start at keeps its channel").isEqualTo("sms");
        assertThat(chain.fallbacksOf("webpush")).containsExactly(new FallbackChain.Step("sms", Duration.ofHours(6)));
        assertThat(chain.standIn()).isEqualTo("email");
        assertThatThrownBy(() -> FallbackChain.parse("push|email|email,sms@6h")).hasMessage("a channel is in the fallback chain once: email");
        assertThatThrownBy(() -> FallbackChain.parse("push||email")).hasMessage("a preferred channel of the first step is not a channel id: push||email");
        assertThatThrownBy(() -> FallbackChain.parse("email,push|sms@6h")).hasMessage("fallback chain step is not channel or channel@<n>h|m: push|sms@6h");
    }

    @Test
    void a_message_has_fallbacks_only_when_the_chain_starts_at_its_channel() {
        FallbackChain chain = FallbackChain.parse("email,push@30m");
        assertThat(chain.fallbacksOf("email")).containsExactly(new FallbackChain.Step("push", Duration.ofMinutes(30)));
        assertThat(chain.fallbacksOf("sms")).isEmpty();
        assertThat(FallbackChain.parse("off").fallbacksOf("email")).isEmpty();
        assertThat(FallbackChain.parse("email").fallbacksOf("email")).isEmpty();
    }

    @Test
    void a_wrong_chain_says_what_is_wrong() {
        assertThatThrownBy(() -> FallbackChain.parse("email,sms@6d")).hasMessage("fallback chain step is not channel or channel@<n>h|m: sms@6d");
        assertThatThrownBy(() -> FallbackChain.parse("email@1h,sms@6h")).hasMessage("the fallback chain's first step has no wait: email@1h");
        assertThatThrownBy(() -> FallbackChain.parse("email,sms")).hasMessage("a fallback step waits some time after the first message: sms");
        assertThatThrownBy(() -> FallbackChain.parse("email,sms@6h,whatsapp@2h")).hasMessage("fallback steps are in the order of their waits: whatsapp@2h");
        assertThatThrownBy(() -> FallbackChain.parse("email,email@2h")).hasMessage("a channel is in the fallback chain once: email");
    }
}
