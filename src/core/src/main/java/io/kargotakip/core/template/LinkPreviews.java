package io.kargotakip.core.template;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who fetches a message's links without the customer: chat apps building a preview, crawlers. Their requests to a
 * tracked link still get the redirect (a preview shows the page) but are not the customer's click. The agents are a
 * data file, {@code link-preview-agents.txt}: substrings of the {@code User-Agent}, matched ignoring case.
 */
public final class LinkPreviews {

    private final List<String> agents;

    public LinkPreviews(List<String> agents) {
        this.agents = agents.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty()).toList();
    }

    /** The built-in list. */
    public static LinkPreviews builtIn() {
        try (InputStream in = LinkPreviews.class.getClassLoader().getResourceAsStream("link-preview-agents.txt")) {
            if (in == null) {
                throw new IllegalStateException("link-preview-agents.txt is missing from the classpath");
            }
            List<String> agents = new ArrayList<>();
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    agents.add(line);
                }
            }
            return new LinkPreviews(agents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a request with this {@code User-Agent} is a preview or a crawler; no agent at all is not. */
    public boolean isPreview(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return false;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        return agents.stream().anyMatch(ua::contains);
    }

    public List<String> agents() {
        return agents;
    }
}
