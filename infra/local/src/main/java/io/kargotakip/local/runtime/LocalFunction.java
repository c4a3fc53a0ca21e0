package io.kargotakip.local.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * One function as Lambda runs it: a Runtime API and up to {@code instances} execution environments, each
 * a {@link FunctionProcess}. An instance that dies (crash, out of memory, killed) is replaced by a fresh
 * cold start, and one whose invocation overran the timeout is killed and replaced; the invocation it held
 * fails with Lambda's error ({@code Runtime.ExitError} / {@code Sandbox.Timedout}). A process that keeps
 * dying soon after start is restarted with a growing pause, so a bad setting does not spin the CPU.
 */
public final class LocalFunction implements FunctionInvoker, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalFunction.class.getName());
    /** A process that lived shorter than this counts as crash-looping. */
    private static final Duration SHORT_LIFE = Duration.ofSeconds(10);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final String name;
    private final LambdaRuntimeApi api;
    private final IntFunction<FunctionProcess.Builder> builders;
    private final FunctionProcess[] processes;
    private final Instant[] startedAt;
    private final int[] quickDeaths;
    private final ScheduledExecutorService restarter;
    private final AtomicLong replacements = new AtomicLong();
    private volatile boolean closing;

    /**
     * @param builders for instance {@code i}, a builder with everything but the Runtime API address
     *                 (environment, memory, log file)
     */
    public LocalFunction(String name, int instances, IntFunction<FunctionProcess.Builder> builders) throws IOException {
        this.name = Objects.requireNonNull(name);
        this.builders = Objects.requireNonNull(builders);
        this.api = new LambdaRuntimeApi(name, instances);
        this.processes = new FunctionProcess[instances];
        this.startedAt = new Instant[instances];
        this.quickDeaths = new int[instances];
        this.restarter = Executors.newSingleThreadScheduledExecutor(LambdaRuntimeApi.daemonThreads("restart-" + name));
        api.onTimeout(instance -> restarter.execute(() -> {
            FunctionProcess stuck = processes[instance];
            if (stuck != null && !closing) {
                stuck.killStuck(); // its exit starts the replacement
            }
        }));
        try {
            for (int i = 0; i < instances; i++) {
                start(i);
            }
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public LambdaRuntimeApi runtimeApi() {
        return api;
    }

    public int instances() {
        return processes.length;
    }

    /** The processes running now, one per instance (a replaced one is no longer listed). */
    public synchronized List<FunctionProcess> processes() {
        List<FunctionProcess> running = new ArrayList<>();
        for (FunctionProcess p : processes) {
            if (p != null) {
                running.add(p);
            }
        }
        return running;
    }

    /** Instances replaced after a crash or a timeout. */
    public long replacements() {
        return replacements.get();
    }

    @Override
    public CompletableFuture<Invocation.Result> invoke(byte[] event, Duration timeout) {
        return api.invoke(event, timeout);
    }

    /** Waits until every instance has cold-started and asked for its first event. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!api.ready()) {
            if (api.initError().isPresent()) {
                throw new IllegalStateException("function " + name + " failed to initialise: " + api.initError().get());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("function " + name + " did not start within " + timeout.toSeconds() + " s; see "
                        + logOf(0));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private Path logOf(int instance) {
        FunctionProcess p = processes[instance];
        return p == null ? null : p.logFile();
    }

    private synchronized void start(int instance) throws IOException {
        if (closing) {
            return;
        }
        FunctionProcess process = builders.apply(instance).runtimeApiAddress(api.address(instance)).start();
        processes[instance] = process;
        startedAt[instance] = Instant.now();
        process.onExit().thenAccept(code -> exited(instance, process, code));
    }

    private void exited(int instance, FunctionProcess process, int code) {
        if (closing || process.stopped() || processes[instance] != process) {
            return; // stopped on purpose (also by this JVM's shutdown hooks): nothing to replace
        }
        String reason = "process exited with code " + code + " (log: " + process.logFile() + ")";
        api.runtimeExited(instance, reason);
        boolean quick = Duration.between(startedAt[instance], Instant.now()).compareTo(SHORT_LIFE) < 0;
        quickDeaths[instance] = quick ? quickDeaths[instance] + 1 : 0;
        long pauseMs = quickDeaths[instance] == 0 ? 0
                : Math.min(MAX_PAUSE.toMillis(), 500L << Math.min(6, quickDeaths[instance] - 1));
        LOG.log(System.Logger.Level.WARNING, "function " + name + " instance " + instance + ": " + reason
                + "; starting a new instance" + (pauseMs > 0 ? " in " + pauseMs + " ms" : ""));
        replacements.incrementAndGet();
        restarter.schedule(() -> {
            try {
                start(instance);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "function " + name + " instance " + instance + " could not be restarted: " + e.getMessage());
            }
        }, pauseMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closing = true;
        restarter.shutdownNow();
        List<FunctionProcess> running;
        synchronized (this) {
            running = processes();
        }
        running.parallelStream().forEach(FunctionProcess::close);
        api.close();
    }

}
