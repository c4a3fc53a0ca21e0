package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.NotificationRepository.Delivery;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code kargo ab report} against the running local stack's dynalite (as {@code .kargo/local.json} describes it), with
 * notifications written through {@link NotificationRepository} as the pipeline writes them.
 */
class AbCommandTest {

    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path root;
    TableNames tables;
    NotificationRepository notifications;
    OrderRepository orders;

    @BeforeEach
    void localStack() throws Exception {
        Emulators emulators = Emulators.shared();
        tables = TableNames.withPrefix("ab" + UUID.randomUUID().toString().substring(0, 8) + "-");
        DynamoDbClient dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        KargoTables.createAll(dynamo, tables);
        notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        orders = new OrderRepository(dynamo, tables.orders());
        Files.createDirectories(root.resolve(".kargo"));
        Files.writeString(root.resolve(DeadLetters.STATE_FILE), io.kargotakip.aws.Json.write(Map.of("pid", ProcessHandle.current().pid(),
                "dynamodb", emulators.dynamoDb().toString(), "failuresTable", tables.failures(), "notificationsTable", tables.notifications(),
                "ordersTable", tables.orders(), "discountCodesTable", tables.discountCodes())));
    }

    String run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = AbCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), name -> null, root);
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A delivered message of {@code variant} for shipment {@code i}, sent at T0, with what the provider and the customer reported. */
    String seed(String variant, int i, boolean delivered, boolean opened, boolean clicked) {
        ShipmentId shipment = new ShipmentId("yurtici", variant + "4001" + String.format("%05d", i));
        String orderId = "WEB-" + variant + i;
        orders.save(new Order(orderId, variant.toUpperCase() + "-" + (5000 + i), "web", new Customer("Ayşe", "ayse@example.com", null, "tr"),
                Consent.none(), List.of(shipment), T0));
        StatusChange change = new StatusChange(shipment, orderId, null, TrackingStatus.DELIVERED, null, T0, null, null, null, "k");
        NotificationIntent intent = NotificationIntent.of(change, MessageKind.DELIVERED, "email", "",
                new NotificationIntent.Details("delivered", shipment + "/delivered/status=delivered", List.of("nps_survey"), null, null, variant));
        notifications.createIfAbsent(intent, T0);
        assertThat(notifications.claim(intent.notificationId(), T0, Duration.ofMinutes(2))).isTrue();
        notifications.markSent(intent.notificationId(), "ses-" + UUID.randomUUID(), T0);
        if (delivered) {
            notifications.recordDelivery(intent.notificationId(), Delivery.DELIVERED, T0.plusSeconds(5), null);
        }
        if (opened) {
            notifications.recordInteraction(intent.notificationId(), Delivery.OPENED, T0.plusSeconds(60));
            notifications.markEngaged(intent.notificationId(), "opened", T0.plusSeconds(60));
        }
        if (clicked) {
            notifications.recordInteraction(intent.notificationId(), Delivery.CLICKED, T0.plusSeconds(90));
            notifications.markEngaged(intent.notificationId(), "clicked", T0.plusSeconds(90));
        }
        return intent.notificationId();
    }

    void seedExperiment() {
        // a: 40 sent, 36 delivered, 10 opened, 4 clicked; b: 40 sent, 38 delivered, 24 opened, 14 clicked
        for (int i = 0; i < 40; i++) {
            seed("a", i, i < 36, i < 10, i < 4);
            seed("b", i, i < 38, i < 24, i < 14);
        }
        // not counted: a b message that did not go, and a message without a variant
        ShipmentId other = new ShipmentId("aras", "1000000099");
        StatusChange change = new StatusChange(other, "WEB-x", null, TrackingStatus.DELIVERED, null, T0, null, null, null, "k");
        notifications.createIfAbsent(NotificationIntent.of(change, MessageKind.DELIVERED, "sms", "",
                new NotificationIntent.Details("delivered", "k", List.of(), null, null, "b")), T0);
        notifications.createIfAbsent(NotificationIntent.of(change, MessageKind.SHIPPED, "email"), T0);
    }

    @Test
    void reports_each_variants_counts_and_rates_against_the_first_with_p_values_intervals_and_the_winner() throws Exception {
        seedExperiment();
        // 8 of a's customers and 2 of b's contacted support after the message; one of b's before it (not counted)
        StringBuilder csv = new StringBuilder("order_no;contacted_at\n");
        for (int i = 0; i < 8; i++) {
            csv.append("A-").append(5000 + i).append(";2026-12-02T10:15:00+03:00\n");
        }
        csv.append("B-5000;2026-12-01 12:30\nB-5001;2026-12-03 09:00:00\nB-5002;2026-12-01 11:00\nZ-1;2026-12-01 11:00\n");
        Path contacts = Files.writeString(root.resolve("contacts.csv"), csv);

        String report = run("report", "--contacts", contacts.toString());

        assertThat(report.lines().toList()).containsExactly(
                "experiment on delivered: 2 variants, 80 shipments sent",
                "  variant         sent  delivered           opened              clicked             contacted support",
                "  a                 40  36 (90.0%)          10 (25.0%)          4 (10.0%)           8 (20.0%)",
                "  b                 40  38 (95.0%)          24 (60.0%)          14 (35.0%)          2 (5.0%)",
                "  b vs a, delivered: +5.0 pts, p = 0.3959, 95% CI -6.5 pts to +16.5 pts",
                "  b vs a, opened: +35.0 pts, p = 0.0015, 95% CI +14.7 pts to +55.3 pts (significant)",
                "  b vs a, clicked: +25.0 pts, p = 0.0074, 95% CI +7.5 pts to +42.5 pts (significant)",
                "  b vs a, contacted support: -15.0 pts, p = 0.0425, 95% CI -29.1 pts to -0.9 pts (significant)",
                "  significant winner: b over a on opened (+35.0 pts, p = 0.0015); b over a on clicked (+25.0 pts, p = 0.0074);"
                        + " b over a on contacted support (-15.0 pts, p = 0.0425)");

        JsonNode json = io.kargotakip.aws.Json.MAPPER.readTree(run("report", "--json"));
        assertThat(json).hasSize(1);
        assertThat(json.get(0).path("kind").asText()).isEqualTo("delivered");
        assertThat(json.get(0).path("variants").get(1).path("opened").asLong()).isEqualTo(24);
        assertThat(json.get(0).path("variants").get(1).has("contacted_support")).as("without --contacts no support measure").isFalse();
        JsonNode opened = json.get(0).path("comparisons").get(1);
        assertThat(opened.path("metric").asText()).isEqualTo("opened");
        assertThat(opened.path("p_value").asDouble()).isCloseTo(0.0015, within(0.0001));
        assertThat(opened.path("significant").asBoolean()).isTrue();
        assertThat(json.get(0).path("comparisons")).hasSize(3);
    }

    @Test
    void without_any_variant_it_says_so() throws Exception {
        assertThat(run("report")).isEqualTo("no message of an A/B variant stored (experiments: in the rules file)\n");
    }

    @Test
    void bad_input_is_one_line_usage_error() throws Exception {
        assertThatThrownBy(() -> run()).isInstanceOf(Main.UsageError.class).hasMessage(AbCommand.USAGE);
        assertThatThrownBy(() -> run("summary")).isInstanceOf(Main.UsageError.class).hasMessageStartingWith("unknown ab command 'summary'");
        assertThatThrownBy(() -> run("report", "--since", "x")).isInstanceOf(Main.UsageError.class).hasMessage("unknown option --since");
        assertThatThrownBy(() -> run("report", "--contacts", root.resolve("missing.csv").toString())).isInstanceOf(Main.UsageError.class)
                .hasMessageEndingWith("missing.csv: no such file");
        Path header = Files.writeString(root.resolve("header.csv"), "order,when\n1,2026-12-01 10:00\n");
        assertThatThrownBy(() -> run("report", "--contacts", header.toString())).isInstanceOf(Main.UsageError.class)
                .hasMessage(header + ": line 1: the header is order,when; expected the columns order_no,contacted_at");
        Path bad = Files.writeString(root.resolve("bad.csv"), "order_no,contacted_at\n5001,yesterday\n,2026-12-01 10:00\n5002,2026-12-01 10:00\n");
        assertThatThrownBy(() -> run("report", "--contacts", bad.toString())).isInstanceOf(Main.UsageError.class)
                .hasMessage(bad + ": line 2: contacted_at 'yesterday' is not a time; expected 2026-12-03T10:15:00+03:00 or 2026-12-03 10:15"
                        + " (Istanbul time); line 3: order_no is empty");
        assertThatThrownBy(() -> run("report", "--stack", "kargo")).isInstanceOf(Main.UsageError.class)
                .hasMessageContaining("KARGO_TABLE_NOTIFICATIONS and KARGO_TABLE_ORDERS");
        assertThatThrownBy(() -> run("report", "--stack", "no such")).isInstanceOf(Main.UsageError.class)
                .hasMessageStartingWith("--stack must be a CloudFormation stack name");
        Files.delete(root.resolve(DeadLetters.STATE_FILE));
        assertThatThrownBy(() -> run("report")).isInstanceOf(Main.UsageError.class).hasMessageStartingWith("no local stack is running");
    }
}
