package io.kargotakip.local;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's line: recorded fees with the chain against one SMS per reached notification. */
class ChainSavingTest {

    static final BigDecimal SMS = new BigDecimal("0.04");
    static final BigDecimal MAIL = new BigDecimal("0.0001");
    static final BigDecimal WA = new BigDecimal("0.0053");

    @Test
    void a_chain_is_one_notification_and_costs_what_its_messages_were_billed() {
        List<ChainSaving.Message> messages = List.of(
                // read after WhatsApp: SMS cancelled
                new ChainSaving.Message("m1", List.of(), "email", MAIL, true),
                new ChainSaving.Message("w1", List.of("m1"), "whatsapp", WA, true),
                new ChainSaving.Message("s1", List.of("m1", "w1"), "sms", null, false),
                // reached SMS
                new ChainSaving.Message("m2", List.of(), "email", MAIL, true),
                new ChainSaving.Message("w2", List.of("m2"), "whatsapp", WA, true),
                new ChainSaving.Message("s2", List.of("w2", "m2"), "sms", SMS, true),
                // an e-mail alone, read
                new ChainSaving.Message("m3", List.of(), "email", MAIL, true),
                // no consent anywhere: not reached, costs nothing
                new ChainSaving.Message("m4", List.of(), "email", null, false));

        ChainSaving.Result r = ChainSaving.of(messages, SMS);

        assertThat(r.reached()).isEqualTo(3);
        assertThat(r.withChain()).isEqualByComparingTo("0.0509");
        assertThat(r.smsForEveryone()).isEqualByComparingTo("0.12");
        assertThat(r.line()).isEqualTo("messaging: $0.0509 with the fallback chain vs $0.1200 if every reached customer got SMS (saved 58%)");
    }

    @Test
    void a_chain_dearer_than_sms_says_so_and_nothing_reached_compares_nothing() {
        ChainSaving.Result dear = ChainSaving.of(List.of(new ChainSaving.Message("s", List.of(), "sms", new BigDecimal("0.08"), true)), SMS);
        assertThat(dear.line()).endsWith("(cost 100% more)");
        ChainSaving.Result none = ChainSaving.of(List.of(new ChainSaving.Message("m", List.of(), "email", null, false)), SMS);
        assertThat(none.line()).endsWith("$0.0000 if every reached customer got SMS (nothing to compare)");
    }
}
