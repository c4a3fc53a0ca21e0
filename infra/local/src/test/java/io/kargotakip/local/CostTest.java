package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The cost model: the price table as data, and a bill computed from counts. */
class CostTest {

    /** A replay of 10 events (4 mails for 2 shipments), 10 duplicates, 2 orders, 2 polls, with round numbers. */
    static final String COUNTS = """
            {"measuredAt":"2026-12-01T10:00:00Z","replay":{"shipments":2},
             "phases":{
              "orders":{"units":2,"mails":0,"requests":{"orders-api":{"DynamoDb.PutItem":{"calls":2},"DynamoDb.UpdateItem":{"calls":2}}},
                        "invocations":{"orders-api":{"invocations":2,"durationMillis":40,"apiRequests":2}},"logBytes":{}},
              "events":{"units":10,"mails":4,
                        "requests":{"normalizer":{"DynamoDb.PutItem":{"calls":10,"capacityCalls":10,"capacityMilliUnits":10000},
                                                  "DynamoDb.GetItem":{"calls":10,"capacityCalls":10,"capacityMilliUnits":5000}},
                                    "webhook-receiver":{"Sqs.SendMessage":{"calls":10}},
                                    "event-source-raw-events":{"Sqs.ReceiveMessage":{"calls":7,"emptyReceives":5},"Sqs.DeleteMessageBatch":{"calls":2}},
                                    "sender":{"DynamoDb.UpdateItem":{"calls":8},"SESv2.SendEmail":{"calls":4}}},
                        "invocations":{"webhook-receiver":{"invocations":10,"durationMillis":100,"apiRequests":10},
                                       "normalizer":{"invocations":2,"durationMillis":60,"apiRequests":0},
                                       "sender":{"invocations":4,"durationMillis":80,"apiRequests":0}},
                        "logBytes":{"normalizer":1000}},
              "duplicates":{"units":10,"mails":0,"requests":{"normalizer":{"DynamoDb.PutItem":{"calls":10,"failed":10,"conditionalFailed":10}}},
                            "invocations":{},"logBytes":{}},
              "polls":{"units":2,"mails":0,"requests":{"poller":{"DynamoDb.UpdateItem":{"calls":2}}},"invocations":{},"logBytes":{}}}}
            """;

    @Test
    void the_built_in_price_table_names_its_region_and_date_and_has_every_price() {
        Cost.Prices prices = Cost.Prices.builtIn();
        assertThat(prices.region()).isEqualTo("eu-central-1");
        assertThat(prices.date()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(prices.perUnit()).containsKeys(Cost.Prices.KEYS.toArray(String[]::new));
        assertThat(prices.perUnit()).as("messaging fees are the fee table's, not a second copy here")
                .doesNotContainKeys("ses_email", "sms_turkey_part", "whatsapp_utility_turkey");
    }

    @Test
    void a_price_table_without_a_price_or_with_a_bad_one_is_refused_by_line() {
        String header = "# region: x\n# date: 2026-01-01\nkey,usd,per,source,what\n";
        assertThatThrownBy(() -> Cost.Prices.parse(header + "lambda_request,0.2,1000000,x,y\n", "f"))
                .hasMessageContaining("no price for");
        assertThatThrownBy(() -> Cost.Prices.parse(header + "lambda_request,-1,1,x,y\n", "f")).hasMessageContaining("line 4");
        assertThatThrownBy(() -> Cost.Prices.parse(header + "lambda_request,cheap,1,x,y\n", "f")).hasMessageContaining("line 4");
    }

    @Test
    void figures_per_unit_tell_reads_from_writes_and_leave_out_empty_receives() {
        Cost.Measurement m = Cost.Measurement.of(Json.read(COUNTS, JsonNode.class));

        Cost.Figures event = m.perEvent();
        assertThat(event.writes()).isCloseTo(1.0, within(1e-9));
        assertThat(event.reads()).isCloseTo(1.0, within(1e-9));
        assertThat(event.readUnits()).as("eventually consistent reads: half a unit each").isCloseTo(0.5, within(1e-9));
        assertThat(event.sqsRequests()).as("10 sends, 2 receives with messages, 2 deletes").isCloseTo(1.4, within(1e-9));
        assertThat(event.invocations()).isCloseTo(1.2, within(1e-9));
        assertThat(event.apiRequests()).isCloseTo(1.0, within(1e-9));

        Cost.Figures notification = m.perNotification();
        assertThat(notification.writes()).isCloseTo(2.0, within(1e-9));
        assertThat(notification.emails()).isCloseTo(1.0, within(1e-9));

        Cost.Figures duplicate = m.perDuplicate();
        assertThat(duplicate.writes()).isCloseTo(1.0, within(1e-9));
        assertThat(duplicate.conditionalFailed()).isCloseTo(1.0, within(1e-9));
        assertThat(duplicate.writeUnits()).as("a failed conditional write is billed").isCloseTo(1.0, within(1e-9));
        assertThat(m.notificationsPerShipment()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void the_bill_prices_the_counts_for_the_merchant() {
        Cost.Measurement m = Cost.Measurement.of(Json.read(COUNTS, JsonNode.class));
        Cost.Model model = Cost.Model.load();
        model.orders = 1000;
        model.eventsPerShipment = 5;
        model.duplicatesPerEvent = 1;
        model.pollsPerShipment = 0;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Cost.print(m, model, Cost.Prices.builtIn(), "test counts", new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        // 1,000 orders × 2 W + 5,000 events × 1 W + 2,000 notifications × 2 W + 5,000 duplicates × 1 W = 16,000 write units
        assertThat(out).contains("16,000 write units").contains("2,500 read units");
        // 2,000 notifications as measured: 2,000 mails at $0.10 per 1,000
        assertThat(out).contains("2,000 mails").contains("$0.20");
        assertThat(out).contains("eu-central-1").contains("test counts");
    }

    @Test
    void messaging_compares_the_fallback_chain_with_sms_for_everyone_from_the_fee_table() {
        Cost.Measurement m = Cost.Measurement.of(Json.read(COUNTS, JsonNode.class));
        Cost.Model model = Cost.Model.load();
        model.orders = 1000;
        model.chainRead.put("email", 0.40);
        model.chainRead.put("whatsapp", 0.85);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Cost.print(m, model, Cost.Prices.builtIn(), io.kargotakip.core.channel.ChannelFees.builtIn(), "test counts",
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        // per notification: 1 e-mail $0.0001 + 0.6 WhatsApp × $0.0053 + 0.6 × 0.15 SMS × $0.04 = $0.00688; SMS alone $0.04
        assertThat(out).contains("fallback chain email, whatsapp@2h, sms@6h").contains("1.00 email + 0.60 whatsapp + 0.09 sms = $0.00688");
        // 2,000 notifications a month
        assertThat(out).contains("$13.76").contains("$80.00");
        assertThat(out).contains("messaging per shipment: $0.01376 with the chain vs $0.08000 SMS for everyone: the chain saves $66.24 a month (83%)");
    }

    @Test
    void a_fee_table_that_is_not_there_is_a_usage_error() {
        assertThatThrownBy(() -> Cost.run(java.util.List.of("--fees", "/no/such/fees.csv"), java.nio.file.Path.of("."),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(Main.UsageError.class).hasMessageContaining("/no/such/fees.csv");
    }
}
