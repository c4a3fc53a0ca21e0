package io.kargotakip.aws.pipeline;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.QueuePublisher;
import io.kargotakip.aws.queue.RawEvent;
import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.webhook.WebhookAuth;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A push reaches the normalizer as it came: its bytes in any encoding (a Turkish SOAP service answering
 * in windows-1254 was refused as "not UTF-8" before), its content type and the headers its adapter asks
 * for — and no other header.
 */
class RawPayloadTest {

    /** A SOAP-like carrier that reads windows-1254 itself and needs the SOAPAction header. */
    record Windows1254Carrier() implements CarrierAdapter {
        @Override
        public String id() {
            return "tr-soap";
        }

        @Override
        public String displayName() {
            return "TR SOAP";
        }

        @Override
        public List<TrackingEvent> parse(byte[] payload) {
            return List.of();
        }

        @Override
        public Set<String> payloadHeaders() {
            return Set.of("SOAPAction");
        }

        @Override
        public io.kargotakip.core.carrier.CarrierProfile profile() {
            return io.kargotakip.core.carrier.CarrierProfile.pushOnly("SOAP callback", "tracking number");
        }
    }

    @Test
    void a_non_utf8_push_is_queued_byte_for_byte_with_its_content_type_and_only_the_headers_its_adapter_needs() {
        SqsClient sqs = AwsClients.sqs(Emulators.shared().sqs());
        String queue = sqs.createQueue(b -> b.queueName("raw-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        WebhookIntake intake = new WebhookIntake(CarrierRegistry.of(new Windows1254Carrier()),
                source -> Optional.of(new WebhookAuth.BearerToken("s3cret-token")), new QueuePublisher(sqs, queue),
                new Metrics("test", new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC()), Clock.systemUTC());
        byte[] body = "<durum>TESLİM EDİLDİ — Şişli, Güneşli</durum>".getBytes(Charset.forName("windows-1254"));

        WebhookIntake.Result result = intake.receive("tr-soap", Map.of("authorization", "Bearer s3cret-token",
                "content-type", "text/xml; charset=windows-1254", "soapaction", "urn:queryShipment", "cookie", "session=abc"), body, "t-1");

        assertThat(result).isInstanceOf(WebhookIntake.Result.Accepted.class);
        String message = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages().get(0).body();
        RawEvent raw = Json.read(message, RawEvent.class);
        assertThat(raw.payload()).isEqualTo(body);
        assertThat(raw.contentType()).isEqualTo("text/xml; charset=windows-1254");
        assertThat(raw.headers()).containsExactly(Map.entry("soapaction", "urn:queryShipment"));
        assertThat(message).doesNotContain("s3cret-token").doesNotContain("session=abc");
    }
}
