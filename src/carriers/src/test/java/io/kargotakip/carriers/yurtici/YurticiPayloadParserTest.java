package io.kargotakip.carriers.yurtici;

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

import static io.kargotakip.carriers.yurtici.YurticiFixtures.answer;
import static io.kargotakip.carriers.yurtici.YurticiFixtures.bytes;
import static io.kargotakip.carriers.yurtici.YurticiFixtures.detail;
import static io.kargotakip.carriers.yurtici.YurticiFixtures.row;
import static io.kargotakip.carriers.yurtici.YurticiFixtures.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class YurticiPayloadParserTest {

    private final YurticiCarrier yurtici = new YurticiCarrier();

    // ---- history ------------------------------------------------------------------------------------

    @Test
    void oneEventPerHistoryRowOldestFirstKeyedByCargoKeyWithDocIdAsAlternate() throws Exception {
        List<TrackingEvent> events = yurtici.parse(bytes("query-delivered.xml"));

        assertThat(events).extracting(TrackingEvent::status, TrackingEvent::reason).containsExactly(
                tuple(TrackingStatus.IN_TRANSIT, null),
                tuple(TrackingStatus.IN_TRANSIT, null),
                tuple(TrackingStatus.IN_TRANSIT, null),
                tuple(TrackingStatus.OUT_FOR_DELIVERY, null),
                tuple(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT),
                tuple(TrackingStatus.OUT_FOR_DELIVERY, null),
                tuple(TrackingStatus.DELIVERED, null));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.carrier()).isEqualTo("yurtici");
            assertThat(e.trackingNumber()).isEqualTo("KT-1001");
            assertThat(e.alternateNumber()).isEqualTo("100365926603");
            assertThat(e.estimatedDelivery()).isEqualTo(LocalDate.of(2025, 11, 12));
        });
        // YK's ids where it sends them, with the reason's id only where the reason is a problem
        assertThat(events).extracting(TrackingEvent::carrierCode).containsExactly("KB", "YK", "IN", "DC", "TE/12", "DC", "TS");
    }

    @Test
    void timesAreIstanbulWallClockTimesAndLostLeadingZerosArePadded() throws Exception {
        List<TrackingEvent> events = yurtici.parse(bytes("query-delivered.xml"));

        assertThat(events.get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-10T15:30:12+03:00"));
        assertThat(events.get(0).occurredAt().toInstant()).isEqualTo(Instant.parse("2025-11-10T12:30:12Z"));
        // eventTime "63010"
        assertThat(events.get(2).occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-11T06:30:10+03:00"));
    }

    @Test
    void locationIsUnitTownAndCityAndDescriptionTheCarriersOwnWords() throws Exception {
        List<TrackingEvent> events = yurtici.parse(bytes("query-delivered.xml"));

        assertThat(events.get(0).location()).isEqualTo("BAĞCILAR ŞUBE, Bağcılar, İstanbul");
        assertThat(events.get(1).description()).isEqualTo("Kargo Yüklendi");
        assertThat(events.get(4).description()).isEqualTo("Teslim Edilemedi - ALICI ADRESTE YOK");
    }

    @Test
    void theReferenceSampleGivesItsOneScan() throws Exception {
        List<TrackingEvent> events = yurtici.parse(bytes("yurtici-queryShipment-response-abridged.xml"));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.trackingNumber()).isEqualTo("KEY1");
            assertThat(e.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2024-01-14T18:30:45+03:00"));
            assertThat(e.location()).isEqualTo("TRANSFER MERKEZİ, Bağcılar, İstanbul");
            assertThat(e.carrierCode()).isEqualTo("kargo yuklendi");
            assertThat(e.alternateNumber()).isNull();
        });
    }

    @Test
    void aReasonThatIsAProblemDecidesAndSorunYokDoesNot() throws Exception {
        List<TrackingEvent> events = yurtici.parse(xml(answer(detail("KT-1", null, null,
                row("Dağıtıma çıkarıldı", "SORUN YOK", "20251111", "090000")
                        + row("Teslim edilemedi", null, "20251111", "100000")
                        + row("Kargo Yüklendi", "Hava muhalefeti", "20251111", "110000")
                        + row("Teslim Edilemedi", "Adres yetersiz", "20251111", "120000")))));

        assertThat(events).extracting(TrackingEvent::status, TrackingEvent::reason).containsExactly(
                tuple(TrackingStatus.OUT_FOR_DELIVERY, null),
                tuple(TrackingStatus.FAILED_ATTEMPT, Reason.OTHER),
                tuple(TrackingStatus.DELAYED, Reason.WEATHER),
                tuple(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM));
        // no ids: the folded names are the code, so another spelling of the same scan has the same code
        assertThat(events.get(3).carrierCode()).isEqualTo("teslim edilemedi/adres yetersiz");
    }

    @Test
    void anUnknownReasonKeepsTheEventsStatusAndIsLoggedForReview() throws Exception {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            List<TrackingEvent> events = yurtici.parse(xml(answer(detail("KT-1", null, null,
                    row("Kargo Yüklendi", "Araç arızası", "20251111", "090000")))));

            assertThat(events).singleElement().extracting(TrackingEvent::status).isEqualTo(TrackingStatus.IN_TRANSIT);
            assertThat(log.messages()).contains("unmapped carrier code: carrier=yurtici code=reason arac arizasi");
        }
    }

    @Test
    void anUnmappedEventIsUnknownAndLoggedWithoutTheCargoKey() throws Exception {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            List<TrackingEvent> events = yurtici.parse(xml(answer(detail("KT-SECRET-7", null, null,
                    row("Ölçüm yapıldı", "Sorun Yok", "20251111", "090000")))));

            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.status()).isEqualTo(TrackingStatus.UNKNOWN);
                assertThat(e.reason()).isNull();
            });
            assertThat(log.messages()).contains("unmapped carrier code: carrier=yurtici code=event olcum yapildi")
                    .noneMatch(m -> m.contains("KT-SECRET-7"));
        }
    }

    // ---- headline operationStatus -------------------------------------------------------------------

    @Test
    void aDeliveredHeadlineWithoutADeliveredRowIsAnEventAtTheDeliveryTime() throws Exception {
        List<TrackingEvent> events = yurtici.parse(bytes("query-batch.xml"));

        assertThat(events).extracting(TrackingEvent::trackingNumber, TrackingEvent::status, TrackingEvent::carrierCode)
                .containsExactly(
                        tuple("KT-2001", TrackingStatus.IN_TRANSIT, "transfer merkezine ulasti"),
                        tuple("KT-2003", TrackingStatus.DELIVERED, "operationStatus:DLV"));
        TrackingEvent delivered = events.get(1);
        assertThat(delivered.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T10:30:00+03:00"));
        assertThat(delivered.location()).isEqualTo("ÇANKAYA ŞUBE");
        assertThat(delivered.description()).isEqualTo("Teslim Edildi.");
        assertThat(delivered.alternateNumber()).isEqualTo("100365926799");
    }

    @Test
    void aDeliveredRowMakesTheDeliveredHeadlineSayNothingMore() throws Exception {
        List<TrackingEvent> events = yurtici.parse(bytes("query-delivered.xml"));

        assertThat(events).extracting(TrackingEvent::carrierCode).doesNotContain("operationStatus:DLV");
    }

    @Test
    void labelCreatedAndInTransitWithoutHistoryAreAtTheDocumentsTime() throws Exception {
        String item = "<documentDate>20251110</documentDate><documentTime>101500</documentTime>";
        List<TrackingEvent> events = yurtici.parse(xml(answer(detail("KT-1", null, "NOP", item), detail("KT-2", null, "ISR", item))));

        assertThat(events).extracting(TrackingEvent::trackingNumber, TrackingEvent::status).containsExactly(
                tuple("KT-1", TrackingStatus.LABEL_CREATED), tuple("KT-2", TrackingStatus.IN_TRANSIT));
        assertThat(events).allSatisfy(e -> assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-10T10:15:00+03:00")));
    }

    @Test
    void aHeadlineWithoutAnyTimeGivesNoEvent() throws Exception {
        // NOP answers come without an item detail ("düzenlenmemiş"): nothing has happened at YK yet
        assertThat(yurtici.parse(xml(answer(detail("KT-1", null, "NOP", null), detail("KT-2", null, "CNL", null))))).isEmpty();
    }

    @Test
    void aCancelledHeadlineIsAtTheNewestTimeOfTheShipment() throws Exception {
        List<TrackingEvent> events = yurtici.parse(xml(answer(detail("KT-1", "77", "BI",
                "<documentDate>20251110</documentDate><documentTime>101500</documentTime>"
                        + row("Kargo Yüklendi", "Sorun Yok", "20251111", "083000")))));

        assertThat(events).extracting(TrackingEvent::status, TrackingEvent::reason, TrackingEvent::carrierCode).containsExactly(
                tuple(TrackingStatus.IN_TRANSIT, null, "kargo yuklendi"),
                tuple(TrackingStatus.EXCEPTION, Reason.CANCELLED, "operationStatus:BI"));
        assertThat(events.get(1).occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-11T08:30:00+03:00"));
    }

    @Test
    void operationCodeStandsInForAMissingOperationStatus() throws Exception {
        List<TrackingEvent> events = yurtici.parse(xml(answer("<shippingDeliveryDetailVO><cargoKey>KT-1</cargoKey>"
                + "<operationCode>5</operationCode><shippingDeliveryItemDetailVO><deliveryDate>20251112</deliveryDate>"
                + "<deliveryTime>141500</deliveryTime></shippingDeliveryItemDetailVO></shippingDeliveryDetailVO>")));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(TrackingStatus.DELIVERED);
            assertThat(e.carrierCode()).isEqualTo("operationStatus:DLV");
        });
    }

    @Test
    void anUnmappedHeadlineIsUnknownAndLogged() throws Exception {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            List<TrackingEvent> events = yurtici.parse(xml(answer(detail("KT-1", null, "XYZ",
                    "<documentDate>20251110</documentDate>"))));

            assertThat(events).singleElement().extracting(TrackingEvent::status).isEqualTo(TrackingStatus.UNKNOWN);
            assertThat(log.messages()).contains("unmapped carrier code: carrier=yurtici code=operationStatus XYZ");
        }
    }

    // ---- rejectStatus -------------------------------------------------------------------------------

    @Test
    void aReturnUnderWayCountsOnlyOnceTheReturnHasItsOwnDocument() throws Exception {
        String dates = "<returnDocumentDate>20251115</returnDocumentDate>";
        List<TrackingEvent> events = yurtici.parse(xml(answer(
                detail("KT-1", null, null, "<rejectStatus>1</rejectStatus><returnDocId>100400000001</returnDocId>" + dates),
                detail("KT-2", null, null, "<rejectStatus>0</rejectStatus>" + dates),
                detail("KT-3", null, null, "<rejectStatus>2</rejectStatus><returnDocId>0</returnDocId>" + dates))));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.trackingNumber()).isEqualTo("KT-1");
            assertThat(e.status()).isEqualTo(TrackingStatus.RETURN_IN_TRANSIT);
            assertThat(e.carrierCode()).isEqualTo("rejectStatus:1");
            // a date only: the start of that day in Istanbul
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-15T00:00:00+03:00"));
        });
    }

    @Test
    void aCompletedReturnIsReturnedToSenderAtTheReturnsDeliveryDate() throws Exception {
        List<TrackingEvent> events = yurtici.parse(xml(answer(detail("KT-1", null, null,
                "<rejectStatus>9</rejectStatus><rejectStatusExplanation>İade Yapıldı</rejectStatusExplanation>"
                        + "<returnDocumentDate>20251115</returnDocumentDate><returnDeliveryDate>20251118</returnDeliveryDate>"))));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(TrackingStatus.RETURNED_TO_SENDER);
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-18T00:00:00+03:00"));
            assertThat(e.description()).isEqualTo("İade Yapıldı");
        });
    }

    @Test
    void aReturnRowInTheHistoryMakesTheRejectStatusSayNothingMore() throws Exception {
        List<TrackingEvent> events = yurtici.parse(xml(answer(detail("KT-1", null, "IND",
                row("İade Sürecinde", "Sorun Yok", "20251116", "090000")
                        + "<rejectStatus>1</rejectStatus><returnDocId>100400000001</returnDocId>"
                        + "<returnDocumentDate>20251115</returnDocumentDate>"))));

        assertThat(events).singleElement().extracting(TrackingEvent::carrierCode).isEqualTo("iade surecinde");
    }

    // ---- not found ----------------------------------------------------------------------------------

    @Test
    void unknownKeysGiveNoEvents() throws Exception {
        assertThat(yurtici.parse(bytes("query-key-not-found.xml"))).isEmpty();
        assertThat(yurtici.parse(bytes("query-outflag-not-found.xml"))).isEmpty();
        assertThat(yurtici.parse(xml(answer()))).isEmpty();
    }

    @Test
    void anUnknownKeyInABatchLeavesTheOthers() throws Exception {
        assertThat(yurtici.parse(bytes("query-batch.xml"))).extracting(TrackingEvent::trackingNumber)
                .containsOnly("KT-2001", "KT-2003");
    }

    // ---- errors -------------------------------------------------------------------------------------

    @Test
    void refusedCredentialsAreAPayloadExceptionNamingNoSecretAndNoText() {
        assertThatThrownBy(() -> yurtici.parse(bytes("error-credentials.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("Yurtiçi refused the web-service user name or password (outFlag 1)");
        assertThat(YurticiPayloadParser.failureOf(bytes("error-credentials.xml"), null))
                .contains(YurticiPayloadParser.Failure.REFUSED_CREDENTIALS);
        // in English too (wsLanguage EN)
        assertThat(YurticiPayloadParser.failureOf(xml("<ShippingDeliveryVO><outFlag>1</outFlag>"
                + "<outResult>Invalid username or password</outResult></ShippingDeliveryVO>"), null))
                .contains(YurticiPayloadParser.Failure.REFUSED_CREDENTIALS);
    }

    @Test
    void documentedQueryErrorCodesArePayloadExceptions() {
        assertThatThrownBy(() -> yurtici.parse(bytes("error-keys-missing.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("Yurtiçi error 82526: the request lacks its keys");
        assertThatThrownBy(() -> yurtici.parse(bytes("error-key-type-missing.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("Yurtiçi error 82527: the request lacks its keyType");
        assertThatThrownBy(() -> yurtici.parse(bytes("error-unexpected.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("Yurtiçi reported an unexpected error of its own (outFlag 2, errCode 936)");
        assertThat(YurticiPayloadParser.failureOf(bytes("error-unexpected.xml"), null)).contains(YurticiPayloadParser.Failure.UNEXPECTED);
    }

    @Test
    void anotherErrorIsAPayloadExceptionAndNotARefusal() {
        // "kullanıcı dili" is the language parameter, not the user
        assertThatThrownBy(() -> yurtici.parse(bytes("error-language-missing.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("Yurtiçi answered with an error (outFlag 1)");
        assertThat(YurticiPayloadParser.failureOf(bytes("error-language-missing.xml"), null)).contains(YurticiPayloadParser.Failure.OTHER);
    }

    @Test
    void aSoapFaultIsAPayloadExceptionWithItsFaultCode() {
        assertThatThrownBy(() -> yurtici.parse(bytes("soap-fault.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("Yurtiçi answered with a SOAP fault (S?Client)");
    }

    @Test
    void aCancelShipmentAnswerIsRecognisedAndRejectedForCarryingNoEventTime() {
        assertThatThrownBy(() -> yurtici.parse(bytes("yurtici-cancelShipment-response.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("Yurtiçi cancel/create answer carries no event time: poll queryShipment instead");
        // its errors are read like a query's
        assertThatThrownBy(() -> yurtici.parse(xml("<ShippingOrderResultVO><outFlag>1</outFlag>"
                + "<outResult>Şifre hatalı</outResult></ShippingOrderResultVO>")))
                .hasMessage("Yurtiçi refused the web-service user name or password (outFlag 1)");
    }

    @Test
    void malformedFieldsArePayloadExceptions() {
        assertThatThrownBy(() -> yurtici.parse(xml(answer(detail("KT-1", null, null, row("Kargo Yüklendi", null, "2025-11-11", "090000"))))))
                .isInstanceOf(PayloadException.class).hasMessage("Yurtiçi history row date is malformed");
        assertThatThrownBy(() -> yurtici.parse(xml(answer(detail("KT-1", null, null, row("Kargo Yüklendi", null, "20251311", "090000"))))))
                .isInstanceOf(PayloadException.class).hasMessage("Yurtiçi history row date or time is out of range");
        assertThatThrownBy(() -> yurtici.parse(xml(answer(detail("KT-1", null, null, row("Kargo Yüklendi", null, null, "090000"))))))
                .isInstanceOf(PayloadException.class).hasMessage("Yurtiçi history row has no date");
        assertThatThrownBy(() -> yurtici.parse(xml(answer(detail(null, null, null, row("Kargo Yüklendi", null, "20251111", "090000"))))))
                .isInstanceOf(PayloadException.class).hasMessage("Yurtiçi shipment has no cargoKey");
        assertThatThrownBy(() -> yurtici.parse(xml("<ShippingDeliveryVO><outResult>Başarılı</outResult></ShippingDeliveryVO>")))
                .isInstanceOf(PayloadException.class).hasMessage("Yurtiçi answer has no readable outFlag");
        assertThatThrownBy(() -> yurtici.parse(xml("<queryShipmentResponse><other/></queryShipmentResponse>")))
                .isInstanceOf(PayloadException.class).hasMessage("Yurtiçi payload has an unrecognised shape");
    }

    @Test
    void aTimeWithColonsIsReadToo() throws Exception {
        assertThat(yurtici.parse(xml(answer(detail("KT-1", null, null, row("Kargo Yüklendi", null, "20251111", "09:05:07")))))
                .get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-11T09:05:07+03:00"));
    }

    // ---- charsets -----------------------------------------------------------------------------------

    private static final String TURKISH = answer(detail("KT-1", "9", "IND",
            "<invDocCargoVOArray><unitName>ŞİŞLİ ŞUBE</unitName><eventName>Dağıtıma Çıkarıldı</eventName>"
                    + "<reasonName>Sorun Yok</reasonName><eventDate>20251111</eventDate><eventTime>091500</eventTime>"
                    + "<cityName>İstanbul</cityName><townName>Şişli</townName></invDocCargoVOArray>"));

    @Test
    void aWindows1254BodyWithoutAnEncodingDeclarationIsReadFromTheContentType() throws Exception {
        byte[] body = TURKISH.getBytes(Charset.forName("windows-1254"));

        List<TrackingEvent> events = yurtici.parse(body, "text/xml; charset=windows-1254");

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
            assertThat(e.location()).isEqualTo("ŞİŞLİ ŞUBE, Şişli, İstanbul");
            assertThat(e.description()).isEqualTo("Dağıtıma Çıkarıldı");
        });
        // without the header the same bytes are not UTF-8: refused, not misread
        assertThatThrownBy(() -> yurtici.parse(body)).isInstanceOf(PayloadException.class);
    }

    @Test
    void anIso88599BodyIsReadFromTheContentTypeAndADeclaredEncodingWins() throws Exception {
        byte[] latin5 = TURKISH.getBytes(Charset.forName("ISO-8859-9"));
        assertThat(yurtici.parse(latin5, "text/xml;charset=ISO-8859-9")).singleElement()
                .extracting(TrackingEvent::location).isEqualTo("ŞİŞLİ ŞUBE, Şişli, İstanbul");

        byte[] declared = ("<?xml version=\"1.0\" encoding=\"windows-1254\"?>" + TURKISH).getBytes(Charset.forName("windows-1254"));
        assertThat(yurtici.parse(declared, "text/xml; charset=utf-8")).singleElement()
                .extracting(TrackingEvent::description).isEqualTo("Dağıtıma Çıkarıldı");
    }

    @Test
    void failureOfNeverThrowsAndIsEmptyForAnswersWithoutAnError() {
        assertThat(YurticiPayloadParser.failureOf(null, null)).isEmpty();
        assertThat(YurticiPayloadParser.failureOf(xml("not xml"), "text/xml")).isEmpty();
        assertThat(YurticiPayloadParser.failureOf(bytes("query-delivered.xml"), null)).isEmpty();
        assertThat(YurticiPayloadParser.failureOf(bytes("query-outflag-not-found.xml"), null))
                .isEqualTo(Optional.of(YurticiPayloadParser.Failure.NOT_FOUND));
    }
}
