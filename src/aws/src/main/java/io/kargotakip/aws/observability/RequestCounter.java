package io.kargotakip.aws.observability;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Counts every AWS API call by service and operation, for {@code ./kargo bench} and the cost model.
 * Registered on every SDK client (also by class name, e.g. {@code quarkus.dynamodb.interceptors});
 * it does nothing unless {@code KARGO_REQUEST_COUNTS_DIR} (or the system property
 * {@code kargo.request-counts-dir}) names a folder — only the local mode sets it, so on AWS it costs
 * one null check per call.
 *
 * <p>Each process keeps one tally and writes it to its own file in that folder every second and at
 * shutdown (atomically: a killed process leaves its last complete file), so the bench sums files and
 * never loses a whole process's counts. Only service, operation and numbers are recorded, never
 * request contents. When counting, DynamoDB requests ask for their consumed capacity, which the
 * response then carries (where the emulator computes it).
 */
public final class RequestCounter implements ExecutionInterceptor {

    public static final String DIR_ENV = "KARGO_REQUEST_COUNTS_DIR";
    public static final String DIR_PROPERTY = "kargo.request-counts-dir";

    /** One process's counts, keyed {@code Service.Operation}. */
    public static final class Tally {
        private final Map<String, long[]> counts = new TreeMap<>();
        private long version;

        /** Fields of each entry, in this order. */
        public static final List<String> FIELDS = List.of("calls", "failed", "conditionalFailed", "emptyReceives",
                "messages", "capacityCalls", "capacityMilliUnits");

        synchronized void add(String key, int field, long value) {
            counts.computeIfAbsent(key, k -> new long[FIELDS.size()])[field] += value;
            version++;
        }

        /** A copy: key → field → value. */
        public synchronized Map<String, Map<String, Long>> snapshot() {
            Map<String, Map<String, Long>> copy = new TreeMap<>();
            counts.forEach((key, values) -> {
                Map<String, Long> fields = new TreeMap<>();
                for (int i = 0; i < FIELDS.size(); i++) {
                    fields.put(FIELDS.get(i), values[i]);
                }
                copy.put(key, fields);
            });
            return copy;
        }

        public synchronized void reset() {
            counts.clear();
            version++;
        }

        synchronized long version() {
            return version;
        }

        /** How many calls of {@code Service.Operation} were made. */
        public long calls(String key) {
            return field(key, 0);
        }

        public long conditionalFailures(String key) {
            return field(key, 2);
        }

        /** Sum of calls over every operation of a service whose name passes the filter. */
        public synchronized long calls(String service, java.util.function.Predicate<String> operation) {
            return counts.entrySet().stream().filter(e -> e.getKey().startsWith(service + ".")
                    && operation.test(e.getKey().substring(service.length() + 1))).mapToLong(e -> e.getValue()[0]).sum();
        }

        private synchronized long field(String key, int i) {
            long[] v = counts.get(key);
            return v == null ? 0 : v[i];
        }

        synchronized String toJson(String origin) {
            StringBuilder json = new StringBuilder("{\"origin\":\"").append(origin).append("\",\"counts\":{");
            boolean first = true;
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                json.append(first ? "" : ",").append('"').append(e.getKey()).append("\":{");
                for (int i = 0; i < FIELDS.size(); i++) {
                    json.append(i == 0 ? "" : ",").append('"').append(FIELDS.get(i)).append("\":").append(e.getValue()[i]);
                }
                json.append('}');
                first = false;
            }
            return json.append("}}").toString();
        }
    }

    private static final Object LOCK = new Object();
    private static Tally processTally;

    private final Tally tally;

    /** As registered by class name: counts into this process's file when the local mode asks for it, else nothing. */
    public RequestCounter() {
        this.tally = processTally(configuredDir());
    }

    private RequestCounter(Tally tally) {
        this.tally = tally;
    }

    /** A counter whose counts stay in memory, for tests that assert what an operation costs. */
    public static RequestCounter inMemory() {
        return new RequestCounter(new Tally());
    }

    /**
     * A counter with its own tally and file, for a process that also makes calls which are not
     * the product's (the local runtime counts its SQS event sources — on AWS the Lambda pollers,
     * billed to the merchant — apart from the bench's own calls).
     */
    public static RequestCounter toDir(Path dir, String origin) {
        Tally tally = new Tally();
        startFlushing(tally, dir, origin);
        return new RequestCounter(tally);
    }

    /** This counter's tally; null when inert. */
    public Tally tally() {
        return tally;
    }

    public boolean active() {
        return tally != null;
    }

    static Optional<Path> configuredDir() {
        String dir = Optional.ofNullable(System.getProperty(DIR_PROPERTY)).orElse(System.getenv(DIR_ENV));
        return Optional.ofNullable(dir).filter(d -> !d.isBlank()).map(Path::of);
    }

    private static Tally processTally(Optional<Path> dir) {
        if (dir.isEmpty()) {
            return null;
        }
        synchronized (LOCK) {
            if (processTally == null) {
                processTally = new Tally();
                startFlushing(processTally, dir.get(), Optional.ofNullable(System.getenv("AWS_LAMBDA_FUNCTION_NAME"))
                        .or(() -> Optional.ofNullable(System.getProperty("kargo.request-counts-origin"))).orElse("process"));
            }
            return processTally;
        }
    }

    /** Writes the tally every second while it changes, and once more at shutdown. */
    private static void startFlushing(Tally tally, Path dir, String name) {
        String origin = name.replaceAll("[^A-Za-z0-9_-]", "_");
        Path file = dir.resolve(origin + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8) + ".json");
        long[] written = {-1};
        Runnable flush = () -> {
          synchronized (written) {
            long v = tally.version();
            if (v == written[0]) {
                return;
            }
            try {
                Files.createDirectories(dir);
                Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
                Files.writeString(tmp, tally.toJson(origin), StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written[0] = v;
            } catch (IOException e) {
                // counting must never break a function; the next flush tries again
            }
          }
        };
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kargo-request-counts");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(flush, 1, 1, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(flush, "kargo-request-counts-final"));
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (tally == null) {
            return context.request();
        }
        SdkRequest r = context.request();
        // ask for the capacity each DynamoDB call consumes (what on-demand bills); the call is otherwise unchanged
        if (r instanceof GetItemRequest g && g.returnConsumedCapacity() == null) {
            return g.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (r instanceof PutItemRequest p && p.returnConsumedCapacity() == null) {
            return p.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (r instanceof UpdateItemRequest u && u.returnConsumedCapacity() == null) {
            return u.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (r instanceof DeleteItemRequest d && d.returnConsumedCapacity() == null) {
            return d.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (r instanceof QueryRequest q && q.returnConsumedCapacity() == null) {
            return q.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (r instanceof ScanRequest s && s.returnConsumedCapacity() == null) {
            return s.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (r instanceof BatchGetItemRequest bg && bg.returnConsumedCapacity() == null) {
            return bg.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (r instanceof BatchWriteItemRequest bw && bw.returnConsumedCapacity() == null) {
            return bw.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return r;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (tally == null) {
            return;
        }
        String key = key(attributes);
        tally.add(key, 0, 1);
        SdkRequest request = context.request();
        SdkResponse response = context.response();
        if (request instanceof SendMessageBatchRequest batch) {
            tally.add(key, 4, batch.entries().size());
        } else if (response instanceof ReceiveMessageResponse received) {
            tally.add(key, 4, received.messages().size());
            if (received.messages().isEmpty()) {
                tally.add(key, 3, 1);
            }
        } else if (key.startsWith("Sqs.Send")) {
            tally.add(key, 4, 1);
        }
        capacity(response).ifPresent(units -> {
            tally.add(key, 5, 1);
            tally.add(key, 6, Math.round(units * 1000));
        });
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (tally == null) {
            return;
        }
        // a failed call is still a request, and a failed conditional write is billed as a write
        String key = key(attributes);
        tally.add(key, 0, 1);
        tally.add(key, 1, 1);
        if (context.exception() instanceof ConditionalCheckFailedException) {
            tally.add(key, 2, 1);
        }
    }

    private static String key(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    private static Optional<Double> capacity(SdkResponse response) {
        try {
            Optional<ConsumedCapacity> one = response.getValueForField("ConsumedCapacity", ConsumedCapacity.class);
            if (one.isPresent() && one.get().capacityUnits() != null) {
                return Optional.of(one.get().capacityUnits());
            }
        } catch (ClassCastException | IllegalArgumentException notThatShape) {
            // batch operations carry a list
        }
        try {
            Optional<List> many = response.getValueForField("ConsumedCapacity", List.class);
            if (many.isPresent() && !many.get().isEmpty()) {
                double sum = 0;
                for (Object c : many.get()) {
                    if (c instanceof ConsumedCapacity cc && cc.capacityUnits() != null) {
                        sum += cc.capacityUnits();
                    }
                }
                return Optional.of(sum);
            }
        } catch (ClassCastException | IllegalArgumentException notThatShape) {
            // not a DynamoDB response
        }
        return Optional.empty();
    }
}
