package io.kargotakip.core.rules;

import io.kargotakip.core.calendar.BusinessCalendar;
import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.QuietHours;
import io.kargotakip.core.shipment.TrackingStatus;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Evaluates a brand's rules against one context: the rules whose conditions all hold fire in file order (a firing
 * rule with {@code stop} ends the evaluation), and each one's actions are resolved to what would be done. It sends
 * nothing and reads nothing but the context, so the pipeline, a scheduled run and {@code ./kargo rules explain} give
 * the same answer for the same context.
 */
public final class RuleEngine {

    private final RuleSet rules;
    private volatile BusinessCalendar calendar;

    public RuleEngine(RuleSet rules) {
        this.rules = Objects.requireNonNull(rules);
    }

    public RuleSet rules() {
        return rules;
    }

    /** The rules looked at on a status change (the context's change): every rule without a time trigger. */
    public List<Decision> evaluate(RuleContext context) {
        List<Decision> fired = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            if (!rule.timed() && rule.when().stream().allMatch(c -> c.holds(context))) {
                fired.add(resolve(rule, context, occurrenceKey(rule, context), distinct(rule, context), false));
                if (rule.stop()) {
                    break;
                }
            }
        }
        return applySuppressions(fired);
    }

    /**
     * The time rules whose time has come for the shipment of the context (its change is the shipment's latest): each
     * occurrence is looked at once — {@code firstLook} is asked with its key and answers true only the first time (the
     * pipeline keeps that record) — and fires when its conditions hold then.
     */
    public List<Decision> evaluateDue(RuleContext context, Predicate<String> firstLook) {
        List<Decision> fired = new ArrayList<>();
        Instant now = context.now();
        for (Rule rule : rules.rules()) {
            if (!rule.timed()) {
                continue;
            }
            Optional<Trigger.Due> due = rule.trigger().due(context, calendar());
            if (due.isEmpty() || due.get().at().isAfter(now) || !due.get().open(now)) {
                continue;
            }
            String key = context.shipment().id() + "/" + rule.id() + "/" + due.get().distinct();
            if (firstLook.test(key) && rule.when().stream().allMatch(c -> c.holds(context))) {
                fired.add(resolve(rule, context, key, due.get().distinct(), true));
                if (rule.stop()) {
                    break;
                }
            }
        }
        return applySuppressions(fired);
    }

    /**
     * When the shipment should be looked at next for its time rules: the earliest due time of a time rule whose status
     * condition the shipment's current status meets (only a status change alters that, and it asks again). With
     * {@code includeDue}, a time already come (and not ended) counts as now; without, only times still to come count —
     * the schedule has just looked at the others.
     */
    public Optional<Instant> nextWake(RuleContext context, boolean includeDue) {
        Instant now = context.now();
        Instant next = null;
        for (Rule rule : rules.rules()) {
            if (!rule.timed() || rule.when().stream().anyMatch(c -> c instanceof Condition.StatusIs && !c.holds(context))) {
                continue;
            }
            Optional<Trigger.Due> due = rule.trigger().due(context, calendar());
            if (due.isEmpty() || !due.get().open(now) || (!includeDue && !due.get().at().isAfter(now))) {
                continue;
            }
            Instant at = due.get().at().isBefore(now) ? now : due.get().at();
            if (next == null || at.isBefore(next)) {
                next = at;
            }
        }
        return Optional.ofNullable(next);
    }

    /** Whether any rule is looked at on time (the pipeline keeps no wake-ups otherwise). */
    public boolean hasTimedRules() {
        return rules.rules().stream().anyMatch(Rule::timed);
    }

    private Decision resolve(Rule rule, RuleContext c, String key, String distinct, boolean timed) {
        List<String> links = new ArrayList<>();
        Action.DelayUntil delay = null;
        for (Action a : rule.then()) {
            if (a instanceof Action.Offer o) {
                o.links().stream().filter(l -> !links.contains(l)).forEach(links::add);
            } else if (a instanceof Action.DelayUntil d) {
                delay = d;
            }
        }
        List<Decision.Outcome> outcomes = new ArrayList<>();
        for (Action a : rule.then()) {
            if (a instanceof Action.Send s) {
                outcomes.add(send(s, links, delay, c, key, distinct, timed));
            } else if (a instanceof Action.Alert al) {
                outcomes.add(alert(rule, al, c));
            } else if (a instanceof Action.Ticket t) {
                outcomes.add(ticket(rule, t, c));
            } else if (a instanceof Action.Suppress s) {
                outcomes.add(new Decision.Suppress(s.reason(), s.kinds()));
            }
        }
        List<String> conditions = new ArrayList<>();
        if (timed) {
            conditions.add(rule.trigger().describe());
        }
        rule.when().stream().map(Condition::describe).forEach(conditions::add);
        return new Decision(rule.id(), rule.description(), conditions, outcomes, key);
    }

    private Decision.Send send(Action.Send s, List<String> links, Action.DelayUntil delay, RuleContext c, String key, String distinct,
                               boolean timed) {
        ZoneId zone = c.order().zone();
        Instant now = c.now();
        Instant due = now;
        String because = null;
        if (delay != null) {
            Instant until = delayUntil(delay, c);
            if (until.isAfter(now)) {
                due = until;
                because = "delay_until " + delay.time() + " (" + delay.day() + ")";
            }
        }
        RuleSettings.Frequency frequency = rules.settings().frequency();
        // coalescing is for events close together; a time rule's message tells of a time, not of a new event
        if (!timed && frequency.coalesces(c.change().status()) && due.isBefore(now.plus(frequency.coalesce()))) {
            // a newer status arriving within the window is told instead: the sender drops a message the shipment moved past
            due = now.plus(frequency.coalesce());
            because = "coalesce " + RulesLoader.format(frequency.coalesce()) + " (a newer status within it wins)";
        }
        FallbackChain chain = s.chain() != null ? s.chain()
                : rules.settings().chain() != null ? rules.settings().chain() : c.brand().chain();
        QuietHours quiet = rules.settings().quietHours() != null ? rules.settings().quietHours() : c.brand().quietHours();
        List<Decision.Step> steps = new ArrayList<>();
        if (chain.steps().isEmpty()) {
            // a chain switched off: the message goes once, by e-mail, as the default rules do
            steps.add(step("email", due, false, quiet, c, zone));
        } else {
            String first = chain.steps().get(0).channel();
            String opening = chain.opening(first, ch -> reachable(ch, c));
            steps.add(step(opening, due, false, quiet, c, zone));
            for (FallbackChain.Step f : chain.fallbacksOf(first)) {
                steps.add(step(f.channel(), due.plus(f.after()), true, quiet, c, zone));
            }
        }
        Integer discount = s.discount()
                ? rules.settings().discount().percentFor(c.order().categories(), c.order().cltvBand()) : null;
        boolean already = c.sent().stream().anyMatch(m -> key.equals(m.occurrenceKey()));
        // the shipment's variant, the same for every channel, replay and rule that sends this kind
        String variant = rules.experimentOf(s.kind()).map(e -> e.variantFor(c.shipment().id().toString())).orElse(null);
        return new Decision.Send(s.kind(), key, distinct, chain, due, because, steps, links, discount, already, null, variant);
    }

    private Decision.Step step(String channel, Instant at, boolean fallback, QuietHours quiet, RuleContext c, ZoneId zone) {
        Optional<Instant> hold = quiet.holdUntil(channel, c.change().status(), at, zone);
        return new Decision.Step(channel, hold.orElse(at), hold.orElse(null), reachable(channel, c), fallback);
    }

    /** Consent for the channel and a contact of its kind (the channel's own check happens again when it sends). */
    private static boolean reachable(String channel, RuleContext c) {
        if (!c.order().consent().allows(channel)) {
            return false;
        }
        ContactKind kind = ContactKind.ofChannel(channel).orElse(null);
        return kind == null || c.order().customer() == null || c.order().customer().contact(kind) != null;
    }

    /**
     * The occurrence a message tells of: shipment, rule, and what makes it distinct, so a replay gives the same key
     * and a second failed attempt, a new delay episode or a new ETA a new one.
     */
    static String occurrenceKey(Rule rule, RuleContext c) {
        TrackingStatus status = c.change().status();
        String distinct = switch (oncePer(rule, status)) {
            case "shipment" -> "once";
            case "attempt" -> "attempt=" + c.attempt();
            case "delay_episode" -> "delay=" + c.delayEpisode();
            case "eta" -> "eta=" + c.eta().map(LocalDate::toString).orElse("none");
            case "day" -> "day=" + c.now().atZone(c.order().zone()).toLocalDate();
            default -> "status=" + status.wireName();
        };
        return c.shipment().id() + "/" + rule.id() + "/" + distinct;
    }

    private static String oncePer(Rule rule, TrackingStatus status) {
        if (rule.oncePer() != null) {
            return rule.oncePer();
        }
        return status == TrackingStatus.FAILED_ATTEMPT ? "attempt" : status == TrackingStatus.DELAYED ? "delay_episode" : "status";
    }

    /**
     * What tells the message's occurrence from the kind's others, for its id: empty for the first, {@code #n} for the
     * n-th delivery attempt (a failed attempt's number; for another status the attempt in progress, one more than the
     * failed ones) or delay episode, the date for a message per ETA or per day. So the ids of the first occurrence are
     * the ones messages had before rules counted occurrences, and a replay gives the same id.
     */
    static String distinct(Rule rule, RuleContext c) {
        TrackingStatus status = c.change().status();
        return switch (oncePer(rule, status)) {
            case "attempt" -> ordinal(status == TrackingStatus.FAILED_ATTEMPT ? c.attempt() : c.attempt() + 1);
            case "delay_episode" -> ordinal(c.delayEpisode());
            case "eta" -> "eta=" + c.eta().map(LocalDate::toString).orElse("none");
            case "day" -> "day=" + c.now().atZone(c.order().zone()).toLocalDate();
            default -> "";
        };
    }

    private static String ordinal(int n) {
        return n > 1 ? "#" + n : "";
    }

    private Instant delayUntil(Action.DelayUntil d, RuleContext c) {
        ZoneId zone = c.order().zone();
        LocalDate today = c.now().atZone(zone).toLocalDate();
        LocalDate day = switch (d.day()) {
            case "eta" -> c.eta().orElse(today);
            case "next_business_day" -> nextBusinessDay(today);
            default -> today;
        };
        return day.atTime(d.time()).atZone(zone).toInstant();
    }

    /** The next day carriers deliver: Monday to Saturday, not a Turkish public holiday. */
    private LocalDate nextBusinessDay(LocalDate today) {
        BusinessCalendar cal = calendar();
        LocalDate d = today.plusDays(1);
        while (d.getDayOfWeek() == DayOfWeek.SUNDAY || cal.isHoliday(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    private BusinessCalendar calendar() {
        BusinessCalendar cal = calendar;
        if (cal == null) {
            cal = BusinessCalendar.turkishCarriers();
            calendar = cal;
        }
        return cal;
    }

    private Decision.Alert alert(Rule rule, Action.Alert a, RuleContext c) {
        List<String> targets = new ArrayList<>();
        for (String t : List.of("email", "webhook")) {
            if (a.targets().contains(t)) {
                // the file's address, else the environment's (KARGO_OPS_EMAIL, KARGO_OPS_WEBHOOK_URL)
                targets.add(rules.settings().alerts().containsKey(t) ? t + ":" + rules.settings().alerts().get(t) : t);
            }
        }
        String text = a.text() != null ? a.text() : defaultText(rule, c);
        return new Decision.Alert(targets, text);
    }

    private Decision.Ticket ticket(Rule rule, Action.Ticket t, RuleContext c) {
        RuleSettings.Helpdesk h = rules.settings().helpdesk();
        // no helpdesk in the file: the environment's (KARGO_HELPDESK_FORMAT, KARGO_HELPDESK_URL); url null says so
        String format = t.format() != null ? t.format() : h != null ? h.format() : null;
        String subject = t.subject() != null ? t.subject() : defaultText(rule, c);
        return new Decision.Ticket(format, h == null ? null : h.url(), t.priority(), subject);
    }

    private static String defaultText(Rule rule, RuleContext c) {
        // ids and statuses only: an alert or a ticket subject carries no customer data
        String attempt = c.change().status() == TrackingStatus.FAILED_ATTEMPT ? " (attempt " + c.attempt() + ")" : "";
        return rule.id() + ": " + c.shipment().id() + " " + c.change().status().wireName() + attempt
                + (c.order().orderNo() == null ? "" : ", order " + c.order().orderNo()) + (rule.timed() ? " (" + rule.trigger().describe() + ")" : "");
    }

    /** Every firing rule's {@code suppress} drops the messages of all firing rules (of its kinds, when it names some). */
    private static List<Decision> applySuppressions(List<Decision> fired) {
        record Suppression(String ruleId, Decision.Suppress what) {
            boolean covers(String kind) {
                return what.kinds().isEmpty() || what.kinds().contains(kind);
            }
        }
        List<Suppression> suppressions = new ArrayList<>();
        for (Decision d : fired) {
            d.outcomes().stream().filter(Decision.Suppress.class::isInstance)
                    .forEach(o -> suppressions.add(new Suppression(d.ruleId(), (Decision.Suppress) o)));
        }
        if (suppressions.isEmpty()) {
            return fired;
        }
        List<Decision> out = new ArrayList<>();
        for (Decision d : fired) {
            List<Decision.Outcome> outcomes = new ArrayList<>();
            for (Decision.Outcome o : d.outcomes()) {
                Optional<String> by = o instanceof Decision.Send s
                        ? suppressions.stream().filter(x -> x.covers(s.kind())).map(Suppression::ruleId).findFirst() : Optional.empty();
                if (by.isPresent()) {
                    Decision.Send s = (Decision.Send) o;
                    outcomes.add(new Decision.Send(s.kind(), s.occurrenceKey(), s.distinct(), s.chain(), s.due(), s.delayedBecause(), s.steps(), s.links(),
                            s.discountPercent(), s.alreadySent(), by.get(), s.variant()));
                } else {
                    outcomes.add(o);
                }
            }
            out.add(new Decision(d.ruleId(), d.description(), d.conditions(), outcomes, d.occurrenceKey()));
        }
        return out;
    }
}
