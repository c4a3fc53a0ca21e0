package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.Json;
import io.kargotakip.core.channel.ChannelFees;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code ./kargo cost}: the monthly AWS bill of a merchant, from the requests {@code ./kargo bench}
 * counted per order, carrier event, duplicate, poll and notification, priced by the price table
 * ({@code cost/prices.csv}, with its region and date) under the assumptions in {@code cost/model.properties}.
 * Messaging fees are shown apart from the infrastructure, from the fee table the sender records fees with
 * ({@code channels/fees.csv} in kargo-core; {@code --fees FILE} for another): the fallback chain's spend against
 * SMS for everyone at the same reach.
 */
final class Cost {

    private static final Set<String> INTAKE = Set.of("webhook-receiver", "normalizer", "event-source-raw-events");
    private static final Set<String> NOTIFY = Set.of("rule-evaluator", "sender", "event-source-status-changes", "event-source-outbound");

    private Cost() {
    }

    /** What one unit (an order, a carrier event, …) costs in requests. */
    record Figures(double reads, double writes, double conditionalFailed, double readUnits, double writeUnits, boolean capacityMeasured,
                   double sqsRequests, double invocations, double durationMillis, double apiRequests, double emails, double logBytes) {

        Figures plus(Figures o) {
            return new Figures(reads + o.reads, writes + o.writes, conditionalFailed + o.conditionalFailed, readUnits + o.readUnits,
                    writeUnits + o.writeUnits, capacityMeasured && o.capacityMeasured, sqsRequests + o.sqsRequests,
                    invocations + o.invocations, durationMillis + o.durationMillis, apiRequests + o.apiRequests, emails + o.emails,
                    logBytes + o.logBytes);
        }

        Figures times(double k) {
            return new Figures(reads * k, writes * k, conditionalFailed * k, readUnits * k, writeUnits * k, capacityMeasured,
                    sqsRequests * k, invocations * k, durationMillis * k, apiRequests * k, emails * k, logBytes * k);
        }

        double gbSeconds(int memoryMb) {
            return durationMillis / 1000.0 * memoryMb / 1024.0;
        }
    }

    /** The counts of one bench replay. */
    record Measurement(JsonNode root) {

        static Measurement of(JsonNode root) {
            for (String phase : List.of("orders", "events", "duplicates", "polls")) {
                if (!root.path("phases").has(phase)) {
                    throw new IllegalArgumentException("no '" + phase + "' phase");
                }
            }
            return new Measurement(root);
        }

        String measuredAt() {
            return root.path("measuredAt").asText("?");
        }

        Figures perOrder() {
            return figures("orders", o -> true, false);
        }

        Figures perEvent() {
            return figures("events", INTAKE::contains, false);
        }

        Figures perNotification() {
            return figures("events", NOTIFY::contains, true);
        }

        Figures perDuplicate() {
            return figures("duplicates", o -> true, false);
        }

        Figures perPoll() {
            return figures("polls", o -> true, false);
        }

        long events() {
            return phase("events").path("units").asLong();
        }

        long mails() {
            return phase("events").path("mails").asLong();
        }

        double notificationsPerShipment() {
            return (double) mails() / root.path("replay").path("shipments").asLong(1);
        }

        private JsonNode phase(String name) {
            return root.path("phases").path(name);
        }

        /** Per unit of the phase (or per mail), over the origins (functions, event sources) that pass. */
        private Figures figures(String name, Predicate<String> origin, boolean perMail) {
            JsonNode phase = phase(name);
            double divisor = Math.max(1, perMail ? phase.path("mails").asLong() : phase.path("units").asLong());
            double reads = 0, writes = 0, failed = 0, readUnits = 0, writeUnits = 0, sqs = 0, emails = 0;
            boolean capacity = true;
            for (Map.Entry<String, JsonNode> o : iterable(phase.path("requests"))) {
                if (!origin.test(o.getKey())) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> op : iterable(o.getValue())) {
                    String service = op.getKey().substring(0, op.getKey().indexOf('.'));
                    String operation = op.getKey().substring(op.getKey().indexOf('.') + 1);
                    JsonNode f = op.getValue();
                    long calls = f.path("calls").asLong();
                    long measuredCalls = f.path("capacityCalls").asLong();
                    double measuredUnits = f.path("capacityMilliUnits").asLong() / 1000.0;
                    if (service.equals("DynamoDb") && RequestCounts.isRead(operation)) {
                        reads += calls;
                        // a call that returned no capacity is taken at one unit (small items)
                        readUnits += measuredUnits + (calls - measuredCalls);
                        capacity &= measuredCalls == calls;
                    } else if (service.equals("DynamoDb") && RequestCounts.isWrite(operation)) {
                        writes += calls;
                        failed += f.path("conditionalFailed").asLong();
                        // a failed conditional write returns no capacity but is billed: one unit for these small items
                        writeUnits += measuredUnits + (calls - measuredCalls);
                        capacity &= measuredCalls + f.path("conditionalFailed").asLong() >= calls;
                    } else if (service.equals("Sqs")) {
                        // the local event source polls every second; idle polling on AWS is estimated apart
                        sqs += calls - f.path("emptyReceives").asLong();
                    } else if (service.toLowerCase(Locale.ROOT).startsWith("ses") && operation.equals("SendEmail")) {
                        emails += calls - f.path("failed").asLong();
                    }
                }
            }
            double invocations = 0, duration = 0, api = 0, logs = 0;
            for (Map.Entry<String, JsonNode> fn : iterable(phase.path("invocations"))) {
                if (origin.test(fn.getKey())) {
                    invocations += fn.getValue().path("invocations").asLong();
                    duration += fn.getValue().path("durationMillis").asLong();
                    api += fn.getValue().path("apiRequests").asLong();
                }
            }
            for (Map.Entry<String, JsonNode> fn : iterable(phase.path("logBytes"))) {
                if (origin.test(fn.getKey())) {
                    logs += fn.getValue().asLong();
                }
            }
            return new Figures(reads, writes, failed, readUnits, writeUnits, capacity, sqs, invocations, duration, api, emails, logs)
                    .times(1 / divisor);
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    /** The counts table, as the bench prints it. */
    static void printCounts(Measurement m, PrintStream out) {
        Model model = Model.load();
        out.printf("requests per unit (replay: %d carrier events pushed once, %d mails)%n", m.events(), m.mails());
        out.println("  per                 DDB reads  writes (failed cond.)   RRU    WRU   SQS req  Lambda inv  GB-s native/JVM       API GW  mails  log bytes");
        row(out, "order", m.perOrder(), model);
        row(out, "new carrier event", m.perEvent(), model);
        row(out, "notification", m.perNotification(), model);
        row(out, "duplicate push", m.perDuplicate(), model);
        row(out, "poll, nothing new", m.perPoll(), model);
        Figures perEventAll = m.perEvent().plus(m.perNotification().times((double) m.mails() / Math.max(1, m.events())));
        row(out, "event incl. its mails", perEventAll, model);
        if (!(m.perEvent().capacityMeasured() && m.perNotification().capacityMeasured())) {
            out.println("  (units: consumed capacity where the emulator returned it, else 1 per call)");
        }
    }

    private static void row(PrintStream out, String name, Figures f, Model model) {
        out.printf(Locale.ROOT, "  %-20s %8.2f %7.2f (%4.2f)        %6.2f %6.2f %8.2f %10.2f  %.5f/%.5f %8.2f %6.2f %9.0f%n", name,
                f.reads(), f.writes(), f.conditionalFailed(), f.readUnits(), f.writeUnits(), f.sqsRequests(), f.invocations(),
                f.gbSeconds(model.memoryNative), f.gbSeconds(model.memoryJvm), f.apiRequests(), f.emails(), f.logBytes());
    }

    /** The assumptions file, with the options that override it. */
    static final class Model {
        double orders;
        double shipmentsPerOrder;
        double eventsPerShipment;
        double duplicatesPerEvent;
        double pollsPerShipment;
        double idlePollers;
        double idlePollSeconds;
        double mappings;
        double smsParts;
        double logBytesPerInvocation;
        int memoryNative;
        int memoryJvm;
        /** per channel of the chain: the share of the customers it reaches who read it before the next step is due */
        Map<String, Double> chainRead = new LinkedHashMap<>();

        static Model load() {
            Properties p = new Properties();
            try (InputStream in = Cost.class.getResourceAsStream("/cost/model.properties")) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("the cost model's assumptions (cost/model.properties) are missing from the jar");
            }
            Model m = new Model();
            m.orders = num(p, "orders_per_month");
            m.shipmentsPerOrder = num(p, "shipments_per_order");
            m.eventsPerShipment = num(p, "events_per_shipment");
            m.duplicatesPerEvent = num(p, "duplicates_per_event");
            m.pollsPerShipment = num(p, "polls_per_shipment");
            m.idlePollers = num(p, "idle_pollers_per_mapping");
            m.idlePollSeconds = num(p, "idle_poll_seconds");
            m.mappings = num(p, "event_source_mappings");
            m.smsParts = num(p, "sms_parts_per_message");
            m.logBytesPerInvocation = num(p, "log_bytes_per_invocation");
            m.memoryNative = (int) num(p, "memory_mb_native");
            m.memoryJvm = (int) num(p, "memory_mb_jvm");
            for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
                if (key.startsWith("chain_read_")) {
                    m.chainRead.put(key.substring("chain_read_".length()), num(p, key));
                }
            }
            return m;
        }

        private static double num(Properties p, String key) {
            return Double.parseDouble(p.getProperty(key).trim());
        }
    }

    /** The price table: key → USD per one unit, plus its region, date and sources. */
    record Prices(Map<String, Double> perUnit, Map<String, String> source, String region, String date, String origin) {

        /** Infrastructure only: the messaging fees are the fee table's ({@link io.kargotakip.core.channel.ChannelFees}). */
        static final List<String> KEYS = List.of("lambda_request", "lambda_gb_second", "sqs_request", "dynamodb_write_unit",
                "dynamodb_read_unit", "http_api_request", "logs_ingested_gb");

        double of(String key) {
            return perUnit.get(key);
        }

        static Prices builtIn() {
            try (InputStream in = Cost.class.getResourceAsStream("/cost/prices.csv")) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in cost/prices.csv");
            } catch (IOException | NullPointerException | IllegalArgumentException e) {
                throw new IllegalStateException("the built-in price table (cost/prices.csv) is missing or broken: " + e.getMessage());
            }
        }

        /** @throws IllegalArgumentException naming the line that is wrong */
        static Prices parse(String csv, String origin) {
            Map<String, Double> prices = new LinkedHashMap<>();
            Map<String, String> sources = new LinkedHashMap<>();
            String region = null;
            String date = null;
            int lineNo = 0;
            boolean header = true;
            try (Reader r = new StringReader(csv); java.io.BufferedReader lines = new java.io.BufferedReader(r)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    lineNo++;
                    String t = line.trim();
                    if (t.startsWith("# region:")) {
                        region = t.substring("# region:".length()).trim();
                    } else if (t.startsWith("# date:")) {
                        date = t.substring("# date:".length()).trim();
                    }
                    if (t.isEmpty() || t.startsWith("#")) {
                        continue;
                    }
                    if (header) {
                        header = false;
                        continue;
                    }
                    String[] f = t.split(",", 5);
                    if (f.length < 4) {
                        throw new IllegalArgumentException("line " + lineNo + ": expected key,usd,per,source,what");
                    }
                    double usd;
                    double per;
                    try {
                        usd = Double.parseDouble(f[1].trim());
                        per = Double.parseDouble(f[2].trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("line " + lineNo + ": usd and per must be numbers");
                    }
                    if (usd < 0 || per <= 0 || Double.isNaN(usd) || Double.isInfinite(usd)) {
                        throw new IllegalArgumentException("line " + lineNo + ": usd must be ≥ 0 and per > 0");
                    }
                    prices.put(f[0].trim(), usd / per);
                    sources.put(f[0].trim(), f[3].trim());
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            for (String key : KEYS) {
                if (!prices.containsKey(key)) {
                    throw new IllegalArgumentException("no price for " + key);
                }
            }
            if (region == null || date == null) {
                throw new IllegalArgumentException("the '# region:' and '# date:' lines are missing");
            }
            return new Prices(prices, sources, region, date, origin);
        }
    }

    /** Parses the options; bad input is a usage error (exit 2, one line). */
    static int run(List<String> args, Path root, PrintStream out) throws Main.UsageError {
        Model model = Model.load();
        Prices prices = Prices.builtIn();
        ChannelFees fees = ChannelFees.builtIn();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!List.of("--orders-per-month", "--events-per-shipment", "--duplicates-per-event", "--polls-per-shipment", "--prices", "--fees")
                    .contains(a)) {
                throw new Main.UsageError("unknown option " + a + "; " + USAGE);
            }
            if (i + 1 >= args.size()) {
                throw new Main.UsageError(a + " needs a value");
            }
            String v = args.get(++i);
            switch (a) {
                case "--orders-per-month" -> model.orders = number(a, v, 1, 1e9, true);
                case "--events-per-shipment" -> model.eventsPerShipment = number(a, v, 1, 1000, false);
                case "--duplicates-per-event" -> model.duplicatesPerEvent = number(a, v, 0, 100, false);
                case "--polls-per-shipment" -> model.pollsPerShipment = number(a, v, 0, 10000, false);
                case "--fees" -> fees = readFees(v);
                default -> prices = readPrices(v);
            }
        }
        // the event source mappings are the template's, not an assumption
        Path template = root.resolve("template.yaml");
        if (java.nio.file.Files.isRegularFile(template)) {
            model.mappings = LambdaTemplate.read(template).functions().values().stream().mapToLong(f -> f.sqsSources().size()).sum();
        }
        Path file = Bench.countsFile(root);
        Measurement m;
        String from;
        if (Files.isRegularFile(file)) {
            try {
                m = Measurement.of(Json.MAPPER.readTree(Files.readString(file)));
            } catch (IOException | IllegalArgumentException e) {
                throw new Main.UsageError(root.relativize(file) + " is not a bench's counts (" + e.getMessage() + "); delete it or run ./kargo bench");
            }
            from = "counts measured by ./kargo bench at " + m.measuredAt() + " (" + root.relativize(file) + ")";
        } else {
            out.println("kargo cost: no counts from ./kargo bench yet (" + root.relativize(file) + "); measuring a short replay now");
            m = Measurement.of(Json.MAPPER.valueToTree(measureReplay(root, out)));
            from = "counts measured just now by a short replay (no ./kargo bench counts found)";
        }
        print(m, model, prices, fees, from, out);
        return 0;
    }

    static final String USAGE = "usage: kargo cost [--orders-per-month N] [--events-per-shipment N] [--duplicates-per-event X]"
            + " [--polls-per-shipment N] [--prices FILE] [--fees FILE]";

    private static double number(String option, String value, double min, double max, boolean integer) throws Main.UsageError {
        double d;
        try {
            d = integer ? Long.parseLong(value) : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new Main.UsageError(option + " must be a " + (integer ? "whole " : "") + "number, not '" + value + "'");
        }
        if (Double.isNaN(d) || d < min || d > max) {
            throw new Main.UsageError(option + " must be between " + fmt(min) + " and " + fmt(max) + ", not " + value);
        }
        return d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.format(Locale.ROOT, "%,.0f", d) : String.valueOf(d);
    }

    private static Prices readPrices(String file) throws Main.UsageError {
        try {
            return Prices.parse(Files.readString(Path.of(file)), file);
        } catch (NoSuchFileException e) {
            throw new Main.UsageError(file + ": no such file");
        } catch (IOException e) {
            throw new Main.UsageError(file + ": cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(file + ": " + e.getMessage());
        }
    }

    private static ChannelFees readFees(String file) throws Main.UsageError {
        if (!Files.isRegularFile(Path.of(file))) {
            throw new Main.UsageError(file + ": no such file");
        }
        try {
            return ChannelFees.load(java.util.Optional.of(Path.of(file)));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }

    private static Map<String, Object> measureReplay(Path root, PrintStream out) {
        Path requests = Bench.freshDir(root.resolve(".kargo/bench/requests"));
        LocalPlatform.Options defaults = LocalPlatform.Options.defaults(root);
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options(root, 0, java.time.Duration.ofHours(1),
                defaults.logDir()).withRequestCounts(requests), line -> out.println("kargo cost: " + line))) {
            return Bench.replay(platform, java.net.http.HttpClient.newHttpClient(), requests, out);
        }
    }

    /** With the built-in fee table. */
    static void print(Measurement m, Model model, Prices p, String from, PrintStream out) {
        print(m, model, p, ChannelFees.builtIn(), from, out);
    }

    static void print(Measurement m, Model model, Prices p, ChannelFees fees, String from, PrintStream out) {
        double shipments = model.orders * model.shipmentsPerOrder;
        double events = shipments * model.eventsPerShipment;
        double duplicates = events * model.duplicatesPerEvent;
        double polls = shipments * model.pollsPerShipment;
        double notifications = shipments * m.notificationsPerShipment();
        Figures orders = m.perOrder().times(model.orders);
        Figures intake = m.perEvent().times(events);
        Figures dups = m.perDuplicate().times(duplicates);
        Figures polling = m.perPoll().times(polls);
        Figures notify = m.perNotification().times(notifications);
        Figures all = orders.plus(intake).plus(dups).plus(polling).plus(notify);
        double idleSqs = model.mappings * model.idlePollers * 30 * 86400 / model.idlePollSeconds;

        out.println("kargo cost: " + from);
        out.printf(Locale.ROOT, "merchant: %s orders/month, %s shipment(s)/order, %s carrier events/shipment, %s duplicate pushes/event, "
                        + "%s polls/shipment, %.2f notifications/shipment (measured)%n", fmt(model.orders), fmt(model.shipmentsPerOrder),
                fmt(model.eventsPerShipment), fmt(model.duplicatesPerEvent), fmt(model.pollsPerShipment), m.notificationsPerShipment());
        out.printf("prices: %s, %s (%s); on-demand list prices, before any free tier%n", p.region(), p.date(), p.origin());
        out.printf(Locale.ROOT, "month: %s shipments, %s carrier events, %s duplicates, %s polls, %s notifications%n", fmt(shipments),
                fmt(events), fmt(duplicates), fmt(polls), fmt(Math.round(notifications)));
        out.println();
        out.println("infrastructure per month                                                    native build   JVM build");
        double ddb = all.writeUnits() * p.of("dynamodb_write_unit") + all.readUnits() * p.of("dynamodb_read_unit");
        line(out, String.format(Locale.ROOT, "DynamoDB     %s write units, %s read units", big(all.writeUnits()), big(all.readUnits())), ddb, ddb);
        double sqsMeasured = all.sqsRequests() * p.of("sqs_request");
        line(out, String.format(Locale.ROOT, "SQS          %s requests", big(all.sqsRequests())), sqsMeasured, sqsMeasured);
        line(out, String.format(Locale.ROOT, "SQS          %s idle long polls of Lambda's pollers (estimate)", big(idleSqs)),
                idleSqs * p.of("sqs_request"), idleSqs * p.of("sqs_request"));
        double gbNative = all.gbSeconds(model.memoryNative);
        double gbJvm = all.gbSeconds(model.memoryJvm);
        line(out, String.format(Locale.ROOT, "Lambda       %s invocations, %s / %s GB-s", big(all.invocations()), big(gbNative), big(gbJvm)),
                all.invocations() * p.of("lambda_request") + gbNative * p.of("lambda_gb_second"),
                all.invocations() * p.of("lambda_request") + gbJvm * p.of("lambda_gb_second"));
        line(out, String.format(Locale.ROOT, "API Gateway  %s HTTP API requests", big(all.apiRequests())),
                all.apiRequests() * p.of("http_api_request"), all.apiRequests() * p.of("http_api_request"));
        double logGb = (all.logBytes() + all.invocations() * model.logBytesPerInvocation) / 1e9;
        line(out, String.format(Locale.ROOT, "CloudWatch   %.2f GB of logs ingested", logGb), logGb * p.of("logs_ingested_gb"), logGb * p.of("logs_ingested_gb"));
        double fixed = ddb + sqsMeasured + idleSqs * p.of("sqs_request") + all.apiRequests() * p.of("http_api_request") + logGb * p.of("logs_ingested_gb");
        double totalNative = fixed + all.invocations() * p.of("lambda_request") + gbNative * p.of("lambda_gb_second");
        double totalJvm = fixed + all.invocations() * p.of("lambda_request") + gbJvm * p.of("lambda_gb_second");
        line(out, "total infrastructure", totalNative, totalJvm);
        out.printf(Locale.ROOT, "  per 1,000 shipments: $%.3f native, $%.3f JVM; per order: $%.5f native%n",
                totalNative / shipments * 1000, totalJvm / shipments * 1000, totalNative / model.orders);
        double pollShare = polling.writeUnits() * p.of("dynamodb_write_unit") + polling.readUnits() * p.of("dynamodb_read_unit")
                + polling.sqsRequests() * p.of("sqs_request") + polling.invocations() * p.of("lambda_request")
                + polling.gbSeconds(model.memoryNative) * p.of("lambda_gb_second");
        out.printf(Locale.ROOT, "  of which polling (%s polls/shipment): $%.2f native%n", fmt(model.pollsPerShipment), pollShare);
        Figures perEvent = m.perEvent().plus(m.perNotification().times((double) m.mails() / Math.max(1, m.events())));
        double perMillion = 1e6 * (perEvent.writeUnits() * p.of("dynamodb_write_unit") + perEvent.readUnits() * p.of("dynamodb_read_unit")
                + perEvent.sqsRequests() * p.of("sqs_request") + perEvent.invocations() * p.of("lambda_request")
                + perEvent.apiRequests() * p.of("http_api_request")
                + (perEvent.logBytes() + perEvent.invocations() * model.logBytesPerInvocation) / 1e9 * p.of("logs_ingested_gb"));
        out.printf(Locale.ROOT, "  per million carrier events pushed once, with their notifications' requests (no polls, no idle polling):"
                        + " $%.2f native, $%.2f JVM%n", perMillion + 1e6 * perEvent.gbSeconds(model.memoryNative) * p.of("lambda_gb_second"),
                perMillion + 1e6 * perEvent.gbSeconds(model.memoryJvm) * p.of("lambda_gb_second"));
        out.println();
        out.printf(Locale.ROOT, "messaging per month, apart (%s notifications; fees: %s, %s)%n", fmt(Math.round(notifications)),
                fees.origin(), fees.date());
        double measuredMails = notify.emails();
        double mailFee = Messaging.perMessage(fees, "email", 1);
        line(out, String.format(Locale.ROOT, "e-mail (SES), as measured: %s mails", big(measuredMails)),
                measuredMails * mailFee, measuredMails * mailFee);
        Messaging.Spend chain = Messaging.chain(chainOf(), model.chainRead, fees, model.smsParts);
        Messaging.Spend smsOnly = Messaging.chain(io.kargotakip.core.notification.FallbackChain.parse("sms"), Map.of(), fees, model.smsParts);
        out.printf(Locale.ROOT, "  fallback chain %s, per notification: %s (assumptions: cost/model.properties chain_read_*)%n",
                chain.describe(), chain.messagesDescribed());
        line(out, "  with the fallback chain", notifications * chain.usd(), notifications * chain.usd());
        line(out, String.format(Locale.ROOT, "  SMS for everyone at the same reach (%s part, %s)", fmt(model.smsParts),
                fees.find("sms", ChannelFees.Unit.SEGMENT, "+90").map(ChannelFees.Row::source).orElse("?")),
                notifications * smsOnly.usd(), notifications * smsOnly.usd());
        double perShipmentChain = m.notificationsPerShipment() * chain.usd();
        double perShipmentSms = m.notificationsPerShipment() * smsOnly.usd();
        out.printf(Locale.ROOT, "  messaging per shipment: $%.5f with the chain vs $%.5f SMS for everyone: the chain saves $%,.2f a month (%.0f%%)%n",
                perShipmentChain, perShipmentSms, notifications * (smsOnly.usd() - chain.usd()),
                smsOnly.usd() == 0 ? 0 : 100 * (1 - chain.usd() / smsOnly.usd()));
        out.println("not counted: DynamoDB storage (kilobytes per shipment), X-Ray traces, data transfer, Secrets Manager, alarms and dashboard");
    }

    /** The chain the sender is configured with ({@code KARGO_FALLBACK_CHAIN}), or the brief's. */
    private static io.kargotakip.core.notification.FallbackChain chainOf() {
        io.kargotakip.core.notification.FallbackChain chain = io.kargotakip.core.notification.FallbackChain.parse(System.getenv("KARGO_FALLBACK_CHAIN"));
        return chain.steps().isEmpty() ? io.kargotakip.core.notification.FallbackChain.defaults() : chain;
    }

    private static void line(PrintStream out, String what, double nativeUsd, double jvmUsd) {
        out.printf(Locale.ROOT, "  %-72s %9s  %9s%n", what, usd(nativeUsd), usd(jvmUsd));
    }

    private static String usd(double v) {
        return v < 0.005 && v > 0 ? "<$0.01" : String.format(Locale.ROOT, "$%,.2f", v);
    }

    private static String big(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%,.1f", v);
    }
}
