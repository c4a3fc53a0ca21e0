package io.kargotakip.carriers.surat;

import io.kargotakip.carriers.kit.LogCapture;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static io.kargotakip.carriers.surat.SuratFixtures.KEY;
import static io.kargotakip.carriers.surat.SuratFixtures.bytes;
import static io.kargotakip.carriers.surat.SuratFixtures.envelope;
import static io.kargotakip.carriers.surat.SuratFixtures.polled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuratPayloadParserTest {

    private final SuratCarrier surat = new SuratCarrier();

    @Test
    void escapedDataSetRowsGiveOneEventEachWithTheirTextStatusPlaceAndSuratNumber() throws Exception {
        List<TrackingEvent> events = surat.parse(bytes("rows-escaped-dataset.xml"));

        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.IN_TRANSIT,
                TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.FAILED_ATTEMPT, TrackingStatus.DELIVERED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.carrier()).isEqualTo("surat");
            assertThat(e.trackingNumber()).isEqualTo("SIP-2026-0042");
            assertThat(e.alternateNumber()).isEqualTo("900123456789");
            assertThat(e.estimatedDelivery()).isNull();
        });
        TrackingEvent failed = events.get(3);
        assertThat(failed.reason()).isEqualTo(Reason.RECIPIENT_ABSENT);
        assertThat(failed.description()).isEqualTo("Teslim Edilemedi - Alıcı adreste bulunamadı");
        assertThat(failed.carrierCode()).isEqualTo("teslim edilemedi");
        assertThat(events.get(0).location()).isEqualTo("KADIKÖY ŞUBE");
        assertThat(events.get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2026-03-20T10:05:00+03:00"));
        assertThat(events.get(4).occurredAt().toInstant()).isEqualTo(Instant.parse("2026-03-23T12:45:10Z"));
        assertThat(events.get(4).description()).isEqualTo("TESLİM EDİLDİ");
        assertThat(events.get(4).carrierCode()).isEqualTo("teslim edildi");
    }

    @Test
    void inlineDiffgramRowsSkipTheSchemaAndTheBeforeCopiesAndKeepAnOffsetTheyCarry() throws Exception {
        List<TrackingEvent> events = surat.parse(bytes("rows-inline-diffgram.xml"));

        assertThat(events).extracting(TrackingEvent::status)
                .containsExactly(TrackingStatus.IN_TRANSIT, TrackingStatus.AVAILABLE_FOR_PICKUP);
        assertThat(events.get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2026-03-20T10:05:00+03:00"));
        assertThat(events.get(1).occurredAt()).isEqualTo(OffsetDateTime.parse("2026-03-21T08:00:00+03:00"));
        assertThat(events.get(1).location()).isEqualTo("ANKARA");
        assertThat(events).extracting(TrackingEvent::trackingNumber).containsOnly("SIP-2026-0043");
        assertThat(events).extracting(TrackingEvent::alternateNumber).containsOnlyNulls();
    }

    @Test
    void statusDatetimeLocationLinesGiveOneEventPerLine() throws Exception {
        List<TrackingEvent> events = surat.parse(bytes("lines.xml"));

        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.IN_TRANSIT,
                TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.RETURN_IN_TRANSIT,
                TrackingStatus.RETURNED_TO_SENDER);
        assertThat(events).extracting(TrackingEvent::location).containsExactly("İSTANBUL/KADIKÖY", "İSTANBUL AKTARMA",
                "İZMİR/KONAK", "İZMİR/KONAK", "İSTANBUL/KADIKÖY");
        assertThat(events.get(2).occurredAt()).isEqualTo(OffsetDateTime.parse("2026-03-21T08:30:00+03:00"));
        assertThat(events).extracting(TrackingEvent::trackingNumber).containsOnly(KEY);
    }

    @Test
    void aLineWithoutLocationOrTimeOfDay() throws Exception {
        TrackingEvent event = surat.parse(polled("Teslim Edildi|5.4.2026")).get(0);

        assertThat(event.location()).isNull();
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-04-05T00:00:00+03:00"));
    }

    @Test
    void notFoundMessagesAndEmptyResultsAreNoEvents() throws Exception {
        assertThat(surat.parse(bytes("not-found.xml"))).isEmpty();
        assertThat(surat.parse(bytes("empty-result.xml"))).isEmpty();
        assertThat(surat.parse(polled("KAYIT BULUNMAMAKTADIR"))).isEmpty();
        assertThat(surat.parse(polled("<NewDataSet />"))).isEmpty();
        assertThat(surat.parse(polled("<Sonuc><Mesaj>Sipariş bulunamadı</Mesaj></Sonuc>"))).isEmpty();
        // ASMX leaves out a null string
        assertThat(surat.parse(("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<KargoTakipHareketDetayliV2Response xmlns=\"http://tempuri.org/\"/></soap:Body></soap:Envelope>")
                .getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void aWrongPasswordMessageIsARefusalOfTheCredentials() {
        assertThatThrownBy(() -> surat.parse(bytes("wrong-password.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("Sürat refused the credentials (cari kodu or web service password)");
        assertThat(surat.credentialsRefused(bytes("wrong-password.xml"), null)).isTrue();
        assertThat(surat.credentialsRefused(polled("Kullanıcı bulunamadı"), null)).isTrue();
        assertThat(surat.credentialsRefused(polled("<Hata>Yetkisiz erişim</Hata>"), null)).isTrue();
        assertThat(surat.credentialsRefused(polled("CARI KODU GECERSIZ"), null)).isTrue();

        assertThat(surat.credentialsRefused(bytes("not-found.xml"), null)).isFalse();
        assertThat(surat.credentialsRefused(bytes("lines.xml"), null)).isFalse();
        assertThat(surat.credentialsRefused(bytes("soap-fault.xml"), null)).isFalse();
        assertThat(surat.credentialsRefused("not xml".getBytes(StandardCharsets.UTF_8), null)).isFalse();
    }

    @Test
    void faultsAndUnknownMessagesArePayloadExceptionsWithoutTheirText() {
        assertThatThrownBy(() -> surat.parse(bytes("soap-fault.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("Sürat answered with a SOAP fault (soap?Server)");
        assertThatThrownBy(() -> surat.parse(bytes("unrecognised-message.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("Sürat answered a message this parser does not recognise");
        assertThatThrownBy(() -> surat.parse(polled("Teslim Edildi|22.03.2026 14:30:00|ANKARA\nbir satır daha")))
                .isInstanceOf(PayloadException.class).hasMessage("Sürat answered a message this parser does not recognise");
    }

    @Test
    void anotherOperationsAnswerIsRejected() {
        String other = envelope("Teslim Edildi|22.03.2026 14:30:00|ANKARA").replace("KargoTakipHareketDetayliV2", "TakipNo");
        assertThatThrownBy(() -> surat.parse(other.getBytes(StandardCharsets.UTF_8))).isInstanceOf(PayloadException.class)
                .hasMessage("Sürat payload is not a KargoTakipHareketDetayliV2 answer");
    }

    @Test
    void badTimesAreRejected() {
        assertThatThrownBy(() -> surat.parse(polled("Teslim Edildi|31.02.2026 14:30:00|ANKARA")))
                .isInstanceOf(PayloadException.class).hasMessage("Sürat movement time is malformed");
        assertThatThrownBy(() -> surat.parse(polled("Teslim Edildi| |ANKARA")))
                .isInstanceOf(PayloadException.class).hasMessage("Sürat movement time is missing");
        assertThatThrownBy(() -> surat.parse(polled("|22.03.2026 14:30:00|ANKARA")))
                .isInstanceOf(PayloadException.class).hasMessage("Sürat movement has no status text");
    }

    @Test
    void withoutThePolledKeyARowsOwnWebSiparisKoduNamesTheShipment() throws Exception {
        String rows = "<NewDataSet><Table><WebSiparisKodu>SIP-77</WebSiparisKodu><Tarih>22.03.2026</Tarih>"
                + "<Saat>14:30</Saat><Hareket>Teslim Edildi</Hareket></Table></NewDataSet>";
        TrackingEvent event = surat.parse(envelope(rows).getBytes(StandardCharsets.UTF_8)).get(0);

        assertThat(event.trackingNumber()).isEqualTo("SIP-77");
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-03-22T14:30:00+03:00"));

        assertThatThrownBy(() -> surat.parse(envelope("Teslim Edildi|22.03.2026 14:30:00|ANKARA").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PayloadException.class).hasMessage("Sürat answer does not say which shipment it is about (no polled key)");
    }

    @Test
    void thePolledKeyRoundTripsWhateverItHolds() throws Exception {
        String key = "SİP/ü 1?>&<x>";
        byte[] answer = SuratPayloadParser.withPolledKey(envelope("Teslim Edildi|22.03.2026 14:30:00|ANKARA")
                .getBytes(StandardCharsets.UTF_8), key);

        assertThat(surat.parse(answer).get(0).trackingNumber()).isEqualTo(key);
        byte[] utf16 = SuratPayloadParser.withPolledKey(("\uFEFF" + envelope("Teslim Edildi|22.03.2026 14:30:00|ANKARA")
                .replace("utf-8", "utf-16")).getBytes(StandardCharsets.UTF_16BE), key);
        assertThat(surat.parse(utf16).get(0).trackingNumber()).isEqualTo(key);
    }

    @Test
    void theSameMovementInAnotherCaseHasTheSameIdempotencyKey() throws Exception {
        TrackingEvent upper = surat.parse(polled("TESLİM EDİLDİ|22.03.2026 14:30:00|ANKARA")).get(0);
        TrackingEvent lower = surat.parse(polled("Teslim edildi|22.03.2026 14:30:00|Ankara")).get(0);

        assertThat(upper.idempotencyKey()).isEqualTo(lower.idempotencyKey());
    }

    @Test
    void windows1254AnswersAreReadWithOrWithoutTheirContentType() throws Exception {
        Charset turkish = Charset.forName("windows-1254");
        byte[] body = envelope("Dağıtıma Verildi|22.03.2026 09:00:00|ÇANKAYA/ŞİŞLİ").replace(" encoding=\"utf-8\"", "").getBytes(turkish);
        byte[] answer = SuratPayloadParser.withPolledKey(body, KEY);

        for (List<TrackingEvent> events : List.of(surat.parse(answer), surat.parse(answer, "text/xml; charset=windows-1254"),
                surat.parse(answer, "text/xml; charset=ISO-8859-9"))) {
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
                assertThat(e.description()).isEqualTo("Dağıtıma Verildi");
                assertThat(e.location()).isEqualTo("ÇANKAYA/ŞİŞLİ");
            });
        }
    }

    @Test
    void unmappedTextIsUnknownAndOnlyItsFirstWordsAreLogged() throws Exception {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            TrackingEvent event = surat.parse(polled("Paket kontrol edildi Mehmet Yılmaz|22.03.2026 14:30:00|ANKARA")).get(0);

            assertThat(event.status()).isEqualTo(TrackingStatus.UNKNOWN);
            assertThat(event.reason()).isNull();
            assertThat(log.messages()).containsExactly("unmapped carrier code: carrier=surat code=paket kontrol edildi");
            assertThat(log.messages()).noneMatch(line -> line.contains(KEY) || line.toLowerCase().contains("mehmet"));
        }
    }
}
