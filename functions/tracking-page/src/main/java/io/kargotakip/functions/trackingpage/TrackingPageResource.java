package io.kargotakip.functions.trackingpage;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.page.PageView;
import io.kargotakip.aws.page.TrackingPages;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Optional;

/**
 * The customer's tracking page, {@code /t/<page token>}: the shipment's status, timeline, estimate, carrier, map,
 * support, FAQ and offers in the customer's language ({@code ?lang=tr|en} switches); {@code /api/tracking/<token>} is the
 * same as JSON for the merchant's site or app; {@code /t/<token>/git/<name>} counts a support or product click and
 * leads on; {@code /static/<file>} serves the page's hashed assets. A token that names nothing gets the same not-found
 * page, after the same reads, as any other.
 */
@Path("/")
public class TrackingPageResource {

    @Inject
    TrackingPages pages;

    @Inject
    Frames frames;

    @Inject
    Visits events;

    @Inject
    Metrics metrics;

    @GET
    @Path("t/{token}")
    public Response page(@PathParam("token") String token, @QueryParam("lang") String lang,
                         @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @HeaderParam(HttpHeaders.USER_AGENT) String agent) {
        long start = System.nanoTime();
        try {
            Optional<TrackingPages.Resolved> found = pages.resolve(token);
            if (found.isEmpty()) {
                pages.readAsIfFound();
                return Frames.timed(notFound(lang, acceptLanguage), start);
            }
            var counted = events.started(found.get().id(), "view", agent);
            String locale = pages.locale(found.get(), lang, acceptLanguage);
            PageView view = pages.view(found.get(), locale);
            String html = Pages.Templates.page(view, frames.of(view, "")).render();
            counted.join();
            return Frames.timed(frames.html(200, html), start);
        } finally {
            metrics.flush();
        }
    }

    @GET
    @Path("api/tracking/{token}")
    public Response json(@PathParam("token") String token, @QueryParam("lang") String lang,
                         @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @HeaderParam("Origin") String origin) {
        try {
            Optional<TrackingPages.Resolved> found = pages.resolve(token);
            if (found.isEmpty()) {
                pages.readAsIfFound();
                return cors(Response.fromResponse(io.kargotakip.aws.http.ProblemMapper.problem(io.kargotakip.aws.http.Problem.of(404,
                        "Not found", "no tracking page has this token, or it has expired"))), origin);
            }
            PageView view = pages.view(found.get(), pages.locale(found.get(), lang, acceptLanguage));
            metrics.count("TrackingApiReads");
            // written whole, with its length, as the address lists are: a long timeline must not be streamed through the adapter
            byte[] body = io.kargotakip.aws.Json.write(view.json()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return cors(Response.ok(body).type(MediaType.APPLICATION_JSON + ";charset=utf-8").header("Cache-Control", "no-store"), origin);
        } finally {
            metrics.flush();
        }
    }

    /** A support contact or product of the page: counted, then on to where the configuration says. */
    @GET
    @Path("t/{token}/git/{name}")
    public Response go(@PathParam("token") String token, @PathParam("name") String name, @QueryParam("lang") String lang,
                       @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @HeaderParam(HttpHeaders.USER_AGENT) String agent) {
        try {
            Optional<TrackingPages.Resolved> found = pages.resolve(token);
            Optional<String> target = pages.target(name);
            if (found.isEmpty() || target.isEmpty()) {
                return notFound(lang, acceptLanguage);
            }
            events.record(found.get().id(), TrackingPages.clickKind(name), agent);
            return Response.status(302).location(URI.create(target.get())).header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "no-referrer").build();
        } finally {
            metrics.flush();
        }
    }

    /** The return or exchange link, after delivery: counted, then to the merchant's return page. */
    @GET
    @Path("t/{token}/iade")
    public Response returns(@PathParam("token") String token, @QueryParam("lang") String lang,
                            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @HeaderParam(HttpHeaders.USER_AGENT) String agent) {
        try {
            Optional<TrackingPages.Resolved> found = pages.resolve(token);
            if (found.isEmpty() || pages.settings().returnUrl().isEmpty()) {
                return notFound(lang, acceptLanguage);
            }
            events.record(found.get().id(), "action:iade", agent);
            return Response.status(302).location(URI.create(pages.settings().returnUrl().get())).header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "no-referrer").build();
        } finally {
            metrics.flush();
        }
    }

    /** The merchant's own pages (the configuration's {@code api.allowedOrigins}) may read the JSON from a browser. */
    private Response cors(Response.ResponseBuilder response, String origin) {
        if (origin != null && pages.settings().apiOrigins().contains(origin)) {
            response.header("Access-Control-Allow-Origin", origin);
        }
        return response.header("Vary", "Origin").build();
    }

    @GET
    @Path("static/{name}")
    public Response asset(@PathParam("name") String name) {
        return frames.assets().find(name)
                .map(a -> Response.ok(a.body()).type(a.type()).header("Cache-Control", "public, max-age=31536000, immutable")
                        .header("X-Content-Type-Options", "nosniff").build())
                .orElseGet(() -> Response.status(404).type(MediaType.TEXT_PLAIN).entity("not found").build());
    }

    private Response notFound(String lang, String acceptLanguage) {
        metrics.count("TrackingPagesNotFound");
        return frames.notFound(pages.locale(lang, acceptLanguage));
    }
}
