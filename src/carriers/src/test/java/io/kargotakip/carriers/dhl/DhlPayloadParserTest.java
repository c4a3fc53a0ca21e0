package io.kargotakip.carriers.dhl;

import io.kargotakip.carriers.kit.LogCapture;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static io.kargotakip.carriers.dhl.DhlFixtures.bytes;
import static io.kargotakip.carriers.dhl.DhlFixtures.json;
import static io.kargotakip.carriers.dhl.DhlFixtures.oneEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DhlPayloadParserTest {

    private final DhlCarrier dhl = new DhlCarrier(ZoneOffset.UTC);

    // ---- the tracking answer --------------------------------------------------------------------

    @Test
    void answerGivesOneEventPerScanOldestFirstRefinedByText() throws Exception {
        List<TrackingEvent> events = dhl.parse(bytes("track-express-turkey.json"));

        assertThat(events).extracting(TrackingEvent::status).containsExactly(
                TrackingStatus.LABEL_CREATED, TrackingStatus.IN_TRANSIT, TrackingStatus.IN_TRANSIT, TrackingStatus.DELAYED,
                TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED);
        assertThat(events.get(3).reason()).isEqualTo(Reason.CUSTOMS); // "on hold" + remark "pending … customs inspection"
        assertThat(events).extracting(TrackingEvent::description).containsExactly(
                "Shipment information received", "Processed at LEIPZIG - GERMANY", "Departed Facility in LEIPZIG - GERMANY",
                "Shipment is on hold", "Clearance processing complete at ISTANBUL - TURKEY", "With delivery courier", "Delivered");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.carrier()).isEqualTo("dhl");
            assertThat(e.trackingNumber()).isEqualTo("1234567890");
            assertThat(e.estimatedDelivery()).isEqualTo(LocalDate.of(2025, 11, 14));
            // the answer's url asked for this very number
            assertThat(e.alternateNumber()).isNull();
        });
        assertThat(events.get(6).location()).isEqualTo("ISTANBUL - TURKEY, TR");
        assertThat(events.get(0).location()).isEqualTo("DE");
    }

    @Test
    void localTimesAreReadInTheZoneOfTheEventsCountry() throws Exception {
        List<TrackingEvent> events = dhl.parse(bytes("track-express-turkey.json"));

        // no offset, location TR: Istanbul time
        assertThat(events.get(6).occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T14:32:05+03:00"));
        assertThat(events.get(6).occurredAt().toInstant()).isEqualTo(Instant.parse("2025-11-14T11:32:05Z"));
        // no offset, location DE: Berlin time
        assertThat(events.get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-11T10:15:30+01:00"));
        // an explicit offset is kept as written
        assertThat(events.get(2).occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-12T23:00:00+01:00"));
        // Z is the instant, shown at the offset of the event's country
        assertThat(events.get(1).occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-12T22:10:00+01:00"));
        assertThat(events.get(1).occurredAt().toInstant()).isEqualTo(Instant.parse("2025-11-12T21:10:00Z"));
    }

    @Test
    void localTimesWithoutACountryAreReadInTheFallbackZone() throws Exception {
        // "Germany" as a locality is no country code: UTC by default
        TrackingEvent returned = last(dhl.parse(bytes("track-parcel-de-failed-return.json")));
        assertThat(returned.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-20T09:10:00Z"));
        assertThat(returned.location()).isEqualTo("Germany");

        TrackingEvent inBerlinSetup = last(new DhlCarrier(ZoneId.of("Europe/Berlin")).parse(bytes("track-parcel-de-failed-return.json")));
        assertThat(inBerlinSetup.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-20T09:10:00+01:00"));

        // the fallback does not apply where the location names the country
        TrackingEvent bonn = new DhlCarrier(ZoneId.of("America/New_York")).parse(bytes("track-parcel-de-failed-return.json")).get(0);
        assertThat(bonn.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-16T10:00:00+01:00"));
    }

    @Test
    void failuresAndReturnsAreRefinedByTheirText() throws Exception {
        List<TrackingEvent> events = dhl.parse(bytes("track-parcel-de-failed-return.json"));

        assertThat(events).extracting(TrackingEvent::status).containsExactly(TrackingStatus.FAILED_ATTEMPT,
                TrackingStatus.FAILED_ATTEMPT, TrackingStatus.RETURN_IN_TRANSIT, TrackingStatus.RETURNED_TO_SENDER);
        assertThat(events).extracting(TrackingEvent::reason)
                .containsExactly(Reason.RECIPIENT_ABSENT, Reason.ADDRESS_PROBLEM, null, null);
        assertThat(events.get(0).trackingNumber()).isEqualTo("00340434161094000001");
        assertThat(events.get(0).location()).isEqualTo("Bonn, DE");
        assertThat(events).allSatisfy(e -> assertThat(e.estimatedDelivery()).isNull());
    }

    @Test
    void dhlsOwnExampleAnswer() throws Exception {
        List<TrackingEvent> events = dhl.parse(bytes("dhl-unified-track-shipments-response.json"));

        assertThat(events).singleElement().satisfies(e -> {
            // the id is a JSON number in DHL's example
            assertThat(e.trackingNumber()).isEqualTo("7777777770");
            // pre-transit with the remark "pending completion of customs inspection"
            assertThat(e.status()).isEqualTo(TrackingStatus.DELAYED);
            assertThat(e.reason()).isEqualTo(Reason.CUSTOMS);
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2018-03-02T07:53:47+01:00"));
            assertThat(e.location()).isEqualTo("Oderweg 2, AMSTERDAM, NL");
            assertThat(e.description()).isEqualTo("JESSICA");
            assertThat(e.estimatedDelivery()).isEqualTo(LocalDate.of(2018, 8, 3));
            assertThat(e.carrierCode()).matches("pre-transit/[0-9a-f]{8}");
            assertThat(e.alternateNumber()).isNull();
        });
    }

    @Test
    void theNumberAskedForIsKeptWhenDhlAnswersWithAnotherDivisionsNumber() throws Exception {
        List<TrackingEvent> events = dhl.parse(json("""
                {"url": "/shipments?trackingNumber=00123456789101111111&offset=0&limit=5",
                 "shipments": [{"id": "1098765432", "service": "express", "events": [
                   {"timestamp": "2025-11-14T10:00:00", "statusCode": "transit", "description": "Arrived at Delivery Facility"}]}]}
                """));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.trackingNumber()).isEqualTo("1098765432");
            assertThat(e.alternateNumber()).isEqualTo("00123456789101111111");
        });
        assertThat(DhlPayloadParser.queriedNumber("/shipments?trackingNumber=7777777770?offset=0&limit=5")).isEqualTo("7777777770");
        assertThat(DhlPayloadParser.queriedNumber("/shipments?service=express&trackingNumber=JJD%2001")).isNull();
        assertThat(DhlPayloadParser.queriedNumber("/shipments?trackingNumber=%zz")).isNull();
        assertThat(DhlPayloadParser.queriedNumber(null)).isNull();
    }

    @Test
    void aShipmentWithoutEventsGivesItsLatestStatus() throws Exception {
        List<TrackingEvent> events = dhl.parse(json("""
                {"shipments": [{"id": "1234567890", "status": {"timestamp": "2025-11-14T10:00:00+03:00",
                  "statusCode": "transit", "status": "transit", "description": "Out for delivery"}}]}
                """));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T10:00:00+03:00"));
        });
        assertThat(dhl.parse(json("{\"shipments\": [{\"id\": \"1234567890\"}]}"))).isEmpty();
    }

    @Test
    void severalShipmentsInOneAnswerAreAllRead() throws Exception {
        List<TrackingEvent> events = dhl.parse(json("""
                {"shipments": [
                  {"id": "A1", "service": "parcel-de", "events": [{"timestamp": "2025-11-14T10:00:00Z", "statusCode": "delivered", "status": "Delivered"}]},
                  {"id": "B2", "service": "express", "events": [{"timestamp": "2025-11-13T10:00:00Z", "statusCode": "transit", "status": "Processed"}]}]}
                """));

        assertThat(events).extracting(TrackingEvent::trackingNumber).containsExactly("B2", "A1");
    }

    // ---- pushes ---------------------------------------------------------------------------------

    @Test
    void aPushedScanHasTheIdempotencyKeyOfTheSamePolledScan() throws Exception {
        List<TrackingEvent> polled = dhl.parse(bytes("track-express-turkey.json"));
        TrackingEvent pushedOutForDelivery = dhl.parse(bytes("push-shipments.json")).get(0);
        TrackingEvent pushedDelivered = dhl.parse(bytes("push-envelope-delivered.json")).get(0);

        assertThat(pushedOutForDelivery.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
        assertThat(pushedOutForDelivery.idempotencyKey()).isEqualTo(polled.get(5).idempotencyKey());
        assertThat(pushedDelivered.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(pushedDelivered.idempotencyKey()).isEqualTo(polled.get(6).idempotencyKey());
    }

    @Test
    void twoScansOfOneFamilyAtTheSameMinuteAreTwoEvents() throws Exception {
        List<TrackingEvent> events = dhl.parse(json("""
                {"shipments": [{"id": "1234567890", "events": [
                  {"timestamp": "2025-11-14T10:00:00Z", "statusCode": "transit", "description": "Processed at ISTANBUL - TURKEY"},
                  {"timestamp": "2025-11-14T10:00:00Z", "statusCode": "transit", "description": "Departed Facility in ISTANBUL - TURKEY"}]}]}
                """));

        assertThat(events).extracting(TrackingEvent::idempotencyKey).doesNotHaveDuplicates();
        // the code is the family and a digest of the text: the same whatever its case or accents
        assertThat(DhlPayloadParser.carrierCode("Transit", "TESLİM EDİLDİ")).isEqualTo(DhlPayloadParser.carrierCode("transit", "teslim edildi"));
        assertThat(DhlPayloadParser.carrierCode(null, null)).isEqualTo("none");
    }

    @Test
    void aSubscriptionLifecycleMessageCarriesNoEvents() throws Exception {
        assertThat(dhl.parse(bytes("push-subscription-validate.json"))).isEmpty();
        assertThat(dhl.parse(json("{\"scope\": \"subscription.ready\"}"))).isEmpty();
        assertThatThrownBy(() -> dhl.parse(json("{\"scope\": \"something.else\"}"))).isInstanceOf(PayloadException.class);
    }

    // ---- text -----------------------------------------------------------------------------------

    @Test
    void turkishTextsAreReadFoldedAndCaseInsensitive() throws Exception {
        assertThat(one("transit", "Gönderi dağıtıma çıkarıldı").status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
        assertThat(one("failure", "ALICI ADRESTE BULUNAMADI")).satisfies(e -> {
            assertThat(e.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT);
            assertThat(e.reason()).isEqualTo(Reason.RECIPIENT_ABSENT);
        });
        assertThat(one("failure", "Adres hatalı").reason()).isEqualTo(Reason.ADDRESS_PROBLEM);
        assertThat(one("transit", "Gumruk islemleri tamamlandi").status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        assertThat(one("transit", "Gümrükte bekliyor").reason()).isEqualTo(Reason.CUSTOMS);
        assertThat(one("delivered", "Göndericiye iade edildi").status()).isEqualTo(TrackingStatus.RETURNED_TO_SENDER);
    }

    @Test
    void aPatternRefinesOnlyTheFamiliesItNames() throws Exception {
        // "address" is a failed delivery in a failure event, nothing in a transit one
        assertThat(one("transit", "Address information updated").status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        assertThat(one("failure", "Address information incorrect").reason()).isEqualTo(Reason.ADDRESS_PROBLEM);
        // a delivery into a Packstation is a delivery
        assertThat(one("delivered", "Picked up from the PACKSTATION by the recipient").status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(one("transit", "Delivered to the PACKSTATION for collection").status()).isEqualTo(TrackingStatus.AVAILABLE_FOR_PICKUP);
        // the longest pattern wins
        assertThat(one("failure", "Addressee not at home").reason()).isEqualTo(Reason.RECIPIENT_ABSENT);
        // unknown keeps the previous status, whatever its text says
        assertThat(one("unknown", "Out for delivery").status()).isEqualTo(TrackingStatus.UNKNOWN);
        // the push subscription's capitalised family names are the same families
        assertThat(one("Pre-Transit", "Shipment information received").status()).isEqualTo(TrackingStatus.LABEL_CREATED);
        // a failure without a telling text is a failed attempt for another reason
        assertThat(one("failure", "Shipment scanned")).satisfies(e -> {
            assertThat(e.status()).isEqualTo(TrackingStatus.FAILED_ATTEMPT);
            assertThat(e.reason()).isEqualTo(Reason.OTHER);
        });
    }

    @Test
    void aFamilyWithoutARowIsUnknownAndLogged() throws Exception {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            assertThat(one("returned", "Shipment returned").status()).isEqualTo(TrackingStatus.UNKNOWN);
            dhl.parse(json("{\"shipments\": [{\"id\": \"1\", \"events\": [{\"timestamp\": \"2025-11-14T10:00:00Z\"}]}]}"));
            // a family that is mapped to unknown on purpose is not "unmapped"
            one("unknown", "Status update");

            assertThat(log.messages()).containsExactly("unmapped carrier code: carrier=dhl code=returned",
                    "unmapped carrier code: carrier=dhl code=(none)");
        }
    }

    // ---- not found, errors, malformed -----------------------------------------------------------

    @Test
    void notFoundIsNoEvents() throws Exception {
        assertThat(dhl.parse(bytes("dhl-unified-error-404.json"))).isEmpty();
        assertThat(dhl.parse(bytes("track-empty.json"))).isEmpty();
        assertThat(dhl.parse(json("{\"title\": \"No result found\", \"status\": \"404\"}"))).isEmpty();
    }

    @Test
    void problemsOtherThan404NameOnlyTheirStatus() {
        assertThatThrownBy(() -> dhl.parse(bytes("error-401.json"))).isInstanceOf(PayloadException.class)
                .hasMessage("DHL error response (HTTP 401)");
        assertThatThrownBy(() -> dhl.parse(bytes("error-400.json"))).isInstanceOf(PayloadException.class)
                .hasMessage("DHL error response (HTTP 400)");
        assertThatThrownBy(() -> dhl.parse(bytes("error-429.json"))).isInstanceOf(PayloadException.class)
                .hasMessage("DHL error response (HTTP 429)");
        // a bare status is no problem body
        assertThatThrownBy(() -> dhl.parse(json("{\"status\": 404}"))).isInstanceOf(PayloadException.class)
                .hasMessage("DHL payload has an unrecognised shape");
    }

    @Test
    void malformedShipmentsAndEventsArePayloadExceptions() {
        assertThatThrownBy(() -> dhl.parse(json("{\"shipments\": {}}"))).hasMessage("DHL shipments is not a list");
        assertThatThrownBy(() -> dhl.parse(json("{\"shipments\": [1]}"))).hasMessage("DHL shipment is not an object");
        assertThatThrownBy(() -> dhl.parse(json("{\"shipments\": [{\"events\": []}]}"))).hasMessage("DHL shipment has no id");
        assertThatThrownBy(() -> dhl.parse(json("{\"shipments\": [{\"id\": \"1\", \"events\": {}}]}")))
                .hasMessage("DHL shipment events is not a list");
        assertThatThrownBy(() -> dhl.parse(json("{\"shipments\": [{\"id\": \"1\", \"events\": [\"x\"]}]}")))
                .hasMessage("DHL event is not an object");
        assertThatThrownBy(() -> dhl.parse(json("{\"shipments\": [{\"id\": \"1\", \"events\": [{\"statusCode\": \"transit\"}]}]}")))
                .hasMessage("DHL event has no timestamp");
        assertThatThrownBy(() -> dhl.parse(oneEventAt("14.11.2025 10:00"))).hasMessage("DHL event timestamp is malformed");
        assertThatThrownBy(() -> dhl.parse(oneEventAt("2025-13-14T10:00:00"))).hasMessage("DHL event timestamp is out of range");
        assertThatThrownBy(() -> dhl.parse(oneEventAt("2025-11-14T10:00:00+25:00"))).hasMessage("DHL event timestamp has an invalid offset");
    }

    @Test
    void timestampVariants() throws Exception {
        assertThat(dhl.parse(oneEventAt("2025-11-14T10:00")).get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T10:00:00+03:00"));
        assertThat(dhl.parse(oneEventAt("2025-11-14T10:00:00.123+0100")).get(0).occurredAt())
                .isEqualTo(OffsetDateTime.parse("2025-11-14T10:00:00.123+01:00"));
        assertThat(dhl.parse(oneEventAt("2025-11-14t07:00:00z")).get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T10:00:00+03:00"));
    }

    @Test
    void anEstimateThatDoesNotParseIsDropped() throws Exception {
        TrackingEvent e = dhl.parse(json("""
                {"shipments": [{"id": "1", "estimatedTimeOfDelivery": "soon",
                  "estimatedDeliveryTimeFrame": {"estimatedFrom": "2025-11-15T09:00:00Z", "estimatedThrough": "2025-11-16T18:00:00Z"},
                  "events": [{"timestamp": "2025-11-14T10:00:00Z", "statusCode": "transit"}]}]}
                """)).get(0);
        // the time frame's end stands in for a missing estimate
        assertThat(e.estimatedDelivery()).isEqualTo(LocalDate.of(2025, 11, 16));

        TrackingEvent none = dhl.parse(json("""
                {"shipments": [{"id": "1", "estimatedTimeOfDelivery": "2025-02-30",
                  "events": [{"timestamp": "2025-11-14T10:00:00Z", "statusCode": "transit"}]}]}
                """)).get(0);
        assertThat(none.estimatedDelivery()).isNull();
    }

    private TrackingEvent one(String statusCode, String description) throws PayloadException {
        List<TrackingEvent> events = dhl.parse(oneEvent(statusCode, description));
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static byte[] oneEventAt(String timestamp) {
        return json("""
                {"shipments": [{"id": "1", "events": [{"timestamp": "%s", "location": {"address": {"countryCode": "TR"}},
                  "statusCode": "transit"}]}]}
                """.formatted(timestamp));
    }

    private static TrackingEvent last(List<TrackingEvent> events) {
        return events.get(events.size() - 1);
    }
}
