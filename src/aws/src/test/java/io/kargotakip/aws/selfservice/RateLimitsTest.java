package io.kargotakip.aws.selfservice;

import io.kargotakip.aws.store.RateLimits;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tracking page's fixed-window limits on dynalite: the limit-th hit goes, the next does not, a new window starts again. */
class RateLimitsTest {

    static final String SECRET = "0123456789abcdef-page-secret";
    final SelfServiceStack stack = new SelfServiceStack(Instant.parse("2026-12-02T07:00:00Z"));
    final RateLimits limits = new RateLimits(stack.dynamo, stack.tables.shipments());

    static String token() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void theLimitthHitIsAllowedTheNextRefusedAndTheNextWindowStartsAfresh() {
        String token = token();
        Instant start = Instant.parse("2026-12-02T07:00:00Z"); // a multiple of the minute since the epoch
        Duration minute = Duration.ofMinutes(1);

        for (int hit = 1; hit <= 5; hit++) {
            assertThat(limits.allow("page", token, 5, minute, start.plusSeconds(hit))).as("hit %d", hit).isTrue();
        }
        assertThat(limits.allow("page", token, 5, minute, start.plusSeconds(30))).as("the 6th").isFalse();
        assertThat(limits.allow("page", token, 5, minute, start.plusSeconds(59))).as("refused hits count nothing, still refused").isFalse();
        assertThat(limits.allow("page", token, 5, minute, start.plusSeconds(60))).as("the next window").isTrue();
        assertThat(limits.allow("page", token(), 5, minute, start.plusSeconds(30))).as("another token").isTrue();
        assertThat(limits.allow("source", token, 5, minute, start.plusSeconds(30))).as("the same key in another scope").isTrue();
        Map<String, AttributeValue> item = stack.dynamo.getItem(b -> b.tableName(stack.tables.shipments())
                .key(Map.of("shipmentId", AttributeValue.fromS("rate#page#" + token + "#" + start.getEpochSecond()))).consistentRead(true)).item();
        assertThat(item.get("hits").n()).isEqualTo("5");
        assertThat(Long.parseLong(item.get("expiresAt").n())).as("expires after its window").isGreaterThan(start.plus(minute).getEpochSecond());
    }

    @Test
    void concurrentHitsNeverPassTheLimit() throws Exception {
        String token = token();
        Instant now = Instant.parse("2026-12-02T07:10:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> hits = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                hits.add(pool.submit(() -> limits.allow("page", token, 7, Duration.ofMinutes(10), now)));
            }
            long allowed = 0;
            for (Future<Boolean> hit : hits) {
                allowed += hit.get() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSourceKeyIsAKeyedHashThatNeverHoldsTheAddress() {
        String v4 = RateLimits.sourceKey("203.0.113.45", SECRET);
        String v6 = RateLimits.sourceKey("2001:DB8::1", SECRET);

        assertThat(v4).matches("[A-Za-z0-9_-]{22}").doesNotContain("203", "113", "45");
        assertThat(v6).doesNotContainIgnoringCase("2001").doesNotContainIgnoringCase("db8");
        assertThat(RateLimits.sourceKey(" 203.0.113.45 ", SECRET)).as("the same source").isEqualTo(v4);
        assertThat(RateLimits.sourceKey("2001:db8::1", SECRET)).as("IPv6 in either case").isEqualTo(v6);
        assertThat(RateLimits.sourceKey("203.0.113.46", SECRET)).isNotEqualTo(v4);
        assertThat(RateLimits.sourceKey("203.0.113.45", "another-secret-of-16+")).as("another secret, another key").isNotEqualTo(v4);
        assertThat(limits.allow("source", v4, 1, Duration.ofHours(1), Instant.parse("2026-12-02T07:00:00Z"))).as("usable as a key").isTrue();
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        Instant now = Instant.parse("2026-12-02T07:00:00Z");
        assertThatThrownBy(() -> limits.allow("page", "a#b", 5, Duration.ofMinutes(1), now)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a rate limit's key is 1-64 of A-Z, a-z, 0-9, _ and -");
        assertThatThrownBy(() -> limits.allow("Page Views", "k", 5, Duration.ofMinutes(1), now)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limits.allow("page", "k", 0, Duration.ofMinutes(1), now)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limits.allow("page", "k", 5, Duration.ofMillis(10), now)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimits.sourceKey("203.0.113.45", "short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the source key's secret must be at least 16 characters");
        assertThatThrownBy(() -> RateLimits.sourceKey(" ", SECRET)).isInstanceOf(IllegalArgumentException.class);
    }
}
