package io.kargotakip.carriers.ptt;

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

import static io.kargotakip.carriers.ptt.PttFixtures.BARCODE;
import static io.kargotakip.carriers.ptt.PttFixtures.answer;
import static io.kargotakip.carriers.ptt.PttFixtures.bytes;
import static io.kargotakip.carriers.ptt.PttFixtures.oneMovement;
import static io.kargotakip.carriers.ptt.PttFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PttPayloadParserTest {

    private final PttCarrier ptt = new PttCarrier();

    @Test
    void soapAnswerGivesOneEventPerDonguRowWithStatusReasonTimeAndPlace() throws Exception {
        List<TrackingEvent> events = ptt.parse(bytes("barkodSorgu-delivered.xml"));

        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.LABEL_CREATED,
                TrackingStatus.IN_TRANSIT, TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY,
                TrackingStatus.FAILED_ATTEMPT, TrackingStatus.DELIVERED);
        assertThat(events).extracting(TrackingEvent::carrierCode).containsExactly("701", "1", "3", "7", "124", "100");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.carrier()).isEqualTo("ptt");
            assertThat(e.trackingNumber()).isEqualTo(BARCODE);
            assertThat(e.alternateNumber()).isNull();
        });
        assertThat(events.get(4).reason()).isEqualTo(Reason.RECIPIENT_ABSENT);
        assertThat(events.get(4).description()).isEqualTo("Adreste Yok/Kapalı");
        assertThat(events.get(1).location()).isEqualTo("İSTANBUL/KADIKÖY");
        assertThat(events.get(5).occurredAt()).isEqualTo(OffsetDateTime.parse("2026-03-23T14:30:00+03:00"));
        assertThat(events.get(5).occurredAt().toInstant()).isEqualTo(Instant.parse("2026-03-23T11:30:00Z"));
        // yyyyMMdd dates too
        assertThat(events.get(2).occurredAt()).isEqualTo(OffsetDateTime.parse("2026-03-20T21:15:30+03:00"));
    }

    @Test
    void theReferenceFixtureInJson() throws Exception {
        List<TrackingEvent> events = ptt.parse(bytes("ptt-gonderiHareketV2-barkodSorgu-fixture.json"));

        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.IN_TRANSIT,
                TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED);
        assertThat(events).extracting(TrackingEvent::location).containsExactly("İSTANBUL/KADIKÖY", "ANKARA AKTARMA",
                "ANKARA/ÇANKAYA", "ANKARA/ÇANKAYA");
        assertThat(events.get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2026-03-20T10:00:00+03:00"));
        assertThat(events.get(3).description()).isEqualTo("Teslim Edildi");
        assertThat(events).extracting(TrackingEvent::trackingNumber).containsOnly(BARCODE);
    }

    @Test
    void theSameScanInEitherShapeHasTheSameIdempotencyKey() throws Exception {
        TrackingEvent json = ptt.parse(bytes("ptt-gonderiHareketV2-barkodSorgu-fixture.json")).get(3);
        TrackingEvent soap = ptt.parse(utf8(oneMovement("100", "Teslim Edildi", "22/03/2026", "14:30:00"))).get(0);

        assertThat(soap.idempotencyKey()).isEqualTo(json.idempotencyKey());
    }

    @Test
    void flatJsonWithOneDonguObject() throws Exception {
        assertThat(ptt.parse(bytes("json-flat-single.json"))).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(TrackingStatus.RETURNED_TO_SENDER);
            assertThat(e.trackingNumber()).isEqualTo("KP02444444444");
        });
    }

    @Test
    void unknownBarcodesAndBarcodesWithoutMovementsAreNoEvents() throws Exception {
        assertThat(ptt.parse(bytes("barkodSorgu-not-found.xml"))).isEmpty();
        assertThat(ptt.parse(bytes("json-not-found.json"))).isEmpty();
        assertThat(ptt.parse(bytes("barkodSorgu-no-movements.xml"))).isEmpty();
    }

    @Test
    void aCredentialMessageIsARefusalOfTheCredentials() {
        assertThatThrownBy(() -> ptt.parse(bytes("barkodSorgu-wrong-password.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("PTT refused the credentials (sonucKodu 2)");
        assertThat(ptt.credentialsRefused(bytes("barkodSorgu-wrong-password.xml"), null)).isTrue();
        assertThat(ptt.credentialsRefused(utf8(answer("<sonucAciklama>KULLANICI BULUNAMADI</sonucAciklama><sonucKodu>3</sonucKodu>")),
                null)).isTrue();
        // a message naming the customer without saying it is wrong is not a refusal
        assertThat(ptt.credentialsRefused(utf8(answer("<sonucAciklama>Müşteri gönderisi iptal edilmiş</sonucAciklama>"
                + "<sonucKodu>5</sonucKodu>")), null)).isFalse();
        assertThat(ptt.credentialsRefused(bytes("barkodSorgu-not-found.xml"), null)).isFalse();
        assertThat(ptt.credentialsRefused(bytes("barkodSorgu-delivered.xml"), null)).isFalse();
        assertThat(ptt.credentialsRefused(bytes("soap-fault.xml"), null)).isFalse();
    }

    @Test
    void otherCodesAndFaultsArePayloadExceptionsWithoutTheirText() {
        assertThatThrownBy(() -> ptt.parse(bytes("barkodSorgu-error.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("PTT answered an error (sonucKodu 99)");
        assertThatThrownBy(() -> ptt.parse(utf8(answer("<sonucKodu>1; DROP</sonucKodu>")))).isInstanceOf(PayloadException.class)
                .hasMessage("PTT answered an error (sonucKodu not a number)");
        assertThatThrownBy(() -> ptt.parse(bytes("soap-fault.xml"))).isInstanceOf(PayloadException.class)
                .hasMessage("PTT answered with a SOAP fault (soapenv?Server)");
    }

    @Test
    void otherShapesAreRejected() {
        assertThatThrownBy(() -> ptt.parse(utf8(answer("<BARNO>X</BARNO>").replace("barkodSorgu", "gonderiDurum"))))
                .isInstanceOf(PayloadException.class).hasMessage("PTT payload is not a barkodSorgu answer");
        assertThatThrownBy(() -> ptt.parse(utf8("{\"data\": {}}")))
                .isInstanceOf(PayloadException.class).hasMessage("PTT JSON payload is not a barkodSorgu answer");
        assertThatThrownBy(() -> ptt.parse(utf8(answer("<dongu><IKODU>1</IKODU><ITARIH>22/03/2026</ITARIH></dongu><sonucKodu>10</sonucKodu>"))))
                .isInstanceOf(PayloadException.class).hasMessage("PTT answer has movements but no BARNO");
        assertThatThrownBy(() -> ptt.parse(utf8(answer("<ALICI>Ayşe</ALICI>"))))
                .isInstanceOf(PayloadException.class).hasMessage("PTT answer has neither sonucKodu nor BARNO");
    }

    @Test
    void timesInTheirFormsAndBadOnes() throws Exception {
        assertThat(ptt.parse(utf8(oneMovement("1", "x", "20260322", "143000"))).get(0).occurredAt())
                .isEqualTo(OffsetDateTime.parse("2026-03-22T14:30:00+03:00"));
        assertThat(ptt.parse(utf8(oneMovement("1", "x", "22.03.2026", "9:05"))).get(0).occurredAt())
                .isEqualTo(OffsetDateTime.parse("2026-03-22T09:05:00+03:00"));
        assertThat(ptt.parse(utf8(oneMovement("1", "x", "22/03/2026 14:30:00", ""))).get(0).occurredAt())
                .isEqualTo(OffsetDateTime.parse("2026-03-22T14:30:00+03:00"));
        assertThatThrownBy(() -> ptt.parse(utf8(oneMovement("1", "x", "31/02/2026", "10:00:00"))))
                .isInstanceOf(PayloadException.class).hasMessage("PTT movement date (ITARIH) is malformed");
        assertThatThrownBy(() -> ptt.parse(utf8(oneMovement("1", "x", "22/03/2026", "25:00:00"))))
                .isInstanceOf(PayloadException.class).hasMessage("PTT movement time (ISAAT) is malformed");
        assertThatThrownBy(() -> ptt.parse(utf8(oneMovement("1", "x", "", "10:00:00"))))
                .isInstanceOf(PayloadException.class).hasMessage("PTT movement date (ITARIH) is missing");
    }

    @Test
    void codesMatchWithoutLeadingZerosAndUnmappedOnesAreLoggedWithoutTheBarcode() throws Exception {
        assertThat(ptt.parse(utf8(oneMovement("0100", "Teslim Edildi", "22/03/2026", "14:30:00"))).get(0))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(TrackingStatus.DELIVERED);
                    assertThat(e.carrierCode()).isEqualTo("100");
                });
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            TrackingEvent event = ptt.parse(utf8(oneMovement("9999", "Bilinmeyen", "22/03/2026", "14:30:00"))).get(0);

            assertThat(event.status()).isEqualTo(TrackingStatus.UNKNOWN);
            assertThat(log.messages()).containsExactly("unmapped carrier code: carrier=ptt code=9999");
            assertThat(log.messages()).noneMatch(line -> line.contains(BARCODE));
        }
        assertThatThrownBy(() -> ptt.parse(utf8(oneMovement("", "x", "22/03/2026", "14:30:00"))))
                .isInstanceOf(PayloadException.class).hasMessage("PTT movement has no IKODU");
    }

    @Test
    void windows1254AnswersAreReadWithOrWithoutTheirContentType() throws Exception {
        Charset turkish = Charset.forName("windows-1254");
        byte[] body = oneMovement("7", "Dağıtıcıya Verildi", "22/03/2026", "09:00:00").replace(" encoding=\"UTF-8\"", "").getBytes(turkish);

        for (List<TrackingEvent> events : List.of(ptt.parse(body), ptt.parse(body, "text/xml; charset=windows-1254"),
                ptt.parse(body, "text/xml;charset=ISO-8859-9"))) {
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.description()).isEqualTo("Dağıtıcıya Verildi");
                assertThat(e.location()).isEqualTo("ANKARA/ÇANKAYA");
            });
        }
        byte[] json = "{\"return\":{\"BARNO\":\"KP1\",\"sonucKodu\":10,\"dongu\":[{\"IKODU\":\"7\",\"ISLEM\":\"Dağıtıcıya Verildi\",\"ITARIH\":\"22/03/2026\",\"ISAAT\":\"09:00:00\"}]}}"
                .getBytes(turkish);
        assertThat(ptt.parse(json)).singleElement().satisfies(e -> assertThat(e.description()).isEqualTo("Dağıtıcıya Verildi"));
    }

    @Test
    void trackingLinkAndNoNumberFormat() {
        assertThat(ptt.trackingLink("KP02 123&x")).contains("https://gonderitakip.ptt.gov.tr/Track/Verify?q=KP02+123%26x");
        assertThat(ptt.trackingNumberFormat()).isEmpty();
        assertThat(ptt.profile().settings()).containsExactly("customer-id", "password");
        assertThat(ptt.profile().batchSize()).isEqualTo(1);
    }
}
