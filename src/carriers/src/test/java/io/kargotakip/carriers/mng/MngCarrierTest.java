package io.kargotakip.carriers.mng;

import io.kargotakip.carriers.kit.CachedToken;
import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.kargotakip.carriers.mng.MngFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MngCarrierTest {

    @Test
    void isFoundByTheServiceLoader() {
        CarrierAdapter mng = CarrierRegistry.load().find("mng").orElseThrow();

        assertThat(mng).isInstanceOf(MngCarrier.class);
        assertThat(mng.displayName()).isEqualTo("MNG Kargo (DHL eCommerce)");
        // no published tracking page pattern, and references have no format of MNG's
        assertThat(mng.trackingLink("401202500042")).isEmpty();
        assertThat(mng.trackingNumberFormat()).isEmpty();
    }

    @Test
    void theRestApiIsTheDefaultAndNeedsTheIbmClientPairToo() {
        CarrierProfile rest = new MngCarrier(false).profile();

        assertThat(rest.poll()).get().asString().contains("getshipmentstatus");
        assertThat(rest.push()).isEmpty();
        assertThat(rest.batchSize()).isEqualTo(1);
        assertThat(rest.settings()).containsExactly("customer-number", "password", "client-id", "client-secret");
        CarrierSettings accountOnly = settings(Map.of("KARGO_CARRIER_MNG_CUSTOMER_NUMBER", "1234567890", "KARGO_CARRIER_MNG_PASSWORD", "p"));
        assertThat(rest.configured(accountOnly)).isFalse();
        assertThat(rest.missing(accountOnly)).containsExactly("KARGO_CARRIER_MNG_CLIENT_ID", "KARGO_CARRIER_MNG_CLIENT_SECRET");
    }

    @Test
    void theLegacyApiIsChosenBySettingAndNeedsTheAccountOnly() {
        assertThat(MngCarrier.legacy(settings(Map.of()))).isFalse();
        assertThat(MngCarrier.legacy(settings(Map.of("KARGO_CARRIER_MNG_API", "rest")))).isFalse();
        assertThat(MngCarrier.legacy(settings(Map.of("KARGO_CARRIER_MNG_API", " Legacy ")))).isTrue();

        CarrierProfile legacy = new MngCarrier(true).profile();
        assertThat(legacy.poll()).get().asString().contains("GelecekIadeSiparisKontrol");
        assertThat(legacy.settings()).containsExactly("customer-number", "password");
        assertThat(legacy.configured(settings(Map.of("KARGO_CARRIER_MNG_CUSTOMER_NUMBER", "1234567890",
                "KARGO_CARRIER_MNG_PASSWORD", "p")))).isTrue();
    }

    @Test
    void theTokenAnswerGivesTheJwtAndItsExpiry() throws Exception {
        Instant now = Instant.parse("2025-03-12T10:00:00Z");

        CachedToken.Token token = MngTrackingClient.token(utf8(
                "{\"jwt\":\"eyJ.x.y\",\"refreshToken\":\"r\",\"jwtExpireDate\":\"2025-03-12T21:00:00\"}"), now);
        assertThat(token.value()).isEqualTo("eyJ.x.y");
        // Istanbul wall-clock time
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2025-03-12T18:00:00Z"));
        assertThat(token.toString()).doesNotContain("eyJ");

        assertThat(MngTrackingClient.token(utf8("{\"jwt\":\"j\",\"jwtExpireDate\":\"12.03.2025 21:00:00\"}"), now).expiresAt())
                .isEqualTo(Instant.parse("2025-03-12T18:00:00Z"));
        // missing, unreadable or already past: the default lifetime
        for (String answer : new String[] {"{\"jwt\":\"j\"}", "{\"jwt\":\"j\",\"jwtExpireDate\":\"soon\"}",
                "{\"jwt\":\"j\",\"jwtExpireDate\":\"2025-03-12T12:00:00\"}"}) {
            assertThat(MngTrackingClient.token(utf8(answer), now).expiresAt()).as(answer)
                    .isEqualTo(now.plus(MngTrackingClient.DEFAULT_TOKEN_LIFETIME));
        }
        assertThat(MngTrackingClient.DEFAULT_TOKEN_LIFETIME).isLessThanOrEqualTo(Duration.ofHours(8));
    }

    @Test
    void aTokenAnswerWithoutAJwtIsAnOutageThatQuotesNothing() {
        for (String answer : new String[] {"{}", "{\"jwt\":\"\"}", "{\"jwt\":5}", "not json", "[]"}) {
            assertThatThrownBy(() -> MngTrackingClient.token(utf8(answer), Instant.EPOCH)).as(answer)
                    .isInstanceOf(CarrierUnavailableException.class).hasMessageStartingWith("MNG token answer");
        }
    }

    @Test
    void emptyAnswersSayNothing() {
        for (String body : new String[] {"", " ", "[]", " [ ]".trim(), "null", "{}", "\uFEFF[]"}) {
            assertThat(MngTrackingClient.saysNothing(utf8(body))).as(body).isTrue();
        }
        assertThat(MngTrackingClient.saysNothing(utf8("[{\"referenceId\":\"R\"}]"))).isFalse();
    }

    private static CarrierSettings settings(Map<String, String> env) {
        return new CarrierSettings("mng", env::get);
    }
}
