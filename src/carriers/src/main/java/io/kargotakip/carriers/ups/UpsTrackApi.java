package io.kargotakip.carriers.ups;

import io.kargotakip.carriers.kit.RetryAfterBackoff;
import io.kargotakip.carriers.kit.TransientStatusMapper;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.faulttolerance.api.CustomBackoff;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
 * UPS Tracking API v1, declared; Quarkus implements it in the poller. The OAuth client-credentials
 * token ({@code POST /security/v1/oauth/token}, HTTP Basic) comes from the OIDC client {@code ups}
 * (configured in the poller's {@code application.properties}), which caches it until shortly before
 * UPS's {@code expires_in} and renews it after a 401.
 *
 * <p>Fault tolerance as every carrier client has it, its values in the poller's {@code application.properties}
 * ({@code quarkus.fault-tolerance.global.*}): each attempt has 10 s; 408, 429, 5xx and I/O failures (the token
 * call's too) are tried up to 3 times, waiting as {@link RetryAfterBackoff} says; when most recent calls failed,
 * the circuit opens for a minute and polls fail fast instead of piling onto an outage.
 */
@RegisterRestClient(configKey = "ups")
@RegisterProvider(TransientStatusMapper.class)
@OidcClientFilter("ups")
@Path("/api/track/v1")
public interface UpsTrackApi {

    @GET
    @Path("/details/{inquiryNumber}")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response details(@PathParam("inquiryNumber") String inquiryNumber,
                     @QueryParam("locale") String locale,
                     @QueryParam("returnSignature") boolean returnSignature,
                     @QueryParam("returnMilestones") boolean returnMilestones,
                     @QueryParam("returnPOD") boolean returnPod,
                     @HeaderParam("transId") String transId,
                     @HeaderParam("transactionSrc") String transactionSrc);
}
