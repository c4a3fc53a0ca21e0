package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.NotificationRepository.OutboxEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kargo outbox [--json]}: every message the stack decided — channel, recipient (masked), kind, state and why,
 * what it said, its delivery history and the fee the sender recorded when it sent it (from the fee table, SMS by the
 * segments sent; {@code -} when none was recorded) — for an operator,
 * and for the demo. It reads the local stack of {@code kargo demo --keep-running}, or on AWS the table named by
 * {@code KARGO_TABLE_NOTIFICATIONS} (the stack's {@code NotificationsTable}) with the usual AWS credentials.
 */
final class Outbox {

    private final List<OutboxEntry> entries;

    Outbox(List<OutboxEntry> entries) {
        this.entries = entries;
    }

    static Outbox read(NotificationRepository notifications) {
        return new Outbox(notifications.outbox());
    }

    /** The local stack's, if one runs; else the table the environment names. */
    static Outbox find(Path root) throws Main.UsageError {
        String table = System.getenv("KARGO_TABLE_NOTIFICATIONS");
        if (table != null && !table.isBlank()) {
            try (DynamoDbClient dynamo = AwsClients.dynamoDb()) {
                return read(new NotificationRepository(dynamo, table.trim(), Duration.ofDays(30)));
            }
        }
        JsonNode state;
        try {
            state = Json.MAPPER.readTree(Files.readString(root.resolve(DeadLetters.STATE_FILE)));
        } catch (IOException e) {
            throw new Main.UsageError("no local stack is running (start one with ./kargo demo --keep-running) and KARGO_TABLE_NOTIFICATIONS is not set");
        }
        if (ProcessHandle.of(state.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE
                || state.path("notificationsTable").isMissingNode()) {
            throw new Main.UsageError("the local stack in " + DeadLetters.STATE_FILE + " is no longer running; start one with ./kargo demo --keep-running");
        }
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(URI.create(state.path("dynamodb").asText()))) {
            return read(new NotificationRepository(dynamo, state.path("notificationsTable").asText(), Duration.ofDays(30)));
        }
    }

    /** The fee recorded at send time: not recomputed (a table changed since would misstate what was billed). */
    static BigDecimal fee(OutboxEntry e) {
        return e.feeUsd();
    }

    /** The recorded fees summed; messages without one add nothing. */
    BigDecimal total() {
        return entries.stream().map(Outbox::fee).filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    void print(PrintStream out) {
        for (OutboxEntry e : entries) {
            BigDecimal fee = fee(e);
            out.printf(Locale.ROOT, "%-9s %-28s %-16s %-10s %-9s  %s%n", e.channel(), e.to() == null ? "-" : e.to(), e.kind(), e.state(),
                    fee == null ? "-" : usd(fee),
                    e.state() == NotificationRepository.State.SENT ? quoted(e.preview()) : e.outcome() == null ? "" : e.outcome());
            for (String d : e.deliveries()) {
                out.println("          " + d);
            }
        }
        out.printf(Locale.ROOT, "%d messages, %d sent, %s%n", entries.size(),
                entries.stream().filter(e -> e.state() == NotificationRepository.State.SENT).count(), usd(total()));
    }

    /** Four decimals, or seven below a hundredth of a cent (a push's $0.0000005). */
    static String usd(BigDecimal v) {
        return v.signum() != 0 && v.abs().compareTo(new BigDecimal("0.0001")) < 0 ? String.format(Locale.ROOT, "$%.7f", v)
                : String.format(Locale.ROOT, "$%.4f", v);
    }

    void printJson(PrintStream out) {
        for (OutboxEntry e : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("notificationId", e.notificationId());
            row.put("channel", e.channel());
            row.put("recipient", e.to());
            row.put("kind", e.kind());
            row.put("state", e.state().name().toLowerCase(Locale.ROOT));
            row.put("outcome", e.outcome());
            row.put("text", e.preview());
            row.put("parts", e.parts());
            row.put("createdAt", e.createdAt());
            row.put("sentAt", e.sentAt());
            row.put("deliveries", e.deliveries());
            row.put("feeUsd", fee(e)); // null: none recorded
            out.println(Json.write(row));
        }
    }

    private static String quoted(String preview) {
        return preview == null ? "" : "\"" + preview.replace("\n", " ") + "\"";
    }
}
