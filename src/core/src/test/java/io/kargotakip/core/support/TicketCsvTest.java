package io.kargotakip.core.support;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketCsvTest {

    private static String sample() {
        return new String(TicketPayloadsTest.sample("tickets.csv"), StandardCharsets.UTF_8);
    }

    @Test
    void everyGoodRowGivesItsEventsAndEveryBadOneItsLine() throws Exception {
        TicketCsv.Result result = TicketCsv.read(sample());

        assertThat(result.rows()).isEqualTo(7);
        assertThat(result.tickets()).isEqualTo(3);
        assertThat(result.bad()).containsExactly(
                new TicketCsv.BadRow(4, "created_at is not an ISO-8601 time (2026-12-01T10:00:00Z, or 2026-12-01T13:00:00 in Istanbul's time)"),
                new TicketCsv.BadRow(5, "first_response_at is before created_at"),
                new TicketCsv.BadRow(7, "ticket_id is empty"),
                // the row after a quoted field across two lines still has its own line
                new TicketCsv.BadRow(10, "has 12 fields, the header has 10"));
        assertThat(result.events()).extracting(e -> e.ticket().id() + " " + e.step().wire() + " " + e.at()).containsExactly(
                "T-1 created 2026-11-30T08:00:00Z",
                "T-1 first_response 2026-11-30T09:15:00Z",
                "T-1 solved 2026-11-30T16:00:00Z",
                "T-2 created 2026-11-30T07:00:00Z",
                "T-6 created 2026-11-30T13:00:00Z",
                "T-6 solved 2026-12-01T09:00:00Z");
    }

    @Test
    void theCellsAsWrittenQuotedCommasQuotesAndLineBreaksIncluded() throws Exception {
        TicketCsv.Result result = TicketCsv.read(sample());

        SupportTicket t1 = result.events().get(0).ticket();
        assertThat(t1.source()).isEqualTo("csv");
        assertThat(t1.body()).isEqualTo("Merhaba, siparişim ne zaman gelir?");
        assertThat(t1.tags()).containsExactly("kargo-nerede", "web");
        assertThat(t1.orderNo()).isEqualTo("100234");
        assertThat(t1.trackingNumber()).isNull();

        SupportTicket t2 = result.events().get(3).ticket();
        assertThat(t2.body()).isEqualTo("Ürünü iade etmek istiyorum, kutu \"hasarlı\" geldi");
        assertThat(TicketClassifier.builtIn().classify(t2.forClassifier()).wismo()).isFalse();

        SupportTicket t6 = result.events().get(4).ticket();
        assertThat(t6.subject()).isEqualTo("Takip no\n1Z999AA10123456784");
        assertThat(t6.trackingNumber()).isEqualTo("1Z999AA10123456784");
    }

    @Test
    void columnsInAnyOrderWithCrLfAndAByteOrderMark() throws Exception {
        TicketCsv.Result result = TicketCsv.read("\uFEFFcreated_at,Ticket_ID,first_response_at\r\n2026-12-01T10:00:00+03:00,9,2026-12-01T10:30:00\r\n");

        assertThat(result.bad()).isEmpty();
        // a time without an offset is Istanbul's
        assertThat(result.events().get(1).at()).isEqualTo(Instant.parse("2026-12-01T07:30:00Z"));
        assertThat(result.events().subList(0, 1)).singleElement().satisfies(e -> {
            assertThat(e.ticket().id()).isEqualTo("9");
            assertThat(e.at()).isEqualTo(Instant.parse("2026-12-01T07:00:00Z"));
            assertThat(e.step()).isEqualTo(TicketEvent.Step.CREATED);
        });
    }

    @Test
    void aFileWithoutTheRequiredColumnsOrUnclosedQuotesIsRefusedWhole() {
        assertThatThrownBy(() -> TicketCsv.read("")).isInstanceOf(TicketPayloadException.class).hasMessageStartingWith("the CSV is empty");
        assertThatThrownBy(() -> TicketCsv.read("id,created\n1,2026-12-01T10:00:00Z\n")).hasMessage("the CSV header has no ticket_id column");
        assertThatThrownBy(() -> TicketCsv.read("ticket_id,subject\n1,x\n")).hasMessage("the CSV header has no created_at column");
        assertThatThrownBy(() -> TicketCsv.read("ticket_id,created_at\n1,2026-12-01T10:00:00Z\n2,\"open\n"))
                .hasMessage("line 3: a quoted field is not closed");
    }
}
