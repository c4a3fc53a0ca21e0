package io.kargotakip.carriers.mng;

import io.kargotakip.carriers.kit.LogCapture;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static io.kargotakip.carriers.mng.MngFixtures.bytes;
import static io.kargotakip.carriers.mng.MngFixtures.headline;
import static io.kargotakip.carriers.mng.MngFixtures.legacyAnswer;
import static io.kargotakip.carriers.mng.MngFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MngPayloadParserTest {

    private final MngCarrier mng = new MngCarrier(false);

    // ---- REST API -------------------------------------------------------------------------------

    @Test
    void aDeliveredHeadlineIsOneEventKeyedByTheReferenceWithTheShipmentIdBeside() throws Exception {
        List<TrackingEvent> events = mng.parse(bytes("getshipmentstatus-delivered.json"));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.carrier()).isEqualTo("mng");
            assertThat(e.trackingNumber()).isEqualTo("SIP-2025-0042");
            assertThat(e.alternateNumber()).isEqualTo("401202500042");
            assertThat(e.status()).isEqualTo(TrackingStatus.DELIVERED);
            assertThat(e.reason()).isNull();
            assertThat(e.carrierCode()).isEqualTo("5");
            assertThat(e.description()).isEqualTo("Teslim edildi");
            // the status time, Istanbul wall-clock time
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-03-12T16:28:37+03:00"));
            assertThat(e.estimatedDelivery()).isEqualTo(LocalDate.of(2025, 3, 12));
            // deliveryTo is the recipient's name: never put into an event
            assertThat(e.location()).isNull();
        });
    }

    @Test
    void aNotDeliveredHeadlineKeepsItsKodAndTakesTheReasonFromItsText() throws Exception {
        TrackingEvent e = mng.parse(bytes("getshipmentstatus-not-delivered.json")).get(0);

        assertThat(e.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT);
        assertThat(e.reason()).isEqualTo(Reason.RECIPIENT_ABSENT);
        assertThat(e.carrierCode()).isEqualTo("6/K12");
        // an ISO time with an offset keeps its instant
        assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-03-11T14:05:00+03:00"));
        assertThat(e.estimatedDelivery()).isEqualTo(LocalDate.of(2025, 3, 12));
    }

    @Test
    void aNotDeliveredWithoutKnownWordsHasTheCatchAllReason() throws Exception {
        TrackingEvent e = mng.parse(headline("R1", "6", "Teslim edilemedi", "12.03.2025 10:00:00")).get(0);

        assertThat(e.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT);
        assertThat(e.reason()).isEqualTo(Reason.OTHER);
        assertThat(e.carrierCode()).isEqualTo("6");
    }

    @Test
    void theMovementListGivesOneEventPerMovementOldestFirstInEachTimeForm() throws Exception {
        List<TrackingEvent> events = mng.parse(bytes("trackshipment-movements.json"));

        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.LABEL_CREATED,
                TrackingStatus.IN_TRANSIT, TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED);
        assertThat(events).extracting(TrackingEvent::carrierCode).containsExactly("1", "2", "3", "4", "5");
        assertThat(events).extracting(TrackingEvent::occurredAt).containsExactly(
                OffsetDateTime.parse("2025-03-10T09:12:44+03:00"),   // dd-MM-yyyy HH:mm:ss
                OffsetDateTime.parse("2025-03-10T21:40:02+03:00"),
                OffsetDateTime.parse("2025-03-11T07:55:10+03:00"),   // dd.MM.yyyy HH:mm:ss
                OffsetDateTime.parse("2025-03-12T08:30:00+03:00"),   // ISO without offset: Istanbul
                OffsetDateTime.parse("2025-03-12T16:28:37+03:00"));  // ISO in UTC, shown at Istanbul's offset
        assertThat(events.get(4).occurredAt().toInstant()).isEqualTo(Instant.parse("2025-03-12T13:28:37Z"));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.trackingNumber()).isEqualTo("SIP-2025-0042");
            assertThat(e.alternateNumber()).isEqualTo("401202500042");
        });
        assertThat(events.get(0).location()).isEqualTo("İSTANBUL / ESENYURT");
        assertThat(events.get(0).description()).isEqualTo("Gönderi hazırlandı");
    }

    @Test
    void aMovementListThatNamesNoReferenceCannotBeKeyed() {
        byte[] payload = utf8("[{\"eventStatus\":5,\"eventDateTime\":\"12-03-2025 16:28:37\",\"location\":\"ANKARA\",\"description\":\"Teslim edildi\"}]");

        assertThatThrownBy(() -> mng.parse(payload)).isInstanceOf(PayloadException.class)
                .hasMessage("MNG movement list names no referenceId");
    }

    @Test
    void movementCodesMayBeNumbersOrStrings() throws Exception {
        byte[] payload = utf8("[{\"referenceId\":\"R1\",\"eventStatus\":4,\"eventDateTime\":\"12-03-2025 08:00:00\"},"
                + "{\"referenceId\":\"R1\",\"eventStatus\":\"05\",\"eventDateTime\":\"12-03-2025 16:00:00\"}]");

        assertThat(mng.parse(payload)).extracting(TrackingEvent::status, TrackingEvent::carrierCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TrackingStatus.OUT_FOR_DELIVERY, "4"),
                        org.assertj.core.groups.Tuple.tuple(TrackingStatus.DELIVERED, "5"));
    }

    @Test
    void shipmentOutIsDatedAtItsShipmentTimeTheOnlyTimeItHas() throws Exception {
        TrackingEvent e = mng.parse(bytes("getshipment-shipmentout.json")).get(0);

        assertThat(e.trackingNumber()).isEqualTo("SIP-2025-0044");
        assertThat(e.alternateNumber()).isEqualTo("401202500044");
        assertThat(e.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-03-10T10:00:00+03:00"));
        assertThat(e.estimatedDelivery()).isEqualTo(LocalDate.of(2025, 3, 13));
    }

    @Test
    void aDeliveredHeadlineWithoutAStatusTimeIsDatedAtTheDelivery() throws Exception {
        byte[] payload = utf8("[{\"referenceId\":\"R1\",\"shipmentStatusCode\":5,\"shipmentDateTime\":\"10.03.2025 09:00:00\","
                + "\"deliveryDateTime\":\"12.03.2025 16:28:37\"}]");

        assertThat(mng.parse(payload).get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2025-03-12T16:28:37+03:00"));
    }

    @Test
    void aHeadlineWithoutAnyTimeIsRejected() {
        assertThatThrownBy(() -> mng.parse(utf8("[{\"referenceId\":\"R1\",\"shipmentStatusCode\":2}]")))
                .isInstanceOf(PayloadException.class).hasMessage("MNG shipment status time is missing");
    }

    @Test
    void notFoundAnswersGiveNoEvents() throws Exception {
        assertThat(mng.parse(MngPayloadParser.NOT_FOUND)).isEmpty();
        assertThat(mng.parse(bytes("not-found.json"))).isEmpty();
        assertThat(mng.parse(bytes("gateway-404.json"))).isEmpty();
        assertThat(mng.parse(bytes("getshipmentstatus-no-status-yet.json"))).isEmpty();
    }

    @Test
    void errorAnswersNameTheCodeOnly() {
        assertThatThrownBy(() -> mng.parse(bytes("gateway-401.json"))).isInstanceOf(PayloadException.class)
                .hasMessage("MNG gateway error (HTTP 401)");
        assertThatThrownBy(() -> mng.parse(bytes("error-response.json"))).isInstanceOf(PayloadException.class)
                .hasMessage("MNG error response (30102)");
        assertThatThrownBy(() -> mng.parse(utf8("{\"code\":\"a code with spaces\",\"message\":\"x\"}"))).isInstanceOf(PayloadException.class)
                .hasMessage("MNG error response");
    }

    @Test
    void anEmptyListIsNotAnAnswerTheClientSaysNotFoundInstead() {
        assertThatThrownBy(() -> mng.parse(utf8("[]"))).isInstanceOf(PayloadException.class);
    }

    // ---- the two code lists ---------------------------------------------------------------------

    @Test
    void codesOneAndSevenMeanDifferentThingsInTheTwoApis() throws Exception {
        assertThat(mng.parse(headline("R1", "1", "Gönderi hazırlandı", "10.03.2025 09:00:00")).get(0).status())
                .isEqualTo(TrackingStatus.LABEL_CREATED);
        assertThat(mng.parse(utf8(legacyAnswer("R1", "1", "Sipariş Kargoya Verildi", "10.03.2025 09:00:00"))).get(0).status())
                .isEqualTo(TrackingStatus.IN_TRANSIT);
        assertThat(mng.parse(headline("R1", "7", "Geri geliyor", "10.03.2025 09:00:00")).get(0).status())
                .isEqualTo(TrackingStatus.RETURN_IN_TRANSIT);
        assertThat(mng.parse(utf8(legacyAnswer("R1", "7", "Göndericiye Teslim Edildi", "10.03.2025 09:00:00"))).get(0).status())
                .isEqualTo(TrackingStatus.RETURNED_TO_SENDER);
    }

    @Test
    void unmappedCodesAreUnknownAndLoggedWithoutThePayload() throws Exception {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            TrackingEvent rest = mng.parse(headline("SECRET-REF", "9", "Yeni durum", "10.03.2025 09:00:00")).get(0);
            TrackingEvent legacy = mng.parse(utf8(legacyAnswer("SECRET-REF", "8", "Yeni durum", "10.03.2025 09:00:00"))).get(0);
            TrackingEvent text = mng.parse(utf8("[{\"referenceId\":\"SECRET-REF\",\"eventStatus\":\"DAGITIMDA <x>\","
                    + "\"eventDateTime\":\"10-03-2025 09:00:00\"}]")).get(0);

            assertThat(List.of(rest, legacy, text)).allSatisfy(e -> assertThat(e.status()).isEqualTo(TrackingStatus.UNKNOWN));
            assertThat(legacy.carrierCode()).isEqualTo("SIPARIS_STATU/8");
            assertThat(text.carrierCode()).isEqualTo("DAGITIMDA??x?");
            assertThat(log.messages()).containsExactly(
                    "unmapped carrier code: carrier=mng code=9",
                    "unmapped carrier code: carrier=mng code=SIPARIS_STATU/8",
                    "unmapped carrier code: carrier=mng code=DAGITIMDA??x?");
        }
    }

    // ---- legacy SOAP ----------------------------------------------------------------------------

    @Test
    void theLegacyDataSetRowIsOneEventOfTheOrder() throws Exception {
        TrackingEvent e = mng.parse(bytes("legacy-GelecekIadeSiparisKontrol-delivered.xml")).get(0);

        assertThat(e.trackingNumber()).isEqualTo("SIP-001");
        assertThat(e.alternateNumber()).isEqualTo("89472001590");
        assertThat(e.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(e.carrierCode()).isEqualTo("SIPARIS_STATU/5");
        assertThat(e.description()).isEqualTo("Teslim Edildi");
        assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-03-12T16:28:37+03:00"));
    }

    @Test
    void theReferenceFixtureIsTheSameScanAsTheDataSetItWraps() throws Exception {
        TrackingEvent fromJson = mng.parse(bytes("mng-legacy-GelecekIadeSiparisKontrol-fixture.json")).get(0);
        TrackingEvent fromXml = mng.parse(bytes("legacy-GelecekIadeSiparisKontrol-delivered.xml")).get(0);

        assertThat(fromJson.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(fromJson.alternateNumber()).isEqualTo("89472001590");
        assertThat(fromJson.idempotencyKey()).isEqualTo(fromXml.idempotencyKey());
    }

    @Test
    void aLegacyListHasOneEventPerOrderAndTheKodOfANotDelivered() throws Exception {
        List<TrackingEvent> events = mng.parse(bytes("legacy-FaturaSiparisListesi-two-orders.xml"));

        assertThat(events).hasSize(2);
        TrackingEvent notDelivered = events.get(0);
        assertThat(notDelivered.trackingNumber()).isEqualTo("SIP-002");
        assertThat(notDelivered.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT);
        assertThat(notDelivered.reason()).isEqualTo(Reason.ADDRESS_PROBLEM);
        assertThat(notDelivered.carrierCode()).isEqualTo("SIPARIS_STATU/6/A3");
        TrackingEvent returned = events.get(1);
        assertThat(returned.trackingNumber()).isEqualTo("SIP-003");
        assertThat(returned.status()).isEqualTo(TrackingStatus.RETURNED_TO_SENDER);
        assertThat(returned.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-03-14T10:45:12+03:00"));
    }

    @Test
    void legacyNotFoundAndErrors() throws Exception {
        assertThat(mng.parse(bytes("legacy-GelecekIadeSiparisKontrol-empty.xml"))).isEmpty();
        assertThat(mng.parse(utf8("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<GelecekIadeSiparisKontrolResponse xmlns=\"http://tempuri.org/\"/></soap:Body></soap:Envelope>"))).isEmpty();
        assertThatThrownBy(() -> mng.parse(bytes("legacy-error-E003.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("MNG legacy error E003");
        assertThatThrownBy(() -> mng.parse(bytes("legacy-soap-fault.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("MNG legacy answered with a SOAP fault (soap?Server)");
        assertThatThrownBy(() -> mng.parse(utf8("{\"Success\":false,\"Message\":\"E004:Kullanıcı adı veya şifre boş olamaz.\"}")))
                .isInstanceOf(PayloadException.class).hasMessage("MNG legacy answer reports a failure (E004)");
        // another operation's answer is not a tracking answer
        assertThatThrownBy(() -> mng.parse(utf8("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<SiparisGirisiDetayliV3Response xmlns=\"http://tempuri.org/\"><SiparisGirisiDetayliV3Result>1</SiparisGirisiDetayliV3Result>"
                + "</SiparisGirisiDetayliV3Response></soap:Body></soap:Envelope>")))
                .isInstanceOf(PayloadException.class).hasMessage("MNG legacy answer has an unrecognised shape");
    }

    @Test
    void theClientCanTellRefusedCredentialsFromAnAnswer() {
        assertThat(MngPayloadParser.legacyErrorCode(bytes("legacy-error-E003.xml"))).contains("E003");
        assertThat(MngPayloadParser.legacyErrorCode(bytes("legacy-GelecekIadeSiparisKontrol-delivered.xml"))).isEmpty();
        assertThat(MngPayloadParser.legacyErrorCode(bytes("legacy-soap-fault.xml"))).isEmpty();
        assertThat(MngPayloadParser.legacyErrorCode(utf8("<not xml"))).isEmpty();
        assertThat(MngPayloadParser.legacyErrorCode(new byte[0])).isEqualTo(Optional.empty());
    }

    @Test
    void aLegacyAnswerInWindows1254IsReadInTheCharsetOfItsContentType() throws Exception {
        // no encoding in the XML declaration: only the Content-Type header says windows-1254
        String xml = legacyAnswer("SIP-9", "7", "Göndericiye Teslim Edildi - İADE", "14.03.2025 10:45:12")
                .replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>", "<?xml version=\"1.0\"?>");
        byte[] payload = xml.getBytes(Charset.forName("windows-1254"));

        TrackingEvent e = mng.parse(payload, "text/xml; charset=windows-1254").get(0);

        assertThat(e.description()).isEqualTo("Göndericiye Teslim Edildi - İADE");
        assertThat(e.status()).isEqualTo(TrackingStatus.RETURNED_TO_SENDER);
    }

    // ---- times ----------------------------------------------------------------------------------

    @Test
    void timesAreIstanbulsWallClockIncludingItsOldSummerTime() throws Exception {
        // Türkiye kept UTC+3 all year only from 2016; a 2015 winter time was UTC+2
        assertThat(MngPayloadParser.time("15.01.2015 12:00:00", "t")).isEqualTo(OffsetDateTime.parse("2015-01-15T12:00:00+02:00"));
        assertThat(MngPayloadParser.time("15-01-2025 12:00", "t")).isEqualTo(OffsetDateTime.parse("2025-01-15T12:00:00+03:00"));
        assertThat(MngPayloadParser.time("2025-01-15 12:00:00", "t")).isEqualTo(OffsetDateTime.parse("2025-01-15T12:00:00+03:00"));
        assertThat(MngPayloadParser.time("2025-01-15T12:00:00.123", "t")).isEqualTo(OffsetDateTime.parse("2025-01-15T12:00:00.123+03:00"));
        assertThat(MngPayloadParser.time("2025-01-15T09:00:00+00:00", "t")).isEqualTo(OffsetDateTime.parse("2025-01-15T12:00:00+03:00"));
    }

    @Test
    void timesThatDoNotReadAreRejectedWithoutTheirText() {
        for (String bad : new String[] {"32.01.2025 12:00:00", "15.13.2025 12:00:00", "15.01.2025 25:00:00", "15.01.2025",
                "yesterday", "2025-02-30T10:00:00"}) {
            assertThatThrownBy(() -> MngPayloadParser.time(bad, "MNG movement time")).as(bad).isInstanceOf(PayloadException.class)
                    .hasMessageStartingWith("MNG movement time").hasMessageNotContaining(bad);
        }
    }

    @Test
    void estimatesThatDoNotReadAreDropped() {
        assertThat(MngPayloadParser.lenientDate("13.03.2025")).isEqualTo(LocalDate.of(2025, 3, 13));
        assertThat(MngPayloadParser.lenientDate("2025-03-13T00:00:00+03:00")).isEqualTo(LocalDate.of(2025, 3, 13));
        assertThat(MngPayloadParser.lenientDate("soon")).isNull();
        assertThat(MngPayloadParser.lenientDate("31.02.2025")).isNull();
    }
}
