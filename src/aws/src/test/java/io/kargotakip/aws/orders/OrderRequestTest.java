package io.kargotakip.aws.orders;

import io.kargotakip.aws.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON body of {@code POST /orders}, read and checked as the intake does. */
class OrderRequestTest {

    static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

    private static OrderCsv.Read read(String json) {
        return Json.read(json, OrderRequest.class).toOrders(NOW);
    }

    private static String order(String id, String shipTo) {
        return """
                {"orderId":"%s","customer":{"email":"a@example.com"},"consent":{"email":true},%s
                 "shipments":[{"carrier":"ups","trackingNumber":"1Z999AA10123456784"}]}""".formatted(id, shipTo);
    }

    @Test
    void the_delivery_country_is_read_from_ship_to_in_any_case() {
        OrderCsv.Read read = read("{\"orders\":[" + order("A-1", "\"shipTo\":{\"country\":\"TR\"},") + "," + order("A-2", "\"shipTo\":{\"country\":\"de\"},")
                + "," + order("A-3", "") + "]}");

        assertThat(read.problems()).isEmpty();
        assertThat(read.orders()).extracting(n -> n.order().shipToCountry()).containsExactly("TR", "DE", null);
    }
}
