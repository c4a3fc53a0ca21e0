package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.http.Headers;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.orders.StatusUpload;
import io.kargotakip.core.webhook.WebhookAuth;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /statuses}: statuses of a carrier without an API, as CSV ({@link StatusUpload}), authenticated with
 * the orders API's key. All or nothing: any bad row rejects the call with every problem listed (422).
 */
@Path("/statuses")
public class StatusesResource {

    @Inject
    Wiring.StatusUploads uploads;

    @Inject
    @Named("orders-api-auth")
    WebhookAuth auth;

    @Inject
    Metrics metrics;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response upload(@Context HttpHeaders headers, byte[] body) {
        try {
            Map<String, String> lower = Headers.lowerCased(headers);
            String why = auth.rejectReason(lower, body == null ? new byte[0] : body, java.time.Instant.now());
            if (why != null) {
                return ProblemMapper.problem(Problem.of(401, "Unauthorized", why));
            }
            if (body == null || body.length == 0) {
                return ProblemMapper.problem(Problem.of(400, "Empty body", "send a CSV with the header " + String.join(",", StatusUpload.COLUMNS)));
            }
            StatusUpload.Read read = uploads.reader().read(new StringReader(new String(body, StandardCharsets.UTF_8)));
            if (!read.problems().isEmpty()) {
                List<String> errors = read.problems().stream().map(Object::toString).toList();
                metrics.count("StatusUploadsRejected");
                return ProblemMapper.problem(Problem.withErrors(422, "Invalid statuses", "nothing was queued; fix these and send again", errors));
            }
            int queued = StatusUpload.queue(read.events(), uploads.shipments(), uploads.rawEvents(), Clock.systemUTC());
            metrics.count("StatusesUploaded", queued);
            return Response.accepted(Map.of("statuses", queued)).type(MediaType.APPLICATION_JSON).build();
        } finally {
            metrics.flush();
        }
    }
}
