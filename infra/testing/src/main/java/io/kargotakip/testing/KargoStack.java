package io.kargotakip.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.LocalSettings;
import io.kargotakip.emulators.Mailbox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A whole Kargo Takip data plane on the emulators: the four tables and three queues (with DLQs)
 * under a unique prefix, so test classes sharing the emulators never see each other's data.
 */
public final class KargoStack {

    public static final String UPS_WEBHOOK_CREDENTIAL = "ups-track-alert-credential-for-tests";
    public static final String ORDERS_API_KEY = "orders-api-key-for-tests";

    private final Emulators emulators;
    private final TableNames tables;
    private final KargoQueues.Urls queues;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;

    private KargoStack(Emulators emulators, String prefix) {
        this.emulators = emulators;
        this.dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        this.sqs = AwsClients.sqs(emulators.sqs());
        this.tables = TableNames.withPrefix(prefix);
        KargoTables.createAll(dynamo, tables);
        this.queues = KargoQueues.createAll(sqs, prefix, 2);
    }

    public static KargoStack create() {
        return new KargoStack(Emulators.shared(), "t" + UUID.randomUUID().toString().substring(0, 8) + "-");
    }

    /** The configuration the functions read: tables, queues, emulator endpoints, brand and secrets. */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(LocalSettings.forEmulators(emulators, UPS_WEBHOOK_CREDENTIAL, ORDERS_API_KEY));
        env.putAll(queues.environment());
        env.putAll(tables.environment());
        return env;
    }

    public Emulators emulators() {
        return emulators;
    }

    public TableNames tables() {
        return tables;
    }

    public KargoQueues.Urls queues() {
        return queues;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    /** Receives (and deletes) every message now visible on a queue. */
    public List<String> drain(String queueUrl) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return bodies;
            }
            for (Message m : batch) {
                bodies.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    /** The mails the SES emulator holds for one recipient, oldest first. */
    public List<JsonNode> mailsTo(String recipient) {
        return Mailbox.of(emulators.sesStore()).to(recipient);
    }

    public URI sesStore() {
        return emulators.sesStore();
    }
}
