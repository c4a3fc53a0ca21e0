package io.kargotakip.core.rules;

import java.util.List;
import java.util.Set;

/**
 * A brand's rules, loaded whole from one file: the message kinds it may send, its settings, and the rules in file
 * order.
 *
 * @param source the file's name, as errors and explain name it
 */
public record RuleSet(String source, String brand, Set<String> kinds, RuleSettings settings, List<Rule> rules) {

    public RuleSet {
        kinds = Set.copyOf(kinds);
        rules = List.copyOf(rules);
    }
}
