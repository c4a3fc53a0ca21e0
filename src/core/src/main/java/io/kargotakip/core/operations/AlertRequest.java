package io.kargotakip.core.operations;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An alert to operations.
 *
 * @param key     what it is about, the occurrence key (or the reason's name for an alert of the product itself, such
 *                as an invalid rules file): it goes with the alert so operations can find the occurrence
 * @param text    ids, statuses, order numbers; never a customer's contact or name
 * @param targets {@code email}, {@code webhook} or both; a rule decision's resolved target ({@code email:ops@…},
 *                {@code webhook:https://…}) is accepted too and names the address to use when the environment
 *                configures none
 */
public record AlertRequest(String key, String text, Set<String> targets) {

    public AlertRequest {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("an alert needs a key");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an alert needs a text");
        }
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("an alert needs a target: email, webhook or both");
        }
        for (String t : targets) {
            String name = name(t);
            if (!Operations.EMAIL.equals(name) && !Operations.WEBHOOK.equals(name)) {
                throw new IllegalArgumentException("alert target '" + name + "' is not email or webhook");
            }
        }
        targets = Set.copyOf(new LinkedHashSet<>(targets));
    }

    /** {@code email} of {@code email} or {@code email:ops@…}. */
    public static String name(String target) {
        int colon = target.indexOf(':');
        return colon < 0 ? target : target.substring(0, colon);
    }

    /** The address a target names after its colon, or null. */
    public static String address(String target) {
        int colon = target.indexOf(':');
        return colon < 0 || colon == target.length() - 1 ? null : target.substring(colon + 1);
    }

    /** Whether the alert goes to the destination named {@code email} or {@code webhook}. */
    public boolean wants(String destination) {
        return targets.stream().anyMatch(t -> name(t).equals(destination));
    }

    /** The address this alert's target of {@code destination} names, or null. */
    public String addressFor(String destination) {
        return targets.stream().filter(t -> name(t).equals(destination)).map(AlertRequest::address)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }
}
