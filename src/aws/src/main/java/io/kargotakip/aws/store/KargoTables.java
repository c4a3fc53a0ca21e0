package io.kargotakip.aws.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.List;

/**
 * The table layout, in one place: the local runtime and the tests create tables from it, and a
 * test checks that {@code template.yaml} declares the same keys and indexes.
 * <ul>
 *   <li>orders: {@code orderId};</li>
 *   <li>shipments: {@code shipmentId}, with the sparse index {@value #DUE_POLLS_INDEX}
 *       ({@code pollShard}, {@code nextPollAt}) that finds shipments due for a poll without a scan;
 *       a shipment leaves it when it reaches a terminal status;</li>
 *   <li>events: {@code eventKey}, the idempotency record of each carrier scan (TTL {@code expiresAt});</li>
 *   <li>notifications: {@code notificationId}, the delivery state of each message (TTL {@code expiresAt});</li>
 *   <li>failures: {@code messageId}, the last failure a stage recorded for an SQS message, what an operator
 *       reads next to a dead letter (TTL {@code expiresAt}, as long as a DLQ keeps it).</li>
 * </ul>
 */
public final class KargoTables {

    public static final String DUE_POLLS_INDEX = "due-polls";
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private KargoTables() {
    }

    public static List<CreateTableRequest> definitions(TableNames names) {
        return List.of(
                simple(names.orders(), "orderId"),
                CreateTableRequest.builder()
                        .tableName(names.shipments())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attr("shipmentId", ScalarAttributeType.S), attr("pollShard", ScalarAttributeType.S),
                                attr("nextPollAt", ScalarAttributeType.N))
                        .keySchema(KeySchemaElement.builder().attributeName("shipmentId").keyType(KeyType.HASH).build())
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                                .indexName(DUE_POLLS_INDEX)
                                .keySchema(KeySchemaElement.builder().attributeName("pollShard").keyType(KeyType.HASH).build(),
                                        KeySchemaElement.builder().attributeName("nextPollAt").keyType(KeyType.RANGE).build())
                                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                                .build())
                        .build(),
                simple(names.events(), "eventKey"),
                simple(names.notifications(), "notificationId"),
                simple(names.failures(), "messageId"));
    }

    /** Creates every table that does not exist yet (the emulators have no TTL: reads ignore expired items). */
    public static void createAll(DynamoDbClient dynamo, TableNames names) {
        for (CreateTableRequest request : definitions(names)) {
            try {
                dynamo.createTable(request);
            } catch (ResourceInUseException exists) {
                // already there: creating is idempotent for the local runtime and tests
            }
        }
    }

    private static CreateTableRequest simple(String table, String key) {
        return CreateTableRequest.builder()
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr(key, ScalarAttributeType.S))
                .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build())
                .build();
    }

    private static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }
}
