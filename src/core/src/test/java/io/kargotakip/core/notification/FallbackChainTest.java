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
