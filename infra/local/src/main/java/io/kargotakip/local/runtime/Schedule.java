package io.kargotakip.local.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An EventBridge {@code rate(...)} rule targeting a function: every period it sends the "Scheduled Event"
 * JSON. A run never overlaps the previous one: a tick that finds one still running is skipped, and
 * {@link #fireNow()} queues behind it.
 */
public final class Schedule implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Schedule.class.getName());

    private final String ruleName;
    private final Duration every;
    private final FunctionInvoker function;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final AtomicLong fired = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    /** The latest run; the next one starts only after it settles. */
    private CompletableFuture<Invocation.Result> last = CompletableFuture.completedFuture(null);

    public Schedule(String ruleName, Duration every, FunctionInvoker function, Duration timeout) {
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("period must be positive: " + every);
        }
        this.ruleName = Objects.requireNonNull(ruleName);
        this.every = every;
        this.function = Objects.requireNonNull(function);
        this.timeout = Objects.requireNonNull(timeout);
        this.timer = Executors.newSingleThreadScheduledExecutor(LambdaRuntimeApi.daemonThreads("schedule-" + ruleName));
    }

    /** Starts the timer; the first run is one period from now, as a new rate rule's. */
    public Schedule start() {
        timer.scheduleAtFixedRate(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public String ruleArn() {
        return "arn:aws:events:" + LambdaRuntimeApi.REGION + ":" + LambdaRuntimeApi.ACCOUNT_ID + ":rule/" + ruleName;
    }

    /** Runs once now, or right after the run in progress. */
    public synchronized CompletableFuture<Invocation.Result> fireNow() {
        CompletableFuture<Invocation.Result> next = last.handle((r, e) -> null).thenCompose(ignored -> run());
        last = next;
        return next;
    }

    public long fired() {
        return fired.get();
    }

    /** Runs that ended in a function error, a timeout or an unavailable function. */
    public long failures() {
        return failures.get();
    }

    /** Ticks skipped because the previous run was still going. */
    public long skipped() {
        return skipped.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private synchronized void tick() {
        if (!last.isDone()) {
            skipped.incrementAndGet();
            return;
        }
        fireNow();
    }

    private CompletableFuture<Invocation.Result> run() {
        fired.incrementAndGet();
        CompletableFuture<Invocation.Result> result;
        try {
            result = function.invoke(event(ruleName, Instant.now()), timeout);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((r, e) -> {
            if (e != null || r.isError()) {
                failures.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "scheduled run of " + ruleName + " failed: " + (e != null ? e : r));
            }
        });
    }

    /** EventBridge's scheduled event: {@code time} has whole seconds, {@code detail} is empty. */
    static byte[] event(String ruleName, Instant at) {
        ObjectNode e = Json.object();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", "Scheduled Event");
        e.put("source", "aws.events");
        e.put("account", LambdaRuntimeApi.ACCOUNT_ID);
        e.put("time", at.truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("region", LambdaRuntimeApi.REGION);
        e.putArray("resources").add("arn:aws:events:" + LambdaRuntimeApi.REGION + ":" + LambdaRuntimeApi.ACCOUNT_ID + ":rule/" + ruleName);
        e.putObject("detail");
        return Json.bytes(e);
    }
}
