package io.kargotakip.carriers.dhl;

import io.kargotakip.carriers.kit.RetryAfterBackoff;
import io.kargotakip.carriers.kit.TransientStatusMapper;
import io.smallrye.faulttolerance.api.CustomBackoff;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * DHL Shipment Tracking - Unified, declared; Quarkus implements it in the poller. Authenticated by the
 * {@code DHL-API-Key} header alone (no token exchange). A {@code null} query parameter is left out of the URL.
 *
 * <p>Fault tolerance as every carrier client has it, its values in the poller's {@code application.properties}
 * ({@code quarkus.fault-tolerance.global.*}): each attempt has 10 s; 408, 429 (DHL's answer beyond its rate limit)
 * and 5xx and I/O failures are tried up to 3 times, waiting as {@link RetryAfterBackoff} says; when most recent
 * calls failed, the circuit opens for a minute and polls fail fast instead of piling onto an outage.
 */
@RegisterRestClient(configKey = "dhl")
@RegisterProvider(TransientStatusMapper.class)
@Path("/track")
public interface DhlTrackApi {

    @GET
    @Path("/shipments")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response shipments(@QueryParam("trackingNumber") String trackingNumber,
                       @QueryParam("service") String service,
                       @QueryParam("language") String language,
                       @HeaderParam("DHL-API-Key") String apiKey);
}
