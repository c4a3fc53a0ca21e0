package io.kargotakip.functions.ordersapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** {@code POST /tickets}: the merchant's ticket CSV into the analytics, bad rows listed by line. */
@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class TicketsResourceTest {


    static final String CSV = """
            ticket_id,created_at,first_response_at,solved_at,subject,body,tags,order_no,tracking_number
            Z-1,2026-11-30T08:00:00Z,2026-11-30T09:15:00Z,,Kargom nerede?,"Merhaba, siparişim ne zaman gelir?",,,
            Z-2,30.11.2026,,,İade,,,,
            Z-3,2026-11-30T10:00:00Z,,2026-11-30T12:00:00Z,Fatura,"Faturamı alabilir miyim?",fatura,,
            """;

    static List<JsonNode> records() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : Emulators.shared().firehose().lines(Emulators.ANALYTICS_STREAM)) {
            records.add(json.readTree(line));
        }
        return records;
    }

    @Test
    void theGoodRowsAreRecordedAndTheBadOnesListedByLine() throws Exception {
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("text/csv").body(CSV).post("/tickets")
                .then().statusCode(200).body("rows", equalTo(3)).body("tickets", equalTo(2)).body("events", equalTo(4))
                .body("wismo", equalTo(1)).body("skipped", equalTo(1))
                .body("bad_rows[0].line", equalTo(3)).body("bad_rows[0].reason", startsWith("created_at is not an ISO-8601 time"));

        List<JsonNode> written = records();
        assertThat(written).filteredOn(r -> r.path("ticket").asText().equals(AnalyticsRecord.ticketKey("csv", "Z-1")))
                .extracting(r -> r.path("state").asText() + " " + r.path("occurred_at").asText() + " " + r.path("wismo").asText())
                .containsExactlyInAnyOrder("created 2026-11-30T08:00:00Z true", "first_response 2026-11-30T09:15:00Z ");
        assertThat(written).filteredOn(r -> r.path("ticket").asText().equals(AnalyticsRecord.ticketKey("csv", "Z-3")))
                .extracting(r -> r.path("state").asText()).containsExactlyInAnyOrder("created", "solved");
    }

    @Test
    void withoutTheKeyOrWithoutAHeaderTheCallIsRefused() {
        given().contentType("text/csv").body(CSV).post("/tickets").then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("text/csv").body("id,when\n1,2\n").post("/tickets")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Unreadable CSV")).body("detail", equalTo("the CSV header has no ticket_id column"));
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("text/csv").body("").post("/tickets").then().statusCode(400);
    }
}
