package io.kargotakip.core.rules;

import java.util.List;

/** A rules file refused whole: every problem as one line {@code FILE:LINE: PATH: what is wrong; what is expected}. */
public final class RulesException extends Exception {

    private final List<String> errors;

    public RulesException(List<String> errors) {
        super(errors.isEmpty() ? "invalid rules" : errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
