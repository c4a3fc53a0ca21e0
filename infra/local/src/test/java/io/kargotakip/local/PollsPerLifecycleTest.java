package io.kargotakip.local;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.ups.UpsSandbox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poll cadence over a whole shipment life, as the bench reports it (there with the schedule's 5-minute
 * period, here with 15 to stay quick): with pushes the carrier is asked only when pushes pause (the target:
 * at most 8 calls), with polls only more often — and in both cases the shipment ends delivered.
 */
class PollsPerLifecycleTest {

    @Test
    void withPushesTheCarrierIsAskedAtMostEightTimesAndEveryLifeEndsDelivered() {
        Emulators emulators = Emulators.shared();
        try (UpsSandbox ups = new UpsSandbox();
             var dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
             var sqs = AwsClients.sqs(emulators.sqs())) {
            PollsPerLifecycle.Result result = PollsPerLifecycle.measure(dynamo, sqs, ups, java.time.Duration.ofMinutes(15));

            assertThat(result.withPushes()).isBetween(1, 8);
            assertThat(result.pollsOnly()).isGreaterThan(result.withPushes());
        }
    }
}
