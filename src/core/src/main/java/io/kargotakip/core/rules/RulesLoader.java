package io.kargotakip.core.rules;

import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.QuietHours;
import io.kargotakip.core.rules.YamlTree.ListNode;
import io.kargotakip.core.rules.YamlTree.MapNode;
import io.kargotakip.core.rules.YamlTree.Node;
import io.kargotakip.core.rules.YamlTree.Scalar;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a rules file (YAML, the shape of {@code rules.schema.json}) into a {@link RuleSet}, or refuses it whole with
 * every problem found, each one line naming the file, the line and the field. Nothing is half-loaded: the rule set
 * exists only when the whole file is valid.
 */
public final class RulesLoader {

    public static final String SCHEMA_RESOURCE = "io/kargotakip/core/rules/rules.schema.json";
    public static final String DEFAULT_RULES_RESOURCE = "io/kargotakip/core/rules/default-rules.yaml";

    /** The channels a rule may name (the product's channel ids). */
    public static final List<String> CHANNELS = List.of("email", "sms", "whatsapp", "push", "webpush");
    public static final List<String> SEGMENTS = List.of("vip", "first_order");
    public static final List<String> LOCALES = List.of("tr", "en");

    static final List<String> TOP = List.of("version", "brand", "settings", "kinds", "rules", "experiments");
    static final List<String> SETTINGS = List.of("chain", "quiet_hours", "cltv_bands", "discount", "alerts", "helpdesk", "frequency",
            "automation", "reports");
    static final List<String> REPORTS = List.of("daily_at", "zone", "to");
    static final List<String> AUTOMATION = List.of("mode", "automatic", "alert_after", "expire_after");
    static final List<String> FREQUENCY = List.of("coalesce", "coalesce_statuses", "daily_cap", "cap_exempt");
    static final List<String> QUIET = List.of("window", "zone", "held", "critical_channels", "critical");
    static final List<String> DISCOUNT = List.of("percent", "by_category", "by_cltv");
    static final List<String> ALERTS = List.of("email", "webhook");
    static final List<String> HELPDESK = List.of("format", "url");
    static final List<String> RULE = List.of("id", "description", "trigger", "when", "then", "stop", "once_per");
    static final List<String> TRIGGER = List.of("no_scan_for", "business_hours", "at", "after", "message");
    static final List<String> WHEN = List.of("status", "previous_status", "reason", "attempt", "segment", "cltv", "cod",
            "cod_amount", "order_value", "category", "time_of_day", "since_last_message", "eta_slip_hours", "consent",
            "locale", "marketplace");
    static final List<String> ACTIONS = List.of("send", "alert", "ticket", "offer", "delay_until", "suppress");
    static final List<String> SEND = List.of("kind", "chain", "discount");
    static final List<String> ALERT = List.of("to", "text");
    static final List<String> TICKET = List.of("helpdesk", "priority", "subject");
    static final List<String> DELAY = List.of("time", "day");
    static final List<String> SUPPRESS = List.of("reason", "kinds");
    static final List<String> RANGE = List.of("min", "max");
    static final List<String> EXPERIMENT = List.of("id", "kind", "variants");

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,4})([mhd])");
    private static final String CH = "(email|sms|whatsapp|push|webpush)";
    /** The chain's syntax, as the schema states it; FallbackChain.parse then checks the order of the waits. */
    private static final Pattern CHAIN = Pattern.compile("off|" + CH + "(\\|" + CH + ")*(," + CH + "@[0-9]{1,4}[mh])*");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final String file;
    private final List<String> errors = new ArrayList<>();

    private RulesLoader(String file) {
        this.file = file;
    }

    public static RuleSet load(Path path) throws RulesException {
        // named as the operator gave it, as compilers do, so the error line leads back to the file
        String name = path.toString();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RulesException(List.of(name + ":1: cannot read the file (" + e.getClass().getSimpleName() + ")"));
        }
        return parse(name, text);
    }

    /** The default rule set shipped with the product. */
    public static RuleSet defaults() {
        try (InputStream in = RulesLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RULES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RULES_RESOURCE + " is not on the classpath");
            }
            return parse("default-rules.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (RulesException e) {
            throw new IllegalStateException("the shipped default rules are invalid: " + String.join(" | ", e.errors()), e);
        }
    }

    public static RuleSet parse(String fileName, String text) throws RulesException {
        RulesLoader loader = new RulesLoader(fileName);
        Node root;
        try {
            root = YamlTree.parse(text);
        } catch (YamlTree.SyntaxError e) {
            throw new RulesException(List.of(fileName + ":" + e.line + ": " + e.getMessage()));
        }
        RuleSet set = loader.read(root);
        if (!loader.errors.isEmpty()) {
            throw new RulesException(loader.errors);
        }
        return set;
    }

    // ---- the document

    private RuleSet read(Node root) {
        MapNode top = map(root, "(file)");
        if (top == null) {
            return null;
        }
        keys(top, "", TOP, List.of("version", "kinds", "rules"));
        Node version = value(top, "version");
        if (version != null && !(version instanceof Scalar s && Long.valueOf(1).equals(s.value()))) {
            error(version, "version", show(version) + " is not a supported version; expected 1");
        }
        String brand = value(top, "brand") == null ? null : string(value(top, "brand"), "brand", ID, "a brand id (a-z, 0-9, _ or -)");
        RuleSettings settings = settings(value(top, "settings"));
        Set<String> kinds = kinds(value(top, "kinds"));
        if (settings != null && value(top, "settings") instanceof MapNode sm && value(sm, "automation") != null) {
            settings = settings.withAutomation(automation(value(sm, "automation"), kinds == null ? Set.of() : kinds));
        }
        List<Rule> rules = new ArrayList<>();
        Node rulesNode = value(top, "rules");
        ListNode list = rulesNode == null ? null : list(rulesNode, "rules");
        if (list != null) {
            if (list.items().isEmpty()) {
                error(list, "rules", "is empty; expected at least one rule");
            }
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < list.items().size(); i++) {
                Rule rule = rule(list.items().get(i), "rules[" + i + "]", kinds, settings);
                if (rule != null && rule.id() != null) {
                    Integer first = ids.putIfAbsent(rule.id(), i);
                    if (first != null) {
                        error(list.items().get(i), "rules[" + i + "].id", "\"" + rule.id() + "\" is the id of rules[" + first + "] too; expected a unique id");
                    }
                }
                rules.add(rule);
            }
        }
        List<Experiment> experiments = experiments(value(top, "experiments"), kinds);
        return errors.isEmpty() ? new RuleSet(file, brand, kinds, settings, rules, experiments) : null;
    }

    /** The A/B tests: each on one kind of the file, at most one per kind, two or more variants with positive weights. */
    private List<Experiment> experiments(Node node, Set<String> kinds) {
        List<Experiment> experiments = new ArrayList<>();
        ListNode list = node == null ? null : list(node, "experiments");
        if (list == null) {
            return experiments;
        }
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> byKind = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            String p = "experiments[" + i + "]";
            MapNode m = map(list.items().get(i), p);
            if (m == null) {
                continue;
            }
            keys(m, p, EXPERIMENT, EXPERIMENT);
            String id = value(m, "id") == null ? null : string(value(m, "id"), p + ".id", ID, "an experiment id (a-z, 0-9, _ or -)");
            if (id != null) {
                Integer first = ids.putIfAbsent(id, i);
                if (first != null) {
                    error(value(m, "id"), p + ".id", "\"" + id + "\" is the id of experiments[" + first + "] too; expected a unique id");
                }
            }
            String kind = value(m, "kind") == null ? null : kind(value(m, "kind"), p + ".kind", kinds);
            if (kind != null) {
                Integer first = byKind.putIfAbsent(kind, i);
                if (first != null) {
                    error(value(m, "kind"), p + ".kind", "\"" + kind + "\" is tested by experiments[" + first + "] already; expected one experiment per kind");
                }
            }
            List<Experiment.Variant> variants = value(m, "variants") == null ? List.of() : variants(value(m, "variants"), p + ".variants");
            if (id != null && kind != null && variants.size() >= 2) {
                experiments.add(new Experiment(id, kind, variants));
            }
        }
        return experiments;
    }

    private List<Experiment.Variant> variants(Node node, String p) {
        List<Experiment.Variant> variants = new ArrayList<>();
        MapNode m = map(node, p);
        if (m == null) {
            return variants;
        }
        if (m.entries().size() < 2) {
            error(m, p, "has " + (m.entries().isEmpty() ? "no variant" : "one variant") + "; expected two or more, each with its weight ({a: 50, b: 50})");
        }
        boolean fine = true;
        for (Map.Entry<String, YamlTree.Entry> e : m.entries().entrySet()) {
            String name = e.getKey();
            if (!NAME.matcher(name).matches()) {
                errors.add(file + ":" + e.getValue().keyLine() + ": " + p + "." + name + ": \"" + name
                        + "\" is not a variant name; expected a-z, 0-9 or _, a letter first");
                fine = false;
                continue;
            }
            Node w = e.getValue().value();
            if (w instanceof Scalar s && s.value() instanceof Long l && l >= 1 && l <= 1_000_000) {
                variants.add(new Experiment.Variant(name, l.intValue()));
            } else {
                error(w, p + "." + name, show(w) + " is not a weight; expected a whole number from 1 to 1000000 (the variant's share)");
                fine = false;
            }
        }
        return fine ? variants : List.of();
    }

    private Set<String> kinds(Node node) {
        Set<String> kinds = new LinkedHashSet<>();
        if (node == null) {
            return kinds;
        }
        ListNode list = list(node, "kinds");
        if (list == null) {
            return kinds;
        }
        if (list.items().isEmpty()) {
            error(list, "kinds", "is empty; expected the message kinds the rules send");
        }
        for (int i = 0; i < list.items().size(); i++) {
            String kind = string(list.items().get(i), "kinds[" + i + "]", NAME, "a message kind name (a-z, 0-9, _)");
            if (kind != null && !kinds.add(kind)) {
                error(list.items().get(i), "kinds[" + i + "]", "\"" + kind + "\" is listed twice; expected each kind once");
            }
        }
        return kinds;
    }

    private RuleSettings settings(Node node) {
        FallbackChain chain = null;
        QuietHours quiet = null;
        List<String> bands = RuleSettings.DEFAULT_CLTV_BANDS;
        RuleSettings.Discount discount = RuleSettings.Discount.DEFAULT;
        Map<String, String> alerts = Map.of();
        RuleSettings.Helpdesk helpdesk = null;
        RuleSettings.Frequency frequency = RuleSettings.Frequency.NONE;
        RuleSettings.Reports reports = RuleSettings.Reports.DEFAULT;
        MapNode m = node == null ? null : map(node, "settings");
        if (m != null) {
            keys(m, "settings", SETTINGS, List.of());
            if (value(m, "chain") != null) {
                chain = chain(value(m, "chain"), "settings.chain");
            }
            if (value(m, "quiet_hours") != null) {
                quiet = quietHours(value(m, "quiet_hours"));
            }
            if (value(m, "cltv_bands") != null) {
                bands = new ArrayList<>(names(value(m, "cltv_bands"), "settings.cltv_bands", NAME, "a band name (a-z, 0-9, _)"));
            }
            if (value(m, "alerts") != null) {
                alerts = alerts(value(m, "alerts"));
            }
            if (value(m, "helpdesk") != null) {
                helpdesk = helpdesk(value(m, "helpdesk"));
            }
            if (value(m, "discount") != null) {
                discount = discount(value(m, "discount"), bands);
            }
            if (value(m, "frequency") != null) {
                frequency = frequency(value(m, "frequency"));
            }
            if (value(m, "reports") != null) {
                reports = reports(value(m, "reports"));
            }
        }
        return new RuleSettings(chain, quiet, bands, discount, alerts, helpdesk, frequency, RuleSettings.Automation.FULL, reports);
    }

    /** {@code settings.reports}: {@code off}, or {@code {daily_at: "08:30", zone: Europe/Istanbul, to: [email, webhook]}}. */
    private RuleSettings.Reports reports(Node node) {
        String p = "settings.reports";
        if (node instanceof Scalar s && ("off".equals(s.value()) || Boolean.FALSE.equals(s.value()))) {
            return RuleSettings.Reports.OFF;
        }
        MapNode m = map(node, p);
        if (m == null) {
            return RuleSettings.Reports.DEFAULT;
        }
        keys(m, p, REPORTS, List.of());
        RuleSettings.Reports d = RuleSettings.Reports.DEFAULT;
        LocalTime at = value(m, "daily_at") == null ? d.at() : time(value(m, "daily_at"), p + ".daily_at");
        java.time.ZoneId zone = value(m, "zone") == null ? d.zone() : zone(value(m, "zone"), p + ".zone");
        Set<String> to = value(m, "to") == null ? d.to() : enumNames(value(m, "to"), p + ".to", ALERTS, "an alert target");
        return new RuleSettings.Reports(at == null ? d.at() : at, zone == null ? d.zone() : zone, to == null ? d.to() : to);
    }

    /** {@code settings.automation}, read once the kinds are known (its {@code automatic} names kinds of the file). */
    private RuleSettings.Automation automation(Node node, Set<String> kinds) {
        String p = "settings.automation";
        MapNode m = node == null ? null : map(node, p);
        if (m == null) {
            return RuleSettings.Automation.FULL;
        }
        keys(m, p, AUTOMATION, List.of("mode"));
        String mode = value(m, "mode") == null ? "full" : oneOf(value(m, "mode"), p + ".mode", RuleSettings.Automation.MODES, "an automation level");
        Set<String> automatic = value(m, "automatic") == null ? Set.of()
                : enumNames(value(m, "automatic"), p + ".automatic", List.copyOf(new java.util.TreeSet<>(kinds)), "a kind of this file");
        Duration alertAfter = value(m, "alert_after") == null ? RuleSettings.Automation.FULL.alertAfter()
                : duration(value(m, "alert_after"), p + ".alert_after");
        Duration expireAfter = value(m, "expire_after") == null ? RuleSettings.Automation.FULL.expireAfter()
                : duration(value(m, "expire_after"), p + ".expire_after");
        return new RuleSettings.Automation(mode == null ? "full" : mode, automatic == null ? Set.of() : automatic,
                alertAfter == null ? RuleSettings.Automation.FULL.alertAfter() : alertAfter,
                expireAfter == null ? RuleSettings.Automation.FULL.expireAfter() : expireAfter);
    }

    private RuleSettings.Frequency frequency(Node node) {
        String p = "settings.frequency";
        MapNode m = map(node, p);
        if (m == null) {
            return RuleSettings.Frequency.NONE;
        }
        keys(m, p, FREQUENCY, List.of());
        Duration coalesce = value(m, "coalesce") == null ? Duration.ZERO : duration(value(m, "coalesce"), p + ".coalesce");
        Set<TrackingStatus> statuses = value(m, "coalesce_statuses") == null ? Set.of(TrackingStatus.OUT_FOR_DELIVERY)
                : enums(value(m, "coalesce_statuses"), p + ".coalesce_statuses", TrackingStatus::fromWireName, statusNames(), "a status");
        Integer cap = null;
        Node capNode = value(m, "daily_cap");
        if (capNode != null) {
            if (capNode instanceof Scalar s && s.value() instanceof Long l && l >= 1 && l <= 100) {
                cap = l.intValue();
            } else {
                error(capNode, p + ".daily_cap", show(capNode) + " is not a number of messages; expected a whole number from 1 to 100");
            }
        }
        Set<TrackingStatus> exempt = value(m, "cap_exempt") == null ? Set.of(TrackingStatus.FAILED_ATTEMPT, TrackingStatus.EXCEPTION)
                : enums(value(m, "cap_exempt"), p + ".cap_exempt", TrackingStatus::fromWireName, statusNames(), "a status");
        return new RuleSettings.Frequency(coalesce == null ? Duration.ZERO : coalesce, statuses == null ? Set.of() : statuses, cap,
                exempt == null ? Set.of() : exempt);
    }

    private QuietHours quietHours(Node node) {
        String path = "settings.quiet_hours";
        if (node instanceof Scalar s && s.value() instanceof String v) {
            if (v.equals("policy")) {
                return null;
            }
            if (v.equals("off")) {
                return QuietHours.NONE;
            }
            error(node, path, show(node) + " is not a quiet-hours setting; expected policy, off, or a mapping with window, held, critical_channels, critical");
            return null;
        }
        MapNode m = map(node, path);
        if (m == null) {
            return null;
        }
        keys(m, path, QUIET, List.of("window"));
        Node window = value(m, "window");
        String w = window == null ? null : string(window, path + ".window", Pattern.compile(TIME.pattern() + "-" + TIME.pattern()), "HH:MM-HH:MM");
        java.time.ZoneId zoneId = value(m, "zone") == null ? null : zone(value(m, "zone"), path + ".zone");
        String zone = zoneId == null ? null : zoneId.getId();
        String held = value(m, "held") == null ? null : String.join(",", channels(value(m, "held"), path + ".held"));
        String critical = value(m, "critical_channels") == null ? null : String.join(",", channels(value(m, "critical_channels"), path + ".critical_channels"));
        String statuses = value(m, "critical") == null ? null
                : String.join(",", enumNames(value(m, "critical"), path + ".critical", statusNames(), "a status"));
        if (w == null) {
            return null;
        }
        try {
            return QuietHours.parse(w, zone, held, critical, statuses);
        } catch (IllegalArgumentException e) {
            error(node, path, e.getMessage());
            return null;
        }
    }

    private Map<String, String> alerts(Node node) {
        MapNode m = map(node, "settings.alerts");
        Map<String, String> alerts = new LinkedHashMap<>();
        if (m == null) {
            return alerts;
        }
        keys(m, "settings.alerts", ALERTS, List.of());
        if (m.entries().isEmpty()) {
            error(m, "settings.alerts", "is empty; expected email, webhook or both");
        }
        if (value(m, "email") != null) {
            String v = string(value(m, "email"), "settings.alerts.email", EMAIL, "an e-mail address");
            if (v != null) {
                alerts.put("email", v);
            }
        }
        if (value(m, "webhook") != null) {
            String v = string(value(m, "webhook"), "settings.alerts.webhook", URL, "an http(s) URL of a Slack-compatible webhook");
            if (v != null) {
                alerts.put("webhook", v);
            }
        }
        return alerts;
    }

    private RuleSettings.Helpdesk helpdesk(Node node) {
        MapNode m = map(node, "settings.helpdesk");
        if (m == null) {
            return null;
        }
        keys(m, "settings.helpdesk", HELPDESK, List.of("format", "url"));
        String format = value(m, "format") == null ? null : oneOf(value(m, "format"), "settings.helpdesk.format", Action.HELPDESKS, "a helpdesk format");
        String url = value(m, "url") == null ? null : string(value(m, "url"), "settings.helpdesk.url", URL, "an http(s) URL");
        return format == null || url == null ? null : new RuleSettings.Helpdesk(format, url);
    }

    private RuleSettings.Discount discount(Node node, List<String> bands) {
        String path = "settings.discount";
        MapNode m = map(node, path);
        if (m == null) {
            return RuleSettings.Discount.DEFAULT;
        }
        keys(m, path, DISCOUNT, List.of());
        int percent = value(m, "percent") == null ? 10 : percent(value(m, "percent"), path + ".percent");
        Map<String, Integer> byCategory = percents(value(m, "by_category"), path + ".by_category", null);
        Map<String, Integer> byCltv = percents(value(m, "by_cltv"), path + ".by_cltv", bands);
        return new RuleSettings.Discount(percent, byCategory, byCltv);
    }

    private Map<String, Integer> percents(Node node, String path, List<String> keysAllowed) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        MapNode m = map(node, path);
        if (m == null) {
            return out;
        }
        if (keysAllowed != null) {
            keys(m, path, keysAllowed, List.of());
        }
        m.entries().forEach((k, e) -> {
            if (keysAllowed == null || keysAllowed.contains(k)) {
                out.put(k, percent(e.value(), path + "." + k));
            }
        });
        return out;
    }

    private int percent(Node node, String path) {
        if (node instanceof Scalar s && s.value() instanceof Long l && l >= 1 && l <= 100) {
            return l.intValue();
        }
        error(node, path, show(node) + " is not a percent; expected a whole number from 1 to 100");
        return 0;
    }

    // ---- rules

    private Rule rule(Node node, String path, Set<String> kinds, RuleSettings settings) {
        MapNode m = map(node, path);
        if (m == null) {
            return null;
        }
        keys(m, path, RULE, List.of("id", "when", "then"));
        String id = value(m, "id") == null ? null : string(value(m, "id"), path + ".id", ID, "a rule id (a-z, 0-9, _ or -)");
        String description = value(m, "description") == null ? null : string(value(m, "description"), path + ".description", null, "text");
        boolean stop = value(m, "stop") != null && bool(value(m, "stop"), path + ".stop");
        String oncePer = value(m, "once_per") == null ? null : oneOf(value(m, "once_per"), path + ".once_per", Rule.ONCE_PER, "an occurrence");
        List<Condition> when = value(m, "when") == null ? List.of() : when(value(m, "when"), path + ".when", settings);
        List<Action> then = value(m, "then") == null ? List.of() : then(value(m, "then"), path + ".then", kinds, settings);
        Trigger trigger = value(m, "trigger") == null ? null : trigger(value(m, "trigger"), path + ".trigger", kinds);
        if (trigger != null && trigger.timed() && oncePer != null) {
            error(value(m, "once_per"), path + ".once_per", "a time rule's occurrence is its trigger's (the quiet spell, the day, the "
                    + "message it follows); expected no once_per with trigger");
        }
        return new Rule(id, description, m.line(), when, then, stop, oncePer, trigger);
    }

    /**
     * {@code status_change} (the default), or one time: {@code {no_scan_for: 48h, business_hours: true}},
     * {@code {at: "08:00"}} (on the delivery day), {@code {after: 24h, message: address_problem}}.
     */
    private Trigger trigger(Node v, String p, Set<String> kinds) {
        String expected = "status_change, {no_scan_for: 48h, business_hours: true}, {at: \"08:00\"} (on the delivery day) or "
                + "{after: 24h, message: <kind>}";
        if (v instanceof Scalar s && "status_change".equals(s.value())) {
            return Trigger.onChange();
        }
        if (!(v instanceof MapNode m)) {
            error(v, p, show(v) + " is not a trigger; expected " + expected);
            return null;
        }
        keys(m, p, TRIGGER, List.of());
        List<String> times = List.of("no_scan_for", "at", "after").stream().filter(k -> value(m, k) != null).toList();
        if (times.size() != 1) {
            error(m, p, (times.isEmpty() ? "names no time" : "names " + String.join(" and ", times)) + "; expected one of " + expected);
            return null;
        }
        List<String> allowed = switch (times.get(0)) {
            case "no_scan_for" -> List.of("no_scan_for", "business_hours");
            case "after" -> List.of("after", "message");
            default -> List.of("at");
        };
        for (String key : m.entries().keySet()) {
            if (TRIGGER.contains(key) && !allowed.contains(key)) {
                error(m.entries().get(key).value(), p + "." + key, "does not go with " + times.get(0) + "; expected " + String.join(", ", allowed));
            }
        }
        return switch (times.get(0)) {
            case "no_scan_for" -> {
                Duration quiet = duration(value(m, "no_scan_for"), p + ".no_scan_for");
                boolean business = value(m, "business_hours") != null && bool(value(m, "business_hours"), p + ".business_hours");
                yield quiet == null ? null : new Trigger.NoScanFor(quiet, business);
            }
            case "after" -> {
                Duration wait = duration(value(m, "after"), p + ".after");
                if (value(m, "message") == null) {
                    error(m, p, "after names no message; expected message: <kind> (the message it follows up)");
                    yield null;
                }
                String kind = kind(value(m, "message"), p + ".message", kinds);
                yield wait == null || kind == null ? null : new Trigger.After(wait, kind);
            }
            default -> {
                LocalTime at = time(value(m, "at"), p + ".at");
                yield at == null ? null : new Trigger.At(at);
            }
        };
    }

    private List<Condition> when(Node node, String path, RuleSettings settings) {
        List<Condition> out = new ArrayList<>();
        MapNode m = map(node, path);
        if (m == null) {
            return out;
        }
        keys(m, path, WHEN, List.of());
        if (m.entries().isEmpty()) {
            error(m, path, "is empty; expected at least one condition (" + String.join(", ", WHEN) + ")");
        }
        for (Map.Entry<String, YamlTree.Entry> e : m.entries().entrySet()) {
            Node v = e.getValue().value();
            String p = path + "." + e.getKey();
            Condition c = switch (e.getKey()) {
                case "status" -> new Condition.StatusIs(enums(v, p, TrackingStatus::fromWireName, statusNames(), "a status"));
                case "previous_status" -> new Condition.PreviousStatusIs(enums(v, p, TrackingStatus::fromWireName, statusNames(), "a status"));
                case "reason" -> new Condition.ReasonIs(enums(v, p, Reason::fromWireName, reasonNames(), "a reason"));
                case "attempt" -> attempt(v, p);
                case "segment" -> new Condition.SegmentIs(enumNames(v, p, SEGMENTS, "a segment"));
                case "cltv" -> new Condition.CltvIs(enumNames(v, p, settings.cltvBands(), "a CLTV band"));
                case "cod" -> new Condition.CashOnDelivery(bool(v, p));
                case "cod_amount" -> new Condition.CodAmountIn(range(v, p, false));
                case "order_value" -> new Condition.OrderValueIn(range(v, p, false));
                case "category" -> new Condition.CategoryIs(names(v, p, null, "a category"));
                case "time_of_day" -> timeOfDay(v, p);
                case "since_last_message" -> sinceLastMessage(v, p);
                case "eta_slip_hours" -> new Condition.EtaSlipHours(range(v, p, true));
                case "consent" -> consent(v, p);
                case "locale" -> new Condition.LocaleIs(enumNames(v, p, LOCALES, "a locale"));
                case "marketplace" -> new Condition.MarketplaceIs(names(v, p, ID, "a marketplace id (web, trendyol, hepsiburada, amazon, …)"));
                default -> null; // reported by keys()
            };
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private Condition attempt(Node v, String p) {
        if (v instanceof Scalar s && s.value() instanceof Long l) {
            if (l < 1) {
                error(v, p, show(v) + " is not an attempt number; expected a whole number from 1, or {min: N, max: N}");
            }
            return new Condition.AttemptIn(new Condition.Range(BigDecimal.valueOf(l), BigDecimal.valueOf(l)));
        }
        if (!(v instanceof MapNode)) {
            error(v, p, show(v) + " is not an attempt number; expected a whole number from 1, or {min: N, max: N}");
            return null;
        }
        Condition.Range r = range(v, p, true);
        if ((r.min() != null && r.min().signum() <= 0) || (r.max() != null && r.max().signum() <= 0)) {
            error(v, p, "attempts are counted from 1; expected min and max of 1 or more");
        }
        return new Condition.AttemptIn(r);
    }

    private Condition timeOfDay(Node v, String p) {
        MapNode m = map(v, p);
        if (m == null) {
            return null;
        }
        keys(m, p, List.of("from", "to"), List.of("from", "to"));
        LocalTime from = time(value(m, "from"), p + ".from");
        LocalTime to = time(value(m, "to"), p + ".to");
        if (from != null && to != null && from.equals(to)) {
            error(m, p, "from and to are the same time; expected a window");
        }
        return from == null || to == null ? null : new Condition.TimeOfDay(from, to);
    }

    private Condition sinceLastMessage(Node v, String p) {
        MapNode m = map(v, p);
        if (m == null) {
            return null;
        }
        keys(m, p, RANGE, List.of());
        if (m.entries().isEmpty()) {
            error(m, p, "is empty; expected min, max or both (a duration such as 30m, 2h, 1d)");
        }
        Duration min = value(m, "min") == null ? null : duration(value(m, "min"), p + ".min");
        Duration max = value(m, "max") == null ? null : duration(value(m, "max"), p + ".max");
        if (min != null && max != null && min.compareTo(max) > 0) {
            error(m, p, "min is more than max; expected min ≤ max");
        }
        return new Condition.SinceLastMessage(min, max);
    }

    private Condition consent(Node v, String p) {
        Map<String, Boolean> channels = new LinkedHashMap<>();
        if (v instanceof MapNode m) {
            keys(m, p, CHANNELS, List.of());
            if (m.entries().isEmpty()) {
                error(m, p, "is empty; expected channels with true (granted) or false (not granted)");
            }
            m.entries().forEach((k, e) -> {
                if (CHANNELS.contains(k)) {
                    channels.put(k, bool(e.value(), p + "." + k));
                }
            });
        } else {
            for (String ch : channels(v, p)) {
                channels.put(ch, true);
            }
        }
        return new Condition.ConsentIs(channels);
    }

    private List<Action> then(Node node, String path, Set<String> kinds, RuleSettings settings) {
        List<Action> out = new ArrayList<>();
        ListNode list = list(node, path);
        if (list == null) {
            return out;
        }
        if (list.items().isEmpty()) {
            error(list, path, "is empty; expected at least one action (" + String.join(", ", ACTIONS) + ")");
        }
        boolean send = false;
        int delays = 0;
        List<Node> needSend = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            String p = path + "[" + i + "]";
            MapNode m = map(item, p);
            if (m == null) {
                continue;
            }
            if (m.entries().size() != 1) {
                keys(m, p, ACTIONS, List.of());
                error(m, p, "has " + m.entries().size() + " keys; expected exactly one action (" + String.join(", ", ACTIONS) + ")");
                continue;
            }
            String key = m.entries().keySet().iterator().next();
            Node v = m.entries().get(key).value();
            String ap = p + "." + key;
            Action a = switch (key) {
                case "send" -> send(v, ap, kinds);
                case "alert" -> alert(v, ap, settings);
                case "ticket" -> ticket(v, ap, settings);
                case "offer" -> new Action.Offer(new ArrayList<>(enumNames(v, ap, Action.LINKS, "an action link")));
                case "delay_until" -> delay(v, ap);
                case "suppress" -> suppress(v, ap, kinds);
                default -> {
                    keys(m, p, ACTIONS, List.of());
                    yield null;
                }
            };
            if (key.equals("send")) {
                send = true;
            }
            if (key.equals("offer") || key.equals("delay_until")) {
                needSend.add(item);
            }
            if (key.equals("delay_until") && ++delays == 2) {
                error(item, ap, "a second delay_until; expected at most one per rule");
            }
            if (a != null) {
                out.add(a);
            }
        }
        if (!send) {
            for (Node n : needSend) {
                String what = ((MapNode) n).entries().keySet().iterator().next();
                error(n, path, what + " without a send; expected a send in the same rule's then (" + what + " applies to its messages)");
            }
        }
        return out;
    }

    private Action send(Node v, String p, Set<String> kinds) {
        if (v instanceof Scalar) {
            String kind = kind(v, p, kinds);
            return kind == null ? null : new Action.Send(kind, null, false);
        }
        MapNode m = map(v, p);
        if (m == null) {
            return null;
        }
        keys(m, p, SEND, List.of("kind"));
        String kind = value(m, "kind") == null ? null : kind(value(m, "kind"), p + ".kind", kinds);
        FallbackChain chain = value(m, "chain") == null ? null : chain(value(m, "chain"), p + ".chain");
        boolean discount = value(m, "discount") != null && bool(value(m, "discount"), p + ".discount");
        return kind == null ? null : new Action.Send(kind, chain, discount);
    }

    private String kind(Node v, String p, Set<String> kinds) {
        String kind = string(v, p, NAME, "a message kind name (a-z, 0-9, _)");
        if (kind != null && !kinds.isEmpty() && !kinds.contains(kind)) {
            error(v, p, "\"" + kind + "\" is not a kind of this file" + didYouMean(kind, kinds) + "; expected one of " + String.join(", ", kinds));
            return null;
        }
        return kind;
    }

    private Action alert(Node v, String p, RuleSettings settings) {
        MapNode m = map(v, p);
        if (m == null) {
            return null;
        }
        keys(m, p, ALERT, List.of());
        // no target named: the file's addresses, else both (the environment's KARGO_OPS_EMAIL and KARGO_OPS_WEBHOOK_URL)
        Set<String> to = value(m, "to") != null ? enumNames(value(m, "to"), p + ".to", ALERTS, "an alert target")
                : settings.alerts().isEmpty() ? new LinkedHashSet<>(ALERTS) : new LinkedHashSet<>(settings.alerts().keySet());
        String text = value(m, "text") == null ? null : string(value(m, "text"), p + ".text", null, "text");
        return new Action.Alert(to, text);
    }

    private Action ticket(Node v, String p, RuleSettings settings) {
        MapNode m = v instanceof Scalar s && Boolean.TRUE.equals(s.value()) ? new MapNode(v.line(), Map.of()) : map(v, p);
        if (m == null) {
            return null;
        }
        keys(m, p, TICKET, List.of());
        String format = value(m, "helpdesk") == null ? null : oneOf(value(m, "helpdesk"), p + ".helpdesk", Action.HELPDESKS, "a helpdesk format");
        String priority = value(m, "priority") == null ? "normal" : oneOf(value(m, "priority"), p + ".priority", Action.PRIORITIES, "a priority");
        String subject = value(m, "subject") == null ? null : string(value(m, "subject"), p + ".subject", null, "text");
        // no settings.helpdesk: the environment's (KARGO_HELPDESK_URL and its format)
        return new Action.Ticket(format, priority, subject);
    }

    private Action delay(Node v, String p) {
        if (v instanceof Scalar) {
            LocalTime t = time(v, p);
            return t == null ? null : new Action.DelayUntil(t, "today");
        }
        MapNode m = map(v, p);
        if (m == null) {
            return null;
        }
        keys(m, p, DELAY, List.of("time"));
        LocalTime t = value(m, "time") == null ? null : time(value(m, "time"), p + ".time");
        String day = value(m, "day") == null ? "today" : oneOf(value(m, "day"), p + ".day", Action.DAYS, "a day");
        return t == null || day == null ? null : new Action.DelayUntil(t, day);
    }

    private Action suppress(Node v, String p, Set<String> kinds) {
        if (v instanceof Scalar s && s.value() instanceof String reason && !reason.isBlank()) {
            return new Action.Suppress(reason, Set.of());
        }
        if (v instanceof Scalar) {
            error(v, p, show(v) + " is not a reason; expected the reason as text, or {reason: TEXT, kinds: [KIND, …]}");
            return null;
        }
        MapNode m = map(v, p);
        if (m == null) {
            return null;
        }
        keys(m, p, SUPPRESS, List.of("reason"));
        String reason = value(m, "reason") == null ? null : string(value(m, "reason"), p + ".reason", null, "text");
        Set<String> ks = new LinkedHashSet<>();
        if (value(m, "kinds") != null) {
            Node kn = value(m, "kinds");
            ListNode l = kn instanceof ListNode ln ? ln : new ListNode(kn.line(), List.of(kn));
            for (int i = 0; i < l.items().size(); i++) {
                String k = kind(l.items().get(i), p + ".kinds" + (kn instanceof ListNode ? "[" + i + "]" : ""), kinds);
                if (k != null) {
                    ks.add(k);
                }
            }
        }
        return reason == null ? null : new Action.Suppress(reason, ks);
    }

    // ---- values

    private FallbackChain chain(Node v, String p) {
        String spec = string(v, p, null, "a channel chain such as email,whatsapp@2h,sms@6h");
        if (spec == null) {
            return null;
        }
        if (!CHAIN.matcher(spec).matches()) {
            for (String part : spec.split("[,|]")) {
                String ch = part.contains("@") ? part.substring(0, part.indexOf('@')) : part;
                if (!CHANNELS.contains(ch)) {
                    error(v, p, "\"" + ch + "\" is not a channel" + didYouMean(ch, CHANNELS) + "; expected one of " + String.join(", ", CHANNELS));
                    return null;
                }
            }
            error(v, p, show(v) + " is not a channel chain; expected channels separated by commas, each fallback with its wait"
                    + " after the first (email,whatsapp@2h,sms@6h; preferred channels first with |: push|email,sms@6h), or off");
            return null;
        }
        FallbackChain chain;
        try {
            chain = FallbackChain.parse(spec);
        } catch (IllegalArgumentException e) {
            error(v, p, show(v) + ": " + e.getMessage() + "; expected a chain such as email,whatsapp@2h,sms@6h");
            return null;
        }
        List<String> named = new ArrayList<>(chain.preferred());
        chain.steps().forEach(s -> named.add(s.channel()));
        for (String ch : named) {
            if (!CHANNELS.contains(ch)) {
                error(v, p, "\"" + ch + "\" is not a channel" + didYouMean(ch, CHANNELS) + "; expected one of " + String.join(", ", CHANNELS));
                return null;
            }
        }
        return chain;
    }

    private Condition.Range range(Node v, String p, boolean whole) {
        String expected = whole ? "a whole number" : "a number";
        MapNode m = map(v, p);
        if (m == null) {
            return new Condition.Range(null, null);
        }
        keys(m, p, RANGE, List.of());
        if (m.entries().isEmpty()) {
            error(m, p, "is empty; expected min, max or both");
        }
        BigDecimal min = value(m, "min") == null ? null : number(value(m, "min"), p + ".min", whole, expected);
        BigDecimal max = value(m, "max") == null ? null : number(value(m, "max"), p + ".max", whole, expected);
        if (min != null && max != null && min.compareTo(max) > 0) {
            error(m, p, "min " + min.toPlainString() + " is more than max " + max.toPlainString() + "; expected min ≤ max");
        }
        return new Condition.Range(min, max);
    }

    private BigDecimal number(Node v, String p, boolean whole, String expected) {
        if (v instanceof Scalar s && (s.value() instanceof Long || (!whole && s.value() instanceof Double))) {
            BigDecimal n = new BigDecimal(s.value().toString());
            if (n.signum() < 0) {
                error(v, p, show(v) + " is negative; expected " + expected + " of 0 or more");
            }
            return n;
        }
        error(v, p, show(v) + " is not " + expected + "; expected " + expected + " of 0 or more");
        return null;
    }

    private LocalTime time(Node v, String p) {
        String s = string(v, p, TIME, "a time HH:MM such as 08:00");
        return s == null ? null : LocalTime.parse(s);
    }

    private java.time.ZoneId zone(Node v, String p) {
        String zone = string(v, p, null, "a zone id");
        if (zone == null) {
            return null;
        }
        try {
            return java.time.ZoneId.of(zone);
        } catch (RuntimeException e) {
            error(v, p, show(v) + " is not a time zone; expected a zone id such as Europe/Istanbul");
            return null;
        }
    }

    private Duration duration(Node v, String p) {
        String s = string(v, p, DURATION, "a duration such as 30m, 2h or 1d");
        if (s == null) {
            return null;
        }
        var matcher = DURATION.matcher(s);
        matcher.matches();
        long n = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    static String format(Duration d) {
        if (d.toMinutes() % (24 * 60) == 0 && !d.isZero()) {
            return d.toDays() + "d";
        }
        return d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }

    private List<String> channels(Node v, String p) {
        return new ArrayList<>(enumNames(v, p, CHANNELS, "a channel"));
    }

    private <E> Set<E> enums(Node v, String p, Function<String, java.util.Optional<E>> parse, List<String> allowed, String what) {
        Set<E> out = new LinkedHashSet<>();
        for (String name : enumNames(v, p, allowed, what)) {
            parse.apply(name).ifPresent(out::add);
        }
        return out;
    }

    /** One name or a non-empty list of names, each one of {@code allowed}. */
    private Set<String> enumNames(Node v, String p, List<String> allowed, String what) {
        Set<String> out = new LinkedHashSet<>();
        forEachName(v, p, (node, path) -> {
            String s = node instanceof Scalar sc && sc.value() instanceof String str ? str : null;
            if (s == null || !allowed.contains(s)) {
                error(node, path, show(node) + " is not " + what + (s == null ? "" : didYouMean(s, allowed)) + "; expected one of " + String.join(", ", allowed));
            } else {
                out.add(s);
            }
        });
        return out;
    }

    /** One name or a non-empty list of names matching {@code pattern} (any text when null). */
    private Set<String> names(Node v, String p, Pattern pattern, String what) {
        Set<String> out = new LinkedHashSet<>();
        forEachName(v, p, (node, path) -> {
            String s = string(node, path, pattern, what);
            if (s != null) {
                out.add(s);
            }
        });
        return out;
    }

    private void forEachName(Node v, String p, java.util.function.BiConsumer<Node, String> each) {
        if (v instanceof ListNode l) {
            if (l.items().isEmpty()) {
                error(l, p, "is an empty list; expected one value or a list of values");
            }
            for (int i = 0; i < l.items().size(); i++) {
                each.accept(l.items().get(i), p + "[" + i + "]");
            }
        } else if (v instanceof Scalar) {
            each.accept(v, p);
        } else {
            error(v, p, "is a mapping; expected one value or a list of values");
        }
    }

    private String oneOf(Node v, String p, List<String> allowed, String what) {
        String s = v instanceof Scalar sc && sc.value() instanceof String str ? str : null;
        if (s == null || !allowed.contains(s)) {
            error(v, p, show(v) + " is not " + what + (s == null ? "" : didYouMean(s, allowed)) + "; expected one of " + String.join(", ", allowed));
            return null;
        }
        return s;
    }

    private String string(Node v, String p, Pattern pattern, String expected) {
        if (!(v instanceof Scalar s) || !(s.value() instanceof String str) || str.isBlank()) {
            error(v, p, show(v) + " is not " + (pattern == null ? "text" : "valid") + "; expected " + expected);
            return null;
        }
        if (pattern != null && !pattern.matcher(str).matches()) {
            error(v, p, show(v) + " is not valid; expected " + expected);
            return null;
        }
        return str;
    }

    private boolean bool(Node v, String p) {
        if (v instanceof Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        error(v, p, show(v) + " is not true or false; expected true or false");
        return false;
    }

    private MapNode map(Node v, String p) {
        if (v instanceof MapNode m) {
            return m;
        }
        error(v, p, show(v) + " is not a mapping; expected a mapping (key: value)");
        return null;
    }

    private ListNode list(Node v, String p) {
        if (v instanceof ListNode l) {
            return l;
        }
        error(v, p, show(v) + " is not a list; expected a list (- item)");
        return null;
    }

    private static Node value(MapNode m, String key) {
        YamlTree.Entry e = m.entries().get(key);
        return e == null ? null : e.value();
    }

    /** Unknown keys (with a "did you mean") and missing required ones. */
    private void keys(MapNode m, String path, List<String> allowed, List<String> required) {
        String prefix = path.isEmpty() ? "" : path + ".";
        m.entries().forEach((k, e) -> {
            if (!allowed.contains(k)) {
                errors.add(file + ":" + e.keyLine() + ": " + prefix + k + ": unknown key" + didYouMean(k, allowed)
                        + "; expected one of " + String.join(", ", allowed));
            }
        });
        for (String r : required) {
            if (!m.entries().containsKey(r)) {
                errors.add(file + ":" + m.line() + ": " + (path.isEmpty() ? r : prefix + r) + ": is missing; required here: " + String.join(", ", required));
            }
        }
    }

    private void error(Node at, String path, String message) {
        errors.add(file + ":" + (at == null ? 1 : at.line()) + ": " + path + ": " + message);
    }

    private static String show(Node v) {
        if (v instanceof Scalar s) {
            return s.value() instanceof String str ? "\"" + str + "\"" : String.valueOf(s.value());
        }
        return v instanceof ListNode ? "a list" : "a mapping";
    }

    /** {@code  (did you mean "x"?)} for a value at most two edits from an allowed one. */
    static String didYouMean(String given, java.util.Collection<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String a : allowed) {
            int d = distance(given.toLowerCase(Locale.ROOT), a);
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return best == null ? "" : " (did you mean \"" + best + "\"?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static List<String> statusNames() {
        return Arrays.stream(TrackingStatus.values()).filter(s -> s != TrackingStatus.UNKNOWN).map(TrackingStatus::wireName).toList();
    }

    static List<String> reasonNames() {
        return Arrays.stream(Reason.values()).map(Reason::wireName).toList();
    }

}
