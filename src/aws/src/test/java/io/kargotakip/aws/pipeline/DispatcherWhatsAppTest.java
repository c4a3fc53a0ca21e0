package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.OptOutList;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.channels.whatsapp.WhatsAppChannel;
import io.kargotakip.channels.whatsapp.WhatsAppTemplates;
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
import io.kargotakip.emulators.whatsapp.WhatsAppSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher with the real WhatsApp channel against the Graph API sandbox and the store on dynalite. */
class DispatcherWhatsAppTest {

    static DynamoDbClient dynamo;
    static TableNames tables;
    static WhatsAppSandbox sandbox;
    static NotificationRepository notifications;
    static final ByteArrayOutputStream METRIC_LINES = new ByteArrayOutputStream();
    static final Metrics METRICS = new Metrics("sender", new PrintStream(METRIC_LINES, true, StandardCharsets.UTF_8), Clock.systemUTC());

    @BeforeAll
    static void start() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        tables = TableNames.withPrefix("x" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
        notifications = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        sandbox = new WhatsAppSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static String phone() {
        return "+90532" + (1000000 + new java.util.Random().nextInt(8999999));
    }

    static Dispatcher dispatcher() {
        Brand brand = new Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example", "https://modax.example/destek", "tr",
                "link-secret-for-tests-only");
        WhatsAppChannel whatsapp = new WhatsAppChannel(HttpClient.newHttpClient(), sandbox.baseUrl(), WhatsAppSandbox.API_VERSION,
                WhatsAppSandbox.PHONE_NUMBER_ID, WhatsAppSandbox.TOKEN, WhatsAppTemplates.builtIn());
        return new Dispatcher(notifications, new OrderRepository(dynamo, tables.orders()), id -> Optional.empty(),
                Map.of("whatsapp", whatsapp), new MessageComposer(TemplateCatalog.builtIn(), brand, c -> "UPS"), METRICS, Clock.systemUTC(),
                Dispatcher.DEFAULT_SEND_LEASE, Dispatcher.Policies.NONE.withSuppressed(Dispatcher.Suppressed.optedOut(new OptOutList(dynamo, tables.orders()))));
    }

    /** An order of a customer with this phone, WhatsApp allowed, and a delivered-notice for WhatsApp. */
    static String notification(String phone) {
        ShipmentId shipment = new ShipmentId("ups", "1ZW" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        String orderId = "W-" + UUID.randomUUID().toString().substring(0, 8);
        Map<ContactKind, String> contacts = new EnumMap<>(ContactKind.class);
        contacts.put(ContactKind.PHONE, phone);
        new OrderRepository(dynamo, tables.orders()).save(new Order(orderId, "TR-1", "web", new Customer("Ayşe", contacts, "tr"),
                Consent.none().with("whatsapp", true, Instant.now()), List.of(shipment), Instant.now()));
        NotificationIntent intent = NotificationIntent.of(new StatusChange(shipment, orderId, null, TrackingStatus.DELIVERED, null,
                Instant.now(), null, null, null, "k"), MessageKind.DELIVERED, "whatsapp");
        notifications.createIfAbsent(intent, Instant.now());
        return intent.notificationId();
    }

    static Map<String, AttributeValue> item(String id) {
        return dynamo.getItem(b -> b.tableName(tables.notifications()).key(Map.of("notificationId", AttributeValue.fromS(id)))).item();
    }

    @Test
    void a_template_goes_to_the_customer_s_phone_as_whatsapp_id_and_the_wamid_is_stored() {
        String phone = phone();
        String id = notification(phone);

        assertThat(dispatcher().process(new Envelope.OutboundMessage("t", id))).isEqualTo(Dispatcher.Outcome.SENT);

        WhatsAppSandbox.Sent sent = sandbox.sent().stream().filter(s -> s.to().equals(phone)).findFirst().orElseThrow();
        assertThat(sent.templateName()).isEqualTo("kargo_teslim_edildi");
        assertThat(sent.parameters()).containsExactly("Ayşe", "TR-1", "https://modax.example/destek");
        assertThat(notifications.find(id).orElseThrow().providerMessageId()).isEqualTo(sent.wamid());
        assertThat(notifications.findByProviderMessageId(sent.wamid())).contains(id);
    }

    @Test
    void after_a_reply_opt_out_the_next_whatsapp_message_is_suppressed() {
        String phone = phone();
        new OptOutList(dynamo, tables.orders()).record("whatsapp", phone.substring(1), "whatsapp-reply", Instant.now());
        String id = notification(phone);
        int before = sandbox.sendAttempts();

        assertThat(dispatcher().process(new Envelope.OutboundMessage("t", id))).isEqualTo(Dispatcher.Outcome.SUPPRESSED);

        assertThat(sandbox.sendAttempts()).as("nothing went to Meta").isEqualTo(before);
        assertThat(item(id).get("outcome").s()).isEqualTo("opted out of whatsapp by reply");
    }

    @Test
    void an_opt_out_in_the_consent_ledger_wins_over_the_order_s_consent_for_the_next_send() {
        String phone = phone();
        String id = notification(phone);
        io.kargotakip.aws.store.ConsentLedger ledger = new io.kargotakip.aws.store.ConsentLedger(dynamo, tables.orders());
        ledger.append(io.kargotakip.core.order.CustomerId.ofPhone(phone), new io.kargotakip.aws.store.ConsentLedger.Entry("whatsapp", false,
                Instant.now(), io.kargotakip.aws.store.ConsentLedger.PREFERENCE_API, "WhatsApp bildirimlerini kapat"));
        int before = sandbox.sendAttempts();

        assertThat(withLedger(ledger).process(new Envelope.OutboundMessage("t", id))).isEqualTo(Dispatcher.Outcome.SUPPRESSED);

        assertThat(sandbox.sendAttempts()).as("nothing went to Meta").isEqualTo(before);
        assertThat(item(id).get("outcome").s()).isEqualTo("no consent for whatsapp");
    }

    @Test
    void a_grant_in_the_ledger_lets_a_message_go_that_the_order_alone_would_not() {
        String phone = phone();
        ShipmentId shipment = new ShipmentId("ups", "1ZL" + UUID.randomUUID().toString().replace("-", "").substring(0, 14));
        String orderId = "L-" + UUID.randomUUID().toString().substring(0, 8);
        new OrderRepository(dynamo, tables.orders()).save(new Order(orderId, "TR-2", "web", new Customer("Ayşe", null, phone, "tr"),
                Consent.none(), List.of(shipment), Instant.now()));
        NotificationIntent intent = NotificationIntent.of(new StatusChange(shipment, orderId, null, TrackingStatus.DELIVERED, null,
                Instant.now(), null, null, null, "k"), MessageKind.DELIVERED, "whatsapp");
        notifications.createIfAbsent(intent, Instant.now());
        io.kargotakip.aws.store.ConsentLedger ledger = new io.kargotakip.aws.store.ConsentLedger(dynamo, tables.orders());
        ledger.append(io.kargotakip.core.order.CustomerId.ofPhone(phone), new io.kargotakip.aws.store.ConsentLedger.Entry("whatsapp", true,
                Instant.now(), io.kargotakip.aws.store.ConsentLedger.PREFERENCE_API, "WhatsApp ile haber ver"));

        assertThat(withLedger(ledger).process(new Envelope.OutboundMessage("t", intent.notificationId()))).isEqualTo(Dispatcher.Outcome.SENT);
    }

    @Test
    void inside_the_customer_service_window_a_free_text_goes_outside_it_the_approved_template() {
        io.kargotakip.aws.store.ServiceWindows windows = new io.kargotakip.aws.store.ServiceWindows(dynamo, tables.orders());
        Instant now = Instant.now();
        String wrote = phone();
        windows.opened("whatsapp", wrote.substring(1), now.minus(Duration.ofHours(3)));
        String wroteLongAgo = phone();
        windows.opened("whatsapp", wroteLongAgo.substring(1), now.minus(Duration.ofHours(23).plusMinutes(30)));
        Dispatcher dispatcher = withWindows(windows);

        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", notification(wrote)))).isEqualTo(Dispatcher.Outcome.SENT);
        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", notification(wroteLongAgo)))).isEqualTo(Dispatcher.Outcome.SENT);

        WhatsAppSandbox.Sent text = sandbox.sent().stream().filter(s -> s.to().equals(wrote)).findFirst().orElseThrow();
        assertThat(text.type()).isEqualTo("text");
        assertThat(text.text()).startsWith("Ayşe, TR-1 numaralı siparişin teslim edildi.").contains("DUR yaz");
        assertThat(sandbox.sent().stream().filter(s -> s.to().equals(wroteLongAgo)).findFirst().orElseThrow().templateName())
                .as("23.5 hours after the customer's message: too close to the window's end for free text").isEqualTo("kargo_teslim_edildi");
    }

    static Dispatcher withWindows(io.kargotakip.aws.store.ServiceWindows windows) {
        Brand brand = new Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example", "https://modax.example/destek", "tr",
                "link-secret-for-tests-only");
        WhatsAppChannel whatsapp = new WhatsAppChannel(HttpClient.newHttpClient(), sandbox.baseUrl(), WhatsAppSandbox.API_VERSION,
                WhatsAppSandbox.PHONE_NUMBER_ID, WhatsAppSandbox.TOKEN, WhatsAppTemplates.builtIn());
        return new Dispatcher(notifications, new OrderRepository(dynamo, tables.orders()), id -> Optional.empty(), Map.of("whatsapp", whatsapp),
                new MessageComposer(TemplateCatalog.builtIn(), brand, c -> "UPS"), METRICS, Clock.systemUTC(), Dispatcher.DEFAULT_SEND_LEASE,
                Dispatcher.Policies.NONE.withConversations(Dispatcher.Conversations.of(windows)));
    }

    static Dispatcher withLedger(io.kargotakip.aws.store.ConsentLedger ledger) {
        Brand brand = new Brand("ModaX", "bildirim@modax.example", "https://takip.modax.example", "https://modax.example/destek", "tr",
                "link-secret-for-tests-only");
        WhatsAppChannel whatsapp = new WhatsAppChannel(HttpClient.newHttpClient(), sandbox.baseUrl(), WhatsAppSandbox.API_VERSION,
                WhatsAppSandbox.PHONE_NUMBER_ID, WhatsAppSandbox.TOKEN, WhatsAppTemplates.builtIn());
        return new Dispatcher(notifications, new OrderRepository(dynamo, tables.orders()), id -> Optional.empty(), Map.of("whatsapp", whatsapp),
                new MessageComposer(TemplateCatalog.builtIn(), brand, c -> "UPS"), METRICS, Clock.systemUTC(), Dispatcher.DEFAULT_SEND_LEASE,
                Dispatcher.Policies.NONE.withPreferences(Dispatcher.Preferences.of(ledger)));
    }

    @Test
    void an_unreachable_recipient_fails_for_good_saying_so_and_a_paused_template_alerts_operations() {
        String notOnWhatsApp = phone();
        sandbox.failFor(notOnWhatsApp, 131026);
        String id = notification(notOnWhatsApp);
        assertThat(dispatcher().process(new Envelope.OutboundMessage("t", id))).isEqualTo(Dispatcher.Outcome.FAILED);
        assertThat(item(id).get("state").s()).isEqualTo("FAILED");
        assertThat(item(id).get("failureReason").s()).as("the next channel may reach them").isEqualTo("RECIPIENT");
        assertThat(item(id).get("outcome").s()).contains("131026").doesNotContain(notOnWhatsApp.substring(1));

        String phone = phone();
        sandbox.failFor(phone, 132015);
        String paused = notification(phone);
        METRICS.flush();
        METRIC_LINES.reset();
        assertThat(dispatcher().process(new Envelope.OutboundMessage("t", paused))).isEqualTo(Dispatcher.Outcome.FAILED);
        METRICS.flush();
        assertThat(item(paused).get("failureReason").s()).isEqualTo("CONFIGURATION");
        assertThat(METRIC_LINES.toString(StandardCharsets.UTF_8)).contains("\"" + Dispatcher.CONFIGURATION_ERRORS_METRIC + "\":1");
        sandbox.succeed();
    }

    @Test
    void a_rate_limit_gives_the_message_back_to_the_queue() {
        String phone = phone();
        sandbox.failFor(phone, 130429);
        String id = notification(phone);
        try {
            dispatcher().process(new Envelope.OutboundMessage("t", id));
            org.assertj.core.api.Assertions.fail("expected RetryLater");
        } catch (Dispatcher.RetryLater expected) {
            assertThat(item(id).get("state").s()).isEqualTo("PENDING");
        } finally {
            sandbox.succeed();
        }
    }
}
