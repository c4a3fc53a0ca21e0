package io.kargotakip.local;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.NotificationRepository.Delivery;
import io.kargotakip.aws.store.NotificationRepository.VariantMessage;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.rules.ExperimentReport;
import io.kargotakip.core.rules.TwoProportions;
import io.kargotakip.local.Main.UsageError;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code ./kargo ab report [--stack NAME] [--contacts FILE] [--json]}: the A/B tests of templates, per kind and
 * variant: shipments sent a message of it, and how many were delivered, opened, clicked and contacted support
 * afterwards, each rate against the first variant's with its p-value and 95% interval, and whether a winner is
 * significant ({@link ExperimentReport}). It reads the local stack of {@code kargo demo --keep-running}, or with
 * {@code --stack} the tables {@code KARGO_TABLE_NOTIFICATIONS} and {@code KARGO_TABLE_ORDERS} name.
 *
 * <p>{@code --contacts FILE} is a CSV of the customers who contacted support, {@code order_no,contacted_at} (the
 * helpdesk's export; the analytics issue will read the tickets themselves), checked whole first.
 */
final class AbCommand {

    static final String USAGE = "usage: kargo ab report [--stack NAME] [--contacts FILE] [--json]";
    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    private AbCommand() {
    }

    static int run(List<String> args, PrintStream out, Function<String, String> env, Path root) throws UsageError {
        if (args.isEmpty() || !args.get(0).equals("report")) {
            throw new UsageError(args.isEmpty() ? USAGE : "unknown ab command '" + args.get(0) + "'; " + USAGE);
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        boolean json = rest.remove("--json");
        Map<String, String> options = Main.options(rest, List.of("--stack", "--contacts"));
        if (options.containsKey("")) {
            throw new UsageError("unexpected argument '" + options.get("") + "'; " + USAGE);
        }
        // the contacts file is checked whole before connecting to anything
        Map<String, List<Instant>> contacts = options.containsKey("--contacts") ? contacts(Path.of(options.get("--contacts"))) : null;
        List<ExperimentReport> reports;
        try (Tables tables = tables(options.get("--stack"), env, root)) {
            List<VariantMessage> stored = tables.notifications().variants();
            Map<String, String> orderNumbers = contacts == null ? Map.of() : orderNumbers(tables.orders(), stored);
            List<ExperimentReport.Message> messages = new ArrayList<>();
            for (VariantMessage m : stored) {
                messages.add(message(m, orderNumbers.getOrDefault(m.orderId(), m.orderId())));
            }
            reports = ExperimentReport.of(messages, contacts);
        }
        if (json) {
            out.println(io.kargotakip.aws.Json.write(json(reports)));
        } else {
            print(reports, out);
        }
        return 0;
    }

    /** A stored message as the report counts it: opened by the open pixel or a read receipt; every later status implies delivered. */
    static ExperimentReport.Message message(VariantMessage m, String orderNo) {
        boolean clicked = m.reported().contains(Delivery.CLICKED) || "clicked".equals(m.engagedBy());
        boolean opened = m.reported().contains(Delivery.OPENED) || m.reported().contains(Delivery.READ) || "opened".equals(m.engagedBy())
                || "read".equals(m.engagedBy());
        boolean delivered = m.reported().contains(Delivery.DELIVERED) || opened || clicked;
        Instant sentAt = m.state() == NotificationRepository.State.SENT ? m.sentAt() : null;
        return new ExperimentReport.Message(m.kind(), m.variant(), m.shipmentId(), orderNo, sentAt, delivered, opened, clicked);
    }

    /** The order number of each order the messages belong to (a contact names the number the customer knows). */
    private static Map<String, String> orderNumbers(OrderRepository orders, List<VariantMessage> messages) {
        Map<String, String> numbers = new HashMap<>();
        for (VariantMessage m : messages) {
            if (m.orderId() != null && !numbers.containsKey(m.orderId())) {
                numbers.put(m.orderId(), orders.find(m.orderId()).map(Order::orderNo).orElse(m.orderId()));
            }
        }
        return numbers;
    }

    /**
     * The support contacts of the file, by order number.
     *
     * @throws UsageError with every bad line ({@code FILE: line N: reason; …})
     */
    static Map<String, List<Instant>> contacts(Path file) throws UsageError {
        String text = Main.readText(file);
        String header = text.lines().filter(l -> !l.isBlank()).findFirst()
                .orElseThrow(() -> new UsageError(file + ": empty; expected a CSV with the columns order_no,contacted_at"));
        char delimiter = header.contains(";") ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setIgnoreHeaderCase(true).get();
        Map<String, List<Instant>> contacts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> columns = parser.getHeaderNames().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
            if (!columns.contains("order_no") || !columns.contains("contacted_at")) {
                throw new UsageError(file + ": line 1: the header is " + String.join(String.valueOf(delimiter), parser.getHeaderNames())
                        + "; expected the columns order_no,contacted_at");
            }
            for (CSVRecord row : parser) {
                long line = row.getParser().getCurrentLineNumber();
                String orderNo = row.isSet("order_no") ? row.get("order_no") : "";
                String at = row.isSet("contacted_at") ? row.get("contacted_at") : "";
                if (orderNo.isEmpty()) {
                    problems.add("line " + line + ": order_no is empty");
                    continue;
                }
                Instant when = time(at);
                if (when == null) {
                    problems.add("line " + line + ": contacted_at '" + at + "' is not a time; expected 2026-12-03T10:15:00+03:00 or 2026-12-03 10:15"
                            + " (Istanbul time)");
                    continue;
                }
                contacts.computeIfAbsent(orderNo, k -> new ArrayList<>()).add(when);
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new UsageError(file + ": not a readable CSV: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new UsageError(file + ": " + String.join("; ", problems));
        }
        return contacts;
    }

    private static Instant time(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(s, LOCAL).atZone(ISTANBUL).toInstant();
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    static void print(List<ExperimentReport> reports, PrintStream out) {
        if (reports.isEmpty()) {
            out.println("no message of an A/B variant stored (experiments: in the rules file)");
            return;
        }
        for (ExperimentReport r : reports) {
            out.println("experiment on " + r.kind() + ": " + r.arms().size() + " variants, "
                    + r.arms().stream().mapToLong(ExperimentReport.Arm::sent).sum() + " shipments sent");
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-12s %7s", "variant", "sent"));
            for (String metric : r.metrics()) {
                head.append(String.format(Locale.ROOT, "  %-18s", metric.replace('_', ' ')));
            }
            out.println(head.toString().stripTrailing());
            for (ExperimentReport.Arm arm : r.arms()) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-12s %7d", arm.variant(), arm.sent()));
                for (String metric : r.metrics()) {
                    row.append(String.format(Locale.ROOT, "  %-18s", arm.count(metric) + " (" + percent(arm.rate(metric)) + ")"));
                }
                out.println(row.toString().stripTrailing());
            }
            String base = r.arms().get(0).variant();
            for (ExperimentReport.Comparison c : r.comparisons()) {
                TwoProportions t = c.test();
                out.printf(Locale.ROOT, "  %s vs %s, %s: %s, p = %s, 95%% CI %s to %s%s%n", c.variant(), base, c.metric().replace('_', ' '),
                        ExperimentReport.points(t.difference()), ExperimentReport.p(t.pValue()), ExperimentReport.points(t.low()),
                        ExperimentReport.points(t.high()), t.significant() ? " (significant)" : "");
            }
            out.println("  " + r.verdict());
        }
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    static List<Map<String, Object>> json(List<ExperimentReport> reports) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ExperimentReport r : reports) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", r.kind());
            List<Map<String, Object>> arms = new ArrayList<>();
            for (ExperimentReport.Arm arm : r.arms()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("variant", arm.variant());
                a.put("sent", arm.sent());
                for (String metric : r.metrics()) {
                    a.put(metric, arm.count(metric));
                    a.put(metric + "_rate", arm.rate(metric));
                }
                arms.add(a);
            }
            e.put("variants", arms);
            List<Map<String, Object>> comparisons = new ArrayList<>();
            for (ExperimentReport.Comparison c : r.comparisons()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("variant", c.variant());
                m.put("against", r.arms().get(0).variant());
                m.put("metric", c.metric());
                m.put("difference", c.test().difference());
                m.put("z", c.test().z());
                m.put("p_value", c.test().pValue());
                m.put("ci95_low", c.test().low());
                m.put("ci95_high", c.test().high());
                m.put("significant", c.test().significant());
                m.put("better", c.better());
                comparisons.add(m);
            }
            e.put("comparisons", comparisons);
            e.put("verdict", r.verdict());
            out.add(e);
        }
        return out;
    }

    /** The two tables the report reads and the client it reaches them through. */
    record Tables(NotificationRepository notifications, OrderRepository orders, DynamoDbClient dynamo) implements AutoCloseable {
        @Override
        public void close() {
            dynamo.close();
        }
    }

    /** The local stack's tables, or with {@code --stack} the ones {@code KARGO_TABLE_NOTIFICATIONS} and {@code KARGO_TABLE_ORDERS} name. */
    static Tables tables(String stack, Function<String, String> env, Path root) throws UsageError {
        if (stack != null) {
            if (!stack.matches("[A-Za-z][A-Za-z0-9-]{0,46}")) {
                throw new UsageError("--stack must be a CloudFormation stack name (letters, digits and '-', at most 47)");
            }
            String notifications = env.apply("KARGO_TABLE_NOTIFICATIONS");
            String orders = env.apply("KARGO_TABLE_ORDERS");
            if (notifications == null || notifications.isBlank() || orders == null || orders.isBlank()) {
                throw new UsageError("--stack " + stack + ": set KARGO_TABLE_NOTIFICATIONS and KARGO_TABLE_ORDERS to the stack's table names"
                        + " (aws cloudformation describe-stacks --stack-name " + stack + ")");
            }
            DynamoDbClient dynamo = AwsClients.dynamoDb();
            return new Tables(new NotificationRepository(dynamo, notifications.strip(), Duration.ofDays(30)),
                    new OrderRepository(dynamo, orders.strip()), dynamo);
        }
        DeadLetters.LocalStack local = DeadLetters.localStack(root);
        DynamoDbClient dynamo = AwsClients.dynamoDb(local.dynamoDb());
        return new Tables(new NotificationRepository(dynamo, local.tables().notifications(), Duration.ofDays(30)),
                new OrderRepository(dynamo, local.tables().orders()), dynamo);
    }
}
