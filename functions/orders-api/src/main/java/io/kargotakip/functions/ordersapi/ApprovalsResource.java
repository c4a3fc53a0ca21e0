package io.kargotakip.functions.ordersapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.http.Headers;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.pipeline.Approvals;
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
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The approval queue of the automation levels, for operations: {@code GET /approvals} lists the messages the rules
 * proposed, {@code POST /approvals/{id}} approves ({@code {"decision": "approve", "by": "…"}}) or rejects one, with the
 * orders API's key. {@code GET /approvals/page} is the page operations use it from (it asks for the key and keeps it
 * only in the tab).
 */
@Path("/approvals")
public class ApprovalsResource {

    private static final Pattern ID = Pattern.compile("n-[0-9a-f]{32}");
    private static final Pattern BY = Pattern.compile("[\\p{L}\\p{N} ._@-]{1,64}");

    @Inject
    Approvals approvals;

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
            String decision = request == null ? null : request.path("decision").asText(null);
            String by = request == null ? null : request.path("by").asText(null);
            if (decision == null || !(decision.equals("approve") || decision.equals("reject"))) {
                return ProblemMapper.problem(Problem.of(400, "Invalid decision",
                        "send {\"decision\": \"approve\" | \"reject\", \"by\": \"who decides\"}"));
            }
            if (by == null || !BY.matcher(by).matches()) {
                return ProblemMapper.problem(Problem.of(400, "Invalid decision",
                        "\"by\" names who decides: 1 to 64 letters, digits, spaces or . _ @ -"));
            }
            Approvals.Outcome outcome = decision.equals("approve") ? approvals.approve(id, by) : approvals.reject(id, by);
            if (outcome == Approvals.Outcome.NOT_WAITING) {
                return ProblemMapper.problem(Problem.of(409, "Not waiting",
                        "message " + id + " does not wait for approval (decided already, expired, or never proposed)"));
            }
            return Response.ok(Map.of("notificationId", id, "outcome", outcome.name().toLowerCase())).type(MediaType.APPLICATION_JSON).build();
        } finally {
            metrics.flush();
        }
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
