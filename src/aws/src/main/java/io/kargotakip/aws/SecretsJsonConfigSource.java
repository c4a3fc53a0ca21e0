package io.kargotakip.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The carriers' and webhook senders' credentials on AWS: one Secrets Manager secret (JSON) whose keys are the
 * settings' own names ({@code KARGO_CARRIER_ARAS_USER}, {@code KARGO_WEBHOOK_TRENDYOL_SECRET}, …), which
 * CloudFormation resolves into {@code KARGO_SECRETS_JSON} of the functions that need it. Ten carriers would
 * otherwise need thirty dynamic references, each failing the deploy when a merchant does not use that carrier.
 * Environment variables still win (ordinal below theirs). Read at run time, never at build time: the value is
 * parsed whenever the variable's text changes, and never logged.
 */
public final class SecretsJsonConfigSource implements ConfigSource {

    public static final String VARIABLE = "KARGO_SECRETS_JSON";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final java.util.function.Supplier<String> variable;
    private String parsedFrom;
    private Map<String, String> values = Map.of();

    /** For the ServiceLoader: the variable from the process environment. */
    public SecretsJsonConfigSource() {
        this(() -> System.getenv(VARIABLE));
    }

    SecretsJsonConfigSource(java.util.function.Supplier<String> variable) {
        this.variable = variable;
    }

    private synchronized Map<String, String> values() {
        String text = variable.get();
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        if (!text.equals(parsedFrom)) {
            Map<String, String> read = new HashMap<>();
            try {
                JsonNode root = JSON.readTree(text);
                if (root != null && root.isObject()) {
                    root.fields().forEachRemaining(e -> {
                        if (e.getValue().isValueNode() && e.getKey().startsWith("KARGO_")) {
                            read.put(e.getKey(), e.getValue().asText());
                        }
                    });
                }
            } catch (java.io.IOException e) {
                // a broken secret reads as empty: the carriers then say at start-up which settings are missing
            }
            values = Map.copyOf(read);
            parsedFrom = text;
        }
        return values;
    }

    @Override
    public Set<String> getPropertyNames() {
        return values().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values().get(propertyName);
    }

    @Override
    public String getName() {
        return "kargo-secrets-json";
    }

    @Override
    public int getOrdinal() {
        return 250;
    }
}
