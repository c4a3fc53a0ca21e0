package io.kargotakip.functions.ordersapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.http.Headers;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.pipeline.ApprovalPreview;
import io.kargotakip.aws.pipeline.Approvals;
import io.kargotakip.core.notification.ProposalEdit;
import io.kargotakip.core.webhook.WebhookAuth;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The approval queue of the automation levels, for operations: {@code GET /approvals} lists the messages the rules
 * proposed, {@code POST /approvals/{id}} approves ({@code {"decision": "approve", "by": "…"}}), rejects or edits one
 * (a note, fewer links, another percent; it still waits), {@code GET /approvals/{id}/preview} shows it as the customer
 * would get it, with the orders API's key. {@code GET /approvals/page} is the page operations use it from (it asks for
 * the key and keeps it only in the tab).
 */
@Path("/approvals")
public class ApprovalsResource {

    private static final Pattern ID = Pattern.compile("n-[0-9a-f]{32}");
    private static final Pattern BY = Pattern.compile("[\\p{L}\\p{N} ._@-]{1,64}");

    @Inject
    Approvals approvals;

    @Inject
    ApprovalPreview previews;

    @Inject
    @Named("orders-api-auth")
    WebhookAuth auth;

    @Inject
    Metrics metrics;

    @GET
    public Response waiting(@Context HttpHeaders headers) {
        try {
            Response refused = refused(headers, new byte[0]);
            if (refused != null) {
                return refused;
            }
            return Response.ok(Map.of("waiting", approvals.waiting(200))).type(MediaType.APPLICATION_JSON).build();
        } finally {
            metrics.flush();
        }
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    public Response decide(@Context HttpHeaders headers, @PathParam("id") String id, byte[] body) {
        try {
            byte[] raw = body == null ? new byte[0] : body;
            Response refused = refused(headers, raw);
            if (refused != null) {
                return refused;
            }
            if (!ID.matcher(id).matches()) {
                return ProblemMapper.problem(Problem.of(404, "Not found", "no message " + id + " waits for approval"));
            }
            JsonNode request;
            try {
                request = Json.MAPPER.readTree(raw);
            } catch (IOException e) {
                request = null;
            }
            String decision = request == null || !request.path("decision").isTextual() ? null : request.path("decision").asText();
            String by = request == null || !request.path("by").isTextual() ? null : request.path("by").asText();
            if (decision == null || !(decision.equals("approve") || decision.equals("reject") || decision.equals("edit"))) {
                return ProblemMapper.problem(Problem.of(400, "Invalid decision",
                        "send {\"decision\": \"approve\" | \"reject\" | \"edit\", \"by\": \"who decides\"}"));
            }
            if (by == null || !BY.matcher(by).matches()) {
                return ProblemMapper.problem(Problem.of(400, "Invalid decision",
                        "\"by\" names who decides: 1 to 64 letters, digits, spaces or . _ @ -"));
            }
            if (decision.equals("edit")) {
                return edit(id, by, request);
            }
            Approvals.Outcome outcome = decision.equals("approve") ? approvals.approve(id, by) : approvals.reject(id, by);
            if (outcome == Approvals.Outcome.NOT_WAITING) {
                return notWaiting(id);
            }
            return Response.ok(Map.of("notificationId", id, "outcome", outcome.name().toLowerCase())).type(MediaType.APPLICATION_JSON).build();
        } finally {
            metrics.flush();
        }
    }

    /**
     * {@code {"decision": "edit", "by": "…", "note": "…", "links": […], "discountPercent": N}}: the note (null or left out:
     * none), the rule's links to keep (left out: all), the percent (left out: the rule's). The answer is the waiting entry
     * as {@code GET /approvals} lists it, with {@code "outcome": "edited"}.
     */
    private Response edit(String id, String by, JsonNode request) {
        JsonNode note = request.path("note");
        if (!note.isMissingNode() && !note.isNull() && !note.isTextual()) {
            return invalidEdit("note: a text of 1 to " + ProposalEdit.NOTE_MAX + " characters, or null for none");
        }
        JsonNode links = request.path("links");
        List<String> kept = null;
        if (!links.isMissingNode()) {
            if (!links.isArray()) {
                return invalidEdit("links: a list of the links the message offers, e.g. [\"support\"]");
            }
            kept = new ArrayList<>();
            for (JsonNode link : links) {
                if (!link.isTextual()) {
                    return invalidEdit("links: a list of the links the message offers, e.g. [\"support\"]");
                }
                kept.add(link.asText());
            }
        }
        JsonNode percent = request.path("discountPercent");
        if (!percent.isMissingNode() && !percent.isNull() && !(percent.isIntegralNumber() && percent.canConvertToInt())) {
            return invalidEdit("discountPercent: a whole number from " + ProposalEdit.PERCENT_MIN + " to " + ProposalEdit.PERCENT_MAX);
        }
        Approvals.Edit edit = approvals.edit(id, by, new ProposalEdit(note.isTextual() ? note.asText() : null, kept,
                percent.isIntegralNumber() ? percent.asInt() : null));
        return switch (edit.outcome()) {
            case EDITED -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("outcome", "edited");
                answer.putAll(Json.MAPPER.convertValue(edit.waiting(), new TypeReference<Map<String, Object>>() { }));
                yield Response.ok(answer).type(MediaType.APPLICATION_JSON).build();
            }
            case INVALID -> invalidEdit(edit.problem());
            default -> notWaiting(id);
        };
    }

    /** {@code GET /approvals/{id}/preview}: the waiting message as its customer would get it over its channel. */
    @GET
    @Path("{id}/preview")
    public Response preview(@Context HttpHeaders headers, @PathParam("id") String id) {
        try {
            Response refused = refused(headers, new byte[0]);
            if (refused != null) {
                return refused;
            }
            if (!ID.matcher(id).matches()) {
                return ProblemMapper.problem(Problem.of(404, "Not found", "no message " + id + " waits for approval"));
            }
            Optional<ApprovalPreview.Preview> preview;
            try {
                preview = previews.of(id);
            } catch (NoSuchElementException gone) {
                return ProblemMapper.problem(Problem.of(404, "Not found", gone.getMessage()));
            }
            return preview.map(p -> Response.ok(p).type(MediaType.APPLICATION_JSON).build()).orElseGet(() -> notWaiting(id));
        } finally {
            metrics.flush();
        }
    }

    private static Response invalidEdit(String problem) {
        return ProblemMapper.problem(Problem.of(400, "Invalid edit", problem));
    }

    private static Response notWaiting(String id) {
        return ProblemMapper.problem(Problem.of(409, "Not waiting",
                "message " + id + " does not wait for approval (decided already, expired, or never proposed)"));
    }

    @GET
    @Path("page")
    public Response page() {
        try (InputStream in = ApprovalsResource.class.getResourceAsStream("/approvals.html")) {
            return Response.ok(new String(in.readAllBytes(), StandardCharsets.UTF_8)).type("text/html; charset=utf-8")
                    .header("Content-Security-Policy", "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; "
                            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'")
                    .header("Cache-Control", "no-store").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response refused(HttpHeaders headers, byte[] body) {
        String why = auth.rejectReason(Headers.lowerCased(headers), body, Instant.now());
        return why == null ? null : ProblemMapper.problem(Problem.of(401, "Unauthorized", why));
    }
}
