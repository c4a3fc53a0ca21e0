package io.kargotakip.carriers.surat;

import io.kargotakip.carriers.kit.RetryAfterBackoff;
import io.kargotakip.carriers.kit.Soap;
import io.kargotakip.carriers.kit.TransientStatusMapper;
import io.smallrye.faulttolerance.api.CustomBackoff;
import jakarta.ws.rs.Consumes;
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
 * Sürat's ASMX service ({@code POST /services.asmx}), declared; Quarkus implements it in the poller. The body is a
 * SOAP 1.1 envelope written by the kit's {@link Soap}, the operation named in {@code SOAPAction}; the credentials
 * travel in the envelope, so there is no auth filter. Fault tolerance as every carrier client has it, its values
 * global in the poller's {@code application.properties}: an ASMX fault comes as HTTP 500, so it is retried and
 * then an outage.
 */
@RegisterRestClient(configKey = "surat")
@RegisterProvider(TransientStatusMapper.class)
@Path("/services.asmx")
public interface SuratTrackApi {

    @POST
    @Consumes(Soap.CONTENT_TYPE)
    @Produces(MediaType.TEXT_XML)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response call(@HeaderParam("SOAPAction") String soapAction, byte[] envelope);
}
