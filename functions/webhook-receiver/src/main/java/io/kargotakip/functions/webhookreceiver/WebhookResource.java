package io.kargotakip.functions.webhookreceiver;

import io.kargotakip.aws.http.Headers;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.LogContext;
import io.kargotakip.aws.pipeline.WebhookIntake;
import io.kargotakip.aws.support.TicketWebhooks;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.UUID;

/**
 * {@code POST|PUT /webhooks/{source}[/{path}]}: authenticate, check, queue, answer 202 (or what the sender expects)
 * — nothing more, to stay fast. Hepsiburada PUTs to paths under the base URL it was given
 * ({@code …/packages/{packageNumber}/intransit}); the tail goes to the adapter. The helpdesks' ticket events
 * ({@code zendesk}, {@code freshdesk}, {@code helpdesk}) are not carrier events: they are recorded in the analytics
 * here ({@link TicketWebhooks}), without the raw-events queue.
 */
@Path("/webhooks")
public class WebhookResource {

    @Inject
    WebhookIntake intake;

    @Inject
    TicketWebhooks tickets;

    @Inject
    Metrics metrics;

    @POST
    @Path("/{source}")
    @Consumes(MediaType.WILDCARD)
    public Response receive(@PathParam("source") String source, @Context HttpHeaders headers, byte[] body) {
        return handle(source, null, headers, body);
    }

    @PUT
    @Path("/{source}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("source") String source, @Context HttpHeaders headers, byte[] body) {
        return handle(source, null, headers, body);
    }

    @POST
    @Path("/{source}/{path: .+}")
    @Consumes(MediaType.WILDCARD)
    public Response receiveAt(@PathParam("source") String source, @PathParam("path") String path, @Context HttpHeaders headers, byte[] body) {
        return handle(source, path, headers, body);
    }

    @PUT
    @Path("/{source}/{path: .+}")
    @Consumes(MediaType.WILDCARD)
    public Response putAt(@PathParam("source") String source, @PathParam("path") String path, @Context HttpHeaders headers, byte[] body) {
        return handle(source, path, headers, body);
    }

    private Response handle(String source, String path, HttpHeaders headers, byte[] body) {
        String traceId = UUID.randomUUID().toString();
        LogContext.begin(traceId);
        try {
            Map<String, String> lower = Headers.lowerCased(headers);
            if (path == null && TicketWebhooks.isHelpdesk(source)) {
                return ticket(source, lower, body);
            }
            WebhookIntake.Result result = intake.receive(source, lower, body, traceId, path);
            if (result instanceof WebhookIntake.Result.Accepted accepted) {
                if (accepted.acknowledgement().isPresent()) {
                    var ack = accepted.acknowledgement().get();
                    return ack.body().length == 0 ? Response.status(ack.status()).build()
                            : Response.status(ack.status()).type(ack.contentType()).entity(ack.body()).build();
                }
                return Response.accepted(Map.of("status", "accepted", "traceId", traceId)).type(MediaType.APPLICATION_JSON).build();
            }
            WebhookIntake.Result.Rejected rejected = (WebhookIntake.Result.Rejected) result;
            return ProblemMapper.problem(Problem.of(rejected.status(), rejected.title(), rejected.detail()));
        } finally {
            metrics.flush();
            LogContext.end();
        }
    }

    private Response ticket(String source, Map<String, String> lower, byte[] body) {
        TicketWebhooks.Result result = tickets.receive(source, lower, body);
        if (result instanceof TicketWebhooks.Result.Accepted accepted) {
            Map<String, String> answer = accepted.step()
                    .map(step -> Map.of("status", "accepted", "step", step.wire()))
                    .orElse(Map.of("status", "ignored"));
            return Response.accepted(answer).type(MediaType.APPLICATION_JSON).build();
        }
        TicketWebhooks.Result.Rejected rejected = (TicketWebhooks.Result.Rejected) result;
        return ProblemMapper.problem(Problem.of(rejected.status(), rejected.title(), rejected.detail()));
    }
}
