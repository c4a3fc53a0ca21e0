package io.kargotakip.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The AWS Lambda Runtime API (2018-06-01) for one function, on 127.0.0.1: the function's own artifact
 * polls it exactly as it polls Lambda's. Each instance (execution environment) gets its own port, so the
 * API knows which process holds which invocation. Events handed to {@link #invoke} wait in one queue and
 * go out one per {@code GET /invocation/next}, so each process handles one at a time, as on Lambda.
 * Every invocation has a deadline, {@code timeout} after it was handed in: by then it has an answer, or
 * it fails with Lambda's timeout error — whether it was running or still waiting for a free instance.
 */
public final class LambdaRuntimeApi implements FunctionInvoker, AutoCloseable {


    public static final String ACCOUNT_ID = "000000000000";
    public static final String REGION = "us-east-1";
    /** Lambda's limit for a synchronous response (the number its error message quotes). */
    static final int MAX_RESPONSE_BYTES = 6_291_556;
    /** Lambda's error type for an invocation that ran out of time. */
    public static final String TIMEOUT_ERROR = "Sandbox.Timedout";

    private static final System.Logger LOG = System.getLogger(LambdaRuntimeApi.class.getName());
    private static final String BASE = "/2018-06-01/runtime/";
    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String functionName;
    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService handlers;
    private final ScheduledThreadPoolExecutor timers;
    private final LinkedBlockingDeque<Invocation> pending = new LinkedBlockingDeque<>();
    /** Handed out and not yet answered; a timed-out one stays until the runtime answers it late or exits. */
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    /** Per instance: has its runtime asked for an event since it (re)started? */
    private final boolean[] asked;
    private volatile IntConsumer onTimeout = instance -> { };
    private volatile String initError;
    private volatile boolean closed;

    public LambdaRuntimeApi(String functionName) throws IOException {
        this(functionName, 1);
    }

    /** @param instances how many runtime processes may poll it at once (one port each) */
    public LambdaRuntimeApi(String functionName, int instances) throws IOException {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, was " + instances);
        }
        this.functionName = Objects.requireNonNull(functionName);
        this.asked = new boolean[instances];
        // a long poll holds its thread, so handlers get a pool rather than the server's single thread
        this.handlers = Executors.newCachedThreadPool(daemonThreads("runtime-api-" + functionName));
        this.timers = new ScheduledThreadPoolExecutor(1, daemonThreads("runtime-api-timer-" + functionName));
        timers.setRemoveOnCancelPolicy(true);
        for (int i = 0; i < instances; i++) {
            int instance = i;
            HttpServer server = io.kargotakip.emulators.LoopbackHttpServer.create(0);
            server.createContext("/", ex -> handle(ex, instance));
            server.setExecutor(handlers);
            server.start();
            servers.add(server);
        }
    }

    public String functionName() {
        return functionName;
    }

    public String functionArn() {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + functionName;
    }

    public int instances() {
        return servers.size();
    }

    public int port() {
        return port(0);
    }

    public int port(int instance) {
        return servers.get(instance).getAddress().getPort();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API} for the (first) instance's process. */
    public String address() {
        return address(0);
    }

    public String address(int instance) {
        return "127.0.0.1:" + port(instance);
    }

    /** Called with the instance whose running invocation passed its deadline (its process should be replaced). */
    public void onTimeout(IntConsumer listener) {
        this.onTimeout = Objects.requireNonNull(listener);
    }

    /** Whether every instance's runtime has asked for an event since it last (re)started. */
    public synchronized boolean ready() {
        for (boolean a : asked) {
            if (!a) {
                return false;
            }
        }
        return true;
    }

    /** Invocations handed to a runtime and not yet answered. */
    public int running() {
        return (int) inFlight.values().stream().filter(inv -> !inv.future.isDone()).count();
    }

    /** The init error the runtime reported ({@code errorType: errorMessage}), if any. */
    public Optional<String> initError() {
        return Optional.ofNullable(initError);
    }

    @Override
    public CompletableFuture<Invocation.Result> invoke(byte[] event, Duration timeout) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(timeout, "timeout");
        String refusal = refusal();
        if (refusal != null) {
            return CompletableFuture.failedFuture(new FunctionUnavailableException(refusal));
        }
        Invocation inv = new Invocation(UUID.randomUUID().toString(), event, timeout, System.currentTimeMillis() + timeout.toMillis());
        // nothing waits forever: running or still queued, the invocation ends at its deadline
        inv.timer = timers.schedule(() -> timedOut(inv), timeout.toMillis(), TimeUnit.MILLISECONDS);
        inv.future.whenComplete((r, e) -> inv.timer.cancel(false));
        pending.addLast(inv); // after the timer exists: a waiting runtime may take it at once
        String late = refusal();
        if (late != null) { // raced with close or an init error
            failPending(new FunctionUnavailableException(late));
        }
        return inv.future;
    }

    private void timedOut(Invocation inv) {
        boolean queued = pending.remove(inv);
        String message = String.format("RequestId: %s Error: Task timed out after %.2f seconds", inv.requestId, inv.timeout.toMillis() / 1000.0);
        if (inv.future.complete(Invocation.Result.error(TIMEOUT_ERROR, queued
                ? message + " (no instance of " + functionName + " took the event: starting, busy or down)" : message))) {
            if (!queued && inv.dispatched) {
                LOG.log(System.Logger.Level.WARNING, functionName + " instance " + inv.instance + ": " + message);
                onTimeout.accept(inv.instance);
            }
        }
    }

    /**
     * Tells the API an instance's runtime process ended: what it was running fails with
     * {@code Runtime.ExitError}, as on Lambda. Queued events wait for another instance (or a replacement)
     * until their deadline.
     */
    public void runtimeExited(int instance, String reason) {
        synchronized (this) {
            asked[instance] = false;
        }
        inFlight.values().removeIf(inv -> {
            if (inv.instance != instance) {
                return false;
            }
            inv.future.complete(Invocation.Result.error("Runtime.ExitError",
                    "RequestId: " + inv.requestId + " Error: Runtime exited: " + reason));
            return true;
        });
    }

    public void runtimeExited(String reason) {
        runtimeExited(0, reason);
    }

    @Override
    public void close() {
        closed = true;
        servers.forEach(server -> server.stop(0));
        handlers.shutdownNow();
        failAll(new FunctionUnavailableException("runtime API of " + functionName + " is closed"));
        timers.shutdownNow();
    }

    private String refusal() {
        if (closed) {
            return "runtime API of " + functionName + " is closed";
        }
        if (initError != null) {
            return "function " + functionName + " failed to initialise: " + initError;
        }
        return null;
    }

    private void failAll(Throwable cause) {
        failPending(cause);
        inFlight.values().forEach(inv -> inv.future.completeExceptionally(cause));
        inFlight.clear();
    }

    private void failPending(Throwable cause) {
        Invocation inv;
        while ((inv = pending.pollFirst()) != null) {
            inv.future.completeExceptionally(cause);
        }
    }

    // ---- HTTP side: what the runtime inside the function calls

    private void handle(HttpExchange ex, int instance) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (!path.startsWith(BASE)) {
                reply(ex, 404, error("InvalidPath", "unknown path " + path));
                return;
            }
            String rest = path.substring(BASE.length());
            if (rest.equals("invocation/next")) {
                if (require(ex, method, "GET")) {
                    next(ex, instance);
                }
            } else if (rest.equals("init/error")) {
                if (require(ex, method, "POST")) {
                    initError(ex);
                }
            } else if (rest.startsWith("invocation/") && rest.endsWith("/response")) {
                if (require(ex, method, "POST")) {
                    answer(ex, rest.substring("invocation/".length(), rest.length() - "/response".length()), false);
                }
            } else if (rest.startsWith("invocation/") && rest.endsWith("/error")) {
                if (require(ex, method, "POST")) {
                    answer(ex, rest.substring("invocation/".length(), rest.length() - "/error".length()), true);
                }
            } else {
                reply(ex, 404, error("InvalidPath", "unknown path " + path));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "runtime API exchange of " + functionName + " failed", e);
        }
    }

    private void next(HttpExchange ex, int instance) throws IOException {
        synchronized (this) {
            asked[instance] = true;
        }
        Invocation inv = take();
        if (inv == null) {
            reply(ex, 500, error("ServiceException", "runtime API of " + functionName + " is closed"));
            return;
        }
        inv.instance = instance;
        inv.dispatched = true;
        inFlight.put(inv.requestId, inv);
        var h = ex.getResponseHeaders();
        h.set("Content-Type", "application/json");
        h.set("Lambda-Runtime-Aws-Request-Id", inv.requestId);
        h.set("Lambda-Runtime-Deadline-Ms", Long.toString(inv.deadlineMs));
        h.set("Lambda-Runtime-Invoked-Function-Arn", functionArn());
        h.set("Lambda-Runtime-Trace-Id", traceId());
        try {
            reply(ex, 200, inv.event);
        } catch (IOException e) {
            // the runtime hung up before taking it (e.g. it was stopped): the next runtime gets it
            inFlight.remove(inv.requestId);
            inv.dispatched = false;
            if (!inv.future.isDone()) {
                pending.addFirst(inv);
            }
            throw e;
        }
    }

    /** Blocks until an event is queued; null once closed. Events that already failed are dropped. */
    private Invocation take() {
        while (!closed) {
            try {
                Invocation inv = pending.pollFirst(250, TimeUnit.MILLISECONDS);
                if (inv != null && !inv.future.isDone()) {
                    return inv;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void answer(HttpExchange ex, String requestId, boolean isError) throws IOException {
        byte[] body = readBody(ex.getRequestBody());
        Invocation inv = inFlight.remove(requestId);
        if (inv == null) {
            reply(ex, 400, error("InvalidRequestID", "unknown or already answered request id " + requestId));
            return;
        }
        if (isError) {
            ErrorBody err = ErrorBody.parse(body, ex.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
            inv.future.complete(Invocation.Result.error(err.type, err.message));
        } else if (body.length > MAX_RESPONSE_BYTES) {
            inv.future.complete(Invocation.Result.error("Function.ResponseSizeTooLarge",
                    "Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes)."));
            reply(ex, 413, error("RequestEntityTooLarge", "response payload over " + MAX_RESPONSE_BYTES + " bytes"));
            return;
        } else {
            inv.future.complete(Invocation.Result.success(body));
        }
        reply(ex, 202, ACCEPTED);
    }

    private void initError(HttpExchange ex) throws IOException {
        ErrorBody err = ErrorBody.parse(readBody(ex.getRequestBody()), ex.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
        initError = err.type + ": " + err.message;
        LOG.log(System.Logger.Level.WARNING, "function " + functionName + " failed to initialise: " + initError);
        failAll(new FunctionUnavailableException("function " + functionName + " failed to initialise: " + initError));
        reply(ex, 202, ACCEPTED);
    }

    private static boolean require(HttpExchange ex, String method, String expected) throws IOException {
        if (method.equals(expected)) {
            return true;
        }
        ex.getResponseHeaders().set("Allow", expected);
        reply(ex, 405, error("MethodNotAllowed", method + " not allowed here"));
        return false;
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        if (!ex.getResponseHeaders().containsKey("Content-Type")) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] error(String type, String message) {
        var node = Json.object();
        node.put("errorMessage", message);
        node.put("errorType", type);
        return Json.bytes(node);
    }

    /** An X-Ray trace header, as Lambda passes one per invocation. */
    static String traceId() {
        HexFormat hex = HexFormat.of();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        RANDOM.nextBytes(root);
        RANDOM.nextBytes(parent);
        return "Root=1-" + String.format("%08x", Instant.now().getEpochSecond()) + "-" + hex.formatHex(root)
                + ";Parent=" + hex.formatHex(parent) + ";Sampled=1";
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The body a runtime posts to an error endpoint: {@code {"errorMessage","errorType","stackTrace"}}, or anything. */
    private record ErrorBody(String type, String message) {
        static ErrorBody parse(byte[] body, String headerType) {
            String type = null;
            String message = null;
            try {
                JsonNode node = Json.MAPPER.readTree(body);
                if (node != null && node.isObject()) {
                    type = node.path("errorType").isTextual() ? node.get("errorType").asText() : null;
                    message = node.path("errorMessage").isTextual() ? node.get("errorMessage").asText() : null;
                }
            } catch (IOException notJson) {
                message = new String(body, StandardCharsets.UTF_8);
            }
            if (type == null || type.isBlank()) {
                type = headerType == null || headerType.isBlank() ? "Unhandled" : headerType;
            }
            return new ErrorBody(type, message == null ? "" : message);
        }
    }
}
