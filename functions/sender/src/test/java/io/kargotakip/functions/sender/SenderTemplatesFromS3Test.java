package io.kargotakip.functions.sender;

import io.kargotakip.aws.Json;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.kargotakip.functions.sender.SenderFunctionTest.invoke;
import static io.kargotakip.functions.sender.SenderFunctionTest.sqsEvent;
import static io.kargotakip.functions.sender.SenderFunctionTest.storedSmsIntent;
import static org.assertj.core.api.Assertions.assertThat;

/** The sender with the merchant's templates in S3 (KARGO_TEMPLATES_S3, the S3 stand-in): used, and refreshed without a restart. */
@QuarkusTest
// restricted: the other test classes run on a sender without these settings (Quarkus restarts between them)
@QuarkusTestResource(value = SenderTemplatesFromS3Test.WithS3Templates.class, restrictToAnnotatedClass = true)
class SenderTemplatesFromS3Test {

    static final String BUCKET = "templates-" + UUID.randomUUID().toString().substring(0, 8);
    static final String KEY = "modax/sms/tr/shipped.txt";

    /** The stack, with an SMS override under s3://BUCKET/modax/ and a one-second refresh. */
    public static class WithS3Templates extends KargoStackResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> env = new HashMap<>(super.start());
            stack().emulators().s3().put(BUCKET, KEY, "{brand}: S3 sablonu, {carrier} {tracking_no}.");
            env.put("KARGO_TEMPLATES_S3", "s3://" + BUCKET + "/modax/");
            env.put("KARGO_RULES_RELOAD_SECONDS", "1");
            return env;
        }
    }

    static String sentSms() {
        KargoStack stack = KargoStackResource.stack();
        String phone = "+90533" + (1_000_000 + new java.util.Random().nextInt(8_999_999));
        NotificationIntent intent = storedSmsIntent(stack, phone, true);
        invoke(sqsEvent(Json.write(new Envelope.OutboundMessage("trace-s3", intent.notificationId()))));
        var published = stack.emulators().snsSandbox().publishedTo(phone);
        assertThat(published).hasSize(1);
        return published.get(0).message().replace(intent.shipmentId().trackingNumber(), "TRACKING");
    }

    @Test
    void the_override_in_s3_is_sent_and_a_changed_one_is_used_after_the_refresh_a_broken_one_never() throws Exception {
        assertThat(sentSms()).isEqualTo("ModaX: S3 sablonu, UPS TRACKING.");

        KargoStackResource.stack().emulators().s3().put(BUCKET, KEY, "{brand}: yeni S3 sablonu, {tracking_no}.");
        Thread.sleep(1100);
        assertThat(sentSms()).isEqualTo("ModaX: yeni S3 sablonu, TRACKING.");

        // an unknown variable: the set fails the check, the previous stays in use
        KargoStackResource.stack().emulators().s3().put(BUCKET, KEY, "{brand}: {kupon}");
        Thread.sleep(1100);
        assertThat(sentSms()).isEqualTo("ModaX: yeni S3 sablonu, TRACKING.");
    }
}
