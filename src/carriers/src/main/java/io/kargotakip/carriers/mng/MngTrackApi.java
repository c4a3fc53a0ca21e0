package io.kargotakip.carriers.mng;

import io.kargotakip.carriers.kit.RetryAfterBackoff;
import io.kargotakip.carriers.kit.TransientStatusMapper;
import io.smallrye.faulttolerance.api.CustomBackoff;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * MNG's new REST API (DHL eCommerce Türkiye, IBM API Connect "apizone"), declared; Quarkus implements it in the
 * poller. Every call carries the API product's {@code X-IBM-Client-Id} / {@code X-IBM-Client-Secret} and
 * {@code x-api-version}; the query call also {@code Authorization: Bearer <jwt>}, the JWT from {@link #token} (not
 * OAuth, so not the OIDC client's: {@link MngTrackingClient} keeps it in the kit's {@code CachedToken}).
 *
 * <p>Fault tolerance as every carrier client has it, its values in the poller's {@code application.properties}:
 * 408, 429 and 5xx ({@link TransientStatusMapper}) and I/O failures are retried as {@link RetryAfterBackoff} says,
 * each attempt has its timeout, and a failing API opens the circuit. Every other status comes back as a response.
 */
@RegisterRestClient(configKey = "mng")
@RegisterProvider(TransientStatusMapper.class)
@Path("/mngapi/api")
public interface MngTrackApi {

    /** Identity: {@code {"customerNumber", "password", "identityType": 1}} → {@code {"jwt", "refreshToken", "jwtExpireDate"}}. */
    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response token(@HeaderParam("X-IBM-Client-Id") String clientId,
                   @HeaderParam("X-IBM-Client-Secret") String clientSecret,
                   @HeaderParam("x-api-version") String apiVersion,
                   byte[] body);

    /** The shipment's headline status by the merchant's reference (upper-case, as given to createOrder). */
    @GET
    @Path("/standardqueryapi/getshipmentstatus/{referenceId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response shipmentStatus(@PathParam("referenceId") String referenceId,
                            @HeaderParam("X-IBM-Client-Id") String clientId,
                            @HeaderParam("X-IBM-Client-Secret") String clientSecret,
                            @HeaderParam("x-api-version") String apiVersion,
                            @HeaderParam("Authorization") String authorization);
}
