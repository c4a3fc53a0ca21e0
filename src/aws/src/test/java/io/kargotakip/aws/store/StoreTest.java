package io.kargotakip.aws.store;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import io.kargotakip.core.shipment.StatusProgression;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The repositories against dynalite, through the real SDK. */
class StoreTest {

    static DynamoDbClient dynamo;
    static TableNames tables;

    @BeforeAll
    static void tables() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        tables = TableNames.withPrefix("s" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
        KargoTables.createAll(dynamo, tables); // idempotent
    }

    static ShipmentId newShipment() {
        return new ShipmentId("ups", "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    static TrackingEvent event(ShipmentId id, TrackingStatus status, String at, String code) {
        return new TrackingEvent("ups", id.trackingNumber(), status, status == TrackingStatus.FAILED_ATTEMPT ? Reason.RECIPIENT_ABSENT : null,
                OffsetDateTime.parse(at), "ANKARA, TR", code, "scan " + code, null);
    }

    @Test
    void an_event_is_new_once_then_a_duplicate_but_an_unfinished_one_can_be_resumed() {
        EventLog log = new EventLog(dynamo, tables.events(), Duration.ofDays(30));
        TrackingEvent e = event(newShipment(), TrackingStatus.IN_TRANSIT, "2026-11-25T06:05:00+03:00", "I/AR");
        Instant now = Instant.now();

        assertThat(log.begin(e, now)).isEqualTo(EventLog.Outcome.NEW);
        assertThat(log.begin(e, now)).as("crashed before complete").isEqualTo(EventLog.Outcome.RESUMED);
        log.complete(e);
        assertThat(log.begin(e, now)).isEqualTo(EventLog.Outcome.DUPLICATE);
        assertThat(log.begin(e, now.plus(Duration.ofDays(31)))).as("expired records are ignored").isEqualTo(EventLog.Outcome.NEW);
    }

    @Test
    void only_the_message_that_claimed_an_event_resumes_it_any_other_is_a_duplicate() {
        EventLog log = new EventLog(dynamo, tables.events(), Duration.ofDays(30));
        TrackingEvent e = event(newShipment(), TrackingStatus.OUT_FOR_DELIVERY, "2026-11-26T08:30:00+03:00", "I/OT");
        Instant now = Instant.now();

        assertThat(log.begin(e, "push-1", now)).isEqualTo(EventLog.Outcome.NEW);
        assertThat(log.begin(e, "push-2", now)).as("the carrier's repeated push").isEqualTo(EventLog.Outcome.DUPLICATE);
        assertThat(log.begin(e, "poll-1", now)).as("a poll finding the same scan").isEqualTo(EventLog.Outcome.DUPLICATE);
        assertThat(log.begin(e, "push-1", now)).as("SQS delivering push-1 again after a crash").isEqualTo(EventLog.Outcome.RESUMED);
        log.complete(e);
        assertThat(log.begin(e, "push-1", now)).as("once the resumed run is done").isEqualTo(EventLog.Outcome.DUPLICATE);
        assertThat(log.begin(e, "push-3", now.plus(Duration.ofDays(31)))).as("expired: new again").isEqualTo(EventLog.Outcome.NEW);
    }

    @Test
    void shipment_writes_are_optimistic_and_a_stale_writer_loses() {
        ShipmentRepository repo = new ShipmentRepository(dynamo, tables.shipments());
        ShipmentId id = newShipment();
        repo.register(id, "ORDER-9", Instant.now());
        ShipmentState read = repo.find(id).orElseThrow();
        assertThat(read.orderId()).isEqualTo("ORDER-9");
        assertThat(read.status()).isNull();

        ShipmentState moved = StatusProgression.apply(read, event(id, TrackingStatus.IN_TRANSIT, "2026-11-25T06:05:00+03:00", "I/AR")).orElseThrow();
        assertThat(repo.saveIfUnchanged(moved)).isTrue();
        assertThat(repo.saveIfUnchanged(moved)).as("same version again: someone else won").isFalse();

        ShipmentState stored = repo.find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.lastEventAt()).isEqualTo(Instant.parse("2026-11-25T03:05:00Z"));
        assertThat(stored.orderId()).as("the order link survives").isEqualTo("ORDER-9");
    }

    @Test
    void the_expected_delivery_date_is_stored_even_before_any_status() {
        ShipmentRepository repo = new ShipmentRepository(dynamo, tables.shipments());
        ShipmentId id = newShipment();
        TrackingEvent dateUpdate = new TrackingEvent("ups", id.trackingNumber(), TrackingStatus.UNKNOWN, null,
                OffsetDateTime.parse("2026-11-25T09:00:00+03:00"), null, "U/UP", "Updated Delivery Date", java.time.LocalDate.parse("2026-11-28"));
        ShipmentState dated = StatusProgression.apply(ShipmentState.newShipment(id, null), dateUpdate).orElseThrow();
        assertThat(repo.saveIfUnchanged(dated)).isTrue();

        ShipmentState stored = repo.find(id).orElseThrow();
        assertThat(stored.status()).isNull();
        assertThat(stored.estimatedDelivery()).isEqualTo(java.time.LocalDate.parse("2026-11-28"));
        assertThat(stored.estimateAt()).isEqualTo(Instant.parse("2026-11-25T06:00:00Z"));

        ShipmentState moved = StatusProgression.apply(stored, event(id, TrackingStatus.IN_TRANSIT, "2026-11-25T10:00:00+03:00", "I/AR")).orElseThrow();
        assertThat(repo.saveIfUnchanged(moved)).isTrue();
        ShipmentState after = repo.find(id).orElseThrow();
        assertThat(after.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        assertThat(after.estimatedDelivery()).as("kept").isEqualTo(java.time.LocalDate.parse("2026-11-28"));
    }

    @Test
    void due_shipments_are_found_through_the_index_and_leave_it_when_delivered() {
        ShipmentRepository repo = new ShipmentRepository(dynamo, tables.shipments());
        Instant now = Instant.now();
        ShipmentId due = newShipment();
        ShipmentId later = newShipment();
        ShipmentId delivered = newShipment();
        repo.register(due, "O-1", now.minusSeconds(10));
        repo.register(later, "O-2", now.plus(Duration.ofHours(2)));
        repo.register(delivered, "O-3", now.minusSeconds(10));
        ShipmentState state = repo.find(delivered).orElseThrow();
        repo.saveIfUnchanged(StatusProgression.apply(state, event(delivered, TrackingStatus.DELIVERED, "2026-11-26T14:02:00+03:00", "D/F4")).orElseThrow());

        assertThat(repo.findDue(now, 100)).extracting(ShipmentRepository.DuePoll::id).contains(due).doesNotContain(later, delivered);
        assertThat(repo.findDue(now, 100)).filteredOn(p -> p.id().equals(due)).singleElement()
                .satisfies(p -> assertThat(p.via()).as("polled at its carrier").isEqualTo(due.carrier()))
                .satisfies(p -> assertThat(p.key()).as("by its tracking number").isEqualTo(due.trackingNumber()));
        repo.schedulePoll(due, now.plus(Duration.ofHours(2)));
        assertThat(repo.findDue(now, 100)).extracting(ShipmentRepository.DuePoll::id).doesNotContain(due);
        repo.schedulePoll(delivered, now.minusSeconds(5));
        assertThat(repo.nextPoll(delivered)).as("a delivered shipment is never polled again").isEmpty();
    }

    @Test
    void a_shipment_s_tracking_page_token_is_random_stored_found_by_its_index_and_revocable() {
        ShipmentRepository repo = new ShipmentRepository(dynamo, tables.shipments());
        ShipmentId one = newShipment();
        ShipmentId other = newShipment();
        repo.register(one, "O-1", Instant.parse("2026-12-01T00:00:00Z"));
        repo.register(other, "O-2", Instant.parse("2026-12-01T00:00:00Z"));

        String token = repo.pageToken(one).orElseThrow();
        assertThat(token).as("192 random bits, base64url").matches("[A-Za-z0-9_-]{32}")
                .doesNotContain(one.trackingNumber()).doesNotContain("O-1");
        assertThat(repo.pageToken(one)).as("issued once, then the same").contains(token);
        assertThat(repo.pageToken(other).orElseThrow()).isNotEqualTo(token);
        assertThat(repo.findByPageToken(token)).contains(one);
        assertThat(repo.findByPageToken("A".repeat(32))).isEmpty();
        assertThat(repo.pageToken(newShipment())).as("a shipment not stored has none (and none is created)").isEmpty();

        repo.revokePageToken(one);
        assertThat(repo.findByPageToken(token)).as("revoked: the old links lead nowhere").isEmpty();
        String renewed = repo.pageToken(one).orElseThrow();
        assertThat(renewed).isNotEqualTo(token);
        assertThat(repo.findByPageToken(renewed)).contains(one);
    }

    @Test
    void a_notification_is_stored_once_claimed_once_and_its_outcome_recorded() {
        NotificationRepository repo = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        ShipmentId id = newShipment();
        StatusChange change = new StatusChange(id, "O-1", null, TrackingStatus.OUT_FOR_DELIVERY, null, Instant.now(), null, null, null, "k");
        NotificationIntent intent = NotificationIntent.of(change, MessageKind.OUT_FOR_DELIVERY, "email");
        Instant now = Instant.now();

        assertThat(repo.createIfAbsent(intent, now)).isEmpty();
        assertThat(repo.createIfAbsent(intent, now)).get().extracting(NotificationRepository.Existing::state)
                .isEqualTo(NotificationRepository.State.PENDING);
        assertThat(repo.claim(intent.notificationId(), now, Duration.ofMinutes(2))).isTrue();
        assertThat(repo.claim(intent.notificationId(), now, Duration.ofMinutes(2))).as("being sent").isFalse();
        assertThat(repo.claim(intent.notificationId(), now.plus(Duration.ofMinutes(3)), Duration.ofMinutes(2)))
                .as("the sender died: its lease ran out").isTrue();
        repo.markSent(intent.notificationId(), "ses-123", now);
        assertThat(repo.claim(intent.notificationId(), now.plus(Duration.ofHours(1)), Duration.ofMinutes(2))).as("sent").isFalse();

        NotificationRepository.Stored stored = repo.find(intent.notificationId()).orElseThrow();
        assertThat(stored.state()).isEqualTo(NotificationRepository.State.SENT);
        assertThat(stored.providerMessageId()).isEqualTo("ses-123");
        assertThat(stored.attempts()).isEqualTo(2);
        assertThat(stored.intent()).isEqualTo(intent);
    }

    @Test
    void a_released_notification_can_be_claimed_again() {
        NotificationRepository repo = new NotificationRepository(dynamo, tables.notifications(), Duration.ofDays(30));
        StatusChange change = new StatusChange(newShipment(), "O-1", null, TrackingStatus.DELIVERED, null, Instant.now(), null, null, null, "k");
        NotificationIntent intent = NotificationIntent.of(change, MessageKind.DELIVERED, "email");
        Instant now = Instant.now();
        repo.createIfAbsent(intent, now);
        assertThat(repo.claim(intent.notificationId(), now, Duration.ofMinutes(2))).isTrue();
        repo.release(intent.notificationId(), "throttled");
        assertThat(repo.claim(intent.notificationId(), now, Duration.ofMinutes(2))).isTrue();
    }
}
