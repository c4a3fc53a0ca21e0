package io.kargotakip.testing.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.emulators.Emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The accessibility check of a page: axe-core (the npm package pinned in {@code infra/emulators}) run in the page
 * against WCAG 2.1 A and AA. DevTools evaluates it outside the page's Content-Security-Policy, so the page under test
 * keeps its strict one.
 */
public final class Axe {

    private Axe() {
    }

    /** The page's violations of serious or critical impact, as {@code rule: target (help)} lines; empty when none. */
    public static List<String> seriousViolations(Page page) {
        Path script = Emulators.projectRoot().resolve("infra/emulators/node_modules/axe-core/axe.min.js");
        String axe;
        try {
            axe = Files.readString(script);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is not installed (npm ci --prefix infra/emulators): " + script, e);
        }
        page.evaluate(axe + ";true");
        JsonNode result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' '))})))");
        List<String> serious = new ArrayList<>();
        for (JsonNode v : result) {
            String impact = v.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                serious.add(v.path("id").asText() + ": " + v.path("targets") + " (" + v.path("help").asText() + ")");
            }
        }
        return serious;
    }
}
