package io.kargotakip.channels.operations;

import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.operations.OperationsException;
import io.kargotakip.core.operations.TicketRequest;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds {@link Operations} from {@link OperationsSettings}: the ops e-mail over SES, the Slack-compatible webhook,
 * and the helpdesk in its format. A destination whose settings are missing is not built, and {@code log} gets one
 * line saying which settings it lacks (never their values); asking such a destination later is not an error. An alert
 * goes to the environment's address, else to the one its target names ({@code email:ops@…}, {@code webhook:https://…}:
 * a rule decision's, so a rules file reloaded without a deploy takes effect), else that target is skipped.
 */
public final class OperationsFactory {

    private OperationsFactory() {
    }

    /**
     * @param http a client whose connect timeout suits (the settings' timeout bounds each request)
     * @param ses  the SES client the ops e-mail goes through, asked for only when the e-mail is configured; its
     *             owner closes it
     * @param log  where the start-up line of each destination not built goes
     */
    /** With an HTTP client of its own, connecting within the settings' timeout. */
    public static Operations build(OperationsSettings settings, Supplier<SesV2Client> ses, Consumer<String> log) {
        return build(settings, HttpClient.newBuilder().connectTimeout(settings.timeout()).build(), ses, log);
    }

    public static Operations build(OperationsSettings settings, HttpClient http, Supplier<SesV2Client> ses, Consumer<String> log) {
        return build(settings, http, ses, log, Clock.systemUTC());
    }

    static Operations build(OperationsSettings settings, HttpClient http, Supplier<SesV2Client> ses, Consumer<String> log, Clock clock) {
        OperationsHttp calls = new OperationsHttp(http, settings.timeout(), clock);
        OpsEmail email = null;
        if (settings.emailFrom() == null) {
            log.accept("operations e-mail not built: " + OperationsSettings.OPS_EMAIL_FROM + " (or " + OperationsSettings.BRAND_FROM_EMAIL + ") not set");
        } else {
            email = new OpsEmail(ses.get(), settings.emailFrom());
            if (settings.opsEmail() == null) {
                log.accept("operations e-mail: " + OperationsSettings.OPS_EMAIL + " not set; only alerts whose target names an address are mailed");
            }
        }
        if (settings.webhookUrl() == null) {
            log.accept("operations webhook: " + OperationsSettings.OPS_WEBHOOK_URL + " not set; only alerts whose target names a URL are posted");
        }
        WebhookAlerts webhook = new WebhookAlerts(calls);
        Helpdesk helpdesk = helpdesk(settings, calls, log);
        return new Configured(settings, email, webhook, helpdesk);
    }

    private static Helpdesk helpdesk(OperationsSettings s, OperationsHttp calls, Consumer<String> log) {
        if (s.helpdeskUrl() == null) {
            log.accept("helpdesk not built: " + OperationsSettings.HELPDESK_URL + " not set (nor the rules file's settings.helpdesk.url)");
            return null;
        }
        List<String> missing = new ArrayList<>();
        switch (s.format()) {
            case "zendesk" -> {
                if (s.helpdeskUser() == null) {
                    missing.add(OperationsSettings.HELPDESK_USER);
                }
                if (s.helpdeskToken() == null) {
                    missing.add(OperationsSettings.HELPDESK_TOKEN);
                }
            }
            case "freshdesk" -> {
                if (s.helpdeskToken() == null) {
                    missing.add(OperationsSettings.HELPDESK_TOKEN);
                }
            }
            default -> {
                // the generic endpoint may take unsigned, unauthenticated posts (a private network)
            }
        }
        if (!missing.isEmpty()) {
            log.accept("helpdesk " + s.format() + " not built: " + String.join(", ", missing) + " not set");
            return null;
        }
        return switch (s.format()) {
            case "zendesk" -> new ZendeskHelpdesk(calls, s.helpdeskUrl(), s.helpdeskUser(), s.helpdeskToken());
            case "freshdesk" -> new FreshdeskHelpdesk(calls, s.helpdeskUrl(), s.helpdeskToken());
            default -> new GenericHelpdesk(calls, s.helpdeskUrl(), s.helpdeskToken(), s.helpdeskSecret());
        };
    }

    /** The destinations that were built. */
    private static final class Configured implements Operations {

        private final OperationsSettings settings;
        private final OpsEmail email;
        private final WebhookAlerts webhook;
        private final Helpdesk helpdesk;

        Configured(OperationsSettings settings, OpsEmail email, WebhookAlerts webhook, Helpdesk helpdesk) {
            this.settings = settings;
            this.email = email;
            this.webhook = webhook;
            this.helpdesk = helpdesk;
        }

        @Override
        public String openTicket(TicketRequest request) throws OperationsException {
            return helpdesk == null ? null : helpdesk.open(request);
        }

        @Override
        public void alert(AlertRequest request) throws OperationsException {
            // every target is tried; a failure names the targets that failed, so a retry spares the ones that got it
            Set<String> failed = new LinkedHashSet<>();
            List<OperationsException> failures = new ArrayList<>();
            String to = settings.opsEmail() != null ? settings.opsEmail() : request.addressFor(EMAIL);
            if (email != null && to != null && request.wants(EMAIL)) {
                try {
                    email.send(to, request);
                } catch (OperationsException e) {
                    failed.add(EMAIL);
                    failures.add(e);
                }
            }
            URI url = settings.webhookUrl() != null ? settings.webhookUrl() : webhookOf(request);
            if (url != null && request.wants(WEBHOOK)) {
                try {
                    webhook.send(url, request);
                } catch (OperationsException e) {
                    failed.add(WEBHOOK);
                    failures.add(e);
                }
            }
            if (!failures.isEmpty()) {
                boolean retryable = failures.stream().allMatch(OperationsException::retryable);
                Duration after = failures.stream().map(e -> e.retryAfter().orElse(null)).filter(java.util.Objects::nonNull)
                        .max(Duration::compareTo).orElse(null);
                String message = String.join("; ", failures.stream().map(Throwable::getMessage).toList());
                throw new OperationsException(message, retryable, after, failed, failures.get(0));
            }
        }

        @Override
        public Set<String> destinations() {
            Set<String> d = new LinkedHashSet<>();
            if (email != null && settings.opsEmail() != null) {
                d.add(EMAIL);
            }
            if (settings.webhookUrl() != null) {
                d.add(WEBHOOK);
            }
            if (helpdesk != null) {
                d.add(HELPDESK);
            }
            return Set.copyOf(d);
        }

        @Override
        public String toString() {
            return "Operations" + destinations();
        }
    }

    /** The webhook URL an alert's target names, when it is an http(s) URL. */
    static URI webhookOf(AlertRequest request) {
        String address = request.addressFor(Operations.WEBHOOK);
        if (address == null) {
            return null;
        }
        try {
            URI uri = new URI(address);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
