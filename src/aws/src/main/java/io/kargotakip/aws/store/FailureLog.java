package io.kargotakip.aws.store;

import io.kargotakip.aws.queue.KargoQueues;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.s;

/**
 * The last failure a stage recorded for an SQS message, keyed by its message id (SQS keeps the id when
 * its redrive policy moves the message to the DLQ), so an operator reading a dead letter sees why it
 * failed. The reason is PII-free by construction: the exception's type, the AWS error code where there
 * is one, and the product code location that threw — never an exception message, which can carry a
 * payload's contents. Records expire with the DLQ's retention.
 */
public final class FailureLog {

    /** One record: where it came from, which stage failed it, why, on which receive and when. */
    public record Failure(String messageId, String queue, String stage, String reason, int receiveCount, Instant failedAt) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final String stage;
    private final Clock clock;

    /** @param stage the function that records its failures, e.g. {@code sender} */
    public FailureLog(DynamoDbClient dynamo, String table, String stage, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.stage = stage;
        this.clock = clock;
    }

    /** Overwrites the message's record: the last failure is the one that counts. */
    public void record(String messageId, String queue, Throwable failure, int receiveCount) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("messageId", s(messageId));
        item.put("queue", s(queue));
        item.put("stage", s(stage));
        item.put("reason", s(reason(failure)));
        item.put("receiveCount", n(receiveCount));
        item.put("failedAt", s(now.toString()));
        item.put(KargoTables.TTL_ATTRIBUTE, n(now.plus(KargoQueues.DLQ_RETENTION).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** The records of the given message ids that have one (expired ones ignored: TTL deletes lazily). */
    public Map<String, Failure> find(Collection<String> messageIds) {
        Map<String, Failure> found = new HashMap<>();
        List<String> ids = new ArrayList<>(new java.util.LinkedHashSet<>(messageIds));
        long now = clock.instant().getEpochSecond();
        for (int from = 0; from < ids.size(); from += 100) { // BatchGetItem takes 100 keys
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + 100)).stream()
                    .map(id -> Map.of("messageId", s(id))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> asked = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(asked));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    Long expires = Attr.num(item, KargoTables.TTL_ATTRIBUTE);
                    if (expires != null && expires < now) {
                        continue;
                    }
                    Failure f = new Failure(Attr.str(item, "messageId"), Attr.str(item, "queue"), Attr.str(item, "stage"),
                            Attr.str(item, "reason"), Attr.num(item, "receiveCount").intValue(), Instant.parse(Attr.str(item, "failedAt")));
                    found.put(f.messageId(), f);
                }
                request = response.unprocessedKeys(); // throttled keys: ask again
            }
        }
        return found;
    }

    /**
     * A short, PII-free reason: {@code ConditionalCheckFailedException (DynamoDb: ConditionalCheckFailedException)
     * at NotificationRepository.claim}. Exception messages are left out on purpose: a parse error can quote
     * the payload, which holds names and addresses.
     */
    public static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof AwsServiceException)) {
            root = root.getCause();
        }
        StringBuilder reason = new StringBuilder(failure.getClass().getSimpleName());
        if (root != failure) {
            reason.append(" caused by ").append(root.getClass().getSimpleName());
        }
        if (root instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            reason.append(" (").append(aws.awsErrorDetails().serviceName()).append(": ")
                    .append(aws.awsErrorDetails().errorCode()).append(", HTTP ").append(aws.statusCode()).append(')');
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("io.kargotakip.")) {
                    String cls = frame.getClassName();
                    reason.append(" at ").append(cls.substring(cls.lastIndexOf('.') + 1)).append('.').append(frame.getMethodName());
                    return reason.toString();
                }
            }
        }
        return reason.toString();
    }
}
