package io.kargotakip.carriers.amazon;

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
 * The Selling Partner API operations we read, declared; Quarkus implements it in the poller
 * ({@code quarkus.rest-client.amazon.*}, base URL by region: {@code sellingpartnerapi-{na,eu,fe}.amazon.com}). Every call
 * carries the Login with Amazon access token in {@code x-amz-access-token} ({@link AmazonLwaApi}, cached by
 * {@link AmazonTrackingClient}). Fault tolerance as every carrier client has it, values in the poller's
 * {@code application.properties}.
 */
@RegisterRestClient(configKey = AmazonCarrier.ID)
@RegisterProvider(TransientStatusMapper.class)
public interface AmazonTrackApi {

    /**
     * Shipping API v2 getTracking (80 rps, burst 100). {@code x-amzn-shipping-business-id} is optional: without it
     * Amazon assumes {@code AmazonShipping_UK}; a null header is not sent.
     */
    @GET
    @Path("/shipping/v2/tracking")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response tracking(@QueryParam("trackingId") String trackingId,
                      @QueryParam("carrierId") String carrierId,
                      @HeaderParam("x-amz-access-token") String accessToken,
                      @HeaderParam("x-amzn-shipping-business-id") String businessId);

    /** Orders API 2026-01-01 getOrder (0.5 rps, burst 30), with {@code includedData=PACKAGES,BUYER}. */
    @GET
    @Path("/orders/2026-01-01/orders/{orderId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response order(@PathParam("orderId") String orderId,
                   @QueryParam("includedData") String includedData,
                   @HeaderParam("x-amz-access-token") String accessToken);

    /**
     * Orders API 2026-01-01 searchOrders (0.0056 rps, burst 20): the orders updated in a window, merchant-fulfilled
     * only (the packages are FBM's), with their packages and buyer. Lists are comma-separated; a null is not sent.
     * A {@code paginationToken} page repeats the first page's other parameters.
     */
    @GET
    @Path("/orders/2026-01-01/orders")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response searchOrders(@QueryParam("lastUpdatedAfter") String lastUpdatedAfter,
                          @QueryParam("lastUpdatedBefore") String lastUpdatedBefore,
                          @QueryParam("marketplaceIds") String marketplaceIds,
                          @QueryParam("fulfilledBy") String fulfilledBy,
                          @QueryParam("includedData") String includedData,
                          @QueryParam("maxResultsPerPage") int maxResultsPerPage,
                          @QueryParam("paginationToken") String paginationToken,
                          @HeaderParam("x-amz-access-token") String accessToken);
}
