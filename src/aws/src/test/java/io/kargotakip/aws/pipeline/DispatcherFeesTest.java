package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.RateQuotas;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.channels.email.SesEmailChannel;
import io.kargotakip.channels.sms.SmsSettings;
import io.kargotakip.channels.sms.SnsSmsChannel;
import io.kargotakip.core.channel.Channel;
import io.kargotakip.core.channel.ChannelFees;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.template.MessageComposer;
import io.kargotakip.core.template.TemplateCatalog;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fee of a sent message is recorded with it, from the fee table, and a channel's send rate holds across
 * dispatchers: the store is dynalite, SES, SNS and SQS the emulators, all through the real SDK.
 */
class DispatcherFeesTest {

    static DynamoDbClient dynamo;
    static SqsClient sqs;
    static TableNames tables;
    static final Brand BRAND = new Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example", "https://modax.example/destek", "tr",
            "link-secret-for-tests-only");
    static final ByteArrayOutputStream METRIC_LINES = new ByteArrayOutputStream();
    static final Metrics METRICS = new Metrics("test", new PrintStream(METRIC_LINES, true, StandardCharsets.UTF_8), Clock.systemUTC());

    @BeforeAll
    static void stack() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        sqs = AwsClients.sqs(Emulators.shared().sqs());
        tables = TableNames.withPrefix("f" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
    }

    static Map<String, Channel<?>> channels() {
        SesEmailChannel email = new SesEmailChannel(AwsClients.client(SesV2Client.builder(), Emulators.shared().ses()), BRAND.fromEmail(), null);
        SnsSmsChannel sms = new SnsSmsChannel(AwsClients.client(SnsClient.builder(), Emulators.shared().sns()),
                new SmsSettings("ModaX", "Transactional", 3, SmsSettings.Alphabet.GSM7));
        return Map.of("email", email, "sms", sms);
    }

    static Dispatcher dispatcher(NotificationRepository notifications, Clock clock, Dispatcher.SendRates rates, Dispatcher.Requeue requeue) {
        return new Dispatcher(notifications, new OrderRepository(dynamo, tables.orders()), id -> java.util.Optional.empty(), channels(),
                new MessageComposer(new TemplateCatalog(null), BRAND, c -> "UPS"), METRICS, clock, Dispatcher.DEFAULT_SEND_LEASE,
                Dispatcher.Policies.NONE.withFees(ChannelFees.builtIn()).withRates(rates, requeue));
    }

    /** An order whose customer has an e-mail address and a Turkish mobile number, with consent for what is given. */
    static String order(ShipmentId shipment, boolean email, boolean sms) {
        String id = "F-" + UUID.randomUUID().toString().substring(0, 8);
        Map<ContactKind, String> contacts = new EnumMap<>(ContactKind.class);
        contacts.put(ContactKind.EMAIL, "ayse@example.com");
        contacts.put(ContactKind.PHONE, "+905321234567");
        new OrderRepository(dynamo, tables.orders()).save(new Order(id, "1", "web", new Customer("Ayşe", contacts, "tr"),
                Consent.of(Map.of("email", email, "sms", sms), Instant.now()), List.of(shipment), Instant.now()));
        return id;
    }

    static NotificationIntent intent(String orderId, ShipmentId shipment, String channel, NotificationRepository notifications) {
        NotificationIntent intent = NotificationIntent.of(new StatusChange(shipment, orderId, null, TrackingStatus.DELIVERED, null,
                Instant.now(), null, null, null, "k-" + channel), MessageKind.DELIVERED, channel);
        notifications.createIfAbsent(intent, Instant.now());
        return intent;
    }

    static ShipmentId shipment() {
        return new ShipmentId("ups", "1ZF" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
    }

    static Map<String, AttributeValue> item(String notificationId) {
        return dynamo.getItem(b -> b.tableName(tables.notifications()).key(Map.of("notificationId", AttributeValue.fromS(notificationId)))
                .consistentRead(true)).item();
    }

    @Test
    void a_sent_message_has_its_fee_stored_and_a_suppressed_one_has_none() {
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        ShipmentId shipment = shipment();
        String orderId = order(shipment, true, false);
        NotificationIntent mail = intent(orderId, shipment, "email", notifications);
        NotificationIntent sms = intent(orderId, shipment, "sms", notifications);
        Dispatcher dispatcher = dispatcher(notifications, Clock.systemUTC(), Dispatcher.SendRates.NONE, Dispatcher.Requeue.RETRY_LATER);

        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", mail.notificationId()))).isEqualTo(Dispatcher.Outcome.SENT);
        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", sms.notificationId()))).isEqualTo(Dispatcher.Outcome.SUPPRESSED);

        assertThat(item(mail.notificationId()).get("feeUsd").n()).isEqualTo("0.0001");
        assertThat(item(sms.notificationId())).doesNotContainKey("feeUsd");
        var outbox = notifications.outbox().stream().filter(e -> e.notificationId().equals(mail.notificationId())
                || e.notificationId().equals(sms.notificationId())).toList();
        assertThat(outbox).extracting(NotificationRepository.OutboxEntry::feeUsd).containsExactlyInAnyOrder(new BigDecimal("0.0001"), null);
    }

    @Test
    void an_sms_fee_is_the_turkish_part_price_times_the_parts_it_was_billed_for() {
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        ShipmentId shipment = shipment();
        NotificationIntent sms = intent(order(shipment, false, true), shipment, "sms", notifications);

        assertThat(dispatcher(notifications, Clock.systemUTC(), Dispatcher.SendRates.NONE, Dispatcher.Requeue.RETRY_LATER)
                .process(new Envelope.OutboundMessage("t", sms.notificationId()))).isEqualTo(Dispatcher.Outcome.SENT);

        Map<String, AttributeValue> item = item(sms.notificationId());
        int parts = Integer.parseInt(item.get("parts").s());
        assertThat(parts).isPositive();
        assertThat(new BigDecimal(item.get("feeUsd").n())).isEqualByComparingTo(new BigDecimal("0.04").multiply(BigDecimal.valueOf(parts)));
    }

    @Test
    void over_the_channel_rate_the_second_message_goes_back_to_the_queue_and_is_sent_the_next_second() {
        NotificationRepository notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        String prefix = "f" + UUID.randomUUID().toString().substring(0, 8) + "-";
        KargoQueues.Urls queues = KargoQueues.createAll(sqs, prefix, 30);
        ShipmentId first = shipment();
        ShipmentId second = shipment();
        NotificationIntent a = intent(order(first, true, false), first, "email", notifications);
        NotificationIntent b = intent(order(second, true, false), second, "email", notifications);
        // one e-mail a second, shared by two dispatchers (two sender instances)
        ChannelRates rates = new ChannelRates(new RateQuotas(dynamo, tables.shipments()), Map.of("email", 1));
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusMillis(200);
        Clock sameSecond = Clock.fixed(now, ZoneOffset.UTC);
        Dispatcher.Requeue requeue = Dispatcher.Requeue.onto(new QueuePublisher(sqs, queues.outbound()));
        String before = METRIC_LINES.toString(StandardCharsets.UTF_8);

        assertThat(dispatcher(notifications, sameSecond, rates, requeue).process(new Envelope.OutboundMessage("t", a.notificationId())))
                .isEqualTo(Dispatcher.Outcome.SENT);
        assertThat(dispatcher(notifications, sameSecond, rates, requeue).process(new Envelope.OutboundMessage("t", b.notificationId())))
                .isEqualTo(Dispatcher.Outcome.THROTTLED);
        METRICS.flush();

        assertThat(notifications.find(b.notificationId()).orElseThrow().state()).as("not failed, not lost").isEqualTo(NotificationRepository.State.PENDING);
        assertThat(item(b.notificationId())).doesNotContainKey("feeUsd");
        assertThat(METRIC_LINES.toString(StandardCharsets.UTF_8).substring(before.length())).contains(Dispatcher.THROTTLED_METRIC);
        // back on the queue, delayed: invisible at once, there a moment later
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queues.outbound()).waitTimeSeconds(0)).messages()).isEmpty();
        List<Message> back = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (back.isEmpty() && System.currentTimeMillis() < deadline) {
            back.addAll(sqs.receiveMessage(r -> r.queueUrl(queues.outbound()).waitTimeSeconds(1)).messages());
        }
        assertThat(back).hasSize(1);
        Envelope.OutboundMessage again = io.kargotakip.aws.Json.read(back.get(0).body(), Envelope.OutboundMessage.class);
        assertThat(again.notificationId()).isEqualTo(b.notificationId());

        Clock nextSecond = Clock.fixed(now.plusSeconds(1), ZoneOffset.UTC);
        assertThat(dispatcher(notifications, nextSecond, rates, requeue).process(again)).isEqualTo(Dispatcher.Outcome.SENT);
        assertThat(item(b.notificationId()).get("feeUsd").n()).isEqualTo("0.0001");
        assertThat(new RateQuotas(dynamo, tables.shipments()).used("rate#email#" + now.getEpochSecond()))
                .as("every taker has a place in the window: the sent one and the one that waited").isEqualTo(2);
    }

    @Test
    void a_burst_over_the_limit_waits_as_many_seconds_as_the_ones_before_it_need() {
        Instant now = Instant.parse("2026-12-01T10:00:00.250Z");
        long second = now.getEpochSecond();
        assertThat(ChannelRates.waitFor(14, 14, second, now)).isEmpty();
        assertThat(ChannelRates.waitFor(15, 14, second, now)).contains(java.time.Duration.ofMillis(750));
        assertThat(ChannelRates.waitFor(28, 14, second, now)).as("the 14th over goes in the next second too").contains(java.time.Duration.ofMillis(750));
        assertThat(ChannelRates.waitFor(29, 14, second, now)).contains(java.time.Duration.ofMillis(1750));
        assertThat(ChannelRates.waitFor(14 * 11, 14, second, now)).contains(java.time.Duration.ofMillis(9750));
    }

    @Test
    void rate_settings_default_to_the_providers_limits_and_refuse_nonsense() {
        Map<String, String> env = Map.of("KARGO_RATE_SMS_PER_SECOND", "5", "KARGO_RATE_WHATSAPP_PER_SECOND", "off");
        Map<String, Integer> limits = ChannelRates.limits(List.of("email", "sms", "whatsapp", "push"),
                k -> java.util.Optional.ofNullable(env.get(k)));
        assertThat(limits).containsExactlyInAnyOrderEntriesOf(Map.of("email", 14, "sms", 5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChannelRates.limits(List.of("email"),
                k -> java.util.Optional.of("fast"))).hasMessageContaining("KARGO_RATE_EMAIL_PER_SECOND");
    }
}
