package io.kargotakip.core.rules;

import java.util.List;

/**
 * One rule of the file: when all of {@code when} hold, {@code then} is done.
 *
 * @param line    where the rule starts in its file (for explain and errors)
 * @param stop    when it fires, the rules after it are not evaluated
 * @param oncePer what makes one occurrence of this rule's message distinct: {@code shipment}, {@code status},
 *                {@code attempt}, {@code delay_episode}, {@code eta}, {@code day}; null: by the change's status
 *                (a failed attempt per attempt, a delay per episode, any other status once)
 * @param trigger when the rule is looked at: on each status change, or when a time comes ({@link Trigger})
 */
public record Rule(String id, String description, int line, List<Condition> when, List<Action> then, boolean stop,
                   String oncePer, Trigger trigger) {

    public static final List<String> ONCE_PER = List.of("shipment", "status", "attempt", "delay_episode", "eta", "day");

    public Rule {
        when = List.copyOf(when);
        then = List.copyOf(then);
        trigger = trigger == null ? Trigger.onChange() : trigger;
    }

    public Rule(String id, String description, int line, List<Condition> when, List<Action> then, boolean stop, String oncePer) {
        this(id, description, line, when, then, stop, oncePer, null);
    }

    public boolean timed() {
        return trigger.timed();
    }
}
