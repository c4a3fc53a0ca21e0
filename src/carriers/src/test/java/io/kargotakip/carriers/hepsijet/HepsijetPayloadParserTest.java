package io.kargotakip.carriers.hepsijet;

import io.kargotakip.carriers.kit.LogCapture;
import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;

import static io.kargotakip.carriers.hepsijet.HepsijetFixtures.bytes;
import static io.kargotakip.carriers.hepsijet.HepsijetFixtures.json;
import static io.kargotakip.carriers.hepsijet.HepsijetFixtures.oneDetail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HepsijetPayloadParserTest {

    private final HepsijetCarrier hepsijet = new HepsijetCarrier();

    @Test
    void theDocumentedExampleIsOutForDeliveryBecauseItsWordsSayMoreThanItsCode() throws Exception {
        List<TrackingEvent> events = hepsijet.parse(bytes("hepsijet-integration-track-response.json"));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.carrier()).isEqualTo("hepsijet");
            assertThat(e.trackingNumber()).isEqualTo("TST1000000000001");
            assertThat(e.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
            assertThat(e.reason()).isNull();
            assertThat(e.carrierCode()).isEqualTo("ACCEPTED");
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2023-07-09T04:04:06+03:00"));
            assertThat(e.location()).isEqualTo("Dağıtım Aracında");
            assertThat(e.description()).isEqualTo("Dağıtım Aracında");
            assertThat(e.alternateNumber()).isNull();
        });
    }

    @Test
    void aBatchAnswerGivesEveryBarcodesEventsOldestFirst() throws Exception {
        List<TrackingEvent> events = hepsijet.parse(bytes("track-batch-delivered.json"));

        assertThat(events).extracting(TrackingEvent::trackingNumber)
                .containsExactly("KTP100000000042", "KTP100000000042", "KTP100000000042", "KTP100000000043");
        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.IN_TRANSIT,
                TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED, TrackingStatus.FAILED_ATTEMPT);
        assertThat(events.get(3).reason()).isEqualTo(Reason.RECIPIENT_ABSENT);
        assertThat(events).extracting(TrackingEvent::carrierCode).containsExactly("ACCEPTED", "ACCEPTED", "DELIVERED", "UNDELIVERED");
        assertThat(events.get(2).occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-26T14:32:05+03:00"));
    }

    @Test
    void timesAreShownAtIstanbulsOffsetAndLocalTimesAreIstanbulTime() throws Exception {
        TrackingEvent utc = hepsijet.parse(oneDetail("KTP1", "ACCEPTED", "Merkez", "2026-11-26T07:00:00Z")).get(0);
        assertThat(utc.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-26T10:00:00+03:00"));
        assertThat(utc.occurredAt().toInstant()).isEqualTo(OffsetDateTime.parse("2026-11-26T07:00:00Z").toInstant());

        TrackingEvent local = hepsijet.parse(oneDetail("KTP1", "ACCEPTED", "Merkez", "2026-11-26T10:00:00")).get(0);
        assertThat(local.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-26T10:00:00+03:00"));
    }

    @Test
    void theUnverifiedGetDeliveryTrackingShapeIsReadToo() throws Exception {
        List<TrackingEvent> events = hepsijet.parse(bytes("delivery-tracking-unverified.json"));

        assertThat(events).extracting(TrackingEvent::status).containsExactly(
                TrackingStatus.LABEL_CREATED, TrackingStatus.IN_TRANSIT, TrackingStatus.DELIVERED);
        assertThat(events).extracting(TrackingEvent::trackingNumber).containsOnly("KTP100000000050");
        assertThat(events).extracting(TrackingEvent::occurredAt).containsExactly(
                OffsetDateTime.parse("2026-11-24T10:15:00+03:00"), OffsetDateTime.parse("2026-11-25T18:40:00+03:00"),
                OffsetDateTime.parse("2026-11-26T14:32:00+03:00"));
        assertThat(events).extracting(TrackingEvent::location).containsExactly("İstanbul", "Kartal XDock", "Kadıköy");
        assertThat(events.get(1).description()).isEqualTo("Kargo kabul edildi");
        assertThat(events).extracting(TrackingEvent::carrierCode).containsExactly("CREATED", "ACCEPTED", "DELIVERED");
    }

    @Test
    void theUnverifiedShapeUnderDataAndWithEpochMillis() throws Exception {
        List<TrackingEvent> events = hepsijet.parse(json("""
                {"data":{"barcode":"KTP7","events":[{"actionDate":1764140400000,"statusName":"Teslim Edildi"}]}}"""));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.trackingNumber()).isEqualTo("KTP7");
            assertThat(e.status()).isEqualTo(TrackingStatus.DELIVERED);
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-26T10:00:00+03:00"));
            // no code: keyed by its folded words, so a repeat of the scan is the same event
            assertThat(e.carrierCode()).isEqualTo("text:teslim edildi");
        });
    }

    @Test
    void noMovementYetIsNoEvents() throws Exception {
        assertThat(hepsijet.parse(bytes("track-no-movement.json"))).isEmpty();
        assertThat(hepsijet.parse(json("{\"status\":\"OK\",\"data\":[]}"))).isEmpty();
        assertThat(hepsijet.parse(json("{\"status\":\"OK\",\"data\":[{\"barcode\":\"KTP1\",\"details\":[]}]}"))).isEmpty();
    }

    @Test
    void anErrorAnswerNamesItsCodesButNeverItsMessage() {
        assertThatThrownBy(() -> hepsijet.parse(bytes("track-error.json")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("HepsiJET error response (FAIL, E1002)");
        assertThatThrownBy(() -> hepsijet.parse(json("{\"status\":\"a long status that is really a message\"}")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("HepsiJET error response");
    }

    @Test
    void theTokenAnswerAndOtherShapesAreRejectedWithoutTheToken() {
        assertThatThrownBy(() -> hepsijet.parse(bytes("token-answer.json")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("HepsiJET payload has an unrecognised shape");
        assertThatThrownBy(() -> hepsijet.parse(json("{\"status\":\"OK\",\"data\":[{\"details\":[]}]}")))
                .isInstanceOf(PayloadException.class).hasMessage("HepsiJET track entry has no barcode");
        assertThatThrownBy(() -> hepsijet.parse(oneDetail("KTP1", "ACCEPTED", "Merkez", "yesterday")))
                .isInstanceOf(PayloadException.class).hasMessage("HepsiJET movement time is malformed");
        assertThatThrownBy(() -> hepsijet.parse(json("{\"events\":[]}")))
                .isInstanceOf(PayloadException.class).hasMessage("HepsiJET tracking answer names no delivery number");
    }

    @Test
    void anUnmappedCodeIsUnknownAndLoggedWithoutTheWords() throws Exception {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            TrackingEvent event = hepsijet.parse(oneDetail("KTP1", "PARKED", "Ahmet Bey aldı", "2026-11-26T10:00:00+03:00")).get(0);
            hepsijet.parse(json("""
                    {"events":[{"actionDate":"2026-11-26T10:00:00","statusName":"Ayşe Hanım'a bırakıldı"}],"barcode":"KTP2"}"""));

            assertThat(event.status()).isEqualTo(TrackingStatus.UNKNOWN);
            assertThat(log.messages()).containsExactly(
                    "unmapped carrier code: carrier=hepsijet code=PARKED",
                    "unmapped carrier code: carrier=hepsijet code=text-only");
        }
    }

    @Test
    void codesMatchInAnyCase() throws Exception {
        assertThat(hepsijet.parse(oneDetail("KTP1", "delivered", "Merkez", "2026-11-26T10:00:00+03:00")).get(0).status())
                .isEqualTo(TrackingStatus.DELIVERED);
    }

    @Test
    void badTablesFailLoudly() {
        assertThatThrownBy(() -> table("statusCode,,ACCEPTED,in_transit,,inf,x\nstatusCode,,accepted,in_transit,,inf,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessage("hepsijet mapping table row 2: duplicate ACCEPTED");
        assertThatThrownBy(() -> table("integrationStatus,,ACCEPTED,in_transit,,inf,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessage("hepsijet mapping table row 1: unknown field integrationStatus");
    }

    @Test
    void inferredRowsAreMarkedAndOnlyTheDocumentedOnesAreNot() {
        List<MappingTable.Row> rows = MappingTable.load("hepsijet").rows();
        assertThat(rows).filteredOn(r -> !r.inferred()).extracting(MappingTable.Row::code)
                .containsExactlyInAnyOrder("ACCEPTED", "dağıtım aracında");
    }

    @Test
    void profileLinkAndRegistration() {
        assertThat(CarrierRegistry.load().find("hepsijet")).get().isInstanceOf(HepsijetCarrier.class);
        assertThat(hepsijet.displayName()).isEqualTo("HepsiJET");
        assertThat(hepsijet.trackingLink("TST1000000000001")).contains("https://hepsijet.com/gonderi-takibi/TST1000000000001");
        assertThat(hepsijet.trackingNumberFormat()).isEmpty();
        assertThat(hepsijet.profile().batchSize()).isEqualTo(5);
        assertThat(hepsijet.profile().settings()).containsExactly("user", "password");
        assertThat(hepsijet.profile().push()).isEmpty();
    }

    private static HepsijetStatusMap table(String rows) throws Exception {
        return HepsijetStatusMap.of(MappingTable.parse("hepsijet", new StringReader("field,type,code,status,reason,basis,note\n" + rows)));
    }
}
