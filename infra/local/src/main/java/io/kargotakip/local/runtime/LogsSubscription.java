package io.kargotakip.local.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * A CloudWatch Logs subscription filter (empty pattern) on one log group, targeting a function: what is written to
 * the group is handed to the function in batches, as CloudWatch Logs does — an asynchronous invocation with
 * {@code {"awslogs":{"data":<base64 of gzip of {"messageType":"DATA_MESSAGE","owner","logGroup","logStream",
 * "subscriptionFilters","logEvents":[{"id","timestamp","message"}]}>}}}, retried twice when it fails (Lambda's
 * asynchronous retries), then given up, as to the function's dead-letter queue ({@link #deadLettered()}).
 */
public final class LogsSubscription implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LogsSubscription.class.getName());
    /** CloudWatch Logs delivers near real time; a batch holds what arrived since the last one. */
    static final Duration BATCH_EVERY = Duration.ofMillis(200);
    static final int MAX_EVENTS = 1000;
    /** Lambda retries a failed asynchronous invocation twice; locally after a second and two (a minute and two on AWS). */
    static final int RETRIES = 2;

    private record LogEvent(String id, long timestamp, String message) {
    }

    private final String logGroup;
    private final String filterName;
    private final FunctionInvoker function;
    private final Duration timeout;
    private final Duration retryWait;
    private final ConcurrentLinkedQueue<LogEvent> pending = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService timer;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();

    public LogsSubscription(String logGroup, String filterName, FunctionInvoker function, Duration timeout, Duration retryWait) {
        this.logGroup = Objects.requireNonNull(logGroup);
        this.filterName = Objects.requireNonNull(filterName);
        this.function = Objects.requireNonNull(function);
        this.timeout = Objects.requireNonNull(timeout);
        this.retryWait = Objects.requireNonNull(retryWait);
        this.timer = Executors.newSingleThreadScheduledExecutor(LambdaRuntimeApi.daemonThreads("logs-" + filterName));
    }

    public LogsSubscription start() {
        timer.scheduleWithFixedDelay(this::deliver, BATCH_EVERY.toMillis(), BATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public String logGroup() {
        return logGroup;
    }

    /** A record written to the log group (what the service logging to it puts there). */
    public void write(String message) {
        inFlight.incrementAndGet();
        pending.add(new LogEvent(Long.toString(sequence.incrementAndGet()), System.currentTimeMillis(), message));
    }

    /** Records the function took. */
    public long delivered() {
        return delivered.get();
    }

    /** Records whose batch still failed after the retries. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Records written and not yet settled (taken or given up). */
    public long inFlight() {
        return inFlight.get();
    }

    private void deliver() {
        List<LogEvent> batch = new ArrayList<>();
        LogEvent e;
        while (batch.size() < MAX_EVENTS && (e = pending.poll()) != null) {
            batch.add(e);
        }
        if (batch.isEmpty()) {
            return;
        }
        byte[] event = event(logGroup, filterName, batch.stream().map(b -> new String[]{b.id(), Long.toString(b.timestamp()), b.message()}).toList());
        for (int attempt = 0; attempt <= RETRIES; attempt++) {
            try {
                Invocation.Result result = function.invoke(event, timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                if (!result.isError()) {
                    delivered.addAndGet(batch.size());
                    inFlight.addAndGet(-batch.size());
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "function failed on a batch of " + batch.size() + " records of " + logGroup + ": " + result);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception failed) {
                LOG.log(System.Logger.Level.WARNING, "batch of " + batch.size() + " records of " + logGroup + " failed: " + failed);
            }
            if (attempt < RETRIES) {
                try {
                    Thread.sleep(retryWait.multipliedBy(attempt + 1).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        deadLettered.addAndGet(batch.size());
        inFlight.addAndGet(-batch.size());
        LOG.log(System.Logger.Level.WARNING, batch.size() + " records of " + logGroup + " given up after " + RETRIES + " retries (the dead-letter queue on AWS)");
    }

    /** The subscription's event for these records ({@code id}, {@code timestamp} in epoch milliseconds, {@code message}). */
    static byte[] event(String logGroup, String filterName, List<String[]> records) {
        ObjectNode data = Json.object();
        data.put("messageType", "DATA_MESSAGE");
        data.put("owner", LambdaRuntimeApi.ACCOUNT_ID);
        data.put("logGroup", logGroup);
        data.put("logStream", "local");
        data.putArray("subscriptionFilters").add(filterName);
        ArrayNode events = data.putArray("logEvents");
        for (String[] r : records) {
            events.addObject().put("id", r[0]).put("timestamp", Long.parseLong(r[1])).put("message", r[2]);
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(Json.bytes(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode root = Json.object();
        root.putObject("awslogs").put("data", Base64.getEncoder().encodeToString(zipped.toByteArray()));
        return Json.bytes(root);
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(timeout.toMillis() * (RETRIES + 1) + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
