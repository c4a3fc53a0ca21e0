package io.kargotakip.core.analytics;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A record's id says what it is of: the same fact twice is one id, another occurrence another. */
class AnalyticsRecordTest {

    static final Instant AT = Instant.parse("2026-11-30T21:30:00Z");

    @Test
    void theSameFactIsTheSameIdAndAnotherTimeAnotherUnlessItCountsOnce() {
        String s = AnalyticsRecord.shipmentKey("ups", "1Z999");
        AnalyticsRecord a = AnalyticsRecord.of(AnalyticsRecord.Kind.TRACKING_EVENT, AT).shipment(s).status("failed_attempt").id(s, "failed_attempt");
        AnalyticsRecord again = AnalyticsRecord.of(AnalyticsRecord.Kind.TRACKING_EVENT, AT).shipment(s).status("failed_attempt").id(s, "failed_attempt");
        AnalyticsRecord second = AnalyticsRecord.of(AnalyticsRecord.Kind.TRACKING_EVENT, AT.plusSeconds(86_400)).shipment(s)
                .status("failed_attempt").id(s, "failed_attempt");
        assertThat(again.id()).isEqualTo(a.id());
        assertThat(second.id()).as("a second attempt is another fact").isNotEqualTo(a.id());
        AnalyticsRecord reply = AnalyticsRecord.of(AnalyticsRecord.Kind.TICKET, AT).ticket("t").state("first_response").once("t", "first_response");
        AnalyticsRecord laterReply = AnalyticsRecord.of(AnalyticsRecord.Kind.TICKET, AT.plusSeconds(60)).ticket("t").state("first_response")
                .once("t", "first_response");
        assertThat(laterReply.id()).as("one first response, whenever it is claimed").isEqualTo(reply.id());
    }

    @Test
    void theLocalDateIsIstanbulsAndKeysAreStablePseudonyms() {
        AnalyticsRecord r = AnalyticsRecord.of(AnalyticsRecord.Kind.SHIPMENT, AT).once("x");
        assertThat(r.localDate()).as("21:30 UTC is past midnight in Istanbul").isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(AnalyticsRecord.shipmentKey("ups", " 1z999 ")).isEqualTo(AnalyticsRecord.shipmentKey("ups", "1Z999"))
                .hasSize(16).doesNotContain("1Z999");
        assertThat(AnalyticsRecord.shipmentKey("aras", "1Z999")).isNotEqualTo(AnalyticsRecord.shipmentKey("ups", "1Z999"));
        assertThat(AnalyticsRecord.orderKey("A-1")).isNotEqualTo(AnalyticsRecord.shipmentKey("A", "1"));
    }

    @Test
    void aSurveyScoreIsZeroToTen() {
        assertThatThrownBy(() -> AnalyticsRecord.of(AnalyticsRecord.Kind.SURVEY, AT).score(11).once("s"))
                .hasMessageContaining("0 to 10");
    }
}
