package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.http.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Every error leaves as an RFC 9457 problem: framework errors (404, 405, 415) keep their status;
 * anything unexpected (the queue unreachable) is a 503 the sender may retry — no stack trace.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return problem(status, Response.Status.fromStatusCode(status) == null ? "Error"
                    : Response.Status.fromStatusCode(status).getReasonPhrase(), null);
        }
        LOG.errorf("orders could not be stored: %s", error.toString());
        return problem(503, "Service Unavailable", "the orders could not be stored; retry later");
    }

    static Response problem(int status, String title, String detail) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, title, detail).body()).build();
    }
}
