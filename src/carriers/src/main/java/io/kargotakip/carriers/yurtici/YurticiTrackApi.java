package io.kargotakip.carriers.yurtici;

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
 * Yurtiçi's ShippingOrderDispatcherServices, declared; Quarkus implements it in the poller. SOAP 1.1: a POST of
 * the envelope ({@link YurticiRequest}) to the service URL (the WSDL's address without {@code ?wsdl}), the
 * credentials inside it. The answer is returned whole, so the client can read its status and Content-Type.
 *
 * <p>Fault tolerance as every carrier client has it, its values in the poller's {@code application.properties}:
 * 408, 429, 5xx (a SOAP fault comes as a 500) and I/O failures are tried up to 3 times, waiting as
 * {@link RetryAfterBackoff} says; when most recent calls failed, the circuit opens for a minute.
 */
@RegisterRestClient(configKey = "yurtici")
@RegisterProvider(TransientStatusMapper.class)
@Path("/KOPSWebServices/ShippingOrderDispatcherServices")
public interface YurticiTrackApi {

    @POST
    @Consumes(Soap.CONTENT_TYPE)
    @Produces({"text/xml", "application/xml", "*/*"})
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response queryShipment(@HeaderParam("SOAPAction") String soapAction, byte[] envelope);
}
