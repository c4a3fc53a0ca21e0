package io.kargotakip.carriers.amazon;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AmazonTokenLifetimeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void expiresInSecondsOrAnHour() throws Exception {
        assertThat(AmazonTrackingClient.lifetime(JSON.readTree("{\"access_token\":\"a\",\"expires_in\":3600}"))).isEqualTo(Duration.ofHours(1));
        assertThat(AmazonTrackingClient.lifetime(JSON.readTree("{\"access_token\":\"a\",\"expires_in\":\"1200\"}"))).isEqualTo(Duration.ofMinutes(20));
        assertThat(AmazonTrackingClient.lifetime(JSON.readTree("{\"access_token\":\"a\"}"))).isEqualTo(Duration.ofHours(1));
        assertThat(AmazonTrackingClient.lifetime(JSON.readTree("{\"access_token\":\"a\",\"expires_in\":30}"))).isEqualTo(Duration.ofHours(1));
    }
}
