package io.kargotakip.carriers.mng;

import io.kargotakip.carriers.kit.RetryAfterBackoff;
import io.kargotakip.carriers.kit.Soap;
import io.kargotakip.carriers.kit.TransientStatusMapper;
import io.smallrye.faulttolerance.api.CustomBackoff;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * MNG's legacy SOAP service ({@code musterisiparisnew.asmx}, .NET ASMX, namespace {@code http://tempuri.org/}),
 * declared: a SOAP 1.1 POST of the kit's {@link Soap.Request} bytes with its {@code SOAPAction}. The base URL is the
 * service's folder ({@code …/musterikargosiparis} in production, {@code …/tservis} for MNG's test service), so either
 * is one setting. Fault tolerance as every carrier client has it (see {@link MngTrackApi}); an ASMX SOAP fault comes
 * as HTTP 500, so it is retried like any 5xx and then reported as an outage.
 */
@RegisterRestClient(configKey = "mng-legacy")
@RegisterProvider(TransientStatusMapper.class)
@Path("/musterisiparisnew.asmx")
public interface MngLegacyApi {

    @POST
    @Consumes(Soap.CONTENT_TYPE)
    @Produces("text/xml")
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response call(@HeaderParam("SOAPAction") String soapAction, byte[] envelope);
}
