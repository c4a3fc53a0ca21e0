package io.kargotakip.channels.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.core.operations.OperationsException;
import io.kargotakip.core.operations.TicketRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Zendesk Support's Tickets API: {@code POST {base}/api/v2/tickets.json} with
 * {@code {"ticket": {"subject", "comment": {"body"}, "priority", "requester": {"name", "email"}, "external_id", "tags"}}},
 * basic authentication with an API token ({@code {agent e-mail}/token:{api token}}). Priorities are Zendesk's own
 * (low, normal, high, urgent). Zendesk does not refuse a second ticket with the same {@code external_id}, so a ticket
 * is first looked for by it ({@code GET /api/v2/tickets.json?external_id=}): a retry after a lost answer finds the
 * ticket the first attempt opened instead of opening another. Zendesk's errors ({@code {"error", "description",
 * "details"}}) are reported by their error, description and the fields named in details.
 */
final class ZendeskHelpdesk implements Helpdesk {

    static final String WHAT = "Zendesk";
    static final String API_PATH = "/api/v2/tickets.json";

    private final OperationsHttp http;
    private final String base;
    private final String authorization;

    /**
     * @param url   {@code https://{subdomain}.zendesk.com} (or with {@value #API_PATH})
     * @param email the agent the API token belongs to
     */
    ZendeskHelpdesk(OperationsHttp http, URI url, String email, String apiToken) {
        this.http = http;
        this.base = Helpdesk.base(url, API_PATH);
        this.authorization = OperationsHttp.basic(email + "/token", apiToken);
    }

    @Override
    public String open(TicketRequest ticket) throws OperationsException {
        URI lookup = URI.create(base + API_PATH + "?external_id=" + URLEncoder.encode(ticket.externalId(), StandardCharsets.UTF_8));
        JsonNode found = http.send(HttpRequest.newBuilder(lookup).header("Authorization", authorization).GET(), WHAT,
                ZendeskHelpdesk::errorMessage).json().path("tickets");
        if (found.isArray() && !found.isEmpty() && found.get(0).path("id").isValueNode()) {
            return found.get(0).path("id").asText();
        }
        OperationsHttp.Answer created = http.send(OperationsHttp.postJson(URI.create(base + API_PATH), body(ticket),
                Map.of("Authorization", authorization)), WHAT, ZendeskHelpdesk::errorMessage);
        JsonNode id = created.json().path("ticket").path("id");
        if (!id.isValueNode() || id.asText().isBlank()) {
            // opened or not, we cannot tell; the retry's lookup by external_id will know
            throw new OperationsException(WHAT + " answered HTTP " + created.status() + " without a ticket id", true, null, null);
        }
        return id.asText();
    }

    static byte[] body(TicketRequest t) {
        ObjectNode root = OperationsHttp.JSON.createObjectNode();
        ObjectNode ticket = root.putObject("ticket");
        ticket.put("subject", t.subject());
        ticket.putObject("comment").put("body", t.body().isEmpty() ? t.subject() : t.body());
        ticket.put("priority", t.priority());
        if (t.requesterEmail() != null) {
            // without an e-mail the requester is the agent the token belongs to (Zendesk needs one to create a user)
            ObjectNode r = ticket.putObject("requester");
            if (t.requesterName() != null) {
                r.put("name", t.requesterName());
            }
            r.put("email", t.requesterEmail());
        }
        ticket.put("external_id", t.externalId());
        t.tags().forEach(ticket.putArray("tags")::add);
        return OperationsHttp.write(root);
    }

    static String errorMessage(OperationsHttp.Answer answer) {
        JsonNode json = answer.json();
        JsonNode error = json.path("error");
        StringBuilder s = new StringBuilder();
        if (error.isTextual()) {
            s.append(error.asText());
        } else if (error.isObject()) {
            s.append(error.path("title").asText(error.path("message").asText("")));
        }
        if (json.path("description").isTextual()) {
            s.append(s.isEmpty() ? "" : ": ").append(json.path("description").asText());
        }
        if (json.path("details").isObject() && !json.path("details").isEmpty()) {
            // the field names only: a detail's text may quote the value
            java.util.List<String> fields = new java.util.ArrayList<>();
            json.path("details").fieldNames().forEachRemaining(fields::add);
            s.append(" (").append(String.join(", ", fields)).append(")");
        }
        return s.isEmpty() ? (json.isEmpty() ? answer.body() : null) : s.toString();
    }
}
