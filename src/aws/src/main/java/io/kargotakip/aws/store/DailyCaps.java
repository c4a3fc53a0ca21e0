package io.kargotakip.aws.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.s;

/**
 * The daily cap on messages per customer: one small item per customer and day ({@code cap#<customer>#<date>}, among
 * the shipments like the other counters) holding the occurrences told that day. One conditional write admits an
 * occurrence while the day has room, and admits it again when it is already in (a replayed decision is not a second
 * message), so no number of concurrent evaluations goes past the cap.
 */
public final class DailyCaps {

    private final DynamoDbClient dynamo;
    private final String table;

    public DailyCaps(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * @param customer   the customer's pseudonymous id ({@code CustomerId}), never a contact
     * @param occurrence what the message tells (its occurrence key and kind)
     * @return whether the message may go: the day had room for it, or it was admitted before
     */
    public boolean admit(String customer, LocalDate day, String occurrence, int cap, Instant expires) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of(RateQuotas.KEY, s("cap#" + customer + "#" + day)))
                    .updateExpression("ADD occurrences :one SET " + KargoTables.TTL_ATTRIBUTE + " = :expires")
                    .conditionExpression("attribute_not_exists(occurrences) OR contains(occurrences, :occurrence) OR size(occurrences) < :cap")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromSs(java.util.List.of(occurrence)), ":occurrence", s(occurrence),
                            ":cap", n(cap), ":expires", n(expires.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }
}
