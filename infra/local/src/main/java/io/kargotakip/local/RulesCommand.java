package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.channels.sms.SmsSettings;
import io.kargotakip.channels.whatsapp.WhatsAppTemplates;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.rules.Decision;
import io.kargotakip.core.rules.Rule;
import io.kargotakip.core.rules.RuleContext;
import io.kargotakip.core.rules.RuleEngine;
import io.kargotakip.core.rules.RuleSet;
import io.kargotakip.core.rules.RulesException;
import io.kargotakip.core.rules.RulesLoader;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.core.template.TemplateCatalog;
import io.kargotakip.core.template.TemplateCheck;
import io.kargotakip.local.Main.UsageError;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code ./kargo rules check FILE} and {@code ./kargo rules explain [--rules FILE] --event FILE}: validate a rules
 * file, and show what it decides for one event in its context, without sending anything.
 */
final class RulesCommand {

    static final String USAGE = "usage: kargo rules check FILE [--templates DIR] | kargo rules explain [--rules FILE] --event FILE";
    private static final String CHECK_USAGE = "usage: kargo rules check FILE [--templates DIR]   (DIR: the merchant's templates,"
            + " KARGO_TEMPLATES_DIR, or s3://bucket/prefix/ as KARGO_TEMPLATES_S3; without it the built-in ones)";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private RulesCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Function<String, String> env) throws UsageError {
        if (args.isEmpty()) {
            throw new UsageError(USAGE);
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "check" -> {
                Map<String, String> options = Main.options(rest, List.of("--templates"));
                if (!options.containsKey("")) {
                    throw new UsageError(CHECK_USAGE);
                }
                Path templates = null;
                if (options.containsKey("--templates") && options.get("--templates").startsWith("s3://")) {
                    yield checkS3(Path.of(options.get("")), options.get("--templates"), out, err, env);
                }
                if (options.containsKey("--templates")) {
                    templates = Path.of(options.get("--templates"));
                    if (!Files.isDirectory(templates)) {
                        throw new UsageError(templates + ": no such directory; " + CHECK_USAGE);
                    }
                }
                yield check(Path.of(options.get("")), templates, out, err, env);
            }
            case "explain" -> explain(rest, out, err, env);
            default -> throw new UsageError("unknown rules command '" + args.get(0) + "'; " + USAGE);
        };
    }

    /**
     * {@code --templates s3://bucket/prefix/} ({@code KARGO_TEMPLATES_S3}'s form): the objects under the prefix, copied as
     * the sender copies them, then checked as a folder is; the lines name the S3 objects. {@code KARGO_ENDPOINT_S3}
     * points the client at the emulator.
     */
    static int checkS3(Path file, String prefix, PrintStream out, PrintStream err, Function<String, String> env) throws UsageError {
        io.kargotakip.aws.S3Location location;
        try {
            location = io.kargotakip.aws.S3Location.parse("--templates", prefix, true);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage() + "; " + CHECK_USAGE);
        }
        io.kargotakip.aws.templates.S3TemplateOverrides copy;
        try {
            // no check while copying: the check below is the command's own, with its WhatsApp lines
            copy = new io.kargotakip.aws.templates.S3TemplateOverrides(io.kargotakip.aws.KargoSettings.of(env).s3(), location,
                    java.time.Duration.ofDays(1), Clock.systemUTC(), catalog -> List.of());
        } catch (IllegalStateException | software.amazon.awssdk.core.exception.SdkException e) {
            err.println(e.getMessage());
            return 2;
        }
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
        int code = check(file, copy.folder(), new PrintStream(o, true, java.nio.charset.StandardCharsets.UTF_8),
                new PrintStream(e, true, java.nio.charset.StandardCharsets.UTF_8), env);
        String folder = copy.folder().toString();
        out.print(o.toString(java.nio.charset.StandardCharsets.UTF_8).replace(folder + java.io.File.separator, location.toString())
                .replace(folder, location.toString()));
        err.print(e.toString(java.nio.charset.StandardCharsets.UTF_8).replace(folder + java.io.File.separator, location.toString())
                .replace(folder, location.toString()));
        return code;
    }

    static int check(Path file, PrintStream out, PrintStream err) {
        return check(file, null, out, err, key -> null);
    }

    /**
     * The rules file, then the templates of every kind it names, built-in or in {@code templates}, over every channel
     * and locale ({@link TemplateCheck}, as the sender's start-up checks them, with {@code KARGO_SMS_MAX_SEGMENTS} and
     * {@code KARGO_SMS_ALPHABET} from {@code env}), and each kind's approved WhatsApp template.
     */
    static int check(Path file, Path templates, PrintStream out, PrintStream err, Function<String, String> env) {
        RuleSet set;
        try {
            set = RulesLoader.load(file);
        } catch (RulesException e) {
            e.errors().forEach(err::println);
            return 2;
        }
        SmsSettings sms;
        try {
            sms = SmsSettings.forTemplates(env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Set<String> channels = new LinkedHashSet<>(RulesLoader.CHANNELS);
        Set<String> locales = new LinkedHashSet<>(RulesLoader.LOCALES);
        List<String> problems = new ArrayList<>(TemplateCheck.problems(new TemplateCatalog(templates), set.kinds(),
                set.variantsByKind(), channels, locales,
                sms.maxSegments(), sms.alphabet()::write));
        problems.addAll(whatsAppProblems(templates, set.kinds(), locales));
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return 2;
        }
        out.println(file + ": " + set.rules().size() + " rules, valid; templates of its " + set.kinds().size() + " kinds over "
                + channels.size() + " channels in " + String.join(" and ", locales) + " valid"
                + (templates == null ? " (built-in)" : " (" + templates + ", else built-in)"));
        return 0;
    }

    /** Each kind's approved WhatsApp template in each locale, from the merchant's mapping file or the built-in one. */
    private static List<String> whatsAppProblems(Path templates, Set<String> kinds, Set<String> locales) {
        WhatsAppTemplates mapping;
        try {
            mapping = WhatsAppTemplates.load(templates);
        } catch (IllegalStateException e) {
            return List.of(e.getMessage());
        }
        String source = templates != null && Files.isRegularFile(templates.resolve("whatsapp/templates.csv"))
                ? templates.resolve("whatsapp/templates.csv").toString() : WhatsAppTemplates.RESOURCE + " (built-in)";
        List<String> problems = new ArrayList<>();
        for (String locale : locales) {
            for (String kind : new java.util.TreeSet<>(kinds)) {
                if (mapping.find(new MessageKind(kind), locale).isEmpty()) {
                    problems.add(source + ": no approved template for " + kind + " in " + locale
                            + "; expected a line kind,locale,template,language,parameters");
                }
            }
        }
        return problems;
    }

    static int explain(List<String> args, PrintStream out, PrintStream err, Function<String, String> env) throws UsageError {
        Map<String, String> options = Main.options(args, List.of("--rules", "--event"));
        if (options.containsKey("") || options.get("--event") == null) {
            throw new UsageError("usage: kargo rules explain [--rules FILE] --event FILE   (without --rules: KARGO_RULES_FILE, else the shipped default rules)");
        }
        String rulesFile = options.getOrDefault("--rules", env.apply("KARGO_RULES_FILE"));
        RuleSet set;
        try {
            set = rulesFile == null || rulesFile.isBlank() ? RulesLoader.defaults() : RulesLoader.load(Path.of(rulesFile));
        } catch (RulesException e) {
            e.errors().forEach(err::println);
            return 2;
        }
        Path eventFile = Path.of(options.get("--event"));
        RuleContext context = ExplainInput.read(eventFile);
        RuleEngine engine = new RuleEngine(set);
        List<Decision> decisions = engine.evaluate(context);
        print(set, context, decisions, out);
        printNextTimeRules(set, engine, context, decisions, out);
        return 0;
    }

    private static void print(RuleSet set, RuleContext c, List<Decision> decisions, PrintStream out) {
        ZoneId zone = c.order().zone();
        StatusChange ch = c.change();
        out.println("rules " + set.source() + " (" + set.rules().size() + " rules) for " + ch.shipmentId() + " "
                + ch.status().wireName() + (ch.reason() == null ? "" : " (" + ch.reason().wireName() + ")") + " at "
                + local(ch.occurredAt(), zone) + ", evaluated at " + local(c.now(), zone) + " " + zone
                + (ch.status() == TrackingStatus.FAILED_ATTEMPT ? "; failed attempt " + c.attempt() : "")
                + (c.etaSlipHours() > 0 ? "; ETA slipped " + c.etaSlipHours() + " h" : ""));
        if (decisions.isEmpty()) {
            out.println("no rule fires: nothing would be sent");
            return;
        }
        int messages = printDecisions(set, c, decisions, List.of(), out);
        out.println(messages + (messages == 1 ? " message" : " messages") + " would be sent; nothing was sent");
    }

    /**
     * The time rules this event leaves the shipment waiting for: when the schedule would next look at it (the earliest
     * due time), and which time rules would fire then if nothing else happened meanwhile.
     */
    private static void printNextTimeRules(RuleSet set, RuleEngine engine, RuleContext c, List<Decision> decisions, PrintStream out) {
        Optional<Instant> wake = engine.nextWake(c, true);
        if (wake.isEmpty()) {
            return;
        }
        ZoneId zone = c.order().zone();
        RuleContext then = new RuleContext(c.change(), c.shipment(), c.order(), c.sent(), Clock.fixed(wake.get(), zone), c.brand());
        List<Decision> due = engine.evaluateDue(then, key -> true);
        out.println("time rules: the schedule looks at this shipment next at " + local(wake.get(), zone)
                + (due.isEmpty() ? "; no time rule would fire then" : "; if nothing happens before then:"));
        if (!due.isEmpty()) {
            List<String> before = decisions.stream().flatMap(d -> d.sends().stream()).map(s -> s.kind() + "|" + s.distinct()).toList();
            int messages = printDecisions(set, then, due, before, out);
            out.println(messages + (messages == 1 ? " message" : " messages") + " more would be sent then");
        }
    }

    /** @param before the messages already shown ({@code kind|distinct}): a time rule's message with the same id is that one */
    private static int printDecisions(RuleSet set, RuleContext c, List<Decision> decisions, List<String> before, PrintStream out) {
        ZoneId zone = c.order().zone();
        Map<String, Rule> byId = new HashMap<>();
        set.rules().forEach(r -> byId.put(r.id(), r));
        int n = 0;
        int messages = 0;
        for (Decision d : decisions) {
            Rule rule = byId.get(d.ruleId());
            out.println((++n) + ". " + d.ruleId() + " (line " + rule.line() + ") fires: " + String.join(", ", d.conditions())
                    + (rule.stop() ? "; stop: later rules are not evaluated" : ""));
            for (Decision.Outcome o : d.outcomes()) {
                if (o instanceof Decision.Send s) {
                    boolean same = before.contains(s.kind() + "|" + s.distinct());
                    if (s.goes() && !same) {
                        messages++;
                    }
                    String state = s.suppressedBy() != null ? " — suppressed by " + s.suppressedBy()
                            : same ? " — the same message as above (one id): sent once"
                            : s.alreadySent() ? " — already sent for this occurrence, not sent again"
                            : s.steps().stream().noneMatch(Decision.Step::reachable) ? " — no channel of its chain can reach the customer" : "";
                    out.println("   send " + s.kind() + state);
                    out.println("     occurrence " + s.occurrenceKey());
                    out.println("     due " + local(s.due(), zone) + (s.delayedBecause() == null ? " (now)" : " (" + s.delayedBecause() + ")")
                            + (s.links().isEmpty() ? "" : "; links: " + String.join(", ", s.links()))
                            + (s.discountPercent() == null ? "" : "; discount " + s.discountPercent() + "%"));
                    for (Decision.Step step : s.steps()) {
                        out.println("     " + String.format("%-9s", step.channel()) + local(step.at(), zone)
                                + (step.fallback() ? " if still unread" : "")
                                + (step.heldUntil() != null ? " (held by quiet hours)" : "")
                                + (step.reachable() ? "" : " — skipped: no consent or no contact"));
                    }
                } else if (o instanceof Decision.Alert a) {
                    out.println("   alert operations: " + String.join(", ", a.targets()) + ": " + a.text());
                } else if (o instanceof Decision.Ticket t) {
                    out.println("   ticket (" + (t.format() == null ? "" : t.format() + ", ") + t.priority() + ") to "
                            + (t.url() == null ? "the helpdesk of KARGO_HELPDESK_URL" : t.url()) + ": " + t.subject());
                } else if (o instanceof Decision.Suppress s) {
                    out.println("   suppress" + (s.kinds().isEmpty() ? " every message" : " " + String.join(", ", s.kinds())) + ": " + s.reason());
                }
            }
        }
        return messages;
    }

    private static String local(Instant at, ZoneId zone) {
        return LOCAL.format(at.atZone(zone));
    }

    /**
     * The explain input: one JSON document, {@code {"now", "event", "shipment", "order", "customer", "sent"}}; the
     * event is a canonical event as {@code ./kargo normalize} prints it. Every problem is one line naming the field.
     */
    static final class ExplainInput {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final List<String> TOP = List.of("now", "event", "shipment", "order", "customer", "sent");
        private static final List<String> EVENT = List.of("source", "carrier", "trackingNumber", "status", "previousStatus", "reason",
                "occurredAt", "location", "carrierCode", "description", "estimatedDelivery", "alternateNumber");
        private static final List<String> SHIPMENT = List.of("eta", "history");
        private static final List<String> HISTORY = List.of("status", "reason", "occurredAt", "estimatedDelivery");
        private static final List<String> ORDER = List.of("orderId", "orderNo", "marketplace", "codAmount", "orderValue", "categories", "zone");
        private static final List<String> CUSTOMER = List.of("firstName", "locale", "segments", "cltv", "contacts", "consent");
        private static final List<String> SENT = List.of("kind", "channel", "state", "sentAt", "occurrenceKey");

        private final String file;

        private ExplainInput(String file) {
            this.file = file;
        }

        static RuleContext read(Path path) throws UsageError {
            String name = path.toString();
            JsonNode root;
            try {
                root = JSON.readTree(Files.readString(path));
            } catch (NoSuchFileException e) {
                throw new UsageError(path + ": no such file");
            } catch (IOException e) {
                throw new UsageError(name + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            return new ExplainInput(name).context(root);
        }

        private RuleContext context(JsonNode root) throws UsageError {
            object(root, "(document)", TOP);
            JsonNode e = required(root, "event");
            object(e, "event", EVENT);
            ShipmentId id;
            try {
                id = new ShipmentId(text(required(e, "carrier"), "event.carrier"), text(required(e, "trackingNumber"), "event.trackingNumber"));
            } catch (IllegalArgumentException ex) {
                throw fail("event", ex.getMessage());
            }
            TrackingStatus status = status(required(e, "status"), "event.status");
            TrackingStatus previous = e.hasNonNull("previousStatus") ? status(e.get("previousStatus"), "event.previousStatus") : null;
            Reason reason = e.hasNonNull("reason") ? reason(e.get("reason"), "event.reason") : null;
            Instant occurredAt = instant(required(e, "occurredAt"), "event.occurredAt");
            LocalDate eventEta = e.hasNonNull("estimatedDelivery") ? date(e.get("estimatedDelivery"), "event.estimatedDelivery") : null;

            List<RuleContext.HistoryEvent> history = new ArrayList<>();
            LocalDate eta = eventEta;
            JsonNode s = root.get("shipment");
            if (s != null && !s.isNull()) {
                object(s, "shipment", SHIPMENT);
                if (s.hasNonNull("eta")) {
                    eta = date(s.get("eta"), "shipment.eta");
                }
                JsonNode h = s.get("history");
                if (h != null && !h.isNull()) {
                    array(h, "shipment.history");
                    for (int i = 0; i < h.size(); i++) {
                        String p = "shipment.history[" + i + "]";
                        JsonNode ev = h.get(i);
                        object(ev, p, HISTORY);
                        history.add(new RuleContext.HistoryEvent(status(required(ev, "status", p), p + ".status"),
                                ev.hasNonNull("reason") ? reason(ev.get("reason"), p + ".reason") : null,
                                instant(required(ev, "occurredAt", p), p + ".occurredAt"),
                                ev.hasNonNull("estimatedDelivery") ? date(ev.get("estimatedDelivery"), p + ".estimatedDelivery") : null));
                    }
                }
            }

            JsonNode o = required(root, "order");
            object(o, "order", ORDER);
            ZoneId zone = RuleContext.DEFAULT_ZONE;
            if (o.hasNonNull("zone")) {
                try {
                    zone = ZoneId.of(text(o.get("zone"), "order.zone"));
                } catch (RuntimeException ex) {
                    throw fail("order.zone", quoted(o.get("zone")) + " is not a time zone; expected a zone id such as Europe/Istanbul");
                }
            }
            JsonNode cu = required(root, "customer");
            object(cu, "customer", CUSTOMER);
            Map<ContactKind, String> contacts = new EnumMap<>(ContactKind.class);
            if (cu.hasNonNull("contacts")) {
                JsonNode cs = cu.get("contacts");
                object(cs, "customer.contacts", Arrays.stream(ContactKind.values()).map(ContactKind::wireName).toList());
                for (ContactKind k : ContactKind.values()) {
                    if (cs.hasNonNull(k.wireName())) {
                        contacts.put(k, text(cs.get(k.wireName()), "customer.contacts." + k.wireName()));
                    }
                }
            }
            Map<String, Boolean> granted = new HashMap<>();
            if (cu.hasNonNull("consent")) {
                JsonNode cs = cu.get("consent");
                object(cs, "customer.consent", RulesLoader.CHANNELS);
                for (Iterator<Map.Entry<String, JsonNode>> it = cs.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> en = it.next();
                    if (!en.getValue().isBoolean()) {
                        throw fail("customer.consent." + en.getKey(), en.getValue() + " is not true or false; expected true or false");
                    }
                    granted.put(en.getKey(), en.getValue().asBoolean());
                }
            }
            Set<String> segments = names(cu.get("segments"), "customer.segments", RulesLoader.SEGMENTS);
            String locale = cu.hasNonNull("locale") ? text(cu.get("locale"), "customer.locale") : null;
            Customer customer = new Customer(cu.hasNonNull("firstName") ? text(cu.get("firstName"), "customer.firstName") : null, contacts, locale);
            RuleContext.OrderFacts order = new RuleContext.OrderFacts(
                    o.hasNonNull("orderId") ? text(o.get("orderId"), "order.orderId") : null,
                    o.hasNonNull("orderNo") ? text(o.get("orderNo"), "order.orderNo") : null,
                    o.hasNonNull("marketplace") ? text(o.get("marketplace"), "order.marketplace") : "web",
                    customer, Consent.of(granted, occurredAt), segments,
                    cu.hasNonNull("cltv") ? text(cu.get("cltv"), "customer.cltv") : null,
                    o.hasNonNull("codAmount") ? amount(o.get("codAmount"), "order.codAmount") : null,
                    o.hasNonNull("orderValue") ? amount(o.get("orderValue"), "order.orderValue") : null,
                    names(o.get("categories"), "order.categories", null), zone);

            List<RuleContext.SentMessage> sent = new ArrayList<>();
            JsonNode sn = root.get("sent");
            if (sn != null && !sn.isNull()) {
                array(sn, "sent");
                for (int i = 0; i < sn.size(); i++) {
                    String p = "sent[" + i + "]";
                    JsonNode m = sn.get(i);
                    object(m, p, SENT);
                    sent.add(new RuleContext.SentMessage(text(required(m, "kind", p), p + ".kind"), text(required(m, "channel", p), p + ".channel"),
                            m.hasNonNull("state") ? text(m.get("state"), p + ".state") : "SENT",
                            m.hasNonNull("sentAt") ? instant(m.get("sentAt"), p + ".sentAt") : null,
                            m.hasNonNull("occurrenceKey") ? text(m.get("occurrenceKey"), p + ".occurrenceKey") : null));
                }
            }
            // without "now" the rules are evaluated when the event happened, so the same file explains the same way every time
            Instant now = root.hasNonNull("now") ? instant(root.get("now"), "now") : occurredAt;
            StatusChange change = new StatusChange(id, order.orderId(), previous, status, reason, occurredAt,
                    e.hasNonNull("location") ? e.get("location").asText() : null, null, eventEta, null);
            return new RuleContext(change, new RuleContext.Shipment(id, eta, history), order, sent, Clock.fixed(now, zone),
                    RuleContext.BrandSettings.defaults());
        }

        private void object(JsonNode n, String path, List<String> allowed) throws UsageError {
            if (!n.isObject()) {
                throw fail(path, "is not an object; expected {…}");
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw fail(path.equals("(document)") ? k : path + "." + k, "unknown field; expected one of " + String.join(", ", allowed));
                }
            }
        }

        private void array(JsonNode n, String path) throws UsageError {
            if (!n.isArray()) {
                throw fail(path, "is not a list; expected […]");
            }
        }

        private JsonNode required(JsonNode n, String field) throws UsageError {
            return required(n, field, null);
        }

        private JsonNode required(JsonNode n, String field, String parent) throws UsageError {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                throw fail(parent == null ? field : parent + "." + field, "is missing");
            }
            return v;
        }

        private String text(JsonNode n, String path) throws UsageError {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw fail(path, n + " is not text; expected a string");
            }
            return n.asText();
        }

        private TrackingStatus status(JsonNode n, String path) throws UsageError {
            String s = text(n, path);
            return TrackingStatus.fromWireName(s).filter(x -> x != TrackingStatus.UNKNOWN).orElseThrow(() -> fail(path, quoted(n)
                    + " is not a status; expected one of " + String.join(", ", Arrays.stream(TrackingStatus.values())
                    .filter(x -> x != TrackingStatus.UNKNOWN).map(TrackingStatus::wireName).toList())));
        }

        private Reason reason(JsonNode n, String path) throws UsageError {
            String s = text(n, path);
            return Reason.fromWireName(s).orElseThrow(() -> fail(path, quoted(n) + " is not a reason; expected one of "
                    + String.join(", ", Arrays.stream(Reason.values()).map(Reason::wireName).toList())));
        }

        private Instant instant(JsonNode n, String path) throws UsageError {
            try {
                return OffsetDateTime.parse(text(n, path)).toInstant();
            } catch (RuntimeException e) {
                throw fail(path, quoted(n) + " is not a time; expected an ISO time with offset, 2026-12-02T07:10:00+03:00");
            }
        }

        private LocalDate date(JsonNode n, String path) throws UsageError {
            try {
                return LocalDate.parse(text(n, path));
            } catch (RuntimeException e) {
                throw fail(path, quoted(n) + " is not a date; expected 2026-12-02");
            }
        }

        private BigDecimal amount(JsonNode n, String path) throws UsageError {
            if (!n.isNumber() || n.decimalValue().signum() < 0) {
                throw fail(path, n + " is not an amount; expected a number of 0 or more");
            }
            return n.decimalValue();
        }

        private Set<String> names(JsonNode n, String path, List<String> allowed) throws UsageError {
            Set<String> out = new LinkedHashSet<>();
            if (n == null || n.isNull()) {
                return out;
            }
            array(n, path);
            for (int i = 0; i < n.size(); i++) {
                String v = text(n.get(i), path + "[" + i + "]");
                if (allowed != null && !allowed.contains(v)) {
                    throw fail(path + "[" + i + "]", quoted(n.get(i)) + " is not one of " + String.join(", ", allowed));
                }
                out.add(v);
            }
            return out;
        }

        private static String quoted(JsonNode n) {
            return n.isTextual() ? "\"" + n.asText() + "\"" : n.toString();
        }

        private UsageError fail(String path, String message) {
            return new UsageError(file + ": " + path + ": " + message);
        }
    }
}
