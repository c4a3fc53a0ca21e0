package io.kargotakip.aws;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsJsonConfigSourceTest {

    @Test
    void theSecretsKeysAreSettingsAndOnlyKargoSettingsAreTaken() {
        AtomicReference<String> variable = new AtomicReference<>(
                "{\"KARGO_CARRIER_ARAS_USER\":\"modax\",\"KARGO_CARRIER_ARAS_PASSWORD\":\"s3cr3t\",\"quarkus.http.port\":\"1\",\"KARGO_X\":{\"nested\":1}}");
        SecretsJsonConfigSource source = new SecretsJsonConfigSource(variable::get);

        assertThat(source.getValue("KARGO_CARRIER_ARAS_USER")).isEqualTo("modax");
        assertThat(source.getPropertyNames()).containsExactlyInAnyOrder("KARGO_CARRIER_ARAS_USER", "KARGO_CARRIER_ARAS_PASSWORD");
        assertThat(source.getOrdinal()).as("below the environment's 300: a variable wins").isLessThan(300);

        variable.set("{\"KARGO_CARRIER_ARAS_USER\":\"rotated\"}");
        assertThat(source.getValue("KARGO_CARRIER_ARAS_USER")).as("read again when the text changes").isEqualTo("rotated");
    }

    @Test
    void anUnsetOrBrokenSecretReadsAsEmpty() {
        assertThat(new SecretsJsonConfigSource(() -> null).getPropertyNames()).isEmpty();
        assertThat(new SecretsJsonConfigSource(() -> "{not json").getValue("KARGO_CARRIER_ARAS_USER")).isNull();
        assertThat(new SecretsJsonConfigSource(() -> "[1,2]").getPropertyNames()).isEmpty();
    }
}
