package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.Json;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.carriers.manual.ManualStatuses;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** {@code POST /statuses}: a carrier without an API, its statuses uploaded as CSV, queued as the manual source. */
@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class StatusesResourceTest {

    static final String CSV = """
            carrier,tracking_number,code,status,time,location,reason
            surat,WEB-7001,,delivered,2026-12-01 14:30,ANKARA,
            ptt,KP012345678TR,124,,01.12.2026 11:05,IZMIR,
            """;

    @Test
    void statuses_are_queued_as_canonical_events_of_the_manual_source() throws Exception {
        KargoStack stack = KargoStackResource.stack();
        stack.drain(stack.queues().rawEvents());

        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("text/csv").body(CSV).post("/statuses")
                .then().statusCode(202).body("statuses", equalTo(2));

        List<RawEvent> queued = stack.drain(stack.queues().rawEvents()).stream().map(b -> Json.read(b, RawEvent.class)).toList();
        assertThat(queued).singleElement().satisfies(r -> assertThat(r.source()).isEqualTo(ManualStatuses.ID));
        List<TrackingEvent> events = new ManualStatuses().parse(queued.get(0).payload());
        assertThat(events).extracting(TrackingEvent::carrier, TrackingEvent::trackingNumber, TrackingEvent::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("surat", "WEB-7001", TrackingStatus.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple("ptt", "KP012345678TR", TrackingStatus.FAILED_ATTEMPT));
        assertThat(events.get(1).reason().wireName()).as("PTT's 124 from its mapping table").isEqualTo("recipient_absent");
        assertThat(events.get(0).occurredAt().toString()).as("a time without offset is Istanbul's").isEqualTo("2026-12-01T14:30+03:00");
    }

    @Test
    void a_bad_row_rejects_the_whole_upload_with_every_problem_by_line() {
        KargoStack stack = KargoStackResource.stack();
        stack.drain(stack.queues().rawEvents());
        String bad = CSV + "fedex,X1,,delivered,2026-12-01 10:00,,\nsurat,WEB-7002,,delivred,yesterday,,\nptt,KP1,999,,2026-12-01 10:00,,\n";

        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("text/csv").body(bad).post("/statuses")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("errors", equalTo(List.of(
                        "line 4: carrier 'fedex' is not known; one of amazon, aras, dhl, hepsijet, mng, ptt, surat, trendyol-express, ups, yurtici",
                        "line 5: status 'delivred' is not a status; expected one of label_created, in_transit, out_for_delivery, failed_attempt, "
                                + "delayed, exception, available_for_pickup, delivered, return_in_transit, returned_to_sender",
                        "line 5: time 'yesterday' is not a time; write 2026-12-01T14:30:00+03:00, 2026-12-01 14:30 or 01.12.2026 14:30",
                        "line 6: code '999' is not in ptt's mapping table; give a status instead")));
        assertThat(stack.drain(stack.queues().rawEvents())).as("nothing half-queued").isEmpty();
    }

    @Test
    void without_the_api_key_nothing_is_queued() {
        KargoStack stack = KargoStackResource.stack();
        stack.drain(stack.queues().rawEvents());
        given().contentType("text/csv").body(CSV).post("/statuses").then().statusCode(401);
        assertThat(stack.drain(stack.queues().rawEvents())).isEmpty();
    }
}
