package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.NotificationRepository.OutboxEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintStream;
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
 * what it said, its delivery history and its fee from the price table (SMS by the segments sent) — for an operator,
 * and for the demo. It reads the local stack of {@code kargo demo --keep-running}, or on AWS the table named by
 * {@code KARGO_TABLE_NOTIFICATIONS} (the stack's {@code NotificationsTable}) with the usual AWS credentials.
 */
final class Outbox {

    private final List<OutboxEntry> entries;
    private final Cost.Prices prices;

    Outbox(List<OutboxEntry> entries, Cost.Prices prices) {
        this.entries = entries;
        this.prices = prices;
    }

    static Outbox read(NotificationRepository notifications) {
        return new Outbox(notifications.outbox(), Cost.Prices.builtIn());
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

    /** A sent message's fee: e-mail per mail, SMS per segment, WhatsApp per template; others (pushes) are not billed per message. */
    double fee(OutboxEntry e) {
        if (e.state() != NotificationRepository.State.SENT || e.channel() == null) {
            return 0;
        }
        return switch (e.channel()) {
            case "email" -> prices.of("ses_email");
            case "sms" -> prices.of("sms_turkey_part") * Math.max(1, e.parts());
            case "whatsapp" -> prices.of("whatsapp_utility_turkey");
            default -> 0;
        };
    }

    void print(PrintStream out) {
        double total = 0;
        for (OutboxEntry e : entries) {
            double fee = fee(e);
            total += fee;
            out.printf(Locale.ROOT, "%-9s %-28s %-16s %-10s $%.4f  %s%n", e.channel(), e.to() == null ? "-" : e.to(), e.kind(), e.state(), fee,
                    e.state() == NotificationRepository.State.SENT ? quoted(e.preview()) : e.outcome() == null ? "" : e.outcome());
            for (String d : e.deliveries()) {
                out.println("          " + d);
            }
        }
        out.printf(Locale.ROOT, "%d messages, %d sent, $%.4f%n", entries.size(),
                entries.stream().filter(e -> e.state() == NotificationRepository.State.SENT).count(), total);
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
            row.put("feeUsd", fee(e));
            out.println(Json.write(row));
        }
    }

    private static String quoted(String preview) {
        return preview == null ? "" : "\"" + preview.replace("\n", " ") + "\"";
    }
}
