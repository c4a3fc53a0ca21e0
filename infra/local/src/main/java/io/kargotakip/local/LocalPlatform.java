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
import io.kargotakip.local.runtime.LocalFunction;
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
 * DynamoDB, SQS, SES and SNS (SMS, recorded by {@link io.kargotakip.emulators.sns.SnsSandbox}), the tables and queues (with DLQs), every function started from its own
 * packaged artifact behind a Lambda Runtime API, an SQS event source per queue (batches, partial
 * failures), the HTTP API front for the HTTP functions, and the poller's schedule. A UPS sandbox
 * stands in for UPS. {@link #close()} stops everything it started, in reverse order.
 */
public final class LocalPlatform implements AutoCloseable {

    /** Timeouts and visibility timeouts are template.yaml's times this ({@code KARGO_LOCAL_TIME_SCALE}). */
    public static final double DEFAULT_TIME_SCALE = 0.2;
    /** Instances per function at most ({@code KARGO_LOCAL_MAX_INSTANCES}), where the template allows more: two cores, six JVMs. */
    public static final int DEFAULT_MAX_INSTANCES = 1;
    /**
     * No local timeout is shorter: a fresh JVM's first invocation (class loading, SDK clients, no JIT yet)
     * takes seconds on a shared 2-core machine, where Lambda's init phase would not count against it.
     */
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(8);
    private static final Duration COLD_START_LIMIT = Duration.ofSeconds(120);

    public static final String UPS_WEBHOOK_CREDENTIAL = "local-ups-track-alert-credential";
    public static final String ORDERS_API_KEY = "local-orders-api-key";

    /**
     * What to start. {@code timeScale} scales template.yaml's function timeouts and queue visibility
     * timeouts (so a failed message comes back in seconds, not minutes); {@code maxInstances} bounds each
     * function's concurrent instances where the template allows more; with {@code requestCountsDir} every
     * function and the event sources count their AWS calls into files there
     * ({@link io.kargotakip.aws.observability.RequestCounter}).
     */
    public record Options(Path root, int httpPort, Duration pollEvery, Path logDir, double timeScale, int maxInstances,
                          Path requestCountsDir) {
        public Options {
            if (!(timeScale > 0) || timeScale > 1) {
                throw new IllegalArgumentException("KARGO_LOCAL_TIME_SCALE must be in (0, 1], was " + timeScale);
            }
            if (maxInstances < 1 || maxInstances > 8) {
                throw new IllegalArgumentException("KARGO_LOCAL_MAX_INSTANCES must be 1..8, was " + maxInstances);
            }
        }

        /** Scale and instances from {@code KARGO_LOCAL_TIME_SCALE} / {@code KARGO_LOCAL_MAX_INSTANCES}, else the defaults; nothing counted. */
        public Options(Path root, int httpPort, Duration pollEvery, Path logDir) {
            this(root, httpPort, pollEvery, logDir, setting("KARGO_LOCAL_TIME_SCALE", DEFAULT_TIME_SCALE),
                    (int) setting("KARGO_LOCAL_MAX_INSTANCES", DEFAULT_MAX_INSTANCES), null);
        }

        public static Options defaults(Path root) {
            return new Options(root, 3000, Duration.ofSeconds(30), root.resolve(".kargo/logs"));
        }

        public Options withTimeScale(double scale) {
            return new Options(root, httpPort, pollEvery, logDir, scale, maxInstances, requestCountsDir);
        }

        public Options withRequestCounts(Path dir) {
            return new Options(root, httpPort, pollEvery, logDir, timeScale, maxInstances, dir);
        }

        private static double setting(String name, double fallback) {
            String v = System.getenv(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, was '" + v + "'");
            }
        }
    }

    private final Options options;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private LambdaTemplate template;
    private final List<SqsEventSource> eventSources = new ArrayList<>();
    private final Map<String, io.kargotakip.local.runtime.LogsSubscription> logSubscriptions = new HashMap<>();
    private final InvocationCounter invocations = new InvocationCounter();
    private Emulators emulators;
    private CarrierSandboxes sandboxes;
    private io.kargotakip.emulators.whatsapp.WhatsAppSandbox whatsApp;
    private io.kargotakip.emulators.helpdesk.HelpdeskSandbox helpdesk;
    private io.kargotakip.emulators.webpush.WebPushSandbox webPush;
    private VapidKeyPair vapidKeys;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private KargoQueues.Urls queues;
    private TableNames tables;
    private HttpApiFront front;
    /** The HTTP API's port, chosen before the functions start: their messages' links and the web push origins name it. */
    private int httpPort;
    private Schedule pollSchedule;
    private OutboxPage outboxPage;
    private Schedule releaseHeld;
    private io.kargotakip.aws.ShiftedClock clock;

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

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void boot(Consumer<String> progress) throws IOException {
        Files.createDirectories(options.logDir());
        // each run's analytics files are its own (the stand-in's stream and the demo's simulated month)
        deleteTree(options.logDir().resolve("analytics"));
        clock = startClock(options.logDir().resolve("clock"));
        progress.accept("starting emulators (dynalite, aws-ses-v2-local, ElasticMQ, the SNS stand-in for SMS), the carrier and marketplace "
                + "sandboxes, the WhatsApp Graph API sandbox (WireMock) and a web push service");
        emulators = Emulators.start(options.root(), options.logDir());
        started.push(emulators);
        sandboxes = new CarrierSandboxes();
        started.push(sandboxes);
        // not a carrier: kept apart from the carriers' sandboxes (and their call counts)
        whatsApp = new io.kargotakip.emulators.whatsapp.WhatsAppSandbox();
        started.push(whatsApp);
        // the merchant's helpdesk (generic JSON tickets) and operations' chat webhook, for the rules' tickets and alerts
        helpdesk = new io.kargotakip.emulators.helpdesk.HelpdeskSandbox();
        started.push(helpdesk);
        // the browsers' push service: decrypts what the sender pushes, with a VAPID key pair made for this run
        vapidKeys = VapidKeyPair.generate();
        webPush = new io.kargotakip.emulators.webpush.WebPushSandbox();
        webPush.expectVapidKey(vapidKeys.publicKey());
        started.push(webPush);
        dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        started.push(dynamo);
        sqs = AwsClients.sqs(emulators.sqs());
        started.push(sqs);

        // deployed as the local stack runs: SMS with the demo merchant's sender, push with its Android app
        template = LambdaTemplate.read(options.root().resolve("template.yaml"),
                Map.of("SmsSenderId", "ModaX", "PushFcmAppArn", TimedChannels.FCM_APP_ARN));
        tables = TableNames.fromEnvironment(k -> null);
        KargoTables.createAll(dynamo, tables);
        Map<String, Integer> visibility = new HashMap<>();
        // as on AWS, a queue hides a message at least 6x its consumer's timeout, so a slow batch is not handed out twice
        template.functions().values().forEach(f -> f.sqsSources().forEach(s -> visibility.put(s.queue(),
                (int) Math.max(scaled(s.visibilityTimeout()).toSeconds(), timeout(f).multipliedBy(6).toSeconds()))));
        queues = KargoQueues.createAll(sqs, "", visibility::get);
        progress.accept("created tables " + tables.orders() + ", " + tables.shipments() + ", " + tables.events() + ", "
                + tables.notifications() + ", " + tables.failures() + ", " + tables.discountCodes() + " and queues " + String.join(", ", KargoQueues.NAMES) + " (each with a DLQ)");

        httpPort = options.httpPort() != 0 ? options.httpPort() : freePort();
        Map<String, String> env = environment();
        List<String> names = List.of("webhook-receiver", "orders-api", "poller", "normalizer", "rule-evaluator", "sender", "delivery-logs",
                "tracking-page");
        for (String name : names) {
            startFunction(template.function(name), env);
        }
        for (LocalFunction f : functions.values()) {
            f.awaitReady(COLD_START_LIMIT);
        }
        progress.accept("started " + names.size() + " functions from their packaged artifacts (logs in " + options.logDir()
                + "); timeouts and visibility at " + options.timeScale() + "x template.yaml's (KARGO_LOCAL_TIME_SCALE)");

        template.functions().values().stream().sorted(java.util.Comparator.comparing(LambdaTemplate.Function::name))
                .forEach(f -> f.sqsSources().forEach(s -> eventSources.add(eventSource(s, f))));
        // the template's log subscriptions; the SNS stand-in logs every SMS's and push's delivery status, as SNS does once
        // the account's SMS preferences and the platform application name a delivery status role (README, "Delivery status")
        template.functions().values().forEach(f -> f.logGroups().forEach(group -> {
            var subscription = new io.kargotakip.local.runtime.LogsSubscription(group, f.name() + "-" + logSubscriptions.size(),
                    invocations.wrap(f.name(), functions.get(f.name()), false), timeout(f), scaled(Duration.ofSeconds(5))).start();
            started.push(subscription);
            logSubscriptions.put(group, subscription);
        }));
        emulators.snsSandbox().logDeliveryStatus(io.kargotakip.local.runtime.LambdaRuntimeApi.REGION,
                io.kargotakip.local.runtime.LambdaRuntimeApi.ACCOUNT_ID, (group, record) -> {
                    var subscription = logSubscriptions.get(group);
                    if (subscription != null) {
                        subscription.write(record);
                    }
                });

        Map<String, HttpApiFront.Target> routes = new LinkedHashMap<>();
        template.functions().values().forEach(f -> f.routes().forEach(route ->
                routes.put(route, new HttpApiFront.Target(invocations.wrap(f.name(), functions.get(f.name()), true), timeout(f)))));
        try {
            front = new HttpApiFront(httpPort, routes);
        } catch (java.net.BindException e) {
            throw new IllegalStateException("port " + httpPort + " is in use; choose another with --port N");
        }
        started.push(front);
        pollSchedule = new Schedule("kargo-poller", options.pollEvery(), invocations.wrap("poller", functions.get("poller"), false),
                timeout(template.function("poller"))).start();
        started.push(pollSchedule);
        // template.yaml's ReleaseHeld schedule of the rule evaluator (every 5 minutes on AWS)
        releaseHeld = new Schedule("kargo-release-held", RELEASE_HELD_EVERY, invocations.wrap("rule-evaluator",
                functions.get("rule-evaluator"), false), timeout(template.function("rule-evaluator"))).start();
        started.push(releaseHeld);
        outboxPage = OutboxPage.start(new io.kargotakip.aws.store.NotificationRepository(dynamo(), tables.notifications(), Duration.ofDays(30)));
        started.push(outboxPage);
        progress.accept("HTTP API on " + front.baseUri() + " (" + String.join(", ", routes.keySet()) + "); poller every "
                + options.pollEvery().toSeconds() + " s");
    }

    /**
     * The notification side's clock (the rule evaluator's and the sender's, {@code KARGO_CLOCK_FILE}), which the demo
     * moves forward. It starts in Istanbul's daytime: quiet hours are on locally as on AWS, and a demo or test run at
     * night would otherwise see every SMS held until 08:00.
     */
    static io.kargotakip.aws.ShiftedClock startClock(Path file) throws IOException {
        Files.deleteIfExists(file);
        io.kargotakip.aws.ShiftedClock clock = new io.kargotakip.aws.ShiftedClock(file, java.time.Clock.systemUTC());
        clock.advanceTo(daytime(clock.instant()));
        return clock;
    }

    /** {@code now}, or the next 09:00 in Istanbul when {@code now} is later than 19:00 or earlier than 08:00 there. */
    static java.time.Instant daytime(java.time.Instant now) {
        java.time.ZonedDateTime local = now.atZone(ISTANBUL);
        if (local.getHour() >= 8 && local.getHour() < 19) {
            return now;
        }
        java.time.ZonedDateTime nine = local.toLocalDate().atTime(9, 0).atZone(ISTANBUL);
        return (local.getHour() >= 19 ? nine.plusDays(1) : nine).toInstant();
    }

    static final java.time.ZoneId ISTANBUL = java.time.ZoneId.of("Europe/Istanbul");

    /** The rule evaluator's and the sender's clock: moving it forward makes held messages due. */
    public io.kargotakip.aws.ShiftedClock clock() {
        return clock;
    }

    /** A port free now on the loopback address (the HTTP API binds it moments later). */
    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** How often the local schedule queues again the messages quiet hours held. */
    static final Duration RELEASE_HELD_EVERY = Duration.ofSeconds(30);

    /** A template duration at the local time scale, at least {@link #MIN_TIMEOUT}. */
    Duration scaled(Duration templateValue) {
        Duration d = Duration.ofMillis(Math.round(templateValue.toMillis() * options.timeScale()));
        return d.compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : d;
    }

    Duration timeout(LambdaTemplate.Function f) {
        return scaled(f.timeout());
    }

    /** Instances of a function: what the template allows, at most {@code maxInstances}. */
    int instances(LambdaTemplate.Function f) {
        return Math.min(options.maxInstances(), f.concurrencyLimit().orElse(Integer.MAX_VALUE));
    }

    /** What {@code template.yaml} sets on AWS, pointed at the emulators (SES, SNS: {@code KARGO_ENDPOINT_SNS}) and the sandboxes. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(LocalSettings.forEmulators(emulators, UPS_WEBHOOK_CREDENTIAL, ORDERS_API_KEY));
        env.putAll(queues.environment());
        env.putAll(tables.environment());
        // as on AWS: base URLs as variables, the credentials in one JSON secret (SecretsJsonConfigSource reads it)
        Map<String, String> secrets = new java.util.TreeMap<>();
        Map<String, String> sandboxSettings = new HashMap<>(sandboxes.settings());
        sandboxSettings.putAll(whatsApp.settings());
        sandboxSettings.forEach((key, value) -> {
            if (key.endsWith("_BASE_URL") || key.endsWith("_AUTH_URL") || key.endsWith("_SERVICE_PATH")) {
                env.put(key, value);
            } else {
                secrets.put(key, value);
            }
        });
        // web push as template.yaml sets it: the public key and subject as variables, the private key in the secret
        env.put("KARGO_HELPDESK_FORMAT", "generic");
        env.put("KARGO_HELPDESK_URL", helpdesk.ticketsUrl().toString());
        env.put("KARGO_OPS_WEBHOOK_URL", helpdesk.webhookUrl().toString());
        env.put("KARGO_WEBPUSH_VAPID_PUBLIC_KEY", vapidKeys.publicKey());
        env.put("KARGO_WEBPUSH_SUBJECT", "mailto:ops@kargo-takip.local");
        env.put("KARGO_WEBPUSH_ALLOWED_ORIGINS", "http://localhost:" + httpPort + ",http://127.0.0.1:" + httpPort);
        secrets.put("KARGO_WEBPUSH_VAPID_PRIVATE_KEY", vapidKeys.privateKey());
        env.put(io.kargotakip.aws.SecretsJsonConfigSource.VARIABLE, io.kargotakip.aws.Json.write(secrets));
        if (options.requestCountsDir() != null) {
            env.put(io.kargotakip.aws.observability.RequestCounter.DIR_ENV, options.requestCountsDir().toString());
        }
        // the messages' links (/u/ opt-out, /c/ tracked link, /o/ pixel, /t/ tracking page) lead to this stack's HTTP API, so
        // the ones in the local outbox really work; the page wears the demo merchant's brand (examples/tracking-page.json)
        env.put("KARGO_TRACKING_BASE_URL", "http://127.0.0.1:" + httpPort);
        env.put(io.kargotakip.aws.page.PageSettings.VARIABLE, options.root().resolve("examples/tracking-page.json").toString());
        // the sender's fee table and channel send rates as the operator sets them; else the sender's defaults, as on AWS,
        // but for e-mail: the SES emulator has no account limit, so locally e-mail is not rate limited unless the shell
        // asks for SES's (KARGO_RATE_EMAIL_PER_SECOND=14 ./kargo bench)
        env.put("KARGO_RATE_EMAIL_PER_SECOND", "off");
        System.getenv().forEach((key, value) -> {
            // and the brand's rules, templates and operations' destinations, when the shell names them
            if (key.equals("KARGO_CHANNEL_FEES_FILE") || key.matches("KARGO_RATE_[A-Z0-9_]+_PER_SECOND")
                    || key.matches("KARGO_(RULES_FILE|RULES_RELOAD_SECONDS|TEMPLATES_DIR|POS_INFO|PAGE_CONFIG|OPS_[A-Z_]+|HELPDESK_[A-Z_]+)")) {
                env.put(key, value);
            }
        });
        // the sender's claim lease scales with the visibility timeout it must stay below
        env.put("KARGO_SEND_LEASE_SECONDS", Long.toString(scaled(io.kargotakip.aws.pipeline.Dispatcher.DEFAULT_SEND_LEASE).toSeconds()));
        // the demo merchant's Android app, a platform application of the SNS stand-in: turns push on (sender, orders API)
        env.put("KARGO_PUSH_FCM_APP_ARN", TimedChannels.FCM_APP_ARN);
        env.put(io.kargotakip.aws.ShiftedClock.FILE_ENV, options.logDir().resolve("clock").toAbsolutePath().toString());
        // quiet hours as on AWS (the clock starts in the daytime); KARGO_QUIET_HOURS=off in your shell turns them off
        env.put("KARGO_QUIET_HOURS", System.getenv().getOrDefault("KARGO_QUIET_HOURS", "22:00-08:00"));
        return LocalSettings.asEnvironmentVariables(env);
    }

    private void startFunction(LambdaTemplate.Function f, Map<String, String> env) throws IOException {
        String name = f.name();
        Path artifact = options.root().resolve("functions/" + name + "/target/" + name + "-runner.jar");
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException(artifact + " is missing: build first (./kargo builds it)");
        }
        FunctionProcess.Kind kind = f.routes().isEmpty() ? FunctionProcess.Kind.WORKER : FunctionProcess.Kind.HTTP;
        LocalFunction function = new LocalFunction(name, instances(f), instance -> FunctionProcess.builder(options.root(), name, kind)
                .env(env).memoryMb(f.memoryMb())
                .logFile(options.logDir().resolve(instance == 0 ? name + ".log" : name + "-" + (instance + 1) + ".log")));
        started.push(function);
        functions.put(name, function);
    }

    private SqsEventSource eventSource(LambdaTemplate.SqsSource s, LambdaTemplate.Function f) {
        // the event sources' receives and deletes are billed to the merchant (Lambda's pollers on AWS): counted, apart from ours
        SqsClient client = sqs;
        if (options.requestCountsDir() != null) {
            client = AwsClients.sqs(emulators.sqs(),
                    io.kargotakip.aws.observability.RequestCounter.toDir(options.requestCountsDir(), "event-source-" + s.queue()));
            started.push(client);
        }
        SqsEventSource source = new SqsEventSource(client, queues.byName().get(s.queue()), s.batchSize(), instances(f),
                invocations.wrap(f.name(), functions.get(f.name()), false), timeout(f)).start();
        started.push(source);
        return source;
    }

    public URI httpApi() {
        return front.baseUri();
    }

    /** The rule evaluator's schedule that queues again the messages held by quiet hours and fallback chains. */
    public Schedule releaseHeld() {
        return releaseHeld;
    }

    /** The outbox page of this stack ({@code kargo outbox} as HTML, and as JSON lines). */
    public URI outboxPage() {
        return outboxPage.uri();
    }

    public Emulators emulators() {
        return emulators;
    }

    public UpsSandbox ups() {
        return sandboxes.get(UpsSandbox.class);
    }

    /** The local helpdesk and chat webhook the rules' tickets and alerts go to ({@code KARGO_HELPDESK_URL}, {@code KARGO_OPS_WEBHOOK_URL}). */
    public io.kargotakip.emulators.helpdesk.HelpdeskSandbox helpdesk() {
        return helpdesk;
    }

    /** The local WhatsApp Cloud API the sender sends to ({@code KARGO_WHATSAPP_BASE_URL}). */
    public io.kargotakip.emulators.whatsapp.WhatsAppSandbox whatsApp() {
        return whatsApp;
    }

    /** The local push service the sender's web pushes go to (the subscriptions' endpoints are on it). */
    public io.kargotakip.emulators.webpush.WebPushSandbox webPush() {
        return webPush;
    }

    public CarrierSandboxes sandboxes() {
        return sandboxes;
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

    /** The function processes running now, by function (a second instance as {@code name#2}). */
    public Map<String, FunctionProcess> processes() {
        Map<String, FunctionProcess> running = new LinkedHashMap<>();
        functions.forEach((name, f) -> {
            List<FunctionProcess> ps = f.processes();
            for (int i = 0; i < ps.size(); i++) {
                running.put(i == 0 ? name : name + "#" + (i + 1), ps.get(i));
            }
        });
        return running;
    }

    public Map<String, LocalFunction> functions() {
        return functions;
    }

    public LambdaTemplate template() {
        return template;
    }

    public Options options() {
        return options;
    }

    /** Enables or disables every SQS event source, as with their mappings' {@code Enabled} flag on AWS. */
    public void eventSourcesEnabled(boolean enabled) {
        eventSources.forEach(source -> source.enabled(enabled));
    }

    /** Messages waiting or in flight on the three pipeline queues (not the DLQs). */
    public long inFlight() {
        long total = logSubscriptions.values().stream().mapToLong(io.kargotakip.local.runtime.LogsSubscription::inFlight).sum();
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
