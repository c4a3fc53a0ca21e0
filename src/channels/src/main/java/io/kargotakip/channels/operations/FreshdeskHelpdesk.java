package io.kargotakip.channels.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.core.operations.OperationsException;
import io.kargotakip.core.operations.TicketRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Freshdesk's API v2: {@code POST {base}/api/v2/tickets} with {@code {"subject", "description", "email", "name",
 * "priority": 1-4, "status": 2, "tags"}}, basic authentication with the API key as user and {@code X} as password.
 * Priorities map to Freshdesk's numbers (low 1, normal 2 "medium", high 3, urgent 4); status 2 is "open". The
 * description is HTML: the body is escaped, its lines kept, and it ends with the occurrence key (Freshdesk has no
 * external id field outside custom ones), so an agent can find the occurrence. Freshdesk needs the requester's
 * e-mail (or a phone or contact id, which the product does not send): a ticket without one is refused before it
 * is sent. Errors ({@code {"description", "errors": [{"field", "code", "message"}]}}) are reported by field and code.
 */
final class FreshdeskHelpdesk implements Helpdesk {

    static final String WHAT = "Freshdesk";
    static final String API_PATH = "/api/v2/tickets";
    /** Freshdesk's "Open". */
    static final int OPEN = 2;

    private final OperationsHttp http;
    private final URI tickets;
    private final String authorization;

    /** @param url {@code https://{domain}.freshdesk.com} (or with {@value #API_PATH}) */
    FreshdeskHelpdesk(OperationsHttp http, URI url, String apiKey) {
        this.http = http;
        this.tickets = URI.create(Helpdesk.base(url, API_PATH) + API_PATH);
        this.authorization = OperationsHttp.basic(apiKey, "X");
    }

    @Override
    public String open(TicketRequest ticket) throws OperationsException {
        if (ticket.requesterEmail() == null) {
            throw new OperationsException(WHAT + " needs the requester's e-mail address; ticket " + ticket.externalId() + " has none", false, null, null);
        }
        OperationsHttp.Answer answer = http.send(OperationsHttp.postJson(tickets, body(ticket), Map.of("Authorization", authorization)),
                WHAT, FreshdeskHelpdesk::errorMessage);
        JsonNode id = answer.json().path("id");
        if (!id.isValueNode() || id.asText().isBlank()) {
            throw new OperationsException(WHAT + " answered HTTP " + answer.status() + " without a ticket id", false, null, null);
        }
        return id.asText();
    }

    static int priority(String priority) {
        return switch (priority) {
            case "low" -> 1;
            case "high" -> 3;
            case "urgent" -> 4;
            default -> 2;
        };
    }

    static byte[] body(TicketRequest t) {
        ObjectNode root = OperationsHttp.JSON.createObjectNode();
        root.put("subject", t.subject());
        root.put("description", description(t));
        root.put("email", t.requesterEmail());
        if (t.requesterName() != null) {
            root.put("name", t.requesterName());
        }
        root.put("priority", priority(t.priority()));
        root.put("status", OPEN);
        t.tags().forEach(root.putArray("tags")::add);
        return OperationsHttp.write(root);
    }

    static String description(TicketRequest t) {
        String text = t.body().isEmpty() ? t.subject() : t.body();
        return html(text).replace("\n", "<br>") + "<br><br>" + html(t.externalId());
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String errorMessage(OperationsHttp.Answer answer) {
        JsonNode json = answer.json();
        List<String> parts = new ArrayList<>();
        for (JsonNode e : json.path("errors")) {
            parts.add(e.path("field").asText("?") + " " + e.path("code").asText(""));
        }
        String description = json.path("description").asText(json.path("message").asText(""));
        if (description.isEmpty() && parts.isEmpty()) {
            return json.isEmpty() ? answer.body() : null;
        }
        return description + (parts.isEmpty() ? "" : " (" + String.join(", ", parts).strip() + ")");
    }
}
