package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.MovableClock;
import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.SyncCursors;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.carriers.amazon.AmazonNotifications;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.marketplace.OrderFeed;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The marketplace order sync and the notification confirmations on the emulators, with a clock the test moves and a
 * feed that answers like a marketplace's paged order API and records what it was asked.
 */
class MarketplaceSyncTest {

    static final Metrics METRICS = new Metrics("test", new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
    static final Instant NOW = PollFanOutTest.NOW;
    static final OrderFeed.Limits LIMITS = new OrderFeed.Limits(4, Duration.ofHours(6), Duration.ofMinutes(2), Duration.ofMinutes(5), 3);

    record Ask(Instant from, Instant to, String token, int size) {
    }

    /** Orders numbered 1..orders in every window, {@code size} a page; the token is the next order's index. */
    static final class PagedFeed implements OrderFeed {
        final List<Ask> asked = new ArrayList<>();
        final List<String> confirmed = new ArrayList<>();
        int orders = 10;
        int bytesPerOrder = 10;
        boolean configured = true;
        boolean down;

        @Override
        public String marketplace() {
            return "shop";
        }

        @Override
        public boolean configured() {
            return configured;
        }

        @Override
        public Limits limits() {
            return LIMITS;
        }

        @Override
        public Page changed(Instant from, Instant to, String token, int size) throws CarrierUnavailableException {
            asked.add(new Ask(from, to, token, size));
            if (down) {
                throw new CarrierUnavailableException("shop answered HTTP 503");
            }
            int first = token == null ? 0 : Integer.parseInt(token);
            int end = Math.min(orders, first + size);
            StringBuilder body = new StringBuilder("{\"orders\":[");
            for (int i = first; i < end; i++) {
                body.append(i == first ? "" : ",").append('"').append("o").append(i + 1).append("x".repeat(bytesPerOrder)).append('"');
            }
            body.append("]}");
            return new Page(body.toString().getBytes(StandardCharsets.UTF_8), "application/json",
                    end < orders ? Optional.of(Integer.toString(end)) : Optional.empty());
        }

        @Override
        public Page order(String orderId) throws CarrierUnavailableException {
            if (down) {
                throw new CarrierUnavailableException("shop answered HTTP 503");
            }
            confirmed.add(orderId);
            return new Page(("{\"order\":\"" + orderId + "\"}").getBytes(StandardCharsets.UTF_8), "application/json", Optional.empty());
        }

        @Override
        public Optional<String> notifiedOrder(byte[] notification) throws PayloadException {
            return AmazonNotifications.orderId(notification);
        }
    }

    SqsClient sqs;
    KargoQueues.Urls queues;
    SyncCursors cursors;
    MovableClock clock;
    PagedFeed feed;
    MarketplaceSync sync;

    @BeforeEach
    void stack() {
        Emulators emulators = Emulators.shared();
        DynamoDbClient dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        sqs = AwsClients.sqs(emulators.sqs());
        String prefix = "m" + UUID.randomUUID().toString().substring(0, 8) + "-";
        TableNames tables = TableNames.withPrefix(prefix);
        KargoTables.createAll(dynamo, tables);
        queues = KargoQueues.createAll(sqs, prefix, 30);
        cursors = new SyncCursors(dynamo, tables.shipments());
        clock = new MovableClock(PollFanOutTest.NOW);
        feed = new PagedFeed();
        sync = new MarketplaceSync(List.of(feed), cursors, new QueuePublisher(sqs, queues.rawEvents()), Duration.ofHours(24), METRICS, clock);
    }

    List<RawEvent> queued() {
        List<RawEvent> events = new ArrayList<>();
        while (true) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(queues.rawEvents()).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return events;
            }
            messages.forEach(m -> {
                events.add(Json.read(m.body(), RawEvent.class));
                sqs.deleteMessage(b -> b.queueUrl(queues.rawEvents()).receiptHandle(m.receiptHandle()));
            });
        }
    }

    static String body(RawEvent e) {
        return new String(e.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void the_first_sync_reads_back_as_far_as_the_lookback_allows_a_window_at_a_time_page_by_page() {
        MarketplaceSync.Summary first = sync.run();

        Instant from = NOW.minus(Duration.ofHours(24));
        assertThat(feed.asked).containsExactly(new Ask(from, from.plus(Duration.ofHours(6)), null, 4),
                new Ask(from, from.plus(Duration.ofHours(6)), "4", 4), new Ask(from, from.plus(Duration.ofHours(6)), "8", 4));
        assertThat(first).isEqualTo(new MarketplaceSync.Summary(1, 3, 0));
        List<RawEvent> events = queued();
        assertThat(events).extracting(RawEvent::source).containsOnly("shop");
        assertThat(events).extracting(RawEvent::contentType).containsOnly("application/json");
        assertThat(events).extracting(MarketplaceSyncTest::body).hasSize(3).anySatisfy(b -> assertThat(b).contains("o1x").contains("o4x"))
                .anySatisfy(b -> assertThat(b).contains("o9x").contains("o10x"));
    }

    @Test
    void a_feed_runs_at_its_pace_and_the_next_window_starts_a_little_before_the_last_one_ended() {
        sync.run();
        feed.asked.clear();

        clock.now = NOW.plus(Duration.ofMinutes(4));
        assertThat(sync.run().feeds()).as("not due before its period").isZero();
        assertThat(feed.asked).isEmpty();

        clock.now = NOW.plus(Duration.ofMinutes(5));
        sync.run();
        Instant lastEnd = NOW.minus(Duration.ofHours(18));
        assertThat(feed.asked.get(0)).isEqualTo(new Ask(lastEnd.minus(MarketplaceSync.OVERLAP), lastEnd.minus(MarketplaceSync.OVERLAP)
                .plus(Duration.ofHours(6)), null, 4));
    }

    @Test
    void a_window_longer_than_one_run_is_continued_by_the_next_run_from_the_page_it_stopped_at() {
        feed.orders = 20; // 5 pages of 4, 3 pages a run
        sync.run();
        clock.now = NOW.plus(Duration.ofMinutes(5));
        feed.asked.clear();

        sync.run();

        Instant from = NOW.minus(Duration.ofHours(24));
        assertThat(feed.asked).startsWith(new Ask(from, from.plus(Duration.ofHours(6)), "12", 4),
                new Ask(from, from.plus(Duration.ofHours(6)), "16", 4));
        assertThat(feed.asked.get(2).from()).as("then the next window").isEqualTo(from.plus(Duration.ofHours(6)).minus(MarketplaceSync.OVERLAP));
        assertThat(queued()).extracting(MarketplaceSyncTest::body).anySatisfy(b -> assertThat(b).contains("o20x"));
    }

    @Test
    void once_caught_up_the_window_ends_where_the_api_has_settled() {
        for (int run = 0; run < 8; run++) {
            clock.now = NOW.plus(Duration.ofMinutes(5L * run));
            sync.run();
        }
        feed.asked.clear();
        clock.now = NOW.plus(Duration.ofMinutes(60));

        sync.run();

        assertThat(feed.asked.get(0).to()).isEqualTo(clock.now.minus(LIMITS.settle()));
        assertThat(feed.asked).as("one window up to now: then it waits for the next run").hasSize(3);

        feed.asked.clear();
        clock.now = clock.now.plus(LIMITS.every());
        feed.orders = 2;
        sync.run();
        assertThat(feed.asked).as("caught up: one page of the last few minutes").hasSize(1);
    }

    @Test
    void a_page_too_big_for_a_queue_message_is_asked_again_in_smaller_pages() {
        feed.bytesPerOrder = RawEvent.MAX_PAYLOAD_BYTES / 3; // 4 a page are too many, 2 fit

        sync.run();

        assertThat(feed.asked).extracting(Ask::size).containsExactly(4, 2, 2);
        assertThat(feed.asked.get(1).token()).as("the window again from its start").isNull();
        assertThat(queued()).hasSize(2).allSatisfy(e -> assertThat(e.payload().length).isLessThanOrEqualTo(RawEvent.MAX_PAYLOAD_BYTES));
    }

    @Test
    void a_marketplace_that_cannot_answer_is_asked_the_same_window_again_next_period_nothing_skipped() {
        feed.down = true;
        assertThat(sync.run()).isEqualTo(new MarketplaceSync.Summary(0, 0, 1));
        feed.down = false;
        feed.asked.clear();

        clock.now = NOW.plus(Duration.ofMinutes(2));
        sync.run();
        assertThat(feed.asked).as("paced while down").isEmpty();

        clock.now = NOW.plus(Duration.ofMinutes(5));
        sync.run();
        assertThat(feed.asked.get(0)).isEqualTo(new Ask(NOW.minus(Duration.ofHours(24)), NOW.minus(Duration.ofHours(18)), null, 4));
    }

    @Test
    void a_marketplace_without_credentials_is_not_asked() {
        feed.configured = false;

        assertThat(sync.run()).isEqualTo(new MarketplaceSync.Summary(0, 0, 0));
        assertThat(feed.asked).isEmpty();
    }

    // ---- notifications --------------------------------------------------------------------------------

    OrderNotices notices() {
        return new OrderNotices(m -> m.equals("shop") ? Optional.of(feed) : Optional.empty(), new QueuePublisher(sqs, queues.rawEvents()),
                METRICS, clock);
    }

    static byte[] orderChange(String orderId, String fulfilment) {
        return ("{\"NotificationType\":\"ORDER_CHANGE\",\"Payload\":{\"OrderChangeNotification\":{\"AmazonOrderId\":\"" + orderId
                + "\",\"OrderChangeType\":\"OrderStatusChange\",\"Summary\":{\"FulfillmentType\":\"" + fulfilment + "\"}}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_notification_is_a_hint_the_order_call_confirms_and_the_answer_is_queued() {
        assertThat(notices().process("shop", orderChange("206-1111111-2222222", "MFN"))).isEqualTo(OrderNotices.Outcome.CONFIRMED);

        assertThat(feed.confirmed).containsExactly("206-1111111-2222222");
        List<RawEvent> events = queued();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).source()).isEqualTo("shop");
        assertThat(body(events.get(0))).isEqualTo("{\"order\":\"206-1111111-2222222\"}");
    }

    @Test
    void notifications_about_nothing_we_track_are_ignored_and_malformed_ones_rejected_both_without_a_call() {
        assertThat(notices().process("shop", orderChange("206-1111111-2222222", "AFN"))).isEqualTo(OrderNotices.Outcome.IGNORED);
        assertThat(notices().process("shop", "not json".getBytes(StandardCharsets.UTF_8))).isEqualTo(OrderNotices.Outcome.REJECTED);
        assertThat(notices().process("elsewhere", orderChange("206-1111111-2222222", "MFN"))).isEqualTo(OrderNotices.Outcome.IGNORED);

        assertThat(feed.confirmed).isEmpty();
        assertThat(queued()).isEmpty();
    }

    @Test
    void a_notification_the_marketplace_cannot_confirm_now_fails_so_the_queue_retries_it() {
        feed.down = true;

        assertThatThrownBy(() -> notices().process("shop", orderChange("206-1111111-2222222", "MFN")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("notification retried");
        assertThat(queued()).isEmpty();
    }
}
