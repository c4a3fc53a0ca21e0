package io.kargotakip.local;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.LocalSettings;
import io.kargotakip.emulators.ups.UpsSandbox;
import io.kargotakip.local.runtime.FunctionProcess;
import io.kargotakip.local.runtime.HttpApiFront;
import io.kargotakip.local.runtime.LambdaRuntimeApi;
import io.kargotakip.local.runtime.Schedule;
import io.kargotakip.local.runtime.SqsEventSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole product on this machine, wired as {@code template.yaml} wires it on AWS: emulators for
 * DynamoDB, SQS and SES, the tables and queues (with DLQs), every function started from its own
 * packaged artifact behind a Lambda Runtime API, an SQS event source per queue (batches, partial
 * failures), the HTTP API front for the HTTP functions, and the poller's schedule. A UPS sandbox
 * stands in for UPS. {@link #close()} stops everything it started, in reverse order.
 */
public final class LocalPlatform implements AutoCloseable {

    /** Function timeout locally; queues hide a message 6× as long, as on AWS. */
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(10);

    public static final String UPS_WEBHOOK_CREDENTIAL = "local-ups-track-alert-credential";
    public static final String ORDERS_API_KEY = "local-orders-api-key";

    /**
     * What to start; with {@code requestCountsDir} every function and the event sources count their
     * AWS calls into files there ({@link io.kargotakip.aws.observability.RequestCounter}).
     */
    public record Options(Path root, int httpPort, Duration pollEvery, Path logDir, Path requestCountsDir) {
        public Options(Path root, int httpPort, Duration pollEvery, Path logDir) {
            this(root, httpPort, pollEvery, logDir, null);
        }

        public static Options defaults(Path root) {
            return new Options(root, 3000, Duration.ofSeconds(30), root.resolve(".kargo/logs"));
        }
    }

    private final Options options;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, LambdaRuntimeApi> runtimes = new LinkedHashMap<>();
    private final Map<String, FunctionProcess> processes = new LinkedHashMap<>();
    private final List<SqsEventSource> eventSources = new ArrayList<>();
    private final InvocationCounter invocations = new InvocationCounter();
    private Emulators emulators;
    private UpsSandbox ups;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private KargoQueues.Urls queues;
    private TableNames tables;
    private HttpApiFront front;
    private Schedule pollSchedule;

    private LocalPlatform(Options options) {
        this.options = options;
    }

    /** Starts everything; on any failure stops what already runs and rethrows. */
    public static LocalPlatform start(Options options, Consumer<String> progress) {
        LocalPlatform platform = new LocalPlatform(options);
        try {
            platform.boot(progress);
            return platform;
        } catch (RuntimeException | IOException e) {
            platform.close();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new UncheckedIOException((IOException) e);
        }
    }

    private void boot(Consumer<String> progress) throws IOException {
        Files.createDirectories(options.logDir());
        progress.accept("starting emulators (dynalite, aws-ses-v2-local, ElasticMQ) and the UPS sandbox");
        emulators = Emulators.start(options.root(), options.logDir());
        started.push(emulators);
        ups = new UpsSandbox();
        started.push(ups);
        dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        started.push(dynamo);
        sqs = AwsClients.sqs(emulators.sqs());
        started.push(sqs);

        tables = TableNames.fromEnvironment(k -> null);
        KargoTables.createAll(dynamo, tables);
        queues = KargoQueues.createAll(sqs, "", (int) FUNCTION_TIMEOUT.multipliedBy(6).toSeconds());
        progress.accept("created tables " + tables.orders() + ", " + tables.shipments() + ", " + tables.events() + ", "
                + tables.notifications() + " and queues raw-events, status-changes, outbound (each with a DLQ)");

        Map<String, String> env = environment();
        for (String name : List.of("webhook-receiver", "orders-api", "poller", "normalizer", "rule-evaluator", "sender")) {
            startFunction(name, name.endsWith("-receiver") || name.endsWith("-api")
                    ? FunctionProcess.Kind.HTTP : FunctionProcess.Kind.WORKER, env);
        }
        progress.accept("started 6 functions from their packaged artifacts (logs in " + options.logDir() + ")");

        eventSources.add(eventSource("raw-events", "normalizer"));
        eventSources.add(eventSource("status-changes", "rule-evaluator"));
        eventSources.add(eventSource("outbound", "sender"));

        try {
            front = new HttpApiFront(options.httpPort(), Map.of(
                    "POST /webhooks/{source}", invocations.wrap("webhook-receiver", runtimes.get("webhook-receiver"), true),
                    "POST /orders", invocations.wrap("orders-api", runtimes.get("orders-api"), true)), FUNCTION_TIMEOUT.multipliedBy(3));
        } catch (java.net.BindException e) {
            throw new IllegalStateException("port " + options.httpPort() + " is in use; choose another with --port N");
        }
        started.push(front);
        pollSchedule = new Schedule("kargo-poller", options.pollEvery(), invocations.wrap("poller", runtimes.get("poller"), false), FUNCTION_TIMEOUT.multipliedBy(6)).start();
        started.push(pollSchedule);
        progress.accept("HTTP API on " + front.baseUri() + " (POST /webhooks/{source}, POST /orders); poller every "
                + options.pollEvery().toSeconds() + " s");
    }

    /** What {@code template.yaml} sets on AWS, pointed at the emulators and the UPS sandbox. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(LocalSettings.forEmulators(emulators, UPS_WEBHOOK_CREDENTIAL, ORDERS_API_KEY));
        env.putAll(queues.environment());
        env.putAll(tables.environment());
        env.put("KARGO_CARRIER_UPS_BASE_URL", ups.baseUrl());
        env.put("KARGO_CARRIER_UPS_CLIENT_ID", UpsSandbox.CLIENT_ID);
        env.put("KARGO_CARRIER_UPS_CLIENT_SECRET", UpsSandbox.CLIENT_SECRET);
        if (options.requestCountsDir() != null) {
            env.put(io.kargotakip.aws.observability.RequestCounter.DIR_ENV, options.requestCountsDir().toString());
        }
        return LocalSettings.asEnvironmentVariables(env);
    }

    private void startFunction(String name, FunctionProcess.Kind kind, Map<String, String> env) throws IOException {
        LambdaRuntimeApi api = new LambdaRuntimeApi(name);
        started.push(api);
        runtimes.put(name, api);
        Path artifact = options.root().resolve("functions/" + name + "/target/" + name + "-runner.jar");
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException(artifact + " is missing: build first (./kargo builds it)");
        }
        FunctionProcess process = FunctionProcess.builder(options.root(), name, kind)
                .runtimeApi(api).env(env).memoryMb(256).logFile(options.logDir().resolve(name + ".log")).start();
        started.push(process);
        processes.put(name, process);
    }

    private SqsEventSource eventSource(String queue, String function) {
        // the event sources' receives and deletes are billed to the merchant (Lambda's pollers on AWS): counted, apart from ours
        SqsClient client = sqs;
        if (options.requestCountsDir() != null) {
            client = AwsClients.sqs(emulators.sqs(),
                    io.kargotakip.aws.observability.RequestCounter.toDir(options.requestCountsDir(), "event-source-" + queue));
            started.push(client);
        }
        SqsEventSource source = new SqsEventSource(client, queues.byName().get(queue), 10,
                invocations.wrap(function, runtimes.get(function), false), FUNCTION_TIMEOUT).start();
        started.push(source);
        return source;
    }

    public URI httpApi() {
        return front.baseUri();
    }

    public Emulators emulators() {
        return emulators;
    }

    public UpsSandbox ups() {
        return ups;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public TableNames tables() {
        return tables;
    }

    public KargoQueues.Urls queues() {
        return queues;
    }

    public Schedule pollSchedule() {
        return pollSchedule;
    }

    /** Invocations, durations and API Gateway requests so far, per function. */
    Map<String, InvocationCounter.Counts> invocations() {
        return invocations.snapshot();
    }

    public Map<String, FunctionProcess> processes() {
        return processes;
    }

    /** Enables or disables every SQS event source, as with their mappings' {@code Enabled} flag on AWS. */
    public void eventSourcesEnabled(boolean enabled) {
        eventSources.forEach(source -> source.enabled(enabled));
    }

    /** Messages waiting or in flight on the three pipeline queues (not the DLQs). */
    public long inFlight() {
        long total = 0;
        for (String name : KargoQueues.NAMES) {
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queues.byName().get(name)).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            for (String v : a.values()) {
                total += Long.parseLong(v);
            }
        }
        return total;
    }

    /** Waits until every pipeline queue is empty and has stayed so for a moment. */
    public void awaitQuiet(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        int quietChecks = 0;
        while (Instant.now().isBefore(deadline)) {
            quietChecks = inFlight() == 0 ? quietChecks + 1 : 0;
            if (quietChecks >= 3) {
                return;
            }
            sleep(Duration.ofMillis(150));
        }
        throw new IllegalStateException("the pipeline did not drain within " + timeout.toSeconds() + " s; see " + options.logDir());
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("while stopping " + next.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
