package io.kargotakip.carriers.trendyol;

import io.kargotakip.carriers.kit.RetryAfterBackoff;
import io.kargotakip.carriers.kit.TransientStatusMapper;
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
 * Trendyol's getShipmentPackages ({@code GET /integration/order/sellers/{sellerId}/orders} on
 * {@code apigw.trendyol.com}), declared; Quarkus implements it in the poller. HTTP Basic with the seller's API key and
 * secret, and the {@code User-Agent} Trendyol requires ({@code 403} without it). A {@code null} parameter is left out
 * of the query.
 *
 * <p>Fault tolerance as every carrier client has it (values in the poller's {@code application.properties}).
 */
@RegisterRestClient(configKey = "trendyol")
@RegisterProvider(TransientStatusMapper.class)
@Path("/integration/order/sellers/{sellerId}")
public interface TrendyolOrderApi {

    /** At most 200 packages a page; {@code startDate}/{@code endDate} are epoch milliseconds. */
    int MAX_PAGE_SIZE = 200;

    @GET
    @Path("/orders")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response orders(@PathParam("sellerId") String sellerId,
                    @QueryParam("orderNumber") String orderNumber,
                    @QueryParam("status") String status,
                    @QueryParam("startDate") Long startDate,
                    @QueryParam("endDate") Long endDate,
                    @QueryParam("page") int page,
                    @QueryParam("size") int size,
                    @HeaderParam("Authorization") String authorization,
                    @HeaderParam("User-Agent") String userAgent);

    /**
     * The packages changed in a window, oldest change first ({@code orderByField=PackageLastModifiedDate},
     * {@code orderByDirection=ASC}): what the periodic sync reads. Trendyol's reference names
     * PackageLastModifiedDate as the answers' order; that the window filters on it too is how the public clients use
     * it [I: verify against a live seller account].
     */
    @GET
    @Path("/orders")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response changed(@PathParam("sellerId") String sellerId,
                     @QueryParam("startDate") long startDate,
                     @QueryParam("endDate") long endDate,
                     @QueryParam("page") int page,
                     @QueryParam("size") int size,
                     @QueryParam("orderByField") String orderByField,
                     @QueryParam("orderByDirection") String orderByDirection,
                     @HeaderParam("Authorization") String authorization,
                     @HeaderParam("User-Agent") String userAgent);
}
