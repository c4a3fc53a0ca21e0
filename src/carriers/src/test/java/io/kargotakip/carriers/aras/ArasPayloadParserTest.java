package io.kargotakip.carriers.aras;

import io.kargotakip.carriers.kit.LogCapture;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static io.kargotakip.carriers.aras.ArasFixtures.answer;
import static io.kargotakip.carriers.aras.ArasFixtures.bytes;
import static io.kargotakip.carriers.aras.ArasFixtures.json;
import static io.kargotakip.carriers.aras.ArasFixtures.jsonPush;
import static io.kargotakip.carriers.aras.ArasFixtures.row;
import static io.kargotakip.carriers.aras.ArasFixtures.soapPush;
import static io.kargotakip.carriers.aras.ArasFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArasPayloadParserTest {

    private final ArasCarrier aras = new ArasCarrier();
    private final ArasPayloadParser parser = new ArasPayloadParser(ArasStatusMap.standard());

    // ---- query answers ------------------------------------------------------------------------

    @Test
    void aBatchAnswerGivesOneEventPerShipmentOldestFirst() throws Exception {
        List<TrackingEvent> events = aras.parse(bytes("getqueryjson-qt39-batch.xml"));

        assertThat(events).extracting(TrackingEvent::trackingNumber)
                .containsExactly("SIP-100234", "SIP-100235", "SIP-100237", "SIP-100236");
        assertThat(events).allSatisfy(e -> assertThat(e.carrier()).isEqualTo("aras"));

        TrackingEvent delivered = events.get(0);
        assertThat(delivered.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(delivered.reason()).isNull();
        // a delivered row's time is TESLİM TARİHİ + TESLİM SAATİ, in Türkiye's time
        assertThat(delivered.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T14:32:00+03:00"));
        assertThat(delivered.occurredAt().toInstant()).isEqualTo(Instant.parse("2025-11-14T11:32:00Z"));
        assertThat(delivered.location()).isEqualTo("KADIKÖY");
        assertThat(delivered.alternateNumber()).isEqualTo("7340012345671");
        assertThat(delivered.carrierCode()).isEqualTo("6");
        assertThat(delivered.description()).isEqualTo("TESLİM EDİLDİ");

        TrackingEvent wrongAddress = events.get(1);
        assertThat(wrongAddress.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT);
        assertThat(wrongAddress.reason()).isEqualTo(Reason.ADDRESS_PROBLEM);
        assertThat(wrongAddress.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T18:05:00+03:00"));
        assertThat(wrongAddress.carrierCode()).isEqualTo("3/AY");
        assertThat(wrongAddress.description()).isEqualTo("TESLİMAT ŞUBESİNDE - ADRES YANLIŞ/YETERSİZ");
        assertThat(wrongAddress.alternateNumber()).isEqualTo("7340012345672");

        TrackingEvent outForDelivery = events.get(2);
        assertThat(outForDelivery.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
        assertThat(outForDelivery.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-15T08:47:12+03:00"));

        TrackingEvent returning = events.get(3);
        assertThat(returning.status()).isEqualTo(TrackingStatus.RETURN_IN_TRANSIT);
        assertThat(returning.carrierCode()).isEqualTo("2/TIP3");
        assertThat(returning.description()).isEqualTo("YOLDA - ALICI KARGOYU KABUL ETMİYOR");
        assertThat(returning.location()).as("on the way: between branches").isNull();
    }

    @Test
    void queryType1ColumnsInTurkishCapitalsWithNumbersAsJsonNumbers() throws Exception {
        TrackingEvent event = aras.parse(bytes("getqueryjson-qt1-delivered.xml")).get(0);

        assertThat(event.trackingNumber()).isEqualTo("SIP-100234");
        assertThat(event.alternateNumber()).isEqualTo("7340012345671");
        assertThat(event.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(event.carrierCode()).isEqualTo("6");
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T14:32:00+03:00"));
        assertThat(event.location()).isEqualTo("KADIKÖY");
    }

    @Test
    void aGetQueryXmlAnswerWithDotNetEncodedColumnNames() throws Exception {
        TrackingEvent event = aras.parse(bytes("getqueryxml-qt1-devir.xml")).get(0);

        assertThat(event.trackingNumber()).isEqualTo("SIP-100235");
        assertThat(event.alternateNumber()).isEqualTo("7340012345672");
        assertThat(event.status()).isEqualTo(TrackingStatus.AVAILABLE_FOR_PICKUP);
        assertThat(event.carrierCode()).isEqualTo("3/SA");
        // QueryType 1 has no operation date: the waybill's ÇIKIŞ TARİHİ is the only time it gives
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-12T00:00:00+03:00"));
        assertThat(event.location()).isEqualTo("KADIKÖY");
    }

    @Test
    void anXmlResultMayComeInlineWithADeclarationOrAsADataSet() throws Exception {
        String rowXml = "<Table><MUSTERI_OZEL_KODU>K1</MUSTERI_OZEL_KODU><DURUM_KODU>4</DURUM_KODU>"
                + "<ISLEM_TARIHI>14.11.2025 09:00</ISLEM_TARIHI></Table>";
        String inline = "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<GetQueryXMLResponse xmlns=\"http://tempuri.org/\"><GetQueryXMLResult><NewDataSet xmlns=\"\">" + rowXml
                + "</NewDataSet></GetQueryXMLResult></GetQueryXMLResponse></s:Body></s:Envelope>";
        // a .NET StringWriter declares utf-16, which no longer holds once the XML is text inside the answer
        String declared = answer("GetQueryXML", "<?xml version=\"1.0\" encoding=\"utf-16\"?><NewDataSet>" + rowXml + "</NewDataSet>");
        String dataSet = "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<GetQueryDSResponse xmlns=\"http://tempuri.org/\"><GetQueryDSResult>"
                + "<xs:schema id=\"NewDataSet\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"NewDataSet\"/></xs:schema>"
                + "<diffgr:diffgram xmlns:diffgr=\"urn:schemas-microsoft-com:xml-diffgram-v1\"><NewDataSet xmlns=\"\">"
                + rowXml.replace("<Table>", "<Table diffgr:id=\"Table1\">")
                + "</NewDataSet></diffgr:diffgram></GetQueryDSResult></GetQueryDSResponse></s:Body></s:Envelope>";

        for (String payload : List.of(inline, declared, dataSet)) {
            List<TrackingEvent> events = aras.parse(utf8(payload));
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.trackingNumber()).isEqualTo("K1");
                assertThat(e.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
                assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T09:00:00+03:00"));
            });
        }
    }

    @Test
    void rowsAreFoundInAnyJsonWrapping() throws Exception {
        String row = row("DURUM_KODU", "2");
        for (String wrapped : List.of("[" + row + "]", row, "{\"Table\":[" + row + "]}", "{\"QueryResult\":{\"Cargo\":[" + row + "]}}")) {
            assertThat(aras.parse(json(wrapped))).as(wrapped).singleElement()
                    .satisfies(e -> assertThat(e.status()).isEqualTo(TrackingStatus.IN_TRANSIT));
        }
    }

    // ---- nothing found ------------------------------------------------------------------------

    @Test
    void noRowsIsNothingFound() throws Exception {
        assertThat(aras.parse(bytes("getqueryjson-empty.xml"))).isEmpty();
        assertThat(aras.parse(bytes("getqueryxml-empty.xml"))).isEmpty();
        assertThat(aras.parse(bytes("getqueryjson-not-found-message.xml"))).isEmpty();
        assertThat(aras.parse(utf8(answer("GetQueryJSON", "Müşteri koduna ait kayıt bulunamadı")))).isEmpty();
        assertThat(aras.parse(json("{\"Table\":[]}"))).isEmpty();
        assertThat(aras.parse(json("{\"Table\":null}"))).isEmpty();
        assertThat(aras.parse(utf8(answer("GetQueryJSON", "")))).isEmpty();
    }

    // ---- errors -------------------------------------------------------------------------------

    @Test
    void aCredentialsMessageIsRefusedCredentials() {
        byte[] refused = bytes("getqueryjson-credentials-refused.xml");

        assertThatThrownBy(() -> aras.parse(refused))
                .isInstanceOf(ArasPayloadParser.CredentialsRefused.class)
                .hasMessage("Aras refused the credentials (user name, password or customer code)");
        assertThat(parser.refusesCredentials(refused)).isTrue();
        // the same words inside a JSON error object, or a SOAP fault about the login
        assertThat(parser.refusesCredentials(json("{\"ErrorMessage\":\"Geçersiz kullanıcı adı\"}"))).isTrue();
        assertThat(parser.refusesCredentials(utf8("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<s:Fault><faultcode>s:Client</faultcode><faultstring>Login failed: invalid password</faultstring></s:Fault>"
                + "</s:Body></s:Envelope>"))).isTrue();
    }

    @Test
    void aLoginWordCountsOnlyBesideAWordSayingItIsWrong() {
        assertThat(ArasPayloadParser.aboutCredentials("Kullanıcı adı veya şifre hatalı.")).isTrue();
        assertThat(ArasPayloadParser.aboutCredentials("KULLANICI BULUNAMADI")).isTrue();
        assertThat(ArasPayloadParser.aboutCredentials("Giriş başarısız")).isTrue();
        assertThat(ArasPayloadParser.aboutCredentials("Müşteri kodu hatalı")).isTrue();
        assertThat(ArasPayloadParser.aboutCredentials("Bu işlem için yetkiniz bulunmamaktadır")).isTrue();
        assertThat(ArasPayloadParser.aboutCredentials("Müşteri koduna ait kayıt bulunamadı")).isFalse();
        assertThat(ArasPayloadParser.aboutCredentials("Kullanıcı")).isFalse();
        assertThat(ArasPayloadParser.aboutCredentials("Bir haftadan daha fazla bir süre için bu raporu çekemezsiniz")).isFalse();
    }

    @Test
    void otherErrorsAreNotCredentialProblems() {
        for (String name : List.of("getqueryjson-error-message.xml", "soap-fault.xml")) {
            byte[] body = bytes(name);
            assertThatThrownBy(() -> aras.parse(body)).as(name).isInstanceOf(PayloadException.class)
                    .isNotInstanceOf(ArasPayloadParser.CredentialsRefused.class);
            assertThat(parser.refusesCredentials(body)).as(name).isFalse();
        }
        assertThat(parser.refusesCredentials(bytes("getqueryjson-qt39-batch.xml"))).isFalse();
        assertThat(parser.refusesCredentials(bytes("getqueryjson-empty.xml"))).isFalse();
        assertThat(parser.refusesCredentials(utf8("not xml"))).isFalse();
        assertThat(parser.refusesCredentials(null)).isFalse();
    }

    @Test
    void messagesNameTheProblemNotThePayload() {
        assertThatThrownBy(() -> aras.parse(bytes("getqueryjson-error-message.xml")))
                .hasMessage("Aras answered with a message instead of shipment rows");
        assertThatThrownBy(() -> aras.parse(bytes("soap-fault.xml")))
                .hasMessage("Aras answered with a SOAP fault");
        assertThatThrownBy(() -> aras.parse(json("[" + row("DURUM_KODU", "6", "MUSTERI_OZEL_KODU", null) + "]")))
                .hasMessage("Aras row has no customer reference (MOK)");
        assertThatThrownBy(() -> aras.parse(json("[" + row("DURUM_KODU", "2", "ISLEM_TARIHI", null) + "]")))
                .hasMessage("Aras row has no date");
        assertThatThrownBy(() -> aras.parse(json("[" + row("DURUM_KODU", "2", "ISLEM_TARIHI", "yesterday") + "]")))
                .hasMessage("Aras operation date is malformed");
        assertThatThrownBy(() -> aras.parse(json("[" + row("DURUM_KODU", "2", "ISLEM_TARIHI", "31.02.2025 10:00") + "]")))
                .hasMessage("Aras operation date is out of range");
        assertThatThrownBy(() -> aras.parse(json("[{\"MUSTERI_OZEL_KODU\":")))
                .hasMessage("Aras JSON result is not valid JSON");
        assertThatThrownBy(() -> aras.parse(utf8("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<GetQueryJSONResponse/></s:Body></s:Envelope>"))).hasMessage("Aras query answer has no result element");
        assertThatThrownBy(() -> aras.parse(utf8("{\"trackingNumber\":\"1\"}"))).hasMessage("Aras JSON payload is not a push");
    }

    // ---- mapping rules ------------------------------------------------------------------------

    @Test
    void aReturnDeliveredBackIsReturnedToSender() throws Exception {
        TrackingEvent event = one(json("[" + row("DURUM_KODU", "6", "TIP_KODU", "3", "TESLIM_TARIHI", "20.11.2025",
                "TESLIM_SAATI", "11:15", "VARIS_SUBE", "BAĞCILAR") + "]"));

        assertThat(event.status()).isEqualTo(TrackingStatus.RETURNED_TO_SENDER);
        assertThat(event.carrierCode()).isEqualTo("6/TIP3");
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-20T11:15:00+03:00"));
    }

    @Test
    void partialDeliveryIsDeliveredAndADevirCodeNoLongerCountsOnceDelivered() throws Exception {
        assertThat(one(json("[" + row("DURUM_KODU", "5", "DURUMU", "PARÇALI TESLİMAT") + "]")))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(TrackingStatus.DELIVERED);
                    assertThat(e.description()).isEqualTo("PARÇALI TESLİMAT");
                });
        assertThat(one(json("[" + row("DURUM_KODU", "6", "DEVIR_KODU", "NT") + "]")).status()).isEqualTo(TrackingStatus.DELIVERED);
    }

    @Test
    void aDevirCodeByItsIdOrInTheOtherColumnAndZeroMeaningNone() throws Exception {
        assertThat(one(json("[" + row("DURUM_KODU", "3", "DEVIR_KODU", "10") + "]")).reason()).isEqualTo(Reason.ADDRESS_PROBLEM);
        assertThat(one(json("[" + row("DURUM_KODU", "3", "TESLIM_EDILEMEME_NEDENI_KODU", "KE") + "]")).reason()).isEqualTo(Reason.REFUSED);
        TrackingEvent none = one(json("[" + row("DURUM_KODU", "3", "DEVIR_KODU", "0") + "]"));
        assertThat(none.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        assertThat(none.carrierCode()).isEqualTo("3");
    }

    @Test
    void unmappedCodesAreUnknownAndLogged() throws Exception {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            assertThat(one(json("[" + row("DURUM_KODU", "9") + "]")).status()).isEqualTo(TrackingStatus.UNKNOWN);
            assertThat(one(json("[" + row("DURUM_KODU", "3", "DEVIR_KODU", "ZZ") + "]")).status()).isEqualTo(TrackingStatus.UNKNOWN);
            assertThat(one(json("[" + row("DURUM_KODU", "2", "TIP_KODU", "4") + "]")).status()).isEqualTo(TrackingStatus.UNKNOWN);
            assertThat(one(json("[" + row("DURUM_KODU", null) + "]")).status()).isEqualTo(TrackingStatus.UNKNOWN);
            assertThat(one(jsonPush("K1", "8", "2025-11-14T10:00:00", "?")).status()).isEqualTo(TrackingStatus.UNKNOWN);
            // TİP 1 and 2 are documented and neutral: not unmapped
            one(json("[" + row("DURUM_KODU", "7", "TIP_KODU", "2") + "]"));

            assertThat(log.messages()).containsExactly(
                    "unmapped carrier code: carrier=aras code=DURUM 9",
                    "unmapped carrier code: carrier=aras code=DEVIR ZZ",
                    "unmapped carrier code: carrier=aras code=TIP 4",
                    "unmapped carrier code: carrier=aras code=DURUM -",
                    "unmapped carrier code: carrier=aras code=CargoStatus 8");
        }
    }

    // ---- times --------------------------------------------------------------------------------

    @Test
    void aTimeIsTurkishLocalTimeInAnyOfTheFormsAServiceWrites() throws Exception {
        OffsetDateTime expected = OffsetDateTime.parse("2025-11-14T10:12:00+03:00");
        for (String text : List.of("14.11.2025 10:12", "14.11.2025 10:12:00", "14.11.2025 10:12:00.000", "2025-11-14T10:12:00",
                "2025-11-14T07:12:00Z", "2025-11-14T10:12:00+03:00", "/Date(1763104320000)/", "/Date(1763104320000+0300)/")) {
            assertThat(ArasPayloadParser.dateTime(text, null, "t")).as(text).isEqualTo(expected);
        }
        assertThat(ArasPayloadParser.dateTime("14.11.2025", null, "t")).isEqualTo(OffsetDateTime.parse("2025-11-14T00:00:00+03:00"));
        // a separate time column, also when written as a .NET date-time whose date is meaningless
        for (String time : List.of("10:12", "10:12:00", "30.12.1899 10:12:00", "1900-01-01T10:12:00")) {
            assertThat(ArasPayloadParser.dateTime("14.11.2025", time, "t")).as(time).isEqualTo(expected);
            assertThat(ArasPayloadParser.dateTime("14.11.2025 00:00:00", time, "t")).as(time).isEqualTo(expected);
        }
        assertThatThrownBy(() -> ArasPayloadParser.dateTime("14.11.2025", "noon", "Aras delivery date"))
                .hasMessage("Aras delivery date has a malformed time");
        assertThatThrownBy(() -> ArasPayloadParser.dateTime("14.11.2025 25:00", null, "t")).hasMessage("t is out of range");
        assertThatThrownBy(() -> ArasPayloadParser.dateTime("2025/11/14", null, "t")).hasMessage("t is malformed");
    }

    // ---- pushes -------------------------------------------------------------------------------

    @Test
    void aSoapPushIsOneEvent() throws Exception {
        TrackingEvent event = one(bytes("push-setcargostatus.xml"));

        assertThat(event.trackingNumber()).isEqualTo("SIP-100234");
        assertThat(event.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(event.carrierCode()).isEqualTo("6");
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T14:32:00+03:00"));
        assertThat(event.description()).isEqualTo("TESLİM EDİLDİ");
        assertThat(event.alternateNumber()).isNull();
    }

    @Test
    void aJsonPushWithADevirReasonInItsDescription() throws Exception {
        TrackingEvent event = one(bytes("push-devir.json"));

        assertThat(event.trackingNumber()).isEqualTo("SIP-100235");
        assertThat(event.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT);
        assertThat(event.reason()).isEqualTo(Reason.ADDRESS_PROBLEM);
        assertThat(event.carrierCode()).isEqualTo("3");
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T18:05:00+03:00"));
    }

    @Test
    void aDeliveredPushIgnoresItsWording() throws Exception {
        assertThat(one(soapPush("K1", "6", "2025-11-14T10:00:00", "İADE - teslim edilemedi")).status())
                .isEqualTo(TrackingStatus.DELIVERED);
        assertThat(one(soapPush("K1", "2", "2025-11-14T10:00:00", "İADE")).status())
                .isEqualTo(TrackingStatus.RETURN_IN_TRANSIT);
    }

    @Test
    void aPushWrappedInARequestObjectOrWithCamelCaseNames() throws Exception {
        String wrapped = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<Notify xmlns=\"http://tempuri.org/\"><request><integrationCode>K9</integrationCode><cargoStatus>4</cargoStatus>"
                + "<processDate>2025-11-14T09:00:00.123</processDate></request></Notify></soap:Body></soap:Envelope>";
        TrackingEvent event = one(utf8(wrapped));
        assertThat(event.trackingNumber()).isEqualTo("K9");
        assertThat(event.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
        assertThat(event.occurredAt().toInstant()).isEqualTo(Instant.parse("2025-11-14T06:00:00.123Z"));
    }

    @Test
    void aPushMissingAFieldIsRefused() {
        assertThatThrownBy(() -> aras.parse(utf8("{\"IntegrationCode\":\"K1\",\"CargoStatus\":\"x\",\"ProcessDate\":\"2025-11-14T09:00:00\"}")))
                .hasMessage("Aras push cargo status is not a number");
        assertThatThrownBy(() -> aras.parse(utf8("{\"IntegrationCode\":\"K1\",\"CargoStatus\":6}")))
                .hasMessage("Aras push has no process date");
        assertThatThrownBy(() -> aras.parse(utf8("{\"IntegrationCode\":null,\"CargoStatus\":6,\"ProcessDate\":\"2025-11-14T09:00:00\"}")))
                .hasMessage("Aras push has no integration code");
    }

    @Test
    void theSameScanPushedAndPolledHasTheSameIdempotencyKey() throws Exception {
        TrackingEvent polled = one(json("[" + row("MUSTERI_OZEL_KODU", "SIP-1", "DURUM_KODU", "6", "TESLIM_TARIHI", "14.11.2025",
                "TESLIM_SAATI", "14:32") + "]"));
        TrackingEvent pushed = one(soapPush("SIP-1", "6", "2025-11-14T14:32:00", "TESLİM EDİLDİ"));

        assertThat(pushed.idempotencyKey()).isEqualTo(polled.idempotencyKey());
    }

    // ---- charsets -----------------------------------------------------------------------------

    @Test
    void aWindows1254AnswerIsReadWithTheContentTypesCharset() throws Exception {
        Charset turkish = Charset.forName("windows-1254");
        String text = answer("GetQueryJSON", "[" + row("DURUM_KODU", "6", "DURUMU", "TESLİM EDİLDİ", "VARIS_SUBE", "ŞİŞLİ") + "]")
                .replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>", "");
        byte[] body = text.getBytes(turkish);

        TrackingEvent event = aras.parse(body, "text/xml; charset=windows-1254").get(0);
        assertThat(event.description()).isEqualTo("TESLİM EDİLDİ");
        assertThat(event.location()).isEqualTo("ŞİŞLİ");
        // without the header the bytes are not UTF-8
        assertThatThrownBy(() -> aras.parse(body)).isInstanceOf(PayloadException.class);

        byte[] push = "{\"IntegrationCode\":\"K1\",\"CargoStatus\":3,\"ProcessDate\":\"2025-11-14T09:00:00\",\"Description\":\"ŞUBEDEN ALACAK\"}"
                .getBytes(turkish);
        assertThat(aras.parse(push, "application/json; charset=windows-1254").get(0).status())
                .isEqualTo(TrackingStatus.AVAILABLE_FOR_PICKUP);
    }

    private TrackingEvent one(byte[] payload) throws PayloadException {
        List<TrackingEvent> events = aras.parse(payload);
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
