package io.kargotakip.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SQS event-source mapping with {@code ReportBatchItemFailures}: long-polls one queue, hands each
 * batch to the function as Lambda's {@code SQSEvent}, deletes what succeeded and leaves the failed
 * messages to come back after the visibility timeout (and to the DLQ, by the queue's redrive policy).
 * A failed invocation (error, timeout, crashed instance) fails its whole batch the same way. Up to
 * {@code concurrency} batches are in flight at once, as the mapping's maximum concurrency allows.
 */
public final class SqsEventSource implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SqsEventSource.class.getName());
    /** Lambda lists these first; any others SQS returns (FIFO fields, AWSTraceHeader) follow. */
    private static final List<String> ATTRIBUTE_ORDER = List.of(
            "ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueName;
    private final int batchSize;
    private final FunctionInvoker function;
    private final Duration functionTimeout;
    private final List<Thread> pollers = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running;
    private volatile boolean enabled = true;

    /**
     * @param batchSize       messages per invocation, 1..10 (one ReceiveMessage call, as Lambda's default window of 0)
     * @param functionTimeout the function's configured timeout
     */
    public SqsEventSource(SqsClient sqs, String queueUrl, int batchSize, FunctionInvoker function, Duration functionTimeout) {
        this(sqs, queueUrl, batchSize, 1, function, functionTimeout);
    }

    /** @param concurrency batches in flight at once (one poller each), at least 1 */
    public SqsEventSource(SqsClient sqs, String queueUrl, int batchSize, int concurrency, FunctionInvoker function, Duration functionTimeout) {
        if (batchSize < 1 || batchSize > 10) {
            throw new IllegalArgumentException("batch size must be 1..10, was " + batchSize);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.sqs = Objects.requireNonNull(sqs);
        this.queueUrl = Objects.requireNonNull(queueUrl);
        this.queueName = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        this.batchSize = batchSize;
        this.function = Objects.requireNonNull(function);
        this.functionTimeout = Objects.requireNonNull(functionTimeout);
        for (int i = 1; i <= concurrency; i++) {
            Thread poller = new Thread(this::poll, "sqs-esm-" + queueName + "-" + i);
            poller.setDaemon(true);
            pollers.add(poller);
        }
    }

    public SqsEventSource start() {
        running = true;
        pollers.forEach(Thread::start);
        return this;
    }

    public int concurrency() {
        return pollers.size();
    }

    public String queueUrl() {
        return queueUrl;
    }

    public String queueName() {
        return queueName;
    }

    public String queueArn() {
        return arn(queueName);
    }

    static String arn(String queueName) {
        return "arn:aws:sqs:" + LambdaRuntimeApi.REGION + ":" + LambdaRuntimeApi.ACCOUNT_ID + ":" + queueName;
    }

    /** Invocations made. */
    public long batches() {
        return batches.get();
    }

    /** Messages handed to the function (a redelivered message counts again). */
    public long messages() {
        return messages.get();
    }

    /** Messages that failed (reported, or in a batch whose invocation failed) and were left on the queue. */
    public long failures() {
        return failures.get();
    }

    /**
     * Like an event-source mapping's {@code Enabled} flag: a disabled source stops receiving (the
     * batch in flight still settles) and resumes when enabled again.
     */
    public void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Stops polling and waits for the batch in flight to be invoked and settled. */
    @Override
    public void close() {
        running = false;
        try {
            for (Thread poller : pollers) {
                poller.join(functionTimeout.plusSeconds(5).toMillis());
                if (poller.isAlive()) {
                    poller.interrupt();
                    poller.join(2000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        while (running) {
            if (!enabled) {
                sleepQuietly(50);
                continue;
            }
            List<Message> batch;
            try {
                batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                        .maxNumberOfMessages(batchSize)
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
            } catch (SdkException e) {
                if (!running) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "receive from " + queueName + " failed, retrying in 1 s: " + e.getMessage());
                pause();
                continue;
            }
            if (!batch.isEmpty()) {
                deliver(batch);
            }
        }
    }

    private void deliver(List<Message> batch) {
        batches.incrementAndGet();
        messages.addAndGet(batch.size());
        Set<String> failed;
        try {
            // the invoker ends it at the timeout; the extra second only guards against one that does not
            Invocation.Result result = function.invoke(event(batch, queueArn()), functionTimeout)
                    .get(functionTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (result.isError()) {
                LOG.log(System.Logger.Level.WARNING, "function failed on a batch of " + batch.size() + " from " + queueName + ": " + result);
                failed = allIds(batch);
            } else {
                failed = failedIds(result.payload(), batch);
            }
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "batch of " + batch.size() + " from " + queueName + " failed: " + e.getCause());
            failed = allIds(batch);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "batch of " + batch.size() + " from " + queueName + " got no answer within the timeout");
            failed = allIds(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = allIds(batch);
        }
        failures.addAndGet(failed.size());
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : batch) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size())).receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            try {
                DeleteMessageBatchResponse r = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
                r.failed().forEach(f -> LOG.log(System.Logger.Level.WARNING,
                        "delete from " + queueName + " failed: " + f.code() + " " + f.message()));
            } catch (SdkException e) {
                // not fatal: the messages come back and the function sees them again, as on Lambda
                LOG.log(System.Logger.Level.WARNING, "delete from " + queueName + " failed: " + e.getMessage());
            }
        }
    }

    /** The event Lambda's SQS poller sends: {@code {"Records":[...]}}. */
    static byte[] event(List<Message> batch, String queueArn) {
        ObjectNode root = Json.object();
        ArrayNode records = root.putArray("Records");
        for (Message m : batch) {
            ObjectNode r = records.addObject();
            r.put("messageId", m.messageId());
            r.put("receiptHandle", m.receiptHandle());
            r.put("body", m.body());
            ObjectNode attributes = r.putObject("attributes");
            Map<String, String> attrs = new LinkedHashMap<>(m.attributesAsStrings());
            for (String name : ATTRIBUTE_ORDER) {
                String v = attrs.remove(name);
                if (v != null) {
                    attributes.put(name, v);
                }
            }
            attrs.forEach(attributes::put);
            ObjectNode messageAttributes = r.putObject("messageAttributes");
            m.messageAttributes().forEach((name, v) -> messageAttributes.set(name, attribute(v)));
            r.put("md5OfBody", m.md5OfBody());
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", queueArn);
            r.put("awsRegion", LambdaRuntimeApi.REGION);
        }
        return Json.bytes(root);
    }

    private static ObjectNode attribute(MessageAttributeValue v) {
        ObjectNode a = Json.object();
        if (v.stringValue() != null) {
            a.put("stringValue", v.stringValue());
        }
        if (v.binaryValue() != null) {
            a.put("binaryValue", base64(v.binaryValue()));
        }
        ArrayNode strings = a.putArray("stringListValues");
        v.stringListValues().forEach(strings::add);
        ArrayNode binaries = a.putArray("binaryListValues");
        v.binaryListValues().forEach(b -> binaries.add(base64(b)));
        a.put("dataType", v.dataType());
        return a;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    /**
     * The messages a {@code SQSBatchResponse} names as failed, by Lambda's rules: no response, a null or
     * empty list = all succeeded; invalid JSON, or an identifier that is missing, empty or not in the
     * batch = the whole batch failed.
     */
    static Set<String> failedIds(byte[] response, List<Message> batch) {
        Set<String> all = allIds(batch);
        if (response == null || response.length == 0) {
            return Set.of();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(response);
        } catch (IOException invalid) {
            return all;
        }
        if (root == null || !root.isObject() || root.path("batchItemFailures").isNull() || root.path("batchItemFailures").isMissingNode()) {
            return Set.of();
        }
        JsonNode list = root.get("batchItemFailures");
        if (!list.isArray()) {
            return all;
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode item : list) {
            JsonNode id = item.path("itemIdentifier");
            if (!id.isTextual() || id.asText().isEmpty() || !all.contains(id.asText())) {
                return all;
            }
            failed.add(id.asText());
        }
        return failed;
    }

    private static Set<String> allIds(List<Message> batch) {
        Set<String> ids = new HashSet<>();
        batch.forEach(m -> ids.add(m.messageId()));
        return ids;
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
