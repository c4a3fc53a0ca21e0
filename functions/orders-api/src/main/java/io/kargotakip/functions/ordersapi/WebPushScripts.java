package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.http.Problem;
import io.kargotakip.aws.http.ProblemMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /webpush.js}, the script the merchant's order page includes, and {@code GET /kargo-sw.js}, the service
 * worker the merchant copies to their site's root (to download; served from here it could not work, a service worker
 * must be same-origin with the page). Both plain JavaScript without dependencies, from the classpath.
 */
@Path("/{script: webpush\\.js|kargo-sw\\.js}")
public class WebPushScripts {

    @GET
    public Response script(@PathParam("script") String script) {
        byte[] body;
        try (InputStream in = WebPushScripts.class.getResourceAsStream("/webpush/" + script)) {
            if (in == null) {
                return ProblemMapper.problem(Problem.of(404, "Not found", "no " + script));
            }
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(body, "text/javascript;charset=utf-8").header("Cache-Control", "public, max-age=3600")
                .header("X-Content-Type-Options", "nosniff").build();
    }
}
