package io.kargotakip.carriers.amazon;

import io.kargotakip.carriers.kit.LogCapture;
import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.MarketplaceAdapter;
import io.kargotakip.core.marketplace.MarketplacePackage;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static io.kargotakip.carriers.amazon.AmazonFixtures.bytes;
import static io.kargotakip.carriers.amazon.AmazonFixtures.json;
import static io.kargotakip.carriers.amazon.AmazonFixtures.oneEvent;
import static io.kargotakip.carriers.amazon.AmazonFixtures.onePackage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmazonPayloadParserTest {

    private final AmazonCarrier amazon = new AmazonCarrier();

    // ---- Shipping API ---------------------------------------------------------------------------

    @Test
    void amazonsV2ExampleGoesOutAndComesBackWithTheDetailCodeAsTheReason() throws Exception {
        List<TrackingEvent> events = amazon.parse(bytes("shipping-v2-tracking-example.json"));

        assertThat(events).extracting(TrackingEvent::status).containsExactly(
                TrackingStatus.EXCEPTION, TrackingStatus.RETURN_IN_TRANSIT, TrackingStatus.RETURNED_TO_SENDER);
        // forward codes [Rejected, Damaged]: Rejected refines no Undeliverable, Damaged does
        assertThat(events.get(0).reason()).isEqualTo(Reason.DAMAGED);
        assertThat(events.get(0).description()).isEqualTo("Undeliverable (Damaged)");
        assertThat(events).extracting(TrackingEvent::carrierCode)
                .containsExactly("Undeliverable", "RETURNS/ReturnInitiated", "RETURNS/Delivered");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.carrier()).isEqualTo("amazon");
            assertThat(e.trackingNumber()).isEqualTo("23AA47DE2B3B6");
            assertThat(e.alternateNumber()).as("Amazon's example writes the absent id as \"null\"").isNull();
            assertThat(e.estimatedDelivery()).isEqualTo(LocalDate.of(2024, 2, 12));
            assertThat(e.location()).isEqualTo("EX33 2JL, GB");
        });
        // February in Britain is GMT
        assertThat(events.get(2).occurredAt()).isEqualTo(OffsetDateTime.parse("2024-02-13T04:09:05.513Z"));
    }

    @Test
    void aDeliveryAttemptIsExplainedByTheForwardLegsDetailCode() throws Exception {
        List<TrackingEvent> events = amazon.parse(bytes("shipping-v2-delivery-attempted.json"));

        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.LABEL_CREATED,
                TrackingStatus.IN_TRANSIT, TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.FAILED_ATTEMPT);
        TrackingEvent attempt = events.get(4);
        assertThat(attempt.reason()).isEqualTo(Reason.RECIPIENT_ABSENT);
        assertThat(attempt.description()).isEqualTo("DeliveryAttempted (CustomerUnavailable)");
        assertThat(attempt.carrierCode()).isEqualTo("DeliveryAttempted");
        // shown at British Summer Time, where it happened
        assertThat(attempt.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-07-03T17:20:00+01:00"));
        assertThat(attempt.location()).isEqualTo("Manchester, GB");
        assertThat(attempt.alternateNumber()).isEqualTo("TBAUKRET0000001");
        assertThat(events.get(0).location()).isEqualTo("B12 0XY, GB");
    }

    @Test
    void theV1AnswerAndTheBarePayloadAreReadToo() throws Exception {
        TrackingEvent delivered = amazon.parse(bytes("amazon-shipping-v1-tracking-response.json")).get(0);
        assertThat(delivered.trackingNumber()).isEqualTo("89108749065090");
        assertThat(delivered.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(delivered.occurredAt()).isEqualTo(OffsetDateTime.parse("2019-04-03T23:45:12-07:00"));
        assertThat(delivered.location()).isEqualTo("San Bernardino, CA, US");
        assertThat(delivered.estimatedDelivery()).isEqualTo(LocalDate.of(2019, 4, 4));

        assertThat(amazon.parse(json("{\"payload\":" + new String(bytes("amazon-shipping-v1-tracking-response.json")) + "}")))
                .containsExactly(delivered);
        assertThat(amazon.packages(bytes("amazon-shipping-v1-tracking-response.json"))).as("a Shipping answer names no order").isEmpty();
    }

    @Test
    void onlyTheNewestRefinedEventTakesTheDetailCode() throws Exception {
        List<TrackingEvent> events = amazon.parse(json("""
                {"payload":{"trackingId":"TBA2","eventHistory":[
                  {"eventCode":"DeliveryAttempted","eventTime":"2026-07-03T10:00:00Z"},
                  {"eventCode":"DeliveryAttempted","eventTime":"2026-07-04T10:00:00Z"}],
                 "summary":{"trackingDetailCodes":{"forward":["BusinessClosed"],"returns":[]}}}}"""));

        assertThat(events).extracting(TrackingEvent::reason).containsExactly(Reason.OTHER, Reason.BUSINESS_CLOSED);
        // no place: the offset Amazon wrote
        assertThat(events.get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2026-07-03T10:00:00Z"));
        assertThat(events.get(0).location()).isNull();
    }

    @Test
    void unknownCodesAreUnknownAndLoggedButAnyReturnLegEventIsAReturn() throws Exception {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            TrackingEvent teleported = amazon.parse(oneEvent("Teleported", "FORWARD", "[\"Beamed\"]")).get(0);
            TrackingEvent returning = amazon.parse(oneEvent("Teleported", "RETURNS", "[]")).get(0);

            assertThat(teleported.status()).isEqualTo(TrackingStatus.UNKNOWN);
            assertThat(returning.status()).isEqualTo(TrackingStatus.RETURN_IN_TRANSIT);
            assertThat(log.messages()).containsExactly(
                    "unmapped carrier code: carrier=amazon code=detail/Beamed",
                    "unmapped carrier code: carrier=amazon code=Teleported");
        }
    }

    @Test
    void notFoundIsNoEventsAndOtherErrorsNameTheirCodeOnly() throws Exception {
        assertThat(amazon.parse(bytes("shipping-v2-error-not-found.json"))).isEmpty();
        assertThat(amazon.packages(bytes("shipping-v2-error-not-found.json"))).isEmpty();

        assertThatThrownBy(() -> amazon.parse(bytes("shipping-v2-error-invalid-request.json")))
                .isInstanceOf(PayloadException.class).hasMessage("Amazon error response (InvalidRequest)");
        assertThatThrownBy(() -> amazon.packages(bytes("shipping-v2-error-unauthorized.json")))
                .isInstanceOf(PayloadException.class).hasMessage("Amazon error response (Unauthorized)");
        // v1 puts the error list beside the payload; a NotFound among other errors is still an error
        assertThatThrownBy(() -> amazon.parse(json("""
                {"payload":null,"errors":[{"code":"NotFound","message":"x"},{"code":"InvalidInput","message":"Invalid Input"}]}""")))
                .isInstanceOf(PayloadException.class).hasMessage("Amazon error response (NotFound, InvalidInput)");
    }

    @Test
    void malformedShippingAnswersAreRejected() {
        assertThatThrownBy(() -> amazon.parse(json("{\"payload\":{\"trackingId\":\"T\",\"eventHistory\":[{\"eventTime\":\"2026-07-03T10:00:00Z\"}]}}")))
                .isInstanceOf(PayloadException.class).hasMessage("Amazon tracking event has no eventCode");
        assertThatThrownBy(() -> amazon.parse(json("{\"payload\":{\"trackingId\":\"T\",\"eventHistory\":[{\"eventCode\":\"Delivered\",\"eventTime\":\"today\"}]}}")))
                .isInstanceOf(PayloadException.class).hasMessage("Amazon event time is malformed");
        assertThatThrownBy(() -> amazon.parse(json("{\"payload\":{\"trackingId\":\"T\",\"eventHistory\":{}}}")))
                .isInstanceOf(PayloadException.class).hasMessage("Amazon tracking events are not a list");
    }

    // ---- Orders API -----------------------------------------------------------------------------

    @Test
    void amazonsOrderExampleIsAPackageOfACarrierWeDoNotTrack() throws Exception {
        byte[] example = bytes("amazon-sp-api-orders-2026-01-01-getOrder-packages-response.json");

        assertThat(amazon.packages(example)).singleElement().satisfies(p -> {
            assertThat(p.marketplace()).isEqualTo("amazon");
            assertThat(p.orderNumber()).isEqualTo("202-1234567-8901234");
            assertThat(p.packageId()).isEqualTo("UK-PKG-2024-001");
            assertThat(p.carrier()).as("Royal Mail").isNull();
            assertThat(p.trackingNumber()).isEqualTo("RR123456789GB");
            assertThat(p.customerFirstName()).isEqualTo("James");
            assertThat(p.shipToCountry()).as("recipient.deliveryAddress.countryCode").isEqualTo("GB");
            assertThat(p.events()).isEmpty();
            assertThat(p.shipped()).isFalse();
        });
        assertThat(amazon.parse(example)).isEmpty();
    }

    @Test
    void aPackageOfAKnownCarrierIsAnEventOfThatCarriersShipment() throws Exception {
        byte[] order = onePackage("UPS", "1Z7E4W930468215537", "IN_TRANSIT", "OUT_FOR_DELIVERY");

        MarketplacePackage pkg = amazon.packages(order).get(0);
        assertThat(pkg.carrier()).isEqualTo("ups");
        assertThat(pkg.shipped()).isTrue();
        assertThat(pkg.customerFirstName()).isEqualTo("Ayşe");
        assertThat(pkg.events()).singleElement().satisfies(e -> {
            assertThat(e.carrier()).isEqualTo("ups");
            assertThat(e.trackingNumber()).isEqualTo("1Z7E4W930468215537");
            assertThat(e.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
            assertThat(e.carrierCode()).isEqualTo("order/IN_TRANSIT/OUT_FOR_DELIVERY");
            assertThat(e.description()).isEqualTo("IN_TRANSIT / OUT_FOR_DELIVERY");
            // the order's last change, shown at the delivery address's offset
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-07-03T12:15:00+03:00"));
            assertThat(e.estimatedDelivery()).isEqualTo(LocalDate.of(2026, 7, 6));
        });
        assertThat(amazon.parse(order)).isEqualTo(pkg.events());
    }

    @Test
    void detailedStatusDecidesAndStatusStandsIn() throws Exception {
        assertThat(amazon.parse(onePackage("Yurtiçi Kargo", "YK1", "IN_TRANSIT", "REJECTED_BY_BUYER")).get(0))
                .satisfies(e -> {
                    assertThat(e.carrier()).isEqualTo("yurtici");
                    assertThat(e.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT);
                    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                });
        assertThat(amazon.parse(onePackage("Aras Kargo", "AR1", "DELIVERED", null)).get(0).status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(amazon.parse(onePackage("MNG Kargo", "MN1", "SHIPPED", "SOMETHING_NEW")).get(0).status())
                .as("an unknown detailedStatus: the status row").isEqualTo(TrackingStatus.IN_TRANSIT);
    }

    @Test
    void searchOrdersGivesEveryOrdersPackages() throws Exception {
        List<MarketplacePackage> packages = amazon.packages(json("""
                {"orders":[
                  {"orderId":"A-1","lastUpdatedTime":"2026-07-03T09:15:00Z","packages":[
                     {"packageReferenceId":"P1","carrier":"DHL Express","trackingNumber":"JD01","packageStatus":{"status":"SHIPPED"}},
                     {"packageReferenceId":"P2","packageStatus":{"status":"PENDING"}}]},
                  {"orderId":"A-2","lastUpdatedTime":"2026-07-03T09:15:00Z"}],
                 "pagination":{"nextToken":"abc"}}"""));

        assertThat(packages).extracting(MarketplacePackage::orderNumber, MarketplacePackage::packageId, MarketplacePackage::carrier)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A-1", "P1", "dhl"), org.assertj.core.groups.Tuple.tuple("A-1", "P2", null));
        assertThat(packages.get(0).events()).hasSize(1);
        assertThat(packages.get(1).events()).as("no carrier, no tracking number yet").isEmpty();
    }

    @Test
    void anOrderWithoutAnIdOrATimeIsRejected() {
        assertThatThrownBy(() -> amazon.parse(json("{\"order\":{\"packages\":[]}}")))
                .isInstanceOf(PayloadException.class).hasMessage("Amazon order has no orderId");
        assertThatThrownBy(() -> amazon.parse(json("""
                {"order":{"orderId":"A","packages":[{"carrier":"UPS","trackingNumber":"1Z","packageStatus":{"status":"SHIPPED"}}]}}""")))
                .isInstanceOf(PayloadException.class).hasMessage("Amazon order time is missing");
    }

    // ---- the data files -------------------------------------------------------------------------

    @Test
    void carrierNamesFoldAndMatchByTheirFirstWords() throws Exception {
        AmazonCarrierNames names = AmazonCarrierNames.standard();
        assertThat(names.carrierOf("Amazon Shipping")).contains("amazon");
        assertThat(names.carrierOf("YURTICI KARGO A.Ş.")).contains("yurtici");
        assertThat(names.carrierOf("yurtiçi")).contains("yurtici");
        assertThat(names.carrierOf("UPS Ground")).contains("ups");
        assertThat(names.carrierOf("DHL eCommerce Türkiye")).contains("mng");
        assertThat(names.carrierOf("DHL Express")).contains("dhl");
        assertThat(names.carrierOf("Trendyol Express")).contains("trendyol-express");
        assertThat(names.carrierOf("Royal Mail")).isEmpty();
        assertThat(names.carrierOf("UPSX")).as("a word, not a prefix of letters").isEmpty();
        assertThat(names.carrierOf("  ")).isEmpty();

        assertThatThrownBy(() -> AmazonCarrierNames.parse(new StringReader("name,carrier,note\nYurtiçi,yurtici,\nYURTICI,yurtici,\n")))
                .isInstanceOf(MappingTableException.class).hasMessage("amazon carrier names row 2: duplicate name once folded");
        assertThatThrownBy(() -> AmazonCarrierNames.parse(new StringReader("name,carrier,note\nUPS,U P S,\n")))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("a name and a carrier id are required");
    }

    @Test
    void badStatusTablesFailLoudly() {
        assertThatThrownBy(() -> table("eventCode,FORWARD,Delivered,delivered,,doc,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessage("amazon mapping table row 1: an eventCode row's type is empty or RETURNS");
        assertThatThrownBy(() -> table("eventCode,,*,in_transit,,doc,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("* only stands for the return leg");
        assertThatThrownBy(() -> table("detailCode,,Signed,delivered,,doc,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("names the eventCode it refines");
        assertThatThrownBy(() -> table("summaryStatus,,Delivered,delivered,,doc,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("unknown field summaryStatus");
        assertThatThrownBy(() -> table("eventCode,,Delivered,delivered,,doc,x\neventCode,,DELIVERED,delivered,,doc,x\n"))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("row 2: duplicate");
    }

    @Test
    void everyShippingEnumValueHasARow() {
        MappingTable table = MappingTable.load("amazon");
        List<String> eventCodes = table.rows(AmazonStatusMap.EVENT_CODE).stream().map(MappingTable.Row::code).toList();
        // shippingV2.json definitions.EventCode
        assertThat(eventCodes).contains("ReadyForReceive", "PickupDone", "Delivered", "Departed", "DeliveryAttempted", "Lost",
                "OutForDelivery", "ArrivedAtCarrierFacility", "Rejected", "Undeliverable", "PickupCancelled", "ReturnInitiated",
                "AvailableForPickup", "RecipientRequestedAlternateDeliveryTiming");
        // shippingV2.json definitions.DetailCodes
        assertThat(table.rows(AmazonStatusMap.DETAIL_CODE).stream().map(MappingTable.Row::code).distinct())
                .containsExactlyInAnyOrder("BusinessClosed", "CustomerUnavailable", "PaymentNotReady", "OtpNotAvailable",
                        "DeliveryAttempted", "UnableToAccess", "UnableToContactRecipient", "DeliveredToBehindWheelieBin",
                        "DeliveredToPorch", "DeliveredToGarage", "DeliveredToGarden", "DeliveredToGreenhouse", "DeliveredToMailSlot",
                        "DeliveredToMailRoom", "DeliveredToNeighbor", "DeliveredToRearDoor", "DeliveredToReceptionist",
                        "DeliveredToShed", "DeliveredWithOTP", "Signed", "Damaged", "IncorrectItems", "NotRequired", "Rejected",
                        "RejectedByRecipientWithVerification", "CancelledByRecipient", "AddressNotFound", "HazmatShipment",
                        "Undeliverable", "ArrivedAtLocalFacility");
        assertThat(table.rows(AmazonStatusMap.DETAILED_STATUS)).hasSize(16);
        assertThat(table.rows(AmazonStatusMap.PACKAGE_STATUS)).hasSize(6);
    }

    @Test
    void profileAndRegistration() {
        assertThat(CarrierRegistry.load().find("amazon")).get().isInstanceOf(AmazonCarrier.class).isInstanceOf(MarketplaceAdapter.class);
        assertThat(amazon.displayName()).isEqualTo("Amazon Shipping");
        assertThat(amazon.profile().rateLimit().perSecond()).isEqualTo(80);
        assertThat(amazon.profile().settings()).containsExactly("client-id", "client-secret", "refresh-token");
        assertThat(amazon.profile().push()).isEmpty();
        assertThat(amazon.trackingLink("TBA1")).isEmpty();
    }

    private static AmazonStatusMap table(String rows) throws Exception {
        return AmazonStatusMap.of(MappingTable.parse("amazon", new StringReader("field,type,code,status,reason,basis,note\n" + rows)));
    }
}
