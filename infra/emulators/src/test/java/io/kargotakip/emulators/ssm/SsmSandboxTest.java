package io.kargotakip.emulators.ssm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSM Parameter Store stand-in through the real SDK (AWS JSON 1.1). */
class SsmSandboxTest {

    static SsmSandbox ssm;
    static SsmClient client;

    @BeforeAll
    static void start() {
        ssm = new SsmSandbox();
        client = SsmClient.builder().endpointOverride(ssm.endpoint()).region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        ssm.close();
    }

    @Test
    void each_put_raises_the_version_and_get_answers_the_current_one() {
        assertThat(client.putParameter(b -> b.name("/kargo/rules").type(ParameterType.STRING).value("one")).version()).isEqualTo(1);
        assertThatThrownBy(() -> client.putParameter(b -> b.name("/kargo/rules").type(ParameterType.STRING).value("two")))
                .as("no overwrite without --overwrite").isInstanceOf(ParameterAlreadyExistsException.class);
        assertThat(client.putParameter(b -> b.name("/kargo/rules").type(ParameterType.STRING).value("two").overwrite(true)).version()).isEqualTo(2);
        var p = client.getParameter(b -> b.name("/kargo/rules")).parameter();
        assertThat(p.value()).isEqualTo("two");
        assertThat(p.version()).isEqualTo(2);
        assertThat(p.type()).isEqualTo(ParameterType.STRING);
        assertThat(p.arn()).endsWith(":parameter/kargo/rules");
        assertThat(p.lastModifiedDate()).isNotNull();
    }

    @Test
    void a_secure_string_is_clear_only_with_decryption() {
        client.putParameter(b -> b.name("secret-rules").type(ParameterType.SECURE_STRING).value("version: 1"));
        assertThat(client.getParameter(b -> b.name("secret-rules").withDecryption(true)).parameter().value()).isEqualTo("version: 1");
        assertThat(client.getParameter(b -> b.name("secret-rules")).parameter().value()).isNotEqualTo("version: 1");
        assertThat(client.getParameter(b -> b.name("secret-rules")).parameter().arn()).endsWith(":parameter/secret-rules");
    }

    @Test
    void errors_are_ssms_parameter_not_found_and_access_denied() {
        assertThatThrownBy(() -> client.getParameter(b -> b.name("/kargo/none"))).isInstanceOf(ParameterNotFoundException.class);
        ssm.put("/kargo/locked", "String", "x");
        ssm.deny("/kargo/locked");
        assertThatThrownBy(() -> client.getParameter(b -> b.name("/kargo/locked")))
                .isInstanceOfSatisfying(SsmException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        ssm.allow("/kargo/locked");
        assertThat(client.getParameter(b -> b.name("/kargo/locked")).parameter().value()).isEqualTo("x");
    }
}
