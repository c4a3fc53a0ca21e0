package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.pipeline.TrackedLinks;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The tracked links and the open pixel of every message, beside the opt-out link {@code /u/}; like it, the token's
 * signature is the authentication. {@code /c/<notificationId>.<signature>[/<action>]} records the click and answers
 * {@code 302} to the shipment's tracking page; {@code /o/<notificationId>.<signature>.gif} records the open and answers
 * a 1×1 transparent GIF. {@code HEAD} and link previews (WhatsApp, Slackbot, ... from {@code link-preview-agents.txt})
 * get the same answer and are not counted.
 */
@Path("/")
public class TrackedLinksResource {

    /** A 1×1 transparent GIF89a (43 bytes). */
    static final byte[] PIXEL = {
            0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, (byte) 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
            (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x21, (byte) 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00,
            0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b};
    /** Neither a browser nor a proxy keeps these answers: each click and open must reach us to be counted. */
    static final String NO_STORE = "no-store, private";

    @Inject
    TrackedLinks tracked;

    @Inject
    Metrics metrics;

    @GET
    @Path("c/{token}")
    public Response click(@PathParam("token") String token, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
                          @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return click(token, null, "GET", userAgent, accept);
    }

    @HEAD
    @Path("c/{token}")
    public Response clickHead(@PathParam("token") String token, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
                              @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return click(token, null, "HEAD", userAgent, accept);
    }

    @GET
    @Path("c/{token}/{action}")
    public Response clickAction(@PathParam("token") String token, @PathParam("action") String action,
                                @HeaderParam(HttpHeaders.USER_AGENT) String userAgent, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return click(token, action, "GET", userAgent, accept);
    }

    @HEAD
    @Path("c/{token}/{action}")
    public Response clickActionHead(@PathParam("token") String token, @PathParam("action") String action,
                                    @HeaderParam(HttpHeaders.USER_AGENT) String userAgent, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return click(token, action, "HEAD", userAgent, accept);
    }

    /**
     * The pixel. A token that is not ours gets the same GIF and records nothing: a mail client would show a broken
     * image (an old mail after the secret changed, a message past its retention) and a scanner learns nothing.
     */
    @GET
    @Path("o/{token}")
    public Response open(@PathParam("token") String token, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        return open(token, "GET", userAgent);
    }

    @HEAD
    @Path("o/{token}")
    public Response openHead(@PathParam("token") String token, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        return open(token, "HEAD", userAgent);
    }

    private Response click(String token, String action, String method, String userAgent, String accept) {
        try {
            return tracked.click(token, action, tracked.counts(method, userAgent))
                    .map(target -> Response.status(Response.Status.FOUND).location(URI.create(target)).header("Cache-Control", NO_STORE)
                            .header("Referrer-Policy", "no-referrer").build())
                    .orElseGet(() -> notFound(accept));
        } finally {
            metrics.flush();
        }
    }

    private Response open(String token, String method, String userAgent) {
        try {
            tracked.open(token, tracked.counts(method, userAgent));
            return Response.ok(PIXEL, "image/gif").header("Cache-Control", NO_STORE).build();
        } finally {
            metrics.flush();
        }
    }

    /** A browser gets a short page; anything else an RFC 9457 problem. Never a redirect: no target is known. */
    private static Response notFound(String accept) {
        if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
            String html = "<!doctype html><html lang=\"tr\"><meta charset=\"utf-8\"><title>Bağlantı geçersiz</title>"
                    + "<p>Bu bağlantı geçerli değil ya da süresi doldu.</p></html>";
            return Response.status(Response.Status.NOT_FOUND).entity(html).type(MediaType.TEXT_HTML + ";charset=utf-8").build();
        }
        return ProblemMapper.problem(Problem.of(404, "Unknown link", "this link is not valid"));
    }
}
