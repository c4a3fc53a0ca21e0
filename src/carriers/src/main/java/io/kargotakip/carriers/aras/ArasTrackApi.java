package io.kargotakip.carriers.aras;

import io.kargotakip.carriers.kit.RetryAfterBackoff;
import io.kargotakip.carriers.kit.Soap;
import io.kargotakip.carriers.kit.TransientStatusMapper;
import io.smallrye.faulttolerance.api.CustomBackoff;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Aras's query service ({@code ArasCargoIntegrationService.svc}, WCF, SOAP 1.1), declared; Quarkus implements it in
 * the poller. The service's whole URL is the client's URL (base URL + service path in the poller's
 * {@code application.properties}), because the live and test services sit at different paths. The credentials travel
 * inside the body ({@link ArasQuery}); there is no token.
 *
 * <p>Fault tolerance as every carrier client has it, its values in the poller's {@code application.properties}. A
 * query only reads, so retrying the POST is safe. WCF sends a SOAP fault with HTTP 500, so a fault is retried like
 * any 5xx and what is left is an outage for the poller.
 */
@RegisterRestClient(configKey = "aras")
@RegisterProvider(TransientStatusMapper.class)
public interface ArasTrackApi {

    @POST
    @Consumes(Soap.CONTENT_TYPE)
    @Produces("text/xml")
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response query(@HeaderParam("SOAPAction") String soapAction, byte[] envelope);
}
