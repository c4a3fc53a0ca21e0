package io.kargotakip.local;

import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** What the local runtime takes from template.yaml. */
class LambdaTemplateTest {

    private final LambdaTemplate template = LambdaTemplate.read(Emulators.projectRoot().resolve("template.yaml"));

    @Test
    void timeoutsMemoryConcurrencyEventSourcesRoutesAndLogSubscriptionsComeFromTheTemplate() {
        assertThat(template.functions().keySet()).containsExactlyInAnyOrder(
                "webhook-receiver", "orders-api", "poller", "normalizer", "rule-evaluator", "sender", "delivery-logs",
                "tracking-page");
        LambdaTemplate.Function webhook = template.function("webhook-receiver");
        assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(webhook.routes()).containsExactlyInAnyOrder("POST /webhooks/{source}", "PUT /webhooks/{source}",
                "POST /webhooks/{source}/{proxy+}", "PUT /webhooks/{source}/{proxy+}",
                "GET /channels/whatsapp/webhook", "POST /channels/whatsapp/webhook");
        assertThat(webhook.concurrencyLimit()).isEmpty();
        assertThat(template.function("orders-api").routes()).as("the answer pages and their read, served by the local HTTP front too")
                .contains("GET /a/{token}/{action}", "POST /a/{token}/{action}", "GET /answers", "GET /c/{token}/{action}");
        LambdaTemplate.Function poller = template.function("poller");
        assertThat(poller.concurrencyLimit()).as("the reserved 5, under its two sources' 4 + 2").isEqualTo(OptionalInt.of(5));
        assertThat(poller.sqsSources()).containsExactly(new LambdaTemplate.SqsSource("poll-work", 10, OptionalInt.of(4), Duration.ofSeconds(1800)),
                new LambdaTemplate.SqsSource("amazon-notifications", 10, OptionalInt.of(2), Duration.ofSeconds(1800)));
        LambdaTemplate.Function sender = template.function("sender");
        assertThat(sender.timeout()).as("the Globals timeout").isEqualTo(Duration.ofSeconds(30));
        assertThat(sender.memoryMb()).as("JVM mode locally").isEqualTo(1024);
        assertThat(sender.sqsSources()).containsExactly(new LambdaTemplate.SqsSource("outbound", 10, OptionalInt.of(2), Duration.ofSeconds(180)),
                new LambdaTemplate.SqsSource("channel-events", 10, OptionalInt.of(2), Duration.ofSeconds(180)));
        assertThat(sender.concurrencyLimit()).as("SenderMaxConcurrency's default, and 2 for the channel events").isEqualTo(OptionalInt.of(4));
        assertThat(template.function("delivery-logs").logGroups()).as("no SMS sender and no push application: no delivery logs").isEmpty();
        LambdaTemplate deployed = LambdaTemplate.read(Emulators.projectRoot().resolve("template.yaml"),
                java.util.Map.of("SmsSenderId", "ModaX", "PushFcmAppArn", "arn:aws:sns:us-east-1:000000000000:app/GCM/modax-android"));
        assertThat(deployed.function("delivery-logs").logGroups()).as("SNS's delivery status groups of SMS and of the FCM app, locally named")
                .containsExactlyInAnyOrder("sns/us-east-1/000000000000/DirectPublishToPhoneNumber",
                        "sns/us-east-1/000000000000/DirectPublishToPhoneNumber/Failure",
                        "sns/us-east-1/000000000000/app/GCM/modax-android", "sns/us-east-1/000000000000/app/GCM/modax-android/Failure");
        assertThat(sender.logGroups()).isEmpty();
        assertThat(template.function("normalizer").sqsSources()).extracting(LambdaTemplate.SqsSource::queue).isEqualTo(List.of("raw-events"));
    }
}
