package io.kargotakip.aws.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Every error of an HTTP function leaves as an RFC 9457 problem: framework errors (404, 405, 415)
 * keep their status; anything unexpected (a queue or table unreachable) is a 503 the caller may
 * retry — never a stack trace. The HTTP functions index this module to pick it up.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            Response.Status known = Response.Status.fromStatusCode(status);
            return problem(Problem.of(status, known == null ? "Error" : known.getReasonPhrase(), null));
        }
        LOG.errorf("request failed: %s", error.toString());
        return problem(Problem.of(503, "Service Unavailable", "the request could not be completed; retry later"));
    }

    public static Response problem(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.body());
        if (problem.status() == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
    }
}
