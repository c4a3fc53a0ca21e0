package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.store.FailureLog;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.io.IOException;
import java.io.PrintStream;
import io.kargotakip.aws.store.TableNames;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kargo dlq}: the dead-letter queues as an operator needs them — each DLQ's depth and, per message,
 * its source queue, receive count, age and the last failure reason a stage recorded — and
 * {@code kargo dlq redrive QUEUE [--max N]}, which moves them back to their source queue. The same code
 * runs against the local stack ({@code .kargo/local.json}, written by {@code kargo demo --keep-running})
 * and against AWS ({@code --stack NAME}: queues {@code NAME-<queue>-dlq}, table {@code NAME-failures},
 * credentials and region from the default AWS chain).
 */
final class DeadLetters implements AutoCloseable {

    /** Where the running local stack says how to reach it. */
    static final String STATE_FILE = ".kargo/local.json";
    /** Messages listed per DLQ at most (the depth is always shown). */
    static final int LIST_LIMIT = 50;

    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final String prefix;
    private final FailureLog failures;
    private final Clock clock = Clock.systemUTC();

    private DeadLetters(SqsClient sqs, DynamoDbClient dynamo, String prefix, String failuresTable) {
        this.sqs = sqs;
        this.dynamo = dynamo;
        this.prefix = prefix;
        this.failures = new FailureLog(dynamo, failuresTable, "cli", clock);
    }

    /** The deployed stack: queue and table names follow the stack name, clients from the default chain. */
    static DeadLetters aws(String stack) {
        return new DeadLetters(AwsClients.sqs(), AwsClients.dynamoDb(), stack + "-", stack + "-failures");
    }

    /** The local stack of {@code kargo demo --keep-running}, if one runs. */
    static DeadLetters local(Path root) throws Main.UsageError {
        JsonNode s = state(root);
        return of(URI.create(s.path("sqs").asText()), URI.create(s.path("dynamodb").asText()), "", s.path("failuresTable").asText());
    }

    /** Where the running local stack's DynamoDB is and what its tables are called. */
    record LocalStack(URI dynamoDb, TableNames tables) {
    }

    /** The local stack {@link #writeState} described, for commands that only need its tables ({@code kargo erase}). */
    static LocalStack localStack(Path root) throws Main.UsageError {
        JsonNode s = state(root);
        String failures = s.path("failuresTable").asText();
        // the table names share the failures table's prefix (TableNames.withPrefix)
        String prefix = failures.endsWith("failures") ? failures.substring(0, failures.length() - "failures".length()) : "";
        TableNames tables = s.has("ordersTable") ? new TableNames(s.path("ordersTable").asText(), prefix + "shipments", prefix + "events",
                s.path("notificationsTable").asText(), failures, s.path("discountCodesTable").asText(prefix + "discount-codes"))
                : TableNames.withPrefix(prefix);
        return new LocalStack(URI.create(s.path("dynamodb").asText()), tables);
    }

    private static JsonNode state(Path root) throws Main.UsageError {
        Path state = root.resolve(STATE_FILE);
        JsonNode s;
        try {
            s = io.kargotakip.aws.Json.MAPPER.readTree(Files.readString(state));
        } catch (IOException e) {
            throw new Main.UsageError("no local stack is running (start one with ./kargo demo --keep-running) and no --stack NAME given");
        }
        long pid = s.path("pid").asLong();
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
            throw new Main.UsageError("the local stack in " + STATE_FILE + " is no longer running; start one with ./kargo demo --keep-running, or give --stack NAME");
        }
        return s;
    }

    /** A running platform in this JVM (tests). */
    static DeadLetters of(LocalPlatform platform) {
        return of(platform.emulators().sqs(), platform.emulators().dynamoDb(), "", platform.tables().failures());
    }

    static DeadLetters of(URI sqs, URI dynamoDb, String prefix, String failuresTable) {
        return new DeadLetters(AwsClients.sqs(sqs), AwsClients.dynamoDb(dynamoDb), prefix, failuresTable);
    }

    /** {@code raw-events} or {@code raw-events-dlq} → {@code raw-events}. */
    static String sourceQueue(String queue) throws Main.UsageError {
        String name = queue.endsWith("-dlq") ? queue.substring(0, queue.length() - 4) : queue;
        if (!List.of(KargoQueues.NAMES).contains(name)) {
            throw new Main.UsageError("unknown queue '" + queue + "'; one of " + String.join(", ", KargoQueues.NAMES));
        }
        return name;
    }

    /** Writes what {@link #local} reads; the file goes when the stack stops. */
    static Path writeState(Path root, LocalPlatform platform) throws IOException {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("pid", ProcessHandle.current().pid());
        state.put("sqs", platform.emulators().sqs().toString());
        state.put("dynamodb", platform.emulators().dynamoDb().toString());
        state.put("failuresTable", platform.tables().failures());
        state.put("notificationsTable", platform.tables().notifications());
        state.put("ordersTable", platform.tables().orders());
        state.put("discountCodesTable", platform.tables().discountCodes());
        state.put("httpApi", platform.httpApi().toString());
        Path file = root.resolve(STATE_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, io.kargotakip.aws.Json.write(state) + "\n");
        return file;
    }

    /** One dead letter, as listed. */
    record Letter(String messageId, String sourceQueue, Integer receiveCount, Duration age, String stage, String reason) {
    }

    int list(PrintStream out) {
        for (String name : KargoQueues.NAMES) {
            String dlq = name + "-dlq";
            String url = url(dlq);
            long depth = depth(url);
            out.println(dlq + ": " + depth + (depth == 1 ? " message" : " messages"));
            if (depth == 0) {
                continue;
            }
            List<Letter> letters = peek(url, name);
            for (Letter l : letters) {
                out.println("  " + l.messageId() + "  from " + l.sourceQueue()
                        + "  receives " + (l.receiveCount() == null ? "?" : l.receiveCount())
                        + "  age " + age(l.age())
                        + "  " + (l.reason() == null ? "no failure recorded (the function crashed or timed out on it)" : l.stage() + ": " + l.reason()));
            }
            if (letters.size() < depth) {
                out.println("  (" + (depth - letters.size()) + " more not shown)");
            }
        }
        return 0;
    }

    /**
     * Reads up to {@link #LIST_LIMIT} messages without taking them: received with a visibility timeout
     * of 0, so they stay available to a redrive. The receive count shown is the one the stage recorded
     * at its last failure (peeking here counts as a receive, on AWS too).
     */
    private List<Letter> peek(String url, String sourceName) {
        Map<String, Message> seen = new LinkedHashMap<>();
        for (int round = 0; round < 10 && seen.size() < LIST_LIMIT; round++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            int before = seen.size();
            got.forEach(m -> seen.putIfAbsent(m.messageId(), m));
            if (seen.size() == before) {
                break;
            }
        }
        Map<String, FailureLog.Failure> recorded = failures.find(seen.keySet());
        Instant now = clock.instant();
        List<Letter> letters = new ArrayList<>();
        for (Message m : seen.values()) {
            FailureLog.Failure f = recorded.get(m.messageId());
            String arn = m.attributesAsStrings().get("DeadLetterQueueSourceArn");
            String source = arn != null ? arn.substring(arn.lastIndexOf(':') + 1).substring(prefix.length())
                    : f != null && f.queue() != null && !f.queue().isEmpty() ? f.queue().substring(Math.min(prefix.length(), f.queue().length()))
                    : sourceName;
            String sent = m.attributesAsStrings().get("SentTimestamp");
            Duration age = sent == null ? null : Duration.between(Instant.ofEpochMilli(Long.parseLong(sent)), now);
            letters.add(new Letter(m.messageId(), source, f == null ? null : f.receiveCount(), age,
                    f == null ? null : f.stage(), f == null ? null : f.reason()));
        }
        return letters;
    }

    /**
     * Moves a DLQ's messages back to its source queue: with SQS's own message move task where the service
     * has it and no {@code --max} is given (it moves everything), else by receive, send, delete.
     */
    int redrive(String queue, Integer max, PrintStream out) throws Main.UsageError {
        String name = sourceQueue(queue);
        String dlqUrl = url(name + "-dlq");
        String sourceUrl = url(name);
        long moved = max == null ? moveTask(dlqUrl) : -1;
        if (moved < 0) {
            moved = moveByHand(dlqUrl, sourceUrl, max == null ? Long.MAX_VALUE : max);
        }
        out.println("moved " + moved + (moved == 1 ? " message" : " messages") + " from " + name + "-dlq back to " + name);
        return 0;
    }

    /** @return messages moved, or -1 when the service has no move tasks */
    private long moveTask(String dlqUrl) {
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        long depth = depth(dlqUrl);
        String handle;
        try {
            handle = sqs.startMessageMoveTask(b -> b.sourceArn(arn)).taskHandle();
        } catch (AwsServiceException e) {
            if (e.statusCode() == 400 && e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    && e.awsErrorDetails().errorCode().contains("Unsupported")) {
                return -1;
            }
            throw e;
        }
        Instant giveUp = clock.instant().plus(Duration.ofMinutes(10));
        while (clock.instant().isBefore(giveUp)) {
            var task = sqs.listMessageMoveTasks(b -> b.sourceArn(arn).maxResults(10)).results().stream()
                    .filter(t -> handle.equals(t.taskHandle())).findFirst();
            if (task.isPresent() && !"RUNNING".equals(task.get().status())) {
                if (!"COMPLETED".equals(task.get().status())) {
                    throw new IllegalStateException("the move task ended " + task.get().status() + ": " + task.get().failureReason());
                }
                // the count is approximate (ElasticMQ's overcounts); no more than were there can have moved
                return Math.min(task.get().approximateNumberOfMessagesMoved(), depth);
            }
            LocalPlatform.sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("the move task is still running after 10 minutes; see aws sqs list-message-move-tasks");
    }

    private long moveByHand(String dlqUrl, String sourceUrl, long max) {
        long moved = 0;
        while (moved < max) {
            int want = (int) Math.min(10, max - moved);
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(want).visibilityTimeout(60)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                break;
            }
            for (Message m : batch) {
                // sent before deleted: a crash in between leaves a copy in both, which processing absorbs (idempotent)
                sqs.sendMessage(b -> b.queueUrl(sourceUrl).messageBody(m.body()).messageAttributes(m.messageAttributes()));
                sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(m.receiptHandle()));
                moved++;
            }
        }
        return moved;
    }

    /** Messages in a queue, visible or not (a listing's peek hides none: it uses visibility 0). */
    private long depth(String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return a.values().stream().mapToLong(Long::parseLong).sum();
    }

    private String url(String name) {
        try {
            return sqs.getQueueUrl(b -> b.queueName(prefix + name)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            throw new IllegalStateException("queue " + prefix + name + " does not exist" + (prefix.isEmpty() ? "" : " (is the stack name right?)"));
        }
    }

    static String age(Duration d) {
        if (d == null) {
            return "?";
        }
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + s % 60 + "s";
        }
        if (s < 86_400) {
            return s / 3600 + "h" + (s % 3600) / 60 + "m";
        }
        return s / 86_400 + "d" + (s % 86_400) / 3600 + "h";
    }

    @Override
    public void close() {
        sqs.close();
        dynamo.close();
    }
}
