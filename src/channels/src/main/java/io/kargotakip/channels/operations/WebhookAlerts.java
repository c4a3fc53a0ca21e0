package io.kargotakip.channels.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.OperationsException;

import java.net.URI;
import java.util.Map;

/**
 * Alerts to a Slack incoming webhook: {@code POST {"text": "…"}} (Slack's published format, which Mattermost's
 * incoming webhooks and other Slack-compatible ones accept as well). The text is escaped as Slack asks ({@code &},
 * {@code <}, {@code >}) and ends with the alert's key. Slack answers {@code ok}, or a plain-text error
 * ({@code invalid_payload}, {@code no_service}, {@code channel_is_archived}, …), which is final; 429 and 5xx are
 * retried. The webhook's URL is its credential: no message names it.
 */
final class WebhookAlerts {

    static final String WHAT = "the ops webhook";

    private final OperationsHttp http;

    WebhookAlerts(OperationsHttp http) {
        this.http = http;
    }

    void send(URI webhook, AlertRequest alert) throws OperationsException {
        http.send(OperationsHttp.postJson(webhook, body(alert), Map.of()), WHAT, answer -> answer.body());
    }

    static byte[] body(AlertRequest alert) {
        ObjectNode root = OperationsHttp.JSON.createObjectNode();
        root.put("text", escape(alert.text()) + "\n" + escape(alert.key()));
        return OperationsHttp.write(root);
    }

    /** Slack reads {@code &}, {@code <} and {@code >} as its markup: they are sent as entities. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
