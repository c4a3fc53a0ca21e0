package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.http.Headers;
import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.support.SupportTickets;
import io.kargotakip.core.support.TicketCsv;
import io.kargotakip.core.support.TicketPayloadException;
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

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tickets}: the merchant's support tickets as CSV ({@link TicketCsv}), authenticated with the orders API's
 * key, into the analytics. A bad row is skipped and listed with its line; the good rows are recorded. Sending the same
 * file again writes the same record ids, so a retry after a 503 never counts a ticket twice.
 */
@Path("/tickets")
public class TicketsResource {

    /** Larger than a webhook's: a month's export of a busy helpdesk; API Gateway's own limit is 10 MB. */
    static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

    @Inject
    SupportTickets tickets;

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
            byte[] bytes = body == null ? new byte[0] : body;
            String why = auth.rejectReason(lower, bytes, java.time.Instant.now());
            if (why != null) {
                return ProblemMapper.problem(Problem.of(401, "Unauthorized", why));
            }
            if (bytes.length == 0) {
                return ProblemMapper.problem(Problem.of(400, "Empty body",
                        "send a CSV with the header ticket_id,created_at,first_response_at,solved_at,subject,body,tags,order_no,tracking_number"));
            }
            if (bytes.length > MAX_BODY_BYTES) {
                return ProblemMapper.problem(Problem.of(413, "Payload too large",
                        "the body is " + bytes.length + " bytes; at most " + MAX_BODY_BYTES + " are accepted: send the file in parts"));
            }
            TicketCsv.Result read;
            try {
                read = TicketCsv.read(new String(bytes, StandardCharsets.UTF_8));
            } catch (TicketPayloadException e) {
                return ProblemMapper.problem(Problem.of(400, "Unreadable CSV", e.getMessage()));
            }
            SupportTickets.Outcome outcome = tickets.record(read.events());
            if (outcome.lost() > 0) {
                return ProblemMapper.problem(Problem.of(503, "Service Unavailable", outcome.lost() + " of " + outcome.events()
                        + " ticket records could not be written; send the file again (records already written are not counted twice)"));
            }
            metrics.count("TicketsImported", read.tickets());
            if (!read.bad().isEmpty()) {
                metrics.count("TicketRowsRejected", read.bad().size());
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("rows", read.rows());
            answer.put("tickets", read.tickets());
            answer.put("events", outcome.events());
            answer.put("wismo", outcome.wismo());
            answer.put("linked", outcome.linked());
            answer.put("skipped", read.bad().size());
            List<Map<String, Object>> bad = read.bad().stream()
                    .map(b -> Map.<String, Object>of("line", b.line(), "reason", b.reason())).toList();
            answer.put("bad_rows", bad);
            return Response.ok(answer).type(MediaType.APPLICATION_JSON).build();
        } finally {
            metrics.flush();
        }
    }
}
