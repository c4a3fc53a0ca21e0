package io.kargotakip.carriers.hepsiburada;

import io.kargotakip.carriers.kit.RetryAfterBackoff;
import io.kargotakip.carriers.kit.TransientStatusMapper;
import io.smallrye.faulttolerance.api.CustomBackoff;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
 * Hepsiburada's OMS package cargo info ("Paket İçin Kargo Bilgilerini Listeleme",
 * {@code GET /packages/merchantid/{merchantId}/packagenumber/{packageNumber}} on {@code oms-external.hepsiburada.com}),
 * declared; Quarkus implements it in the poller. HTTP Basic and a {@code User-Agent} header.
 *
 * <p>Fault tolerance as every carrier client has it (values in the poller's {@code application.properties}).
 */
@RegisterRestClient(configKey = "hepsiburada")
@RegisterProvider(TransientStatusMapper.class)
@Path("/packages/merchantid/{merchantId}")
public interface HepsiburadaOmsApi {

    @GET
    @Path("/packagenumber/{packageNumber}")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response packageCargo(@PathParam("merchantId") String merchantId,
                          @PathParam("packageNumber") String packageNumber,
                          @HeaderParam("Authorization") String authorization,
                          @HeaderParam("User-Agent") String userAgent);
}
