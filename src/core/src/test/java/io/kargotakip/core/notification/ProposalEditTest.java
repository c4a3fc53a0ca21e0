package io.kargotakip.core.notification;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An edit before approval: a note of 1 to 500 characters of plain text (trimmed, newlines kept), a subset of the rule's
 * links, a percent of 1 to 90 for a message that carries a discount; each refusal names its field.
 */
class ProposalEditTest {

    static final NotificationIntent.Details APOLOGY = new NotificationIntent.Details("delay_apology_discount", "ups:1Z/delay_apology/delay=1",
            List.of("support", "reschedule"), 10, "OZUR10-A", null);

    @Test
    void aNoteIsTrimmedKeepsItsLinesAndTheRestStaysAsTheRuleProposed() {
        ProposalEdit edit = new ProposalEdit("  Merhaba Can,\r\nkapıda bekleyin.  \n", null, null);
        assertThat(edit.problem(APOLOGY)).isNull();
        NotificationIntent.Details edited = edit.applyTo(APOLOGY, APOLOGY.discountCode());
        assertThat(edited.note()).isEqualTo("Merhaba Can,\nkapıda bekleyin.");
        assertThat(edited.links()).containsExactly("support", "reschedule");
        assertThat(edited.discountPercent()).isEqualTo(10);
        assertThat(edited.discountCode()).isEqualTo("OZUR10-A");
        assertThat(edited.ruleId()).isEqualTo(APOLOGY.ruleId());
        assertThat(edited.occurrenceKey()).isEqualTo(APOLOGY.occurrenceKey());
    }

    @Test
    void linksKeptAreTheRulesInItsOrderAndAPercentChangeTakesTheGivenCode() {
        ProposalEdit edit = new ProposalEdit(null, List.of("reschedule"), 15);
        assertThat(edit.problem(APOLOGY)).isNull();
        NotificationIntent.Details edited = edit.applyTo(APOLOGY, "OZUR15-B");
        assertThat(edited.note()).isNull();
        assertThat(edited.links()).containsExactly("reschedule");
        assertThat(edited.discountPercent()).isEqualTo(15);
        assertThat(edited.discountCode()).isEqualTo("OZUR15-B");
        assertThat(new ProposalEdit(null, List.of("reschedule", "support"), null).applyTo(APOLOGY, "OZUR10-A").links())
                .containsExactly("support", "reschedule");
        assertThat(new ProposalEdit(null, List.of(), null).applyTo(APOLOGY, "OZUR10-A").links()).isEmpty();
    }

    @Test
    void badEditsAreRefusedNamingTheField() {
        char[] long501 = new char[501];
        Arrays.fill(long501, 'a');
        assertThat(new ProposalEdit(new String(long501), null, null).problem(APOLOGY)).isEqualTo("note: at most 500 characters (it has 501)");
        assertThat(new ProposalEdit(new String(long501).substring(1), null, null).problem(APOLOGY)).isNull();
        assertThat(new ProposalEdit("   ", null, null).problem(APOLOGY)).startsWith("note: 1 to 500 characters");
        assertThat(new ProposalEdit("zil\u0007çalmıyor", null, null).problem(APOLOGY)).isEqualTo("note: plain text only; it holds the control character U+0007");
        assertThat(new ProposalEdit("tab\there", null, null).problem(APOLOGY)).startsWith("note: plain text only");
        assertThat(new ProposalEdit("😀 emoji ve çok satır\nolur", null, null).problem(APOLOGY)).isNull();
        assertThat(new ProposalEdit(null, List.of("nps_survey"), null).problem(APOLOGY))
                .isEqualTo("links: \"nps_survey\" is not offered by this message; expected some of [support, reschedule]");
        assertThat(new ProposalEdit(null, null, 0).problem(APOLOGY)).isEqualTo("discountPercent: 1 to 90 (it is 0)");
        assertThat(new ProposalEdit(null, null, 91).problem(APOLOGY)).isEqualTo("discountPercent: 1 to 90 (it is 91)");
        assertThat(new ProposalEdit(null, null, 90).problem(APOLOGY)).isNull();
        NotificationIntent.Details noDiscount = new NotificationIntent.Details("delivered", "k", List.of(), null, null, null);
        assertThat(new ProposalEdit(null, null, 10).problem(noDiscount)).isEqualTo("discountPercent: this message carries no discount");
        assertThat(new ProposalEdit("not", null, null).problem(null)).startsWith("this message carries no rule details");
    }
}
