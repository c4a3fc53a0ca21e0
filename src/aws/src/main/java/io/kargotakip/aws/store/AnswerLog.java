package io.kargotakip.aws.store;

import io.kargotakip.core.notification.Question;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.putIfPresent;
import static io.kargotakip.aws.store.Attr.s;
import static io.kargotakip.aws.store.Attr.str;

/**
 * The customers' answers to the questions of their messages (the COD confirmation, the address confirmation), in the
 * events table beside the {@code action|…} records: one item {@code answer|<occurrence key>|<question>} per message
 * occurrence, written by one conditional put, so the first answer stands however often, and over whichever channel of
 * the chain, the page is posted. It holds ids, the answer, its time and the channel, never a contact; it has no
 * {@code shipmentId} attribute, so it stays out of the shipment-history index. It expires with the events
 * ({@code KARGO_RETENTION_DAYS}).
 */
public final class AnswerLog {

    /**
     * One answer.
     *
     * @param occurrenceKey  the message occurrence it answers (the rule's), or {@code notification:<id>} for a message
     *                       stored without its rule's details
     * @param question       {@link Question#offer()}: {@code cod_confirmation}, {@code address_confirmation}
     * @param answer         one of the question's answers
     * @param channel        the channel of the message whose link was followed
     * @param shipment       {@code carrier:trackingNumber}
     */
    public record Answer(String occurrenceKey, String question, String answer, Instant answeredAt, String channel, String notificationId,
                         String kind, String orderId, String shipment) {

        public String key() {
            return AnswerLog.key(occurrenceKey, question);
        }
    }

    /** What a post came to: the first answer, the same answer again, or another answer after the first (which stands). */
    public sealed interface Recorded {
        Answer answer();

        record First(Answer answer) implements Recorded {
        }

        record Again(Answer answer) implements Recorded {
        }

        record Stands(Answer answer) implements Recorded {
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public AnswerLog(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    /** The record's key: {@code answer|<occurrence key>|<question>}. */
    public static String key(String occurrenceKey, String question) {
        return "answer|" + occurrenceKey + "|" + question;
    }

    /** Records the answer unless the occurrence has one; when it has, tells whether that one is the same. */
    public Recorded record(Answer answer, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("eventKey", s(answer.key()));
        item.put("occurrenceKey", s(answer.occurrenceKey()));
        item.put("question", s(answer.question()));
        item.put("answer", s(answer.answer()));
        item.put("answeredAt", s(answer.answeredAt().toString()));
        putIfPresent(item, "channel", answer.channel());
        putIfPresent(item, "notificationId", answer.notificationId());
        putIfPresent(item, "kind", answer.kind());
        putIfPresent(item, "orderId", answer.orderId());
        putIfPresent(item, "shipment", answer.shipment());
        item.put(KargoTables.TTL_ATTRIBUTE, n(now.plus(retention).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(eventKey) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
            return new Recorded.First(answer);
        } catch (ConditionalCheckFailedException answered) {
            Answer first = find(answer.key()).orElse(answer);
            return first.answer().equals(answer.answer()) ? new Recorded.Again(first) : new Recorded.Stands(first);
        }
    }

    public Optional<Answer> find(String key) {
        var response = dynamo.getItem(b -> b.tableName(table).key(Map.of("eventKey", s(key))).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(answer(response.item())) : Optional.empty();
    }

    /**
     * The answers of these keys that exist and have not expired (TTL deletion is lazy), in no particular order (batches
     * of 100, unprocessed keys asked again).
     */
    public List<Answer> findAll(Collection<String> keys, Instant now) {
        List<String> all = new ArrayList<>(new LinkedHashSet<>(keys));
        List<Answer> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(all.subList(from, Math.min(all.size(), from + 100)).stream().map(k -> Map.of("eventKey", s(k))).toList())
                    .consistentRead(true).build());
            while (request != null && !request.isEmpty()) {
                Map<String, KeysAndAttributes> ask = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(ask));
                response.responses().getOrDefault(table, List.of()).stream()
                        .filter(item -> Attr.num(item, KargoTables.TTL_ATTRIBUTE) == null || Attr.num(item, KargoTables.TTL_ATTRIBUTE) >= now.getEpochSecond())
                        .forEach(item -> found.add(answer(item)));
                request = response.hasUnprocessedKeys() && !response.unprocessedKeys().isEmpty() ? response.unprocessedKeys() : null;
            }
        }
        return found;
    }

    private static Answer answer(Map<String, AttributeValue> item) {
        return new Answer(str(item, "occurrenceKey"), str(item, "question"), str(item, "answer"), Instant.parse(str(item, "answeredAt")),
                str(item, "channel"), str(item, "notificationId"), str(item, "kind"), str(item, "orderId"), str(item, "shipment"));
    }

    /** The keys of every question's answer to an occurrence. */
    public static List<String> keysOf(String occurrenceKey) {
        return java.util.Arrays.stream(Question.values()).map(q -> key(occurrenceKey, q.offer())).toList();
    }
}
