package io.kargotakip.functions.webhookreceiver;

import io.kargotakip.aws.http.Headers;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.LogContext;
import io.kargotakip.aws.pipeline.WebhookIntake;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.UUID;

/** {@code POST /webhooks/{source}}: authenticate, check, queue, answer 202 — nothing more, to stay fast. */
@Path("/webhooks")
public class WebhookResource {

    @Inject
    WebhookIntake intake;

    @Inject
    Metrics metrics;

    @POST
    @Path("/{source}")
    @Consumes(MediaType.WILDCARD)
    public Response receive(@PathParam("source") String source, @Context HttpHeaders headers, byte[] body) {
        String traceId = UUID.randomUUID().toString();
        LogContext.begin(traceId);
        try {
            Map<String, String> lower = Headers.lowerCased(headers);
            WebhookIntake.Result result = intake.receive(source, lower, body, traceId);
            if (result instanceof WebhookIntake.Result.Accepted accepted) {
                return Response.accepted(Map.of("status", "accepted", "traceId", traceId)).type(MediaType.APPLICATION_JSON).build();
            }
            WebhookIntake.Result.Rejected rejected = (WebhookIntake.Result.Rejected) result;
            return ProblemMapper.problem(Problem.of(rejected.status(), rejected.title(), rejected.detail()));
        } finally {
            metrics.flush();
            LogContext.end();
        }
    }
}
