package io.kargotakip.carriers.hepsijet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HepsijetTokenLifetimeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twentyFiveMinutesUnlessTheAnswerSaysOtherwise() throws Exception {
        assertThat(lifetime("{\"data\":{\"token\":\"t\"}}")).isEqualTo(Duration.ofMinutes(25));
        assertThat(lifetime("{\"data\":{\"token\":\"t\",\"expiresIn\":3600}}")).isEqualTo(Duration.ofHours(1));
        assertThat(lifetime("{\"data\":{\"token\":\"t\"},\"expires_in\":\"1800\"}")).isEqualTo(Duration.ofMinutes(30));
        // a lifetime too short to use, or not a number, is ignored
        assertThat(lifetime("{\"data\":{\"token\":\"t\",\"expiresIn\":5}}")).isEqualTo(Duration.ofMinutes(25));
        assertThat(lifetime("{\"data\":{\"token\":\"t\",\"expiresIn\":\"soon\"}}")).isEqualTo(Duration.ofMinutes(25));
    }

    private static Duration lifetime(String answer) throws Exception {
        JsonNode root = JSON.readTree(answer);
        return HepsijetTrackingClient.lifetime(root, root.path("data"));
    }
}
