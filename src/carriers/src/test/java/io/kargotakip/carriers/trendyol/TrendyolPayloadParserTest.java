package io.kargotakip.carriers.trendyol;

import io.kargotakip.carriers.kit.LogCapture;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.carriers.marketplace.CarrierNames;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.MarketplacePackage;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static io.kargotakip.carriers.trendyol.TrendyolFixtures.bytes;
import static io.kargotakip.carriers.trendyol.TrendyolFixtures.json;
import static io.kargotakip.carriers.trendyol.TrendyolFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrendyolPayloadParserTest {

    private final TrendyolCarrier trendyol = new TrendyolCarrier();

    @Test
    void theWebhookModelSampleIsATrendyolExpressPackageWithItsHistoryAndItsCurrentStatus() throws Exception {
        List<MarketplacePackage> packages = trendyol.packages(bytes("trendyol", "trendyol-getShipmentPackages-webhook-order-model.json"));

        assertThat(packages).singleElement().satisfies(p -> {
            assertThat(p.marketplace()).isEqualTo("trendyol");
            assertThat(p.orderNumber()).isEqualTo("10654411111");
            assertThat(p.packageId()).isEqualTo("3330111111");
            assertThat(p.carrier()).isEqualTo("trendyol-express");
            // a JSON number in the sample: its digits exactly, not 7.28E15
            assertThat(p.trackingNumber()).isEqualTo("7280027504111111");
            assertThat(p.trackingLink()).isEqualTo("https://tracking.trendyol.com/?id=111111111-1111-1111-1111-11111111");
            assertThat(p.customerFirstName()).isEqualTo("John");
            assertThat(p.shipToCountry()).as("shipmentAddress.countryCode").isEqualTo("TR");
            assertThat(p.shipped()).isTrue();
        });
        List<TrackingEvent> events = packages.get(0).events();
        // the history has only "Created"; the package is "Delivered" as of lastModifiedDate
        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.LABEL_CREATED, TrackingStatus.DELIVERED);
        assertThat(events).extracting(TrackingEvent::carrierCode).containsExactly("trendyol:Created", "trendyol:Delivered");
        assertThat(events).extracting(TrackingEvent::occurredAt).containsExactly(
                OffsetDateTime.parse("2025-11-04T10:48:57.624+03:00"), OffsetDateTime.parse("2025-11-11T15:50:08.581+03:00"));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.carrier()).isEqualTo("trendyol-express");
            assertThat(e.trackingNumber()).isEqualTo("7280027504111111");
            assertThat(e.alternateNumber()).isEqualTo("210090111111");
            assertThat(e.estimatedDelivery()).isEqualTo(LocalDate.of(2025, 11, 13));
            assertThat(e.location()).isNull();
            assertThat(e.reason()).isNull();
        });
        assertThat(events).extracting(TrackingEvent::description).containsExactly("Created", "Delivered");
    }

    @Test
    void aSplitOrderGivesOnePackageEachAndEventsOnlyForTrackedShippedOnes() throws Exception {
        List<MarketplacePackage> packages = trendyol.packages(bytes("trendyol", "trendyol-page-three-packages.json"));

        assertThat(packages).extracting(MarketplacePackage::packageId).containsExactly("3330222221", "3330222222", "3330222223");
        assertThat(packages).extracting(MarketplacePackage::orderNumber).containsOnly("10654422222");
        assertThat(packages).extracting(MarketplacePackage::carrier).containsExactly("yurtici", null, "trendyol-express");

        MarketplacePackage yurtici = packages.get(0);
        assertThat(yurtici.events()).extracting(TrackingEvent::carrierCode)
                .containsExactly("trendyol:Created", "trendyol:Picking", "trendyol:Invoiced", "trendyol:Shipped");
        assertThat(yurtici.events()).extracting(TrackingEvent::status).containsExactly(TrackingStatus.LABEL_CREATED,
                TrackingStatus.LABEL_CREATED, TrackingStatus.LABEL_CREATED, TrackingStatus.IN_TRANSIT);
        // the current status is already in the history: no second Shipped at lastModifiedDate
        assertThat(yurtici.events()).last().satisfies(e -> {
            assertThat(e.carrier()).isEqualTo("yurtici");
            assertThat(e.trackingNumber()).isEqualTo("7330012345678");
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-05T11:00:00+03:00"));
            assertThat(e.alternateNumber()).isEqualTo("YK-99887766");
        });

        // Horoz: reported, its number kept, but not tracked
        assertThat(packages.get(1).trackingNumber()).isEqualTo("7280027504222222");
        assertThat(packages.get(1).shipped()).isFalse();
        assertThat(packages.get(1).events()).isEmpty();
        // Trendyol Express, awaiting payment, no tracking number yet: no event, not even label_created
        assertThat(packages.get(2).trackingNumber()).isNull();
        assertThat(packages.get(2).events()).isEmpty();

        assertThat(trendyol.parse(bytes("trendyol", "trendyol-page-three-packages.json"))).hasSize(4);
    }

    @Test
    void aSinglePackageWebhookBodyIsRead() throws Exception {
        List<TrackingEvent> events = trendyol.parse(bytes("trendyol", "trendyol-webhook-single-package.json"));

        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.IN_TRANSIT, TrackingStatus.FAILED_ATTEMPT);
        assertThat(events.get(1).reason()).isEqualTo(Reason.OTHER);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.carrier()).isEqualTo("aras");
            assertThat(e.trackingNumber()).isEqualTo("7280027504333333");
            assertThat(e.alternateNumber()).isNull();
        });
    }

    @Test
    void aListOfPackagesIsRead() throws Exception {
        String one = new String(bytes("trendyol", "trendyol-webhook-single-package.json"), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(trendyol.packages(json("[" + one + "," + one + "]"))).hasSize(2);
    }

    @Test
    void statusesAreReadInAnySpellingAndCodedAsTheTableSpellsThem() throws Exception {
        TrackingEvent atPoint = trendyol.parse(page("Yurtiçi Kargo", "1", "AT_COLLECTION_POINT", 1762329600000L)).get(0);

        assertThat(atPoint.status()).isEqualTo(TrackingStatus.AVAILABLE_FOR_PICKUP);
        assertThat(atPoint.carrierCode()).isEqualTo("trendyol:AtCollectionPoint");
        assertThat(atPoint.description()).isEqualTo("AT_COLLECTION_POINT");
        assertThat(trendyol.parse(page("Yurtiçi Kargo", "1", "undelivered", 1762329600000L)).get(0).carrierCode())
                .isEqualTo("trendyol:UnDelivered");
    }

    @Test
    void cancellationsAreExceptionsWithReasonCancelled() throws Exception {
        for (String status : List.of("Cancelled", "UnSupplied", "UnPacked")) {
            TrackingEvent event = trendyol.parse(page("Aras Kargo", "55", status, 1762329600000L)).get(0);
            assertThat(event.status()).as(status).isEqualTo(TrackingStatus.EXCEPTION);
            assertThat(event.reason()).as(status).isEqualTo(Reason.CANCELLED);
        }
    }

    @Test
    void anUnmappedStatusIsUnknownAndLogged() throws Exception {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            TrackingEvent event = trendyol.parse(page("Aras Kargo", "55", "Teleported", 1762329600000L)).get(0);

            assertThat(event.status()).isEqualTo(TrackingStatus.UNKNOWN);
            assertThat(event.carrierCode()).isEqualTo("trendyol:Teleported");
            assertThat(log.messages()).containsExactly("unmapped carrier code: carrier=trendyol code=status Teleported");
        }
    }

    @Test
    void aCarrierNameTheTableLacksIsNotTrackedAndLogged() throws Exception {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            MarketplacePackage p = trendyol.packages(page("Zeplin Kargo", "55", "Shipped", 1762329600000L)).get(0);

            assertThat(p.carrier()).isNull();
            assertThat(p.events()).isEmpty();
            assertThat(log.messages()).containsExactly("unmapped carrier code: carrier=trendyol code=cargoProvider Zeplin Kargo");
        }
    }

    @Test
    void everyRowOfTheCarrierNamesReachesItsCarrier() throws Exception {
        CarrierNames names = TrendyolCarrier.carrierNames();
        assertThat(names.rows()).hasSizeGreaterThan(30);
        for (CarrierNames.Row row : names.rows()) {
            MarketplacePackage p = trendyol.packages(page(row.value(), "55", "Shipped", 1762329600000L)).get(0);
            assertThat(p.carrier()).as("row %d %s %s", row.line(), row.kind(), row.value()).isEqualTo(row.carrier());
            assertThat(p.events()).as("row %d", row.line()).hasSize(row.tracked() ? 1 : 0);
        }
        // names match however they are cased and accented
        assertThat(trendyol.packages(page("YURTICI KARGO", "55", "Shipped", 1L)).get(0).carrier()).isEqualTo("yurtici");
        assertThat(trendyol.packages(page("dhl ecommerce", "55", "Shipped", 1L)).get(0).carrier()).isEqualTo("mng");
        assertThat(trendyol.packages(page("DHL", "55", "Shipped", 1L)).get(0).carrier()).isEqualTo("dhl");
    }

    @Test
    void anEmptyPageIsNotFound() throws Exception {
        assertThat(trendyol.packages(bytes("trendyol", "trendyol-page-not-found.json"))).isEmpty();
        assertThat(trendyol.packages(json("{\"page\": 0, \"size\": 200, \"content\": null}"))).isEmpty();
    }

    @Test
    void errorsNameWhatWentWrongWithoutEchoingTrendyol() {
        assertThatThrownBy(() -> trendyol.parse(bytes("trendyol", "trendyol-error-authentication.json")))
                .isInstanceOf(PayloadException.class).hasMessage("Trendyol error response (credentials refused)");
        assertThatThrownBy(() -> trendyol.parse(bytes("trendyol", "trendyol-error-too-many-requests.json")))
                .isInstanceOf(PayloadException.class).hasMessage("Trendyol error response (throttled)");
        assertThatThrownBy(() -> trendyol.parse(json("{\"status\": 400, \"exception\": \"x\", \"errors\": [{\"key\": \"order.bad\"}]}")))
                .isInstanceOf(PayloadException.class).hasMessage("Trendyol error response (HTTP 400, order.bad)");
    }

    @Test
    void malformedPackagesArePayloadExceptions() {
        // a history entry without its date
        assertThatThrownBy(() -> trendyol.parse(json("""
                {"orderNumber": "1", "shipmentPackageId": 2, "cargoTrackingNumber": "3", "cargoProviderName": "Aras Kargo",
                 "packageHistories": [{"status": "Shipped"}]}""")))
                .isInstanceOf(PayloadException.class).hasMessage("Trendyol package history entry has no status or date");
        // a package without its order
        assertThatThrownBy(() -> trendyol.parse(json("{\"content\": [{\"shipmentPackageId\": 2}], \"page\": 0}")))
                .isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> trendyol.parse(json("{\"content\": {\"orderNumber\": 1}, \"page\": 0}")))
                .isInstanceOf(PayloadException.class).hasMessage("Trendyol page content is not a list");
    }
}
