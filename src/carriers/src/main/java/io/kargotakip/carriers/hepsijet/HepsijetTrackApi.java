package io.kargotakip.carriers.hepsijet;

import io.kargotakip.carriers.kit.RetryAfterBackoff;
import io.kargotakip.carriers.kit.TransientStatusMapper;
import io.smallrye.faulttolerance.api.CustomBackoff;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * HepsiJET's integration API, declared; Quarkus implements it in the poller ({@code quarkus.rest-client.hepsijet.*}).
 * HepsiJET's token is not OAuth (a GET with HTTP Basic answering {@code {"data":{"token":…}}}), so it is fetched here
 * and cached by {@link HepsijetTrackingClient}, not by the OIDC client.
 *
 * <p>Fault tolerance as every carrier client has it, values in the poller's {@code application.properties}: the token
 * call's 408/429/5xx and I/O failures are retried as the tracking call's are.
 */
@RegisterRestClient(configKey = HepsijetCarrier.ID)
@RegisterProvider(TransientStatusMapper.class)
public interface HepsijetTrackApi {

    /** {@code Authorization: Basic user:password} → {@code {"data":{"token":"…"}}}. */
    @GET
    @Path("/auth/getToken")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response token(@HeaderParam("Authorization") String basicCredentials);

    /**
     * {@code {"barcodes":[…],"isTrackAdded":true}} → {@code {"status":"OK","data":[{barcode, trackingUrl, details[]}]}}
     * (developers.hepsiburada.com, "Kargo hareketi sorgulama"); the body is JSON built by the client.
     */
    @POST
    @Path("/delivery/integration/track")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response track(@HeaderParam("X-Auth-Token") String token, byte[] body);
}
