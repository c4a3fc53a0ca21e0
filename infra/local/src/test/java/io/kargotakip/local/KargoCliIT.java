package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged CLI ({@code java -jar kargo-local.jar}, what {@code ./kargo} runs): output and exit codes. */
class KargoCliIT {

    record Run(int exit, List<String> out, String err) {
    }

    static Run kargo(String... args) throws IOException, InterruptedException {
        return kargo(java.util.Map.of(), args);
    }

    static Run kargo(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path root = Emulators.projectRoot();
        List<String> command = new ArrayList<>(List.of("java", "-Dkargo.root=" + root, "-jar",
                root.resolve("infra/local/target/kargo-local.jar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out.lines().toList(), err);
    }

    static Path fixture(String name) {
        return Emulators.projectRoot().resolve("infra/local/src/test/resources/ups/" + name);
    }

    @Test
    void normalize_prints_one_canonical_event_per_line() throws Exception {
        Run run = kargo("normalize", "--carrier", "ups", fixture("track-poll-delivered.json").toString());

        assertThat(run.exit()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : run.out()) {
            events.add(json.readTree(line));
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(4);
        assertThat(events).allSatisfy(e -> assertThat(e.fieldNames()).toIterable()
                .contains("trackingNumber", "status", "reason", "occurredAt", "location", "carrierCode", "description"));
        JsonNode delivered = events.get(events.size() - 1);
        assertThat(delivered.path("status").asText()).isEqualTo("delivered");
        assertThat(delivered.path("occurredAt").asText()).isEqualTo("2025-11-14T14:32:05+03:00");
        assertThat(delivered.path("carrierCode").asText()).isEqualTo("D/F4");
        assertThat(delivered.path("reason").isNull()).isTrue();
        assertThat(events.get(0).path("status").asText()).isEqualTo("label_created");
    }

    @Test
    void normalize_recognises_a_push_body_by_its_shape() throws Exception {
        Run run = kargo("normalize", "--carrier", "ups", fixture("push-out-for-delivery.json").toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).hasSize(1);
        assertThat(run.out().get(0)).contains("\"status\":\"out_for_delivery\"");
    }

    @Test
    void normalize_auto_tells_the_source_by_the_payloads_shape() throws Exception {
        Run ups = kargo("normalize", "--carrier", "auto", fixture("push-out-for-delivery.json").toString());
        assertThat(ups.exit()).isZero();
        assertThat(ups.out()).singleElement().asString().contains("\"source\":\"ups\"").contains("\"carrier\":\"ups\"");

        Path garbage = java.nio.file.Files.createTempFile("kargo", ".json");
        java.nio.file.Files.writeString(garbage, "{\"hello\":\"world\"}");
        Run unknown = kargo("normalize", "--carrier", "auto", garbage.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().lines()).singleElement().asString().contains("no carrier or marketplace recognises this payload");
    }

    @Test
    void carriers_lists_every_carrier_with_what_it_supports_and_what_is_missing() throws Exception {
        Run run = kargo("carriers");
        assertThat(run.exit()).isZero();
        String out = "\n" + String.join("\n", run.out());
        for (String id : new String[] {"yurtici", "aras", "mng", "surat", "ptt", "hepsijet", "trendyol-express", "amazon", "ups", "dhl",
                "trendyol", "hepsiburada"}) {
            assertThat(out).contains("\n" + id + " — ").as(id);
        }
        assertThat(out).contains("rate limit: 1/s, 250/day").contains("not polled; set KARGO_CARRIER_ARAS_USER");
    }

    @Test
    void import_statuses_reports_every_bad_row_by_line_and_queues_nothing(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("statuses.csv");
        java.nio.file.Files.writeString(file, """
                carrier,tracking_number,code,status,time,location,reason
                surat,WEB-1,,delivered,2026-12-01 14:30,ANKARA,
                fedex,X-1,,delivered,2026-12-01 14:30,,
                ptt,KP1,,in_transit,soon,,
                """);
        Run run = kargo("import-statuses", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("kargo: " + file + ": nothing queued; line 3: carrier 'fedex'")
                .contains("line 4: time 'soon' is not a time");
    }

    @Test
    void an_unknown_carrier_is_exit_2_with_one_line() throws Exception {
        Run run = kargo("normalize", "--carrier", "fedex", fixture("push-out-for-delivery.json").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("kargo: unknown carrier 'fedex'; known: amazon, aras, dhl, hepsiburada, hepsijet, manual, mng, ptt, surat, trendyol, trendyol-express, ups, yurtici");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void an_unreadable_payload_is_exit_2_with_one_line(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "<html>not a payload</html>");
        Run run = kargo("normalize", "--carrier", "ups", garbage.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString().startsWith("kargo: " + garbage + ": not a UPS payload");
    }

    @Test
    void a_missing_file_and_a_bad_command_are_exit_2(@TempDir Path dir) throws Exception {
        Run missing = kargo("normalize", "--carrier", "ups", dir.resolve("nope.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().lines()).hasSize(1).first().asString().endsWith("no such file");
        Run bad = kargo("frobnicate");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().lines()).hasSize(1).first().asString().startsWith("kargo: unknown command 'frobnicate'");
    }

    @Test
    void cost_with_a_bad_number_or_option_is_exit_2_with_one_line() throws Exception {
        for (String[] args : List.of(new String[]{"cost", "--orders-per-month", "-5"}, new String[]{"cost", "--events-per-shipment", "many"},
                new String[]{"cost", "--orders-per-month"}, new String[]{"cost", "--orders-per-month", "2.5"}, new String[]{"cost", "--nope", "1"})) {
            Run run = kargo(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.out()).as(String.join(" ", args)).isEmpty();
            assertThat(run.err().lines().toList()).as(String.join(" ", args)).hasSize(1).first().asString().startsWith("kargo: ");
        }
    }

    @Test
    void dlq_bad_input_is_exit_2_with_one_line() throws Exception {
        Run unknownQueue = kargo("dlq", "redrive", "orders", "--stack", "kargo-prod");
        assertThat(unknownQueue.exit()).isEqualTo(2);
        assertThat(unknownQueue.err().lines()).hasSize(1).first().asString()
                .isEqualTo("kargo: unknown queue 'orders'; one of raw-events, status-changes, outbound, poll-work, amazon-notifications, channel-events");
        Run badMax = kargo("dlq", "redrive", "outbound", "--max", "lots");
        assertThat(badMax.exit()).isEqualTo(2);
        assertThat(badMax.err().lines()).hasSize(1).first().asString().isEqualTo("kargo: --max must be a number");
        Run maxWithoutRedrive = kargo("dlq", "--max", "3");
        assertThat(maxWithoutRedrive.exit()).isEqualTo(2);
        assertThat(maxWithoutRedrive.err().lines()).hasSize(1).first().asString().startsWith("kargo: --max goes with redrive");
        Run badStack = kargo("dlq", "--stack", "not a stack");
        assertThat(badStack.exit()).isEqualTo(2);
        assertThat(badStack.err().lines()).hasSize(1);
    }

    @Test
    void import_orders_reports_every_bad_row_by_line_and_imports_nothing(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("orders.csv"), """
                order_id,first_name,email,locale,consent_email,carrier,tracking_number
                A-1,Ali,ali@example.com,tr,true,ups,1Z999AA10000000001
                A-2,Can,not-an-email,tr,true,ups,1Z999AA10000000002
                A-3,Efe,efe@example.com,de,true,fedex,1Z999AA10000000003
                """);
        Run run = kargo("import-orders", csv.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .contains("nothing imported")
                .contains("line 3: customer.email is not an e-mail address")
                .contains("line 4: customer.locale must be one of")
                .contains("line 4: carrier 'fedex' is not configured");
    }

    @Test
    void import_orders_stores_every_order_and_schedules_its_shipments(@TempDir Path dir) throws Exception {
        var dynamo = io.kargotakip.aws.AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        var tables = io.kargotakip.aws.store.TableNames.withPrefix("cli" + java.util.UUID.randomUUID().toString().substring(0, 6) + "-");
        io.kargotakip.aws.store.KargoTables.createAll(dynamo, tables);
        java.util.Map<String, String> env = new java.util.HashMap<>(tables.environment());
        // the CLI's SDK client is configured as any AWS SDK client is
        env.putAll(java.util.Map.of("AWS_ENDPOINT_URL_DYNAMODB", Emulators.shared().dynamoDb().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
        Path csv = Files.writeString(dir.resolve("orders.csv"), """
                order_id,first_name,email,locale,consent_email,carrier,tracking_number
                A-1,Ali,ali@example.com,tr,true,ups,1Z999AA10000000001
                A-1,Ali,ali@example.com,tr,true,ups,1Z999AA10000000002
                B-2,Efe,efe@example.com,en,false,ups,1Z999AA10000000003
                """);

        Run run = kargo(env, "import-orders", csv.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsExactly("imported 2 orders with 3 shipments");
        var orders = new io.kargotakip.aws.store.OrderRepository(dynamo, tables.orders());
        assertThat(orders.find("A-1").orElseThrow().shipments()).hasSize(2);
        assertThat(orders.find("B-2").orElseThrow().consent().email()).isFalse();
        var shipments = new io.kargotakip.aws.store.ShipmentRepository(dynamo, tables.shipments());
        assertThat(shipments.nextPoll(new io.kargotakip.core.shipment.ShipmentId("ups", "1Z999AA10000000003"))).isPresent();
    }
}
