package io.kargotakip.carriers.hepsiburada;

import io.kargotakip.carriers.kit.LogCapture;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.carriers.marketplace.CarrierNames;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.MarketplacePackage;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.kargotakip.carriers.trendyol.TrendyolFixtures.bytes;
import static io.kargotakip.carriers.trendyol.TrendyolFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HepsiburadaPayloadParserTest {

    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00.750Z");

    private final HepsiburadaCarrier hepsiburada = new HepsiburadaCarrier(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theIntransitWebhookIsAnEventOfTheCarrierItsTrackingUrlNames() throws Exception {
        List<MarketplacePackage> packages = hepsiburada.packages(bytes("hepsiburada", "hepsiburada-webhook-package-intransit.json"));

        assertThat(packages).singleElement().satisfies(p -> {
            assertThat(p.marketplace()).isEqualTo("hepsiburada");
            assertThat(p.packageId()).isEqualTo("013105889");
            // the package webhooks do not carry the order number
            assertThat(p.orderNumber()).isEmpty();
            assertThat(p.carrier()).isEqualTo("yurtici");
            assertThat(p.trackingNumber()).isEqualTo("176162533695");
            assertThat(p.trackingLink()).isEqualTo("http://selfservis.yurticikargo.com/reports/SSWDocumentDetail.aspx?DocId=176162533695");
        });
        TrackingEvent event = packages.get(0).events().get(0);
        assertThat(event.carrier()).isEqualTo("yurtici");
        assertThat(event.trackingNumber()).isEqualTo("176162533695");
        assertThat(event.alternateNumber()).isEqualTo("6220131054891");
        assertThat(event.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        assertThat(event.carrierCode()).isEqualTo("hepsiburada:InTransit");
        // 10:14:17.707Z, shown at Istanbul's offset
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2020-04-16T13:14:17.707+03:00"));
    }

    @Test
    void anIntransitWebhookWhoseUrlNamesNoCarrierWeTrackIsOfTheHepsiburadaPackage() throws Exception {
        TrackingEvent event = hepsiburada.parse(json("""
                {"merchantId": "m", "shippedDate": "2020-04-16T10:14:17.707Z", "packageNumber": "013105889",
                 "barcode": "6220131054891", "trackingInfoCode": "HRZ123", "trackingInfoUrl": "https://takip.horoz.com.tr/?no=HRZ123"}""")).get(0);

        assertThat(event.carrier()).isEqualTo("hepsiburada");
        assertThat(event.trackingNumber()).isEqualTo("013105889");
        assertThat(event.alternateNumber()).isEqualTo("HRZ123");
    }

    @Test
    void theDeliverWebhookIsOfTheHepsiburadaPackageAndKeepsNoPersonalData() throws Exception {
        TrackingEvent event = hepsiburada.parse(bytes("hepsiburada", "hepsiburada-webhook-package-deliver.json")).get(0);

        assertThat(event.carrier()).isEqualTo("hepsiburada");
        assertThat(event.trackingNumber()).isEqualTo("013105889");
        assertThat(event.alternateNumber()).isEqualTo("6220131054891");
        assertThat(event.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(event.carrierCode()).isEqualTo("hepsiburada:Delivered");
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2020-04-16T14:13:30.230+03:00"));
        // receivedBy names the person who took the parcel: not in the event
        assertThat(event.description()).isEqualTo("Delivered");
    }

    @Test
    void theUndeliverWebhooksReasonTextGivesTheReason() throws Exception {
        TrackingEvent sample = hepsiburada.parse(bytes("hepsiburada", "hepsiburada-webhook-package-undeliver.json")).get(0);
        assertThat(sample.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT);
        assertThat(sample.reason()).isEqualTo(Reason.RECIPIENT_ABSENT);
        assertThat(sample.description()).isEqualTo("customer is unreachable");
        assertThat(sample.carrierCode()).isEqualTo("hepsiburada:Undelivered");

        assertThat(undelivered("ALICI ADRESTE BULUNAMADI")).isEqualTo(Reason.RECIPIENT_ABSENT);
        assertThat(undelivered("Adres hatalı, bina numarası yok")).isEqualTo(Reason.ADDRESS_PROBLEM);
        assertThat(undelivered("Alıcı adres bulunamadı")).isEqualTo(Reason.ADDRESS_PROBLEM);
        assertThat(undelivered("Müşteri ürünü istemiyor")).isEqualTo(Reason.REFUSED);
        assertThat(undelivered("Isyeri kapali")).isEqualTo(Reason.BUSINESS_CLOSED);
        assertThat(undelivered("Dağıtım planlanamadı")).isEqualTo(Reason.OTHER);
        assertThat(undelivered(null)).isEqualTo(Reason.OTHER);
    }

    private Reason undelivered(String reason) throws PayloadException {
        String field = reason == null ? "" : ", \"undeliveredReason\": \"" + reason + "\"";
        TrackingEvent event = hepsiburada.parse(json("""
                {"merchantId": "m", "undeliveredDate": "2020-04-16T11:13:30.230Z", "packageNumber": "1", "barcode": "2"%s}"""
                .formatted(field))).get(0);
        assertThat(event.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT);
        return event.reason();
    }

    @Test
    void theUnpackWebhookCancelsThePackageAndNamesItsOrder() throws Exception {
        MarketplacePackage p = hepsiburada.packages(bytes("hepsiburada", "hepsiburada-webhook-package-unpack.json")).get(0);

        assertThat(p.orderNumber()).isEqualTo("2819611600");
        assertThat(p.events()).singleElement().satisfies(e -> {
            assertThat(e.carrier()).isEqualTo("hepsiburada");
            assertThat(e.trackingNumber()).isEqualTo("752527778");
            assertThat(e.status()).isEqualTo(TrackingStatus.EXCEPTION);
            assertThat(e.reason()).isEqualTo(Reason.CANCELLED);
        });
    }

    @Test
    void thePackageAnswerNamesTheCarrierAndIsStampedWhenRead() throws Exception {
        MarketplacePackage p = hepsiburada.packages(bytes("hepsiburada", "hepsiburada-package-cargo-info.json")).get(0);

        assertThat(p.packageId()).isEqualTo("5000031669");
        assertThat(p.carrier()).isEqualTo("yurtici");
        assertThat(p.trackingNumber()).isEqualTo("176162533695");
        TrackingEvent event = p.events().get(0);
        assertThat(event.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        assertThat(event.carrierCode()).isEqualTo("hepsiburada:InTransit");
        assertThat(event.alternateNumber()).isEqualTo("623333333333");
        // no time in the answer: when it was read, to the second, at Istanbul's offset
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-27T12:00:00+03:00"));
        // the same answer read again at the same moment is the same event
        assertThat(hepsiburada.parse(bytes("hepsiburada", "hepsiburada-package-cargo-info.json")).get(0).idempotencyKey())
                .isEqualTo(event.idempotencyKey());
    }

    @Test
    void aPackageAnswerOfACarrierWeDoNotTrackIsOfTheHepsiburadaPackage() throws Exception {
        TrackingEvent event = hepsiburada.parse(json("""
                [{"packageNumber": "5000031669", "barcode": "623333333333", "status": "Delivered", "cargoCompany": "Horoz Lojistik",
                  "trackingInfoCode": "H1", "trackingInfoUrl": null}]""")).get(0);

        assertThat(event.carrier()).isEqualTo("hepsiburada");
        assertThat(event.trackingNumber()).isEqualTo("5000031669");
        assertThat(event.alternateNumber()).isEqualTo("H1");
        assertThat(event.status()).isEqualTo(TrackingStatus.DELIVERED);
    }

    @Test
    void everyCargoCompanyNameReachesItsCarrier() throws Exception {
        CarrierNames names = HepsiburadaCarrier.carrierNames();
        for (CarrierNames.Row row : names.rows()) {
            String body = row.kind().equals("name")
                    ? "[{\"packageNumber\": \"9\", \"status\": \"InTransit\", \"cargoCompany\": \"" + row.value() + "\", \"trackingInfoCode\": \"T9\"}]"
                    : "{\"shippedDate\": \"2020-04-16T10:14:17Z\", \"packageNumber\": \"9\", \"trackingInfoCode\": \"T9\", "
                      + "\"trackingInfoUrl\": \"https://track." + row.value() + "/q?n=T9\"}";
            TrackingEvent event = hepsiburada.parse(json(body)).get(0);
            String what = "row " + row.line() + " " + row.kind() + " " + row.value();
            assertThat(event.carrier()).as(what).isEqualTo(row.tracked() ? row.carrier() : "hepsiburada");
            assertThat(event.trackingNumber()).as(what).isEqualTo(row.tracked() ? "T9" : "9");
        }
        assertThat(hepsiburada.parse(json("[{\"packageNumber\": \"9\", \"status\": \"InTransit\", \"cargoCompany\": \"HEPSIJET\", "
                + "\"trackingInfoCode\": \"T9\"}]")).get(0).carrier()).isEqualTo("hepsijet");
    }

    @Test
    void notFoundAndErrors() throws Exception {
        assertThat(hepsiburada.packages(bytes("hepsiburada", "hepsiburada-package-not-found.json"))).isEmpty();
        assertThatThrownBy(() -> hepsiburada.parse(bytes("hepsiburada", "hepsiburada-error-unauthorized.json")))
                .isInstanceOf(PayloadException.class).hasMessage("Hepsiburada error response (HTTP 401, code 401)");
        assertThatThrownBy(() -> hepsiburada.parse(json("[]")))
                .isInstanceOf(PayloadException.class).hasMessage("Hepsiburada package answer is an empty list");
        assertThatThrownBy(() -> hepsiburada.parse(json("{\"shippedDate\": \"16.04.2020\", \"packageNumber\": \"1\"}")))
                .isInstanceOf(PayloadException.class).hasMessage("Hepsiburada shippedDate is malformed");
        assertThatThrownBy(() -> hepsiburada.parse(json("{\"claims\": [], \"id\": \"x\"}")))
                .isInstanceOf(PayloadException.class).hasMessage("Hepsiburada payload has an unrecognised shape");
    }

    @Test
    void bodiesWithNothingToTrackAreRecognised() throws Exception {
        assertThat(hepsiburada.packages(bytes("hepsiburada", "hepsiburada-webhook-lineitem-cancel.json"))).singleElement()
                .satisfies(p -> {
                    assertThat(p.orderNumber()).isEqualTo("0123456789");
                    assertThat(p.shipped()).isFalse();
                    assertThat(p.events()).isEmpty();
                });
        assertThat(hepsiburada.parse(bytes("hepsiburada", "hepsiburada-quick-commerce-order-undelivered.json"))).isEmpty();
    }

    @Test
    void aTimeWithoutOffsetIsIstanbulTime() throws Exception {
        TrackingEvent event = hepsiburada.parse(json("""
                {"receivedDate": "2020-04-16T14:13:30", "packageNumber": "1", "barcode": "2"}""")).get(0);

        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2020-04-16T14:13:30+03:00"));
    }

    @Test
    void anUnmappedStatusIsUnknownAndLogged() throws Exception {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            TrackingEvent event = hepsiburada.parse(json("""
                    [{"packageNumber": "9", "status": "Lost in space", "cargoCompany": "Aras Kargo", "trackingInfoCode": "T9"}]""")).get(0);

            assertThat(event.status()).isEqualTo(TrackingStatus.UNKNOWN);
            assertThat(log.messages()).containsExactly("unmapped carrier code: carrier=hepsiburada code=status Lost in space");
        }
    }
}
