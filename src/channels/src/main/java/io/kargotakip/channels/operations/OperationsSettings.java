package io.kargotakip.channels.operations;

import io.kargotakip.core.rules.Action;
import io.kargotakip.core.rules.RuleSettings;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where operations' alerts and tickets go, from the environment (on AWS the tokens and the secret may come from the
 * Secrets Manager JSON, {@code KARGO_SECRETS_JSON}, under the same names):
 * <ul>
 *   <li>{@code KARGO_OPS_EMAIL}: the address alerts are mailed to; {@code KARGO_OPS_EMAIL_FROM} the sender
 *       (default {@code KARGO_BRAND_FROM_EMAIL}, the brand's verified SES address);</li>
 *   <li>{@code KARGO_OPS_WEBHOOK_URL}: a Slack-compatible incoming webhook (a credential: never logged);</li>
 *   <li>{@code KARGO_HELPDESK_FORMAT} ({@code generic}, {@code zendesk}, {@code freshdesk}; default generic),
 *       {@code KARGO_HELPDESK_URL}, {@code KARGO_HELPDESK_USER} (Zendesk: the agent's e-mail),
 *       {@code KARGO_HELPDESK_TOKEN} (Zendesk's API token, Freshdesk's API key, or the generic endpoint's bearer token),
 *       {@code KARGO_HELPDESK_SECRET} (generic: the HMAC key of {@code X-Kargo-Signature});</li>
 *   <li>{@code KARGO_OPS_TIMEOUT_SECONDS}: how long a destination may take to answer (default 10).</li>
 * </ul>
 * The rules file's {@code settings.alerts} and {@code settings.helpdesk} fill in the addresses the environment leaves
 * unset ({@link #orRules}); the environment wins, because the credentials it holds belong to its addresses.
 */
public record OperationsSettings(String opsEmail, String emailFrom, URI webhookUrl, String helpdeskFormat, URI helpdeskUrl,
                                 String helpdeskUser, String helpdeskToken, String helpdeskSecret, Duration timeout) {

    public static final String OPS_EMAIL = "KARGO_OPS_EMAIL";
    public static final String OPS_EMAIL_FROM = "KARGO_OPS_EMAIL_FROM";
    public static final String BRAND_FROM_EMAIL = "KARGO_BRAND_FROM_EMAIL";
    public static final String OPS_WEBHOOK_URL = "KARGO_OPS_WEBHOOK_URL";
    public static final String HELPDESK_FORMAT = "KARGO_HELPDESK_FORMAT";
    public static final String HELPDESK_URL = "KARGO_HELPDESK_URL";
    public static final String HELPDESK_USER = "KARGO_HELPDESK_USER";
    public static final String HELPDESK_TOKEN = "KARGO_HELPDESK_TOKEN";
    public static final String HELPDESK_SECRET = "KARGO_HELPDESK_SECRET";
    public static final String TIMEOUT = "KARGO_OPS_TIMEOUT_SECONDS";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @throws IllegalArgumentException naming every setting whose value is wrong (never the value: some are secrets)
     */
    public static OperationsSettings fromEnvironment(Function<String, String> env) {
        List<String> problems = new ArrayList<>();
        String opsEmail = value(env, OPS_EMAIL).orElse(null);
        if (opsEmail != null && !opsEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add(OPS_EMAIL + " must be an e-mail address");
        }
        String from = value(env, OPS_EMAIL_FROM).or(() -> value(env, BRAND_FROM_EMAIL)).orElse(null);
        URI webhook = url(env, OPS_WEBHOOK_URL, problems);
        String format = value(env, HELPDESK_FORMAT).orElse(null);
        if (format != null && !Action.HELPDESKS.contains(format)) {
            problems.add(HELPDESK_FORMAT + " must be one of " + String.join(", ", Action.HELPDESKS));
        }
        URI helpdesk = url(env, HELPDESK_URL, problems);
        Duration timeout = DEFAULT_TIMEOUT;
        Optional<String> seconds = value(env, TIMEOUT);
        if (seconds.isPresent()) {
            try {
                timeout = Duration.ofSeconds(Long.parseLong(seconds.get()));
            } catch (NumberFormatException e) {
                timeout = null;
            }
            if (timeout == null || timeout.toSeconds() < 1 || timeout.toSeconds() > 60) {
                problems.add(TIMEOUT + " must be a whole number of seconds, 1 to 60");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid operations configuration: " + String.join("; ", problems));
        }
        return new OperationsSettings(opsEmail, from, webhook, format, helpdesk, value(env, HELPDESK_USER).orElse(null),
                value(env, HELPDESK_TOKEN).orElse(null), value(env, HELPDESK_SECRET).orElse(null), timeout);
    }

    /**
     * These settings with the rules file's addresses where the environment sets none: the alert e-mail and webhook of
     * {@code settings.alerts}, the helpdesk of {@code settings.helpdesk} (its format and URL together, when the
     * environment has no helpdesk URL).
     */
    public OperationsSettings orRules(RuleSettings rules) {
        if (rules == null) {
            return this;
        }
        String email = opsEmail != null ? opsEmail : rules.alerts().get("email");
        URI webhook = webhookUrl != null ? webhookUrl : Optional.ofNullable(rules.alerts().get("webhook")).map(URI::create).orElse(null);
        String format = helpdeskFormat;
        URI url = helpdeskUrl;
        RuleSettings.Helpdesk h = rules.helpdesk();
        if (url == null && h != null && h.url() != null) {
            url = URI.create(h.url());
            format = h.format() != null ? h.format() : format;
        }
        return new OperationsSettings(email, emailFrom, webhook, format, url, helpdeskUser, helpdeskToken, helpdeskSecret, timeout);
    }

    /** The helpdesk format tickets are posted in: {@code generic} unless set. */
    public String format() {
        return helpdeskFormat == null ? "generic" : helpdeskFormat;
    }

    /** Without the webhook URL, the tokens and the secret. */
    @Override
    public String toString() {
        return "OperationsSettings[opsEmail=" + opsEmail + ", emailFrom=" + emailFrom + ", webhook=" + (webhookUrl == null ? "unset" : "set")
                + ", helpdesk=" + format() + (helpdeskUrl == null ? " unset" : " " + helpdeskUrl.getHost()) + ", timeout=" + timeout.toSeconds() + "s]";
    }

    private static URI url(Function<String, String> env, String key, List<String> problems) {
        Optional<String> v = value(env, key);
        if (v.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(v.get());
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        problems.add(key + " must be an http(s) URL");
        return null;
    }

    private static Optional<String> value(Function<String, String> env, String key) {
        return Optional.ofNullable(env.apply(key)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
