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
 *   <li>orders: {@code orderId}, with the sparse index {@value #BY_MARKETPLACE_ORDER_INDEX} that finds a
 *       marketplace order by the marketplace's number, and any other order by the merchant's order number
 *       ({@code order:<number>}, what a support ticket quotes);</li>
 *   <li>shipments: {@code shipmentId}, with the sparse index {@value #DUE_POLLS_INDEX}
 *       ({@code pollShard}, {@code nextPollAt}) that finds shipments due for a poll without a scan;
 *       a shipment leaves it when it reaches a terminal status; and the sparse index {@value #BY_NUMBER_INDEX}
 *       ({@code numberKey}) that finds a shipment by its carrier's other number (Yurtiçi docId for a cargoKey);
 *       the sparse index {@value #DUE_WAKES_INDEX} ({@code wakeShard}, {@code wakeAt}) of shipments whose time rules are
 *       due; the sparse index {@value #BY_PAGE_TOKEN_INDEX} ({@code pageToken}) of the tracking pages' random tokens;
 *       the table also holds one item per carrier, {@code bucket#<carrier>}, the poller's token bucket, the
 *       customers' daily caps and the daily tallies of the operations report, and for the tracking page the
 *       self-service items of each shipment ({@link SelfServiceLog}: {@code address#}, {@code reschedule#},
 *       {@code nps#}), its rate-limit windows ({@link RateLimits}: {@code rate#<scope>#<key>#<window>}) and the day
 *       counts of its events ({@link PageEvents}: {@code pages#<date>});</li>
 *   <li>events: {@code eventKey}, the idempotency record of each carrier scan (TTL {@code expiresAt}), with the index
 *       {@value #BY_SHIPMENT_INDEX} that gives a shipment's event history to the merchant's rules and its timeline to the
 *       tracking page (with each scan's place);</li>
 *   <li>notifications: {@code notificationId}, the delivery state of each message (TTL {@code expiresAt}), with the
 *       index {@value #BY_PROVIDER_MESSAGE_INDEX} ({@code providerMessageId}, set once the provider accepted the message)
 *       that finds a message from its provider's feedback (WhatsApp's statuses carry the wamid), and the index
 *       {@value #BY_SHIPMENT_INDEX} that lists a shipment's messages for the rules;</li>
 *   <li>failures: {@code messageId}, the last failure a stage recorded for an SQS message, what an operator
 *       reads next to a dead letter (TTL {@code expiresAt}, as long as a DLQ keeps it);</li>
 *   <li>discount codes: {@code poolKey}, the merchant's single-use codes and which occurrence each went to
 *       ({@link DiscountCodes}), with the sparse index {@value #UNCLAIMED_CODES_INDEX} ({@code pool}, {@code rank}) of the
 *       codes not given yet; no TTL: a code lives until it is used.</li>
 * </ul>
 */
public final class KargoTables {

    public static final String DUE_POLLS_INDEX = "due-polls";
    /** Shipments by their alternate number at a carrier ({@code numberKey} = {@code carrier:number}). */
    public static final String BY_NUMBER_INDEX = "by-number";
    /** Shipments whose time rules are due (sparse: {@code wakeShard}, {@code wakeAt}), for the rule evaluator's schedule. */
    public static final String DUE_WAKES_INDEX = "due-wakes";
    /** A shipment by its tracking page's random token ({@code pageToken}, sparse: issued on first use). */
    public static final String BY_PAGE_TOKEN_INDEX = "by-page-token";
    /** Orders by their marketplace's order number ({@code marketplaceOrder} = {@code <marketplace>:<number>}). */
    public static final String BY_MARKETPLACE_ORDER_INDEX = "by-marketplace-order";
    /** Notifications held for later (quiet hours, fallbacks): {@code dueShard} (one value) and {@code dueAt}, epoch ms. */
    public static final String DUE_SENDS_INDEX = "due-sends";
    /** Notifications by the provider's message id ({@code providerMessageId}: wamid, SES MessageId); only sent ones have it. */
    public static final String BY_PROVIDER_MESSAGE_INDEX = "by-provider-message";
    /** Notifications waiting for operations' approval: {@code proposalShard} (one value) and {@code proposedAt}, epoch ms. */
    public static final String PROPOSALS_INDEX = "proposals";
    /** Events, and notifications, of one shipment ({@code shipmentId}), for the merchant's rules. */
    public static final String BY_SHIPMENT_INDEX = "by-shipment";
    public static final String TTL_ATTRIBUTE = "expiresAt";
    /** Discount codes not given yet, by percent ({@code pool} = the percent, only while unclaimed) in random {@code rank} order. */
    public static final String UNCLAIMED_CODES_INDEX = "unclaimed-codes";

    private KargoTables() {
    }

    public static List<CreateTableRequest> definitions(TableNames names) {
        return List.of(
                CreateTableRequest.builder()
                        .tableName(names.orders())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attr("orderId", ScalarAttributeType.S), attr("marketplaceOrder", ScalarAttributeType.S))
                        .keySchema(KeySchemaElement.builder().attributeName("orderId").keyType(KeyType.HASH).build())
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                                .indexName(BY_MARKETPLACE_ORDER_INDEX)
                                .keySchema(KeySchemaElement.builder().attributeName("marketplaceOrder").keyType(KeyType.HASH).build())
                                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                                .build())
                        .build(),
                CreateTableRequest.builder()
                        .tableName(names.shipments())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attr("shipmentId", ScalarAttributeType.S), attr("pollShard", ScalarAttributeType.S),
                                attr("nextPollAt", ScalarAttributeType.N), attr("numberKey", ScalarAttributeType.S),
                                attr("wakeShard", ScalarAttributeType.S), attr("wakeAt", ScalarAttributeType.N),
                                attr("pageToken", ScalarAttributeType.S))
                        .keySchema(KeySchemaElement.builder().attributeName("shipmentId").keyType(KeyType.HASH).build())
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                                .indexName(DUE_POLLS_INDEX)
                                .keySchema(KeySchemaElement.builder().attributeName("pollShard").keyType(KeyType.HASH).build(),
                                        KeySchemaElement.builder().attributeName("nextPollAt").keyType(KeyType.RANGE).build())
                                // whom to ask, for parcels polled through a marketplace
                                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                        .nonKeyAttributes("pollVia", "pollKey").build())
                                .build(),
                                GlobalSecondaryIndex.builder()
                                        .indexName(BY_NUMBER_INDEX)
                                        .keySchema(KeySchemaElement.builder().attributeName("numberKey").keyType(KeyType.HASH).build())
                                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                                        .build(),
                                GlobalSecondaryIndex.builder()
                                        .indexName(BY_PAGE_TOKEN_INDEX)
                                        .keySchema(KeySchemaElement.builder().attributeName("pageToken").keyType(KeyType.HASH).build())
                                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                                        .build(),
                                GlobalSecondaryIndex.builder()
                                        .indexName(DUE_WAKES_INDEX)
                                        .keySchema(KeySchemaElement.builder().attributeName("wakeShard").keyType(KeyType.HASH).build(),
                                                KeySchemaElement.builder().attributeName("wakeAt").keyType(KeyType.RANGE).build())
                                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                                        .build())
                        .build(),
                CreateTableRequest.builder()
                        .tableName(names.events())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attr("eventKey", ScalarAttributeType.S), attr("shipmentId", ScalarAttributeType.S))
                        .keySchema(KeySchemaElement.builder().attributeName("eventKey").keyType(KeyType.HASH).build())
                        .globalSecondaryIndexes(byShipment("status", "reason", "occurredAt", "estimatedDelivery", "location", TTL_ATTRIBUTE))
                        .build(),
                CreateTableRequest.builder()
                        .tableName(names.notifications())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attr("notificationId", ScalarAttributeType.S), attr("dueShard", ScalarAttributeType.S),
                                attr("dueAt", ScalarAttributeType.N), attr("providerMessageId", ScalarAttributeType.S),
                                attr("shipmentId", ScalarAttributeType.S), attr("proposalShard", ScalarAttributeType.S),
                                attr("proposedAt", ScalarAttributeType.N))
                        .keySchema(KeySchemaElement.builder().attributeName("notificationId").keyType(KeyType.HASH).build())
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                                .indexName(DUE_SENDS_INDEX)
                                .keySchema(KeySchemaElement.builder().attributeName("dueShard").keyType(KeyType.HASH).build(),
                                        KeySchemaElement.builder().attributeName("dueAt").keyType(KeyType.RANGE).build())
                                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                                .build(),
                                GlobalSecondaryIndex.builder()
                                .indexName(BY_PROVIDER_MESSAGE_INDEX)
                                .keySchema(KeySchemaElement.builder().attributeName("providerMessageId").keyType(KeyType.HASH).build())
                                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                                .build(),
                                byShipment("kind", "channel", "state", "sentAt", "createdAt", "occurrenceKey"),
                                GlobalSecondaryIndex.builder()
                                        .indexName(PROPOSALS_INDEX)
                                        .keySchema(KeySchemaElement.builder().attributeName("proposalShard").keyType(KeyType.HASH).build(),
                                                KeySchemaElement.builder().attributeName("proposedAt").keyType(KeyType.RANGE).build())
                                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                                        .build())
                        .build(),
                simple(names.failures(), "messageId"),
                discountCodes(names));
    }

    /** The discount-code pool ({@link DiscountCodes}): its own block, so the other tables' changes merge apart from it. */
    private static CreateTableRequest discountCodes(TableNames names) {
        return CreateTableRequest.builder()
                .tableName(names.discountCodes())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr(DiscountCodes.KEY, ScalarAttributeType.S), attr(DiscountCodes.POOL, ScalarAttributeType.S),
                        attr(DiscountCodes.RANK, ScalarAttributeType.S))
                .keySchema(KeySchemaElement.builder().attributeName(DiscountCodes.KEY).keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(UNCLAIMED_CODES_INDEX)
                        .keySchema(KeySchemaElement.builder().attributeName(DiscountCodes.POOL).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(DiscountCodes.RANK).keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                        .build())
                .build();
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

    /** The items of one shipment in a table's {@value #BY_SHIPMENT_INDEX} index, page by page. */
    static software.amazon.awssdk.services.dynamodb.paginators.QueryIterable ofShipment(DynamoDbClient dynamo, String table,
                                                                                        io.kargotakip.core.shipment.ShipmentId shipment) {
        return dynamo.queryPaginator(b -> b.tableName(table).indexName(BY_SHIPMENT_INDEX).keyConditionExpression("shipmentId = :id")
                .expressionAttributeValues(java.util.Map.of(":id", Attr.s(shipment.toString()))));
    }

    private static GlobalSecondaryIndex byShipment(String... attributes) {
        return GlobalSecondaryIndex.builder()
                .indexName(BY_SHIPMENT_INDEX)
                .keySchema(KeySchemaElement.builder().attributeName("shipmentId").keyType(KeyType.HASH).build())
                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes(attributes).build())
                .build();
    }

    private static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }
}
