package io.kargotakip.carriers.aras;

import io.kargotakip.carriers.kit.SafeXml;
import io.kargotakip.carriers.kit.Soap;
import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.carrier.PushAcknowledgement;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.kargotakip.carriers.aras.ArasFixtures.bytes;
import static io.kargotakip.carriers.aras.ArasFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class ArasCarrierTest {

    private final ArasCarrier aras = new ArasCarrier();

    @Test
    void isFoundByTheServiceLoader() {
        CarrierAdapter found = CarrierRegistry.load().find("aras").orElseThrow();

        assertThat(found).isInstanceOf(ArasCarrier.class);
        assertThat(found.id()).isEqualTo("aras");
        assertThat(found.displayName()).isEqualTo("Aras Kargo");
    }

    @Test
    void profile() {
        CarrierProfile profile = aras.profile();

        assertThat(profile.poll()).get().asString().contains("GetQueryJSON").contains("39");
        assertThat(profile.push()).get().asString().contains("body-credentials");
        assertThat(profile.batchSize()).isEqualTo(25).isEqualTo(ArasTrackingClient.BATCH_SIZE);
        assertThat(profile.rateLimit()).isEqualTo(CarrierProfile.RateLimit.perSecond(1));
        assertThat(profile.keyedBy()).startsWith("IntegrationCode");
        assertThat(profile.settings()).containsExactly("user", "password", "customer-code");

        CarrierSettings none = CarrierSettings.of("aras", Map.of("KARGO_CARRIER_ARAS_USER", "u"));
        assertThat(profile.configured(none)).isFalse();
        assertThat(profile.missing(none)).containsExactly("KARGO_CARRIER_ARAS_PASSWORD", "KARGO_CARRIER_ARAS_CUSTOMER_CODE");
        assertThat(profile.configured(CarrierSettings.of("aras", Map.of("KARGO_CARRIER_ARAS_USER", "u",
                "KARGO_CARRIER_ARAS_PASSWORD", "p", "KARGO_CARRIER_ARAS_CUSTOMER_CODE", "1")))).isTrue();
    }

    @Test
    void trackingLinkForAKargoTakipNoAndNoDistinctiveFormat() {
        assertThat(aras.trackingLink("7340012345671")).contains("https://kargotakip.araskargo.com.tr/mainpage.aspx?code=7340012345671");
        assertThat(aras.trackingLink(" 73 & 4 ")).contains("https://kargotakip.araskargo.com.tr/mainpage.aspx?code=73+%26+4");
        assertThat(aras.trackingLink(" ")).isEmpty();
        assertThat(aras.trackingNumberFormat()).isEmpty();
    }

    @Test
    void pushCredentialsComeFromTheBody() {
        assertThat(aras.pushCredentials(bytes("push-setcargostatus.xml"))).contains(Map.entry("aras-push", "p4ss&word"));
        assertThat(aras.pushCredentials(bytes("push-devir.json"))).contains(Map.entry("aras-push", "p4ss&word"));
        // kept exactly as sent: a password may start or end with a space
        assertThat(aras.pushCredentials(utf8("{\"IntegrationCode\":\"K\",\"CargoStatus\":1,\"UserName\":\"u\",\"Password\":\" p \"}")))
                .contains(Map.entry("u", " p "));
    }

    @Test
    void aPushIsQueuedWithoutItsCredentialsAndStillGivesTheSameEvents() throws Exception {
        for (String sample : new String[] {"push-setcargostatus.xml", "push-devir.json"}) {
            byte[] pushed = bytes(sample);
            byte[] queued = aras.withoutCredentials(pushed);
            String text = new String(queued, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text).as(sample).doesNotContain("p4ss").doesNotContain("aras-push").doesNotContain("UserName");
            assertThat(aras.pushCredentials(queued)).isEmpty();
            assertThat(aras.parse(queued)).as(sample).isEqualTo(aras.parse(pushed));
        }
        byte[] answer = bytes("getqueryjson-qt39-batch.xml");
        assertThat(aras.withoutCredentials(answer)).as("not a push: unchanged").isSameAs(answer);
    }

    @Test
    void pushCredentialsAreEmptyWhenAbsentOrUnreadableAndNeverThrow() {
        assertThat(aras.pushCredentials(utf8("{\"IntegrationCode\":\"K\",\"CargoStatus\":1,\"UserName\":\"u\"}"))).isEmpty();
        assertThat(aras.pushCredentials(bytes("getqueryjson-qt39-batch.xml"))).isEmpty();
        assertThat(aras.pushCredentials(bytes("soap-fault.xml"))).isEmpty();
        assertThat(aras.pushCredentials(utf8("<!DOCTYPE r [<!ENTITY x \"y\">]><r>&x;</r>"))).isEmpty();
        assertThat(aras.pushCredentials(utf8("{\"UserName\":"))).isEmpty();
        assertThat(aras.pushCredentials(new byte[0])).isEmpty();
        assertThat(aras.pushCredentials(null)).isEmpty();
        Random random = new Random(6);
        byte[] push = bytes("push-setcargostatus.xml");
        for (int i = 0; i < 500; i++) {
            byte[] mutated = push.clone();
            for (int j = 0; j < 1 + random.nextInt(4); j++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            aras.pushCredentials(mutated);
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            aras.pushCredentials(noise);
        }
    }

    @Test
    void theAcknowledgementIsTheSoapResponseArasExpects() throws Exception {
        PushAcknowledgement ack = aras.pushAcknowledgement().orElseThrow();

        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.contentType()).isEqualTo("text/xml; charset=utf-8");
        Element response = Soap.body(new SafeXml("test").parse(ack.body()), "test");
        assertThat(response.getLocalName()).isEqualTo("SetCargoStatusResponse");
        assertThat(response.getNamespaceURI()).isEqualTo("http://tempuri.org/");
        assertThat(SafeXml.childText(response, "Result")).isEqualTo("true");
        assertThat(SafeXml.children(response, "ErrorDescription")).singleElement()
                .satisfies(e -> assertThat(e.getTextContent()).isEmpty());
        assertThat(SafeXml.children(response, "Result")).hasSize(1);
        assertThat(List.of(ack.body())).isNotEmpty();
    }
}
