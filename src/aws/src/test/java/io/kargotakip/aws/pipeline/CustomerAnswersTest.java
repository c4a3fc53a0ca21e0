package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.AnswerLog;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.operations.OperationsException;
import io.kargotakip.core.operations.TicketRequest;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.order.Purchase;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.template.Links;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The answers' service on dynalite: the question a signed link asks, the answer recorded once, the alert raised once
 * and raised again when its destination was down, the metric of a confirmation.
 */
class CustomerAnswersTest {

    static final Instant NOW = Instant.parse("2026-12-02T05:15:00Z");
    static final Brand BRAND = new Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example", null, "tr",
            "0123456789abcdef-link-secret");
    static DynamoDbClient dynamo;
    static TableNames tables;

    @BeforeAll
    static void stack() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        tables = TableNames.withPrefix("ca" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
    }

    /** Operations that take alerts, or are down (retryable) while {@code down}. */
    static final class Desk implements Operations {
        final List<AlertRequest> alerts = new ArrayList<>();
        boolean down;

        @Override
        public String openTicket(TicketRequest request) {
            return null;
        }

        @Override
        public void alert(AlertRequest request) throws OperationsException {
            if (down) {
                throw new OperationsException("503 from the webhook", true, null, Set.of(Operations.WEBHOOK), null);
            }
            alerts.add(request);
        }

        @Override
        public Set<String> destinations() {
            return Set.of(Operations.EMAIL, Operations.WEBHOOK);
        }
    }

    final Desk desk = new Desk();
    final ByteArrayOutputStream emf = new ByteArrayOutputStream();
    final Metrics metrics = new Metrics("test", new PrintStream(emf, true, StandardCharsets.UTF_8), Clock.systemUTC());
    final Links links = new Links(BRAND);
    final NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
    final OrderRepository orders = new OrderRepository(dynamo, tables.orders());
    final CustomerAnswers answers = new CustomerAnswers(links, notifications, orders, new AnswerLog(dynamo, tables.events(), Duration.ofDays(30)),
            new EventLog(dynamo, tables.events(), Duration.ofDays(30)), desk, metrics, Clock.fixed(NOW, ZoneOffset.UTC));

    /** A COD order and its delivery-day e-mail; the link's token. */
    String codMessage() {
        String n = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        ShipmentId shipment = new ShipmentId("ups", "1Z999AA1" + n);
        String orderId = "WEB-" + n;
        orders.save(new Order(orderId, "5" + n.substring(0, 3), "web", new Customer("Ayşe", "ayse@example.com", null, "tr"), Consent.none(),
                List.of(shipment), NOW, new Purchase(new BigDecimal("1249.90"), "TRY", new BigDecimal("1249.90"), Set.of(), Set.of(), null)));
        StatusChange change = new StatusChange(shipment, orderId, null, TrackingStatus.OUT_FOR_DELIVERY, null, NOW, null, null, null, "k");
        NotificationIntent email = NotificationIntent.of(change, MessageKind.fromTemplateName("cod_delivery_day"), "email", "",
                new NotificationIntent.Details("cod_delivery_morning", shipment + "/cod_delivery_morning/out_for_delivery",
                        List.of("cod_confirmation"), null, null, null));
        notifications.createIfAbsent(email, NOW);
        String url = links.click(email.notificationId());
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void a_link_asks_only_its_question_and_only_when_this_brand_signed_it() {
        String token = codMessage();

        assertThat(answers.asked(token, "odeme-teyit")).hasValueSatisfying(a -> {
            assertThat(a.question().offer()).isEqualTo("cod_confirmation");
            assertThat(a.answered()).isEmpty();
            assertThat(a.occurrenceKey()).endsWith("/cod_delivery_morning/out_for_delivery");
        });
        assertThat(answers.asked(token, "randevu")).as("asks nothing").isEmpty();
        assertThat(answers.asked(token.substring(0, token.indexOf('.')) + ".forged", "odeme-teyit")).isEmpty();
        Links other = new Links(new Brand("ModaX", "b@modax.example", "https://takip.modax.example", null, "tr", "another-link-secret-0123"));
        String foreign = other.click(token.substring(0, token.indexOf('.')));
        assertThat(answers.asked(foreign.substring(foreign.lastIndexOf('/') + 1), "odeme-teyit")).isEmpty();
    }

    @Test
    void a_confirmation_is_counted_and_alerts_nobody_and_an_answer_the_question_does_not_take_is_refused() {
        var asked = answers.asked(codMessage(), "odeme-teyit").orElseThrow();

        assertThat(answers.answer(asked, "confirmed")).isInstanceOf(AnswerLog.Recorded.First.class);
        metrics.flush();

        assertThat(emf.toString(StandardCharsets.UTF_8)).contains("\"CodConfirmed\":1");
        assertThat(desk.alerts).isEmpty();
        assertThatThrownBy(() -> answers.answer(asked, "wrong_address")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_declined_delivery_whose_alert_failed_is_alerted_when_the_same_answer_comes_again_and_then_never() {
        String token = codMessage();
        var asked = answers.asked(token, "odeme-teyit").orElseThrow();
        desk.down = true;

        assertThat(answers.answer(asked, "declined")).isInstanceOf(AnswerLog.Recorded.First.class);
        assertThat(desk.alerts).isEmpty();
        desk.down = false;
        assertThat(answers.answer(answers.asked(token, "odeme-teyit").orElseThrow(), "declined")).isInstanceOf(AnswerLog.Recorded.Again.class);
        answers.answer(answers.asked(token, "odeme-teyit").orElseThrow(), "declined");
        answers.answer(answers.asked(token, "odeme-teyit").orElseThrow(), "confirmed");

        assertThat(desk.alerts).hasSize(1);
        AlertRequest alert = desk.alerts.get(0);
        assertThat(alert.key()).isEqualTo(asked.occurrenceKey() + "/answer/cod_confirmation");
        assertThat(alert.text()).contains("order " + asked.order().orderNo() + " (" + asked.order().orderId() + ")").contains("answer declined")
                .doesNotContain("ayse@example.com").doesNotContain("Ayşe");
        assertThat(answers.ofOrder(asked.order().orderId()).orElseThrow()).extracting(AnswerLog.Answer::answer).containsExactly("declined");
        assertThat(answers.ofOrder("NO-SUCH-ORDER")).isEmpty();
    }
}
