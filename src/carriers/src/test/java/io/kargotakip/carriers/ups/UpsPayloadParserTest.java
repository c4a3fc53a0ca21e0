package io.kargotakip.carriers.ups;

import io.kargotakip.carriers.kit.LogCapture;
import io.kargotakip.carriers.kit.StatusMapping;
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

import static io.kargotakip.carriers.ups.UpsFixtures.bytes;
import static io.kargotakip.carriers.ups.UpsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpsPayloadParserTest {

    private static final String TRACKING_NUMBER = "1Z7E4W930468215537";

    private final UpsCarrier ups = new UpsCarrier(ZoneId.of("Europe/Istanbul"));

    @Test
    void pollResponseGivesOneEventPerActivityOldestFirst() throws Exception {
        List<TrackingEvent> events = ups.parse(bytes("track-poll-delivered.json"));

        assertThat(events).extracting(TrackingEvent::status).containsExactly(
                TrackingStatus.LABEL_CREATED, TrackingStatus.IN_TRANSIT, TrackingStatus.IN_TRANSIT,
                TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED);
        assertThat(events).extracting(TrackingEvent::carrierCode)
                .containsExactly("M/MP", "I/DP", "I/AR", "I/OT", "D/F4");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.carrier()).isEqualTo("ups");
            assertThat(e.trackingNumber()).isEqualTo(TRACKING_NUMBER);
            assertThat(e.reason()).isNull();
            // RDD beats SDD; the DEL date is the actual date, not an estimate.
            assertThat(e.estimatedDelivery()).isEqualTo(LocalDate.of(2025, 11, 14));
        });
    }

    @Test
    void gmtFieldsGiveTheInstantAndGmtOffsetTheLocalWallTime() throws Exception {
        List<TrackingEvent> events = ups.parse(bytes("track-poll-delivered.json"));

        TrackingEvent delivered = events.get(4);
        assertThat(delivered.occurredAt().toInstant()).isEqualTo(Instant.parse("2025-11-14T11:32:05Z"));
        assertThat(delivered.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T14:32:05+03:00"));

        TrackingEvent departedCologne = events.get(1);
        assertThat(departedCologne.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-12T23:00:00+01:00"));

        // gmtTime "54510" has lost its leading zero
        TrackingEvent outForDelivery = events.get(3);
        assertThat(outForDelivery.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T08:45:10+03:00"));
        assertThat(outForDelivery.occurredAt().toInstant()).isEqualTo(Instant.parse("2025-11-14T05:45:10Z"));
    }

    @Test
    void localOnlyTimesAreReadInTheZoneOfTheirLocation() throws Exception {
        // the manifest activity has no GMT fields and its location is only "DE"
        TrackingEvent manifest = ups.parse(bytes("track-poll-delivered.json")).get(0);
        assertThat(manifest.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-11T10:15:30+01:00"));

        // the fallback zone does not apply when the location names the place
        TrackingEvent fromNewYorkSetup = new UpsCarrier(ZoneId.of("America/New_York"))
                .parse(bytes("track-poll-delivered.json")).get(0);
        assertThat(fromNewYorkSetup.occurredAt()).isEqualTo(manifest.occurredAt());
    }

    @Test
    void localOnlyTimesWithoutAKnownPlaceAreReadInTheFallbackZone() throws Exception {
        String activity = """
                {"trackResponse": {"shipment": [{"package": [{"trackingNumber": "1Z1",
                  "activity": [{"status": {"type": "I", "code": "AR", "statusCode": "005"}, %s
                                "date": "20251111", "time": "101530"}]}]}]}}
                """;
        for (String location : new String[] {"", "\"location\": {\"address\": {\"city\": \"NOWHERE\"}},",
                "\"location\": {\"address\": {\"countryCode\": \"XX\"}},"}) {
            byte[] payload = json(activity.formatted(location));
            assertThat(ups.parse(payload).get(0).occurredAt()).as(location)
                    .isEqualTo(OffsetDateTime.parse("2025-11-11T10:15:30+03:00"));
            assertThat(new UpsCarrier(ZoneId.of("America/New_York")).parse(payload).get(0).occurredAt()).as(location)
                    .isEqualTo(OffsetDateTime.parse("2025-11-11T10:15:30-05:00"));
        }
    }

    @Test
    void upsOwnSampleWithoutGmtFieldsIsReadInNewJersey() throws Exception {
        // samples/ups-track-v1-details-response.json: Paramus, NJ, US; no GMT fields; January (EST, UTC-5)
        List<TrackingEvent> events = ups.parse(bytes("ups-track-v1-details-response.json"));

        assertThat(events).extracting(TrackingEvent::carrierCode).containsExactly("M/MP", "D/F4");
        TrackingEvent delivered = events.get(1);
        assertThat(delivered.location()).isEqualTo("PARAMUS, NJ, US");
        assertThat(delivered.occurredAt()).isEqualTo(OffsetDateTime.parse("2022-01-26T16:30:00-05:00"));
        assertThat(delivered.occurredAt().toInstant()).isEqualTo(Instant.parse("2022-01-26T21:30:00Z"));
        // the label activity names only the country: read in the US's most populous zone, not in Istanbul
        assertThat(events.get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2022-01-26T15:16:41-05:00"));
    }

    @Test
    void openApiExampleActivityInWayneNewJerseyGetsItsRealInstant() throws Exception {
        // The Tracking API OpenAPI example's activity (Tracking.yaml): date 20210210, time 071356, Wayne NJ 07470,
        // here without its GMT fields. Read in Istanbul it came out 8 h early (EST; 7 h in summer time).
        byte[] payload = json("""
                {"trackResponse": {"shipment": [{"inquiryNumber": "1Z023E2X0214323462", "package": [{
                  "trackingNumber": "1Z023E2X0214323462",
                  "activity": [{"date": "20210210", "time": "071356",
                    "location": {"address": {"addressLine1": "100 Main St", "city": "Wayne", "stateProvince": "NJ",
                                             "postalCode": "07470", "country": "US", "countryCode": "US"}, "slic": "8566"},
                    "status": {"type": "X", "code": "SR", "statusCode": "003",
                               "description": "Your package was released by the customs agency."}}]}]}]}}
                """);
        TrackingEvent event = ups.parse(payload).get(0);

        assertThat(event.occurredAt().toInstant()).isEqualTo(Instant.parse("2021-02-10T12:13:56Z"));
        assertThat(event.occurredAt()).isEqualTo(OffsetDateTime.parse("2021-02-10T07:13:56-05:00"));

        // in summer time the same wall time is UTC-4
        TrackingEvent july = ups.parse(json(new String(payload).replace("20210210", "20210710"))).get(0);
        assertThat(july.occurredAt().toInstant()).isEqualTo(Instant.parse("2021-07-10T11:13:56Z"));
    }

    @Test
    void aStateSaysWhichZoneOfAMultiZoneCountry() throws Exception {
        String payload = """
                {"trackingNumber": "1Z1", "localActivityDate": "20250715", "localActivityTime": "120000",
                 "activityLocation": {"city": "%s", "stateProvince": "%s", "country": "%s"},
                 "activityStatus": {"type": "I", "code": "AR"}}
                """;
        assertThat(ups.parse(json(payload.formatted("LOUISVILLE", "KY", "US"))).get(0).occurredAt().getOffset())
                .isEqualTo(ZoneOffset.ofHours(-4));
        assertThat(ups.parse(json(payload.formatted("DALLAS", "TX", "US"))).get(0).occurredAt().getOffset())
                .isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(ups.parse(json(payload.formatted("PHOENIX", "AZ", "US"))).get(0).occurredAt().getOffset())
                .isEqualTo(ZoneOffset.ofHours(-7));
        assertThat(ups.parse(json(payload.formatted("VANCOUVER", "BC", "CA"))).get(0).occurredAt().getOffset())
                .isEqualTo(ZoneOffset.ofHours(-7));
        assertThat(ups.parse(json(payload.formatted("PERTH", "WA", "AU"))).get(0).occurredAt().getOffset())
                .isEqualTo(ZoneOffset.ofHours(8));
        assertThat(ups.parse(json(payload.formatted("GEBZE", "41", "TR"))).get(0).occurredAt().getOffset())
                .isEqualTo(ZoneOffset.ofHours(3));
    }

    @Test
    void descriptionIsTrimmedAndLocationBuiltFromThePartsPresent() throws Exception {
        List<TrackingEvent> events = ups.parse(bytes("track-poll-delivered.json"));

        assertThat(events).extracting(TrackingEvent::location)
                .containsExactly("DE", "KOELN, NW, DE", "GEBZE, 41, TR", "ISTANBUL, TR", "ISTANBUL, TR");
        assertThat(events.get(4).description()).isEqualTo("DELIVERED");
        assertThat(events.get(0).description()).isEqualTo("Shipper created a label, UPS has not received the package yet.");
    }

    @Test
    void pushOutForDelivery() throws Exception {
        List<TrackingEvent> events = ups.parse(bytes("push-out-for-delivery.json"));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.carrier()).isEqualTo("ups");
            assertThat(e.trackingNumber()).isEqualTo(TRACKING_NUMBER);
            assertThat(e.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
            assertThat(e.reason()).isNull();
            assertThat(e.carrierCode()).isEqualTo("I/OT");
            // Track Alert writes the offset as "+03.00"
            assertThat(e.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T08:45:10+03:00"));
            assertThat(e.location()).isEqualTo("ISTANBUL, TR");
            assertThat(e.description()).isEqualTo("Out For Delivery Today");
            assertThat(e.estimatedDelivery()).isEqualTo(LocalDate.of(2025, 11, 14));
        });
    }

    @Test
    void pushDeliveredWithoutGmtOffsetTakesTheOffsetFromLocalMinusGmt() throws Exception {
        TrackingEvent delivered = ups.parse(bytes("push-delivered.json")).get(0);

        assertThat(delivered.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(delivered.carrierCode()).isEqualTo("D/F4");
        assertThat(delivered.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-14T14:32:05+03:00"));
        assertThat(delivered.occurredAt().getOffset()).isEqualTo(ZoneOffset.ofHours(3));
        assertThat(delivered.location()).isEqualTo("ISTANBUL, TR");
        assertThat(delivered.estimatedDelivery()).isEqualTo(LocalDate.of(2025, 11, 14));
    }

    @Test
    void theSameScanPushedAndPolledHasTheSameIdempotencyKey() throws Exception {
        List<TrackingEvent> polled = ups.parse(bytes("track-poll-delivered.json"));
        TrackingEvent pushedOutForDelivery = ups.parse(bytes("push-out-for-delivery.json")).get(0);
        TrackingEvent pushedDelivered = ups.parse(bytes("push-delivered.json")).get(0);

        assertThat(pushedOutForDelivery.idempotencyKey()).isEqualTo(polled.get(3).idempotencyKey());
        assertThat(pushedDelivered.idempotencyKey()).isEqualTo(polled.get(4).idempotencyKey());
        assertThat(pushedDelivered.idempotencyKey()).isNotEqualTo(pushedOutForDelivery.idempotencyKey());
        assertThat(pushedDelivered.status()).isEqualTo(polled.get(4).status());
    }

    @Test
    void notFoundWarningGivesNoEvents() throws Exception {
        assertThat(ups.parse(bytes("track-not-found.json"))).isEmpty();
    }

    @Test
    void errorBodyIsAPayloadExceptionNamingOnlyTheCodes() {
        assertThatThrownBy(() -> ups.parse(bytes("error-invalid-inquiry.json")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("UPS error response (TV1002, TV9999)")
                .hasNoCause();
    }

    @Test
    void garbageIsAPayloadExceptionThatDoesNotEchoThePayload() {
        assertThatThrownBy(() -> ups.parse(bytes("garbage.bin")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("UPS payload is not valid JSON")
                .hasNoCause();
    }

    @Test
    void otherShapesArePayloadExceptions() {
        assertThatThrownBy(() -> ups.parse(new byte[0])).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> ups.parse(null)).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> ups.parse(json("[1, 2]")))
                .isInstanceOf(PayloadException.class).hasMessage("UPS payload is not a JSON object");
        assertThatThrownBy(() -> ups.parse(json("{\"trackingNumber\": \"1Z1\", \"status\": \"x\"}")))
                .isInstanceOf(PayloadException.class).hasMessage("UPS payload has an unrecognised shape");
        assertThatThrownBy(() -> ups.parse(json("{\"trackResponse\": {\"shipment\": [{\"inquiryNumber\": \"1Z1\"}]}}")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("UPS track response has neither packages nor a not-found warning");
        // valid JSON followed by more text is not one payload
        assertThatThrownBy(() -> ups.parse(json("{\"response\": {\"errors\": []}} trailing")))
                .isInstanceOf(PayloadException.class).hasMessage("UPS payload is not valid JSON");
    }

    @Test
    void malformedActivityTimeIsAPayloadException() {
        byte[] payload = json("""
                {"trackResponse": {"shipment": [{"package": [{"trackingNumber": "1Z1",
                  "activity": [{"status": {"type": "I", "code": "AR"}, "date": "20251301", "time": "101010"}]}]}]}}
                """);
        assertThatThrownBy(() -> ups.parse(payload))
                .isInstanceOf(PayloadException.class).hasMessage("UPS activity date or time is out of range");
    }

    @Test
    void failureReasonsFromStatusCodes() throws Exception {
        assertThat(pollOne("X", "48", "022")).isEqualTo(mapping(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT));
        assertThat(pollOne("X", "50", "050")).isEqualTo(mapping(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM));
        assertThat(pollOne("X", "53", "064")).isEqualTo(mapping(TrackingStatus.FAILED_ATTEMPT, Reason.REFUSED));
        assertThat(pollOne("X", "51", "062")).isEqualTo(mapping(TrackingStatus.FAILED_ATTEMPT, Reason.PAYMENT_REQUIRED));
        assertThat(pollOne("X", "7W", "052")).isEqualTo(mapping(TrackingStatus.DELAYED, Reason.WEATHER));
        assertThat(pollOne("X", "RS", "012")).isEqualTo(mapping(TrackingStatus.DELAYED, Reason.CUSTOMS));
        assertThat(pollOne("X", "45", "059")).isEqualTo(mapping(TrackingStatus.EXCEPTION, Reason.DAMAGED));
        assertThat(pollOne("X", "S9", "068")).isEqualTo(mapping(TrackingStatus.EXCEPTION, Reason.LOST));
        assertThat(pollOne("I", "DP", "035")).isEqualTo(mapping(TrackingStatus.RETURN_IN_TRANSIT, null));
    }

    @Test
    void aGenericStatusCodeIsRefinedByAKnownTypeAndCode() throws Exception {
        // 013 "Exception" alone is exception/other; X/48 says the receiver was not there.
        assertThat(pollOne("X", "48", "013")).isEqualTo(mapping(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT));
        assertThat(pollOne("X", "ZZ", "013")).isEqualTo(mapping(TrackingStatus.EXCEPTION, Reason.OTHER));
    }

    @Test
    void pushWithoutStatusCodeIsMappedByTypeAndCode() throws Exception {
        assertThat(pushOne("X", "50")).isEqualTo(mapping(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM));
        assertThat(pushOne("X", "BO")).isEqualTo(mapping(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM));
        assertThat(pushOne("X", "53")).isEqualTo(mapping(TrackingStatus.FAILED_ATTEMPT, Reason.REFUSED));
        assertThat(pushOne("X", "48")).isEqualTo(mapping(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT));
        assertThat(pushOne("X", "55")).isEqualTo(mapping(TrackingStatus.FAILED_ATTEMPT, Reason.BUSINESS_CLOSED));
        // "OT" is out for delivery as a scan but a customs contact as an exception
        assertThat(pushOne("I", "OT")).isEqualTo(mapping(TrackingStatus.OUT_FOR_DELIVERY, null));
        assertThat(pushOne("X", "OT")).isEqualTo(mapping(TrackingStatus.DELAYED, Reason.CUSTOMS));
        assertThat(pushOne("D", "OD")).isEqualTo(mapping(TrackingStatus.OUT_FOR_DELIVERY, null));
        assertThat(pushOne("D", "FS")).isEqualTo(mapping(TrackingStatus.DELIVERED, null));
        assertThat(pushOne("M", "MP")).isEqualTo(mapping(TrackingStatus.LABEL_CREATED, null));
        assertThat(pushOne("I", "PL")).isEqualTo(mapping(TrackingStatus.LABEL_CREATED, null));
        assertThat(pushOne("MV", "VP")).isEqualTo(mapping(TrackingStatus.EXCEPTION, Reason.CANCELLED));
        assertThat(pushOne("I", "XD")).isEqualTo(mapping(TrackingStatus.IN_TRANSIT, null));
        assertThat(pushOne("U", "UP")).isEqualTo(mapping(TrackingStatus.UNKNOWN, null));
        // exception codes are listed as "3"; UPS may pad them
        assertThat(pushOne("X", "03")).isEqualTo(mapping(TrackingStatus.DELAYED, Reason.OTHER));
    }

    @Test
    void unmappedCodesAreUnknownWithoutReason() throws Exception {
        assertThat(pushOne("W", "ZZ")).isEqualTo(mapping(TrackingStatus.UNKNOWN, null));
        assertThat(pollOne("NA", "ZZ", null)).isEqualTo(mapping(TrackingStatus.UNKNOWN, null));
        assertThat(pollOne("NA", "ZZ", "999")).isEqualTo(mapping(TrackingStatus.UNKNOWN, null));
    }

    @Test
    void anUnmappedCodeIsLoggedForReviewWithoutTheTrackingNumber() throws Exception {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            pushOne("W", "ZZ");
            pollOne("NA", "ZZ", "999");
            // a row that maps to unknown on purpose is not "unmapped"
            pushOne("U", "UP");

            assertThat(log.messages()).containsExactly(
                    "unmapped carrier code: carrier=ups code=W/ZZ",
                    "unmapped carrier code: carrier=ups code=NA/ZZ 999");
            assertThat(log.messages()).noneMatch(line -> line.contains("1Z1"));
        }
    }

    @Test
    void updatePushKeepsStatusUnknownButCarriesTheNewEstimate() throws Exception {
        TrackingEvent update = ups.parse(json("""
                {"trackingNumber": "1Z7E4W930468215537", "localActivityDate": "20251113", "localActivityTime": "070000",
                 "activityStatus": {"type": "U", "code": "UP", "description": "Updated Delivery Date"},
                 "scheduledDeliveryDate": "20251117"}
                """)).get(0);

        assertThat(update.status()).isEqualTo(TrackingStatus.UNKNOWN);
        assertThat(update.carrierCode()).isEqualTo("U/UP");
        assertThat(update.location()).isNull();
        assertThat(update.estimatedDelivery()).isEqualTo(LocalDate.of(2025, 11, 17));
        assertThat(update.occurredAt()).isEqualTo(OffsetDateTime.parse("2025-11-13T07:00:00+03:00"));
    }

    @Test
    void onlyTheActualDeliveryDateGivesNoEstimate() throws Exception {
        List<TrackingEvent> events = ups.parse(json("""
                {"trackResponse": {"shipment": [{"package": [{"trackingNumber": "1Z1",
                  "deliveryDate": [{"type": "DEL", "date": "20251114"}],
                  "activity": [{"status": {"type": "D", "code": "F4", "statusCode": "011"}, "date": "20251114", "time": "143205"}]}]}]}}
                """));
        assertThat(events).singleElement().satisfies(e -> assertThat(e.estimatedDelivery()).isNull());
    }

    private StatusMapping pollOne(String type, String code, String statusCode) throws PayloadException {
        String status = "{\"type\": \"" + type + "\", \"code\": \"" + code + "\""
                + (statusCode == null ? "" : ", \"statusCode\": \"" + statusCode + "\"") + "}";
        List<TrackingEvent> events = ups.parse(json("{\"trackResponse\": {\"shipment\": [{\"package\": [{"
                + "\"trackingNumber\": \"1Z1\", \"activity\": [{\"status\": " + status
                + ", \"date\": \"20251114\", \"time\": \"101010\"}]}]}]}}"));
        assertThat(events).hasSize(1);
        return mapping(events.get(0).status(), events.get(0).reason());
    }

    private StatusMapping pushOne(String type, String code) throws PayloadException {
        List<TrackingEvent> events = ups.parse(json("{\"trackingNumber\": \"1Z1\", \"localActivityDate\": \"20251114\","
                + " \"localActivityTime\": \"101010\", \"activityStatus\": {\"type\": \"" + type + "\", \"code\": \"" + code + "\"}}"));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).carrierCode()).isEqualTo(type + "/" + code);
        return mapping(events.get(0).status(), events.get(0).reason());
    }

    private static StatusMapping mapping(TrackingStatus status, Reason reason) {
        return StatusMapping.of(status, reason);
    }
}
