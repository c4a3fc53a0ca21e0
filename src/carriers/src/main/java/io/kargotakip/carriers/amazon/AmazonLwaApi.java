package io.kargotakip.carriers.amazon;

import io.kargotakip.carriers.kit.RetryAfterBackoff;
import io.kargotakip.carriers.kit.TransientStatusMapper;
import io.smallrye.faulttolerance.api.CustomBackoff;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
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
 * Login with Amazon's token endpoint ({@code POST https://api.amazon.com/auth/o2/token}, config key {@code amazon-lwa}):
 * the seller's long-lived refresh token, with the app's client id and secret in the form body, buys an access token
 * ({@code {access_token, token_type, expires_in}}, an hour). Why not the OIDC client: its refresh grant refreshes
 * tokens it obtained itself ({@code OidcClient.refreshTokens}); it has no way to send a configured long-lived refresh
 * token on every grant, and its filter puts the token in {@code Authorization}, not in {@code x-amz-access-token}.
 */
@RegisterRestClient(configKey = "amazon-lwa")
@RegisterProvider(TransientStatusMapper.class)
public interface AmazonLwaApi {

    @POST
    @Path("/auth/o2/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout
    @Retry
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker
    Response token(@FormParam("grant_type") String grantType,
                   @FormParam("refresh_token") String refreshToken,
                   @FormParam("client_id") String clientId,
                   @FormParam("client_secret") String clientSecret);
}
