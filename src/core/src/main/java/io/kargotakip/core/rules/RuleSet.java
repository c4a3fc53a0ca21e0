package io.kargotakip.core.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A brand's rules, loaded whole from one file: the message kinds it may send, its settings, the rules in file
 * order, and the A/B tests of its templates (at most one per kind).
 *
 * @param source the file's name, as errors and explain name it
 */
public record RuleSet(String source, String brand, Set<String> kinds, RuleSettings settings, List<Rule> rules,
                      List<Experiment> experiments) {

    public RuleSet {
        kinds = Set.copyOf(kinds);
        rules = List.copyOf(rules);
        experiments = experiments == null ? List.of() : List.copyOf(experiments);
    }

    /** A rule set without experiments. */
    public RuleSet(String source, String brand, Set<String> kinds, RuleSettings settings, List<Rule> rules) {
        this(source, brand, kinds, settings, rules, List.of());
    }

    /** The variants of each kind under test, for the template check ({@code TemplateCheck.problems}). */
    public java.util.Map<String, List<String>> variantsByKind() {
        return experiments.stream().collect(java.util.stream.Collectors.toMap(Experiment::kind, Experiment::variantNames));
    }

    /** The experiment on the kind's templates, if it has one. */
    public Optional<Experiment> experimentOf(String kind) {
        return experiments.stream().filter(e -> e.kind().equals(kind)).findFirst();
    }
}
