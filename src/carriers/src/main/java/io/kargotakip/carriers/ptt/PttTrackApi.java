package io.kargotakip.carriers.ptt;

import io.kargotakip.carriers.kit.RetryAfterBackoff;
import io.kargotakip.carriers.kit.Soap;
import io.kargotakip.carriers.kit.TransientStatusMapper;
import io.smallrye.faulttolerance.api.CustomBackoff;
import jakarta.ws.rs.Consumes;
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
 * PTT's SOAP service {@code POST /<service>/services/Sorgu}, declared; Quarkus implements it in the poller. The
 * service is {@code GonderiHareketV2} in production and {@code GonderiHareketV2Test} for PTT's test system
 * (carriers.md §5: test = service name + {@code Test}). The body is a SOAP 1.1 envelope written by the kit's
 * {@link Soap} with the credentials inside, so there is no auth filter. Fault tolerance as every carrier client has
 * it, its values global in the poller's {@code application.properties}: a SOAP fault comes as HTTP 500, so it is
 * retried and then an outage.
 */
@RegisterRestClient(configKey = "ptt")
@RegisterProvider(TransientStatusMapper.class)
@Path("/{service}/services/Sorgu")
public interface PttTrackApi {

    @POST
    @Consumes(Soap.CONTENT_TYPE)
    @Produces(MediaType.TEXT_XML)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response call(@PathParam("service") String service, @HeaderParam("SOAPAction") String soapAction, byte[] envelope);
}
