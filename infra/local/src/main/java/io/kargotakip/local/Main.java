package io.kargotakip.local;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.orders.OrderCsv;
import io.kargotakip.aws.orders.OrderIntake;
import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierDetection;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.order.OrderValidator;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.emulators.Emulators;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The {@code ./kargo} command line. Bad input ends with exit code 2 and one line on stderr saying why.
 *
 * <pre>
 *   kargo demo [--keep-running] [--port N]     the product on local emulators, driven through a scenario
 *   kargo normalize --carrier ID|auto FILE     a carrier or marketplace payload as canonical events, one JSON object per line
 *   kargo carriers                             every carrier: poll, push, batch, rate limit, auth, configured or not
 *   kargo import-orders FILE                   orders from CSV into the orders table (all or nothing)
 *   kargo import-statuses FILE                 statuses of carriers without an API, from CSV, onto the raw-events queue
 *   kargo bench                                speed, memory and request counts of the local stack
 *   kargo cost [--orders-per-month N] [--events-per-shipment N] [--duplicates-per-event X] [--polls-per-shipment N] [--prices FILE]
 *                                              the monthly AWS bill, from the last bench's counts
 *   kargo dlq [--stack NAME]                   dead letters: depth, source, receive count, age, last failure reason
 *   kargo dlq redrive QUEUE [--max N] [--stack NAME]   moves a DLQ's messages back to their queue
 *   kargo erase --customer ID [--stack NAME]   removes a customer's personal data everywhere, keeps an anonymous tombstone
 *   kargo vapid-keys                           a fresh VAPID key pair for web push, as the two settings' lines
 *   kargo rules check FILE [--templates DIR]   validates a rules file and the templates of its kinds (built-in or in DIR):
 *                                              "FILE: N rules, valid; …", or every error line (exit 2)
 *   kargo rules explain [--rules FILE] --event FILE   which rules fire for one event in its context, and what would be sent
 *   kargo discounts import --percent N FILE [--stack NAME]   single-use discount codes into the pool (all or nothing)
 *   kargo discounts status [--stack NAME]      the codes not given yet, per percent
 *   kargo ab report [--stack NAME] [--contacts FILE] [--json]   the A/B tests of templates: counts, rates, p-values, winner
 *   kargo eta backtest --train FILE --test FILE [--calendar tr|none] [--confidence 0.9]   the ETA model trained on one
 *                                              file of delivered shipments, scored on another: one JSON object
 * </pre>
 */
public final class Main {

    static final String USAGE = "usage: kargo demo [--keep-running] [--port N] | kargo normalize --carrier ID|auto FILE"
            + " | kargo carriers | kargo import-orders FILE | kargo import-statuses FILE | kargo bench | kargo cost [--orders-per-month N] [--events-per-shipment N]"
            + " | kargo dlq [redrive QUEUE [--max N]] [--stack NAME] | kargo outbox [--json] | kargo erase --customer ID [--stack NAME] | kargo vapid-keys"
            + " | kargo rules check FILE [--templates DIR] | kargo rules explain [--rules FILE] --event FILE"
            + " | kargo discounts import --percent N FILE [--stack NAME] | kargo discounts status [--stack NAME]"
            + " | kargo ab report [--stack NAME] [--contacts FILE] [--json]"
            + " | kargo report [--from DATE --to DATE] [--out DIR] [--data DIR] [--brand ID] | kargo roi [--from DATE --to DATE] [--data DIR] [--json]"
            + " | kargo eta backtest --train FILE --test FILE [--calendar tr|none] [--confidence 0.9]";

    /**
     * A file the operator names (codes, contacts, an event), as UTF-8 text without a spreadsheet's byte-order mark.
     *
     * @throws UsageError one line: no such file, not UTF-8, unreadable
     */
    static String readText(java.nio.file.Path file) throws UsageError {
        String text;
        try {
            text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageError(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UsageError(file + ": not UTF-8 text");
        } catch (java.io.IOException e) {
            throw new UsageError(file + ": cannot be read: " + e.getMessage());
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Bad input: exit 2 with this one line. */
    static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (UsageError e) {
            System.err.println("kargo: " + e.getMessage());
            code = 2;
        } catch (RuntimeException e) {
            System.err.println("kargo: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws UsageError {
        if (args.length == 0) {
            throw new UsageError(USAGE);
        }
        List<String> rest = List.of(args).subList(1, args.length);
        return switch (args[0]) {
            case "demo" -> demo(rest, out);
            case "normalize" -> normalize(rest, out);
            case "import-orders" -> importOrders(rest, out);
            case "import-statuses" -> importStatuses(rest, out);
            case "carriers" -> {
                if (!rest.isEmpty()) {
                    throw new UsageError("usage: kargo carriers");
                }
                yield CarrierList.print(CarrierRegistry.load(), System::getenv, out);
            }
            case "bench" -> {
                if (!rest.isEmpty()) {
                    throw new UsageError("usage: kargo bench");
                }
                yield Bench.run(Emulators.projectRoot(), out);
            }
            case "cost" -> Cost.run(rest, Emulators.projectRoot(), out);
            case "dlq" -> dlq(rest, out);
            case "erase" -> erase(rest, out, System::getenv, Emulators.projectRoot());
            case "rules" -> RulesCommand.run(rest, out, err, System::getenv);
            case "discounts" -> DiscountsCommand.run(rest, out, System::getenv, Emulators.projectRoot());
            case "ab" -> AbCommand.run(rest, out, System::getenv, Emulators.projectRoot());
            case "eta" -> EtaCommand.run(rest, out, err);
            case "report" -> ReportCommand.report(rest, out, k -> java.util.Optional.ofNullable(System.getenv(k)), Emulators.projectRoot(), Clock.systemUTC());
            case "roi" -> ReportCommand.roi(rest, out, k -> java.util.Optional.ofNullable(System.getenv(k)), Emulators.projectRoot(), Clock.systemUTC());
            case "outbox" -> {
                if (!rest.isEmpty() && !(rest.size() == 1 && rest.get(0).equals("--json"))) {
                    throw new UsageError("usage: kargo outbox [--json]");
                }
                Outbox outbox = Outbox.find(Emulators.projectRoot());
                if (rest.isEmpty()) {
                    outbox.print(out);
                } else {
                    outbox.printJson(out);
                }
                yield 0;
            }
            case "vapid-keys" -> {
                if (!rest.isEmpty()) {
                    throw new UsageError("usage: kargo vapid-keys");
                }
                // the private key goes to stdout only: the operator puts it in the secret, nothing logs it
                out.println(VapidKeyPair.generate().envLines());
                yield 0;
            }
            case "help", "--help", "-h" -> {
                out.println(USAGE);
                yield 0;
            }
            default -> throw new UsageError("unknown command '" + args[0] + "'; " + USAGE);
        };
    }

    static int normalize(List<String> args, PrintStream out) throws UsageError {
        Map<String, String> options = options(args, List.of("--carrier"));
        String carrier = options.get("--carrier");
        String file = options.get("");
        if (carrier == null || file == null) {
            throw new UsageError("usage: kargo normalize --carrier ID|auto FILE");
        }
        CarrierRegistry registry = CarrierRegistry.load();
        byte[] payload = read(Path.of(file));
        CarrierAdapter adapter;
        if (carrier.equals(CarrierDetection.AUTO)) {
            CarrierDetection.Result detected = new CarrierDetection(registry).byPayload(payload, null);
            if (detected instanceof CarrierDetection.Result.NotFound notFound) {
                throw new UsageError(file + ": " + notFound.reason());
            }
            adapter = ((CarrierDetection.Result.Found) detected).adapter();
        } else {
            adapter = registry.find(carrier)
                    .orElseThrow(() -> new UsageError("unknown carrier '" + carrier + "'; known: " + String.join(", ", registry.ids())));
        }
        List<TrackingEvent> events;
        try {
            events = adapter.parse(payload, null);
        } catch (PayloadException e) {
            throw new UsageError(file + ": not a " + adapter.displayName() + " payload: " + e.getMessage());
        }
        for (TrackingEvent e : events) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("source", adapter.id());
            line.put("carrier", e.carrier());
            line.put("trackingNumber", e.trackingNumber());
            line.put("status", e.status().wireName());
            line.put("reason", e.reason() == null ? null : e.reason().wireName());
            line.put("occurredAt", e.occurredAt().toString());
            line.put("location", e.location());
            line.put("carrierCode", e.carrierCode());
            line.put("description", e.description());
            line.put("estimatedDelivery", e.estimatedDelivery() == null ? null : e.estimatedDelivery().toString());
            line.put("alternateNumber", e.alternateNumber());
            out.println(io.kargotakip.aws.Json.write(line));
        }
        return 0;
    }

    static int importOrders(List<String> args, PrintStream out) throws UsageError {
        Map<String, String> options = options(args, List.of());
        String file = options.get("");
        if (file == null) {
            throw new UsageError("usage: kargo import-orders FILE   (tables from KARGO_TABLE_*; region, credentials and AWS_ENDPOINT_URL_DYNAMODB as for any AWS SDK)");
        }
        OrderCsv.Read read;
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            read = OrderCsv.read(reader, Clock.systemUTC().instant());
        } catch (NoSuchFileException e) {
            throw new UsageError(file + ": no such file");
        } catch (IOException e) {
            throw new UsageError(file + ": cannot be read: " + e.getMessage());
        }
        OrderValidator validator;
        try {
            validator = OrderValidator.of(CarrierRegistry.load()).withPhoneNumbers(KargoSettings.of(System::getenv).phoneNumbers());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        // check the whole file before connecting to anything
        List<OrderIntake.Problem> problems = OrderIntake.validate(validator, read.orders(), read.problems());
        if (!problems.isEmpty()) {
            throw new UsageError(file + ": nothing imported; " + problems.stream().map(Object::toString)
                    .collect(Collectors.joining("; ")));
        }
        TableNames tables = KargoSettings.of(System::getenv).tables();
        Metrics metrics = new Metrics("cli", new PrintStream(java.io.OutputStream.nullOutputStream()), Clock.systemUTC());
        OrderIntake.Result result;
        try (DynamoDbClient dynamo = AwsClients.dynamoDb()) {
            result = new OrderIntake(validator, new OrderRepository(dynamo, tables.orders()),
                    new ShipmentRepository(dynamo, tables.shipments()), metrics, Clock.systemUTC(),
                    new io.kargotakip.aws.store.ConsentLedger(dynamo, tables.orders())).accept(read.orders(), List.of());
        }
        out.println("imported " + result.orders() + " orders with " + result.shipments() + " shipments");
        return 0;
    }

    static int importStatuses(List<String> args, PrintStream out) throws UsageError {
        Map<String, String> options = options(args, List.of());
        String file = options.get("");
        if (file == null) {
            throw new UsageError("usage: kargo import-statuses FILE   (header carrier,tracking_number,code,status,time,location,reason;"
                    + " queue from KARGO_QUEUE_RAW_EVENTS_URL, table from KARGO_TABLE_SHIPMENTS, endpoints as for any AWS SDK)");
        }
        io.kargotakip.aws.orders.StatusUpload.Read read;
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            read = new io.kargotakip.aws.orders.StatusUpload(CarrierRegistry.load(), java.time.ZoneId.of("Europe/Istanbul")).read(reader);
        } catch (NoSuchFileException e) {
            throw new UsageError(file + ": no such file");
        } catch (IOException e) {
            throw new UsageError(file + ": cannot be read: " + e.getMessage());
        }
        // the whole file is checked before connecting to anything
        if (!read.problems().isEmpty()) {
            throw new UsageError(file + ": nothing queued; " + read.problems().stream().map(Object::toString).collect(Collectors.joining("; ")));
        }
        KargoSettings settings = KargoSettings.of(System::getenv);
        String queue = settings.get(KargoSettings.RAW_EVENTS_QUEUE)
                .orElseThrow(() -> new UsageError(KargoSettings.RAW_EVENTS_QUEUE + " is not set: the raw-events queue's URL"));
        int queued;
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(); software.amazon.awssdk.services.sqs.SqsClient sqs = AwsClients.sqs()) {
            queued = io.kargotakip.aws.orders.StatusUpload.queue(read.events(), new ShipmentRepository(dynamo, settings.tables().shipments()),
                    new io.kargotakip.aws.queue.QueuePublisher(sqs, queue), Clock.systemUTC());
        }
        out.println("queued " + queued + " statuses");
        return 0;
    }

    static int dlq(List<String> args, PrintStream out) throws UsageError {
        String usage = "usage: kargo dlq [--stack NAME] | kargo dlq redrive QUEUE [--max N] [--stack NAME]; QUEUE: "
                + String.join(", ", io.kargotakip.aws.queue.KargoQueues.NAMES);
        boolean redrive = !args.isEmpty() && args.get(0).equals("redrive");
        Map<String, String> options = options(redrive ? args.subList(1, args.size()) : args, List.of("--stack", "--max"));
        String queue = options.get("");
        if (redrive ? queue == null : queue != null) {
            throw new UsageError(usage);
        }
        if (redrive) {
            DeadLetters.sourceQueue(queue); // checked before connecting to anything
        }
        Integer max = null;
        if (options.containsKey("--max")) {
            if (!redrive) {
                throw new UsageError("--max goes with redrive; " + usage);
            }
            try {
                max = Integer.parseInt(options.get("--max"));
            } catch (NumberFormatException e) {
                throw new UsageError("--max must be a number");
            }
            if (max < 1) {
                throw new UsageError("--max must be at least 1");
            }
        }
        String stack = options.get("--stack");
        if (stack != null && !stack.matches("[A-Za-z][A-Za-z0-9-]{0,46}")) {
            throw new UsageError("--stack must be a CloudFormation stack name (letters, digits and '-', at most 47)");
        }
        try (DeadLetters dlq = stack != null ? DeadLetters.aws(stack) : DeadLetters.local(Emulators.projectRoot())) {
            return redrive ? dlq.redrive(queue, max, out) : dlq.list(out);
        }
    }

    /**
     * {@code kargo erase --customer ID}: the local stack of {@code kargo demo --keep-running}; with {@code --stack NAME}
     * the deployed one, whose orders and notifications tables have generated names: they come from
     * {@code KARGO_TABLE_ORDERS} and {@code KARGO_TABLE_NOTIFICATIONS} (the stack's resources), credentials from the default chain.
     */
    static int erase(List<String> args, PrintStream out, java.util.function.Function<String, String> env, Path root) throws UsageError {
        Map<String, String> options = options(args, List.of("--customer", "--stack"));
        String customer = options.get("--customer");
        if (options.containsKey("") || customer == null) {
            throw new UsageError("usage: kargo erase --customer ID [--stack NAME]   (ID: c- and 16 hex digits, as the preference API shows it)");
        }
        if (!io.kargotakip.core.order.CustomerId.isWellFormed(customer)) {
            throw new UsageError("--customer must be a customer id, c- and 16 lowercase hex digits, not '" + customer + "'");
        }
        String stack = options.get("--stack");
        DynamoDbClient dynamo;
        TableNames tables;
        if (stack != null) {
            if (!stack.matches("[A-Za-z][A-Za-z0-9-]{0,46}")) {
                throw new UsageError("--stack must be a CloudFormation stack name (letters, digits and '-', at most 47)");
            }
            if (env.apply("KARGO_TABLE_ORDERS") == null || env.apply("KARGO_TABLE_NOTIFICATIONS") == null || env.apply("KARGO_TABLE_SHIPMENTS") == null) {
                throw new UsageError("--stack " + stack + ": set KARGO_TABLE_ORDERS, KARGO_TABLE_NOTIFICATIONS and KARGO_TABLE_SHIPMENTS to the stack's table names"
                        + " (aws cloudformation describe-stack-resources --stack-name " + stack + ")");
            }
            tables = TableNames.fromEnvironment(env);
            dynamo = AwsClients.dynamoDb();
        } else {
            DeadLetters.LocalStack local = DeadLetters.localStack(root);
            tables = local.tables();
            dynamo = AwsClients.dynamoDb(local.dynamoDb());
        }
        try (dynamo) {
            io.kargotakip.aws.store.CustomerErasure.Result r = new io.kargotakip.aws.store.CustomerErasure(dynamo, tables)
                    .erase(customer, java.time.Instant.now());
            if (!r.foundAnything()) {
                out.println("nothing stored for customer " + customer + "; no tombstone written");
                return 1;
            }
            out.println("erased customer " + customer + ": " + r.orders() + " orders, " + r.notifications() + " notifications, "
                    + r.listItems() + " opt-out/suppression/window items" + (r.ledger() ? ", consent texts" : "")
                    + "; tombstone " + io.kargotakip.aws.store.CustomerErasure.tombstoneKey(customer));
            return 0;
        }
    }

    static int demo(List<String> args, PrintStream out) throws UsageError {
        boolean keepRunning = args.contains("--keep-running");
        List<String> rest = new ArrayList<>(args);
        rest.remove("--keep-running");
        Map<String, String> options = options(rest, List.of("--port"));
        if (options.containsKey("")) {
            throw new UsageError("usage: kargo demo [--keep-running] [--port N]");
        }
        int port;
        try {
            // a fixed port only where a person will use it; the plain demo takes any free one
            port = Integer.parseInt(options.getOrDefault("--port", keepRunning ? "3000" : "0"));
        } catch (NumberFormatException e) {
            throw new UsageError("--port must be a number");
        }
        if (port < 0 || port > 65535) {
            throw new UsageError("--port must be between 0 and 65535");
        }
        Path root = Emulators.projectRoot();
        LocalPlatform.Options defaults = LocalPlatform.Options.defaults(root);
        LocalPlatform.Options chosen = new LocalPlatform.Options(root, port, keepRunning ? Duration.ofSeconds(30) : Duration.ofHours(1),
                defaults.logDir());
        CountDownLatch stopped = new CountDownLatch(1);
        LocalPlatform[] holder = new LocalPlatform[1];
        Thread stopper = new Thread(() -> {
            if (holder[0] != null) {
                holder[0].close();
            }
            stopped.countDown();
        }, "kargo-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try (LocalPlatform platform = LocalPlatform.start(chosen, line -> out.println("kargo: " + line))) {
            holder[0] = platform;
            Demo demo = new Demo(platform, line -> out.println("kargo: " + line));
            Demo.Summary summary = demo.run();
            out.println("kargo: sent mails: " + demo.mailbox() + " (JSON), or the SES emulator's page "
                    + platform.emulators().ses() + "/");
            out.println("kargo: every message (masked): " + platform.outboxPage() + ", or ./kargo outbox");
            for (String page : demo.trackingPages()) {
                out.println("kargo: tracking page of " + page);
            }
            // the analytics: the reference merchant's simulated month beside the demo's own records, and its report
            ReportCommand.simulatedMonth(platform.emulators().analyticsFolder(), root.resolve(".kargo/report"),
                    io.kargotakip.local.analytics.SimulatedMonth.Config.modax(), line -> out.println("kargo: " + line));
            if (keepRunning) {
                Path state = DeadLetters.writeState(root, platform);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        Files.deleteIfExists(state);
                    } catch (IOException ignored) {
                        // a stale file is recognised by its pid
                    }
                }));
                out.println("kargo: dead letters: ./kargo dlq (reads " + DeadLetters.STATE_FILE + ")");
                out.println("kargo: still running; HTTP API " + platform.httpApi() + " (UPS webhook credential: Bearer "
                        + LocalPlatform.UPS_WEBHOOK_CREDENTIAL + ", orders x-api-key: " + LocalPlatform.ORDERS_API_KEY
                        + "). Ctrl-C stops everything.");
                out.println("kargo: import orders into it with: AWS_ENDPOINT_URL_DYNAMODB=" + platform.emulators().dynamoDb()
                        + " AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test ./kargo import-orders FILE.csv");
            }
            out.println(summary.toJson());
            out.flush();
            if (keepRunning) {
                stopped.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return 0;
    }

    /** {@code --name value} pairs and at most one positional argument (key ""). */
    static Map<String, String> options(List<String> args, List<String> known) throws UsageError {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                if (!known.contains(a)) {
                    throw new UsageError("unknown option " + a);
                }
                if (i + 1 >= args.size()) {
                    throw new UsageError(a + " needs a value");
                }
                out.put(a, args.get(++i));
            } else if (out.containsKey("")) {
                throw new UsageError("unexpected argument '" + a + "'");
            } else {
                out.put("", a);
            }
        }
        return out;
    }

    private static byte[] read(Path file) throws UsageError {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageError(file + ": no such file");
        } catch (IOException e) {
            throw new UsageError(file + ": cannot be read: " + e.getMessage());
        }
    }
}
