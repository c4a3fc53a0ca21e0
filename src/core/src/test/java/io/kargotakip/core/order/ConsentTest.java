package io.kargotakip.core.order;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentTest {

    private static final Instant GIVEN = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void allowsEachChannelByItsOwnPermission() {
        assertThat(new Consent(true, false, false, false, GIVEN).allows("email")).isTrue();
        assertThat(new Consent(true, false, false, false, GIVEN).allows("sms")).isFalse();
        assertThat(new Consent(false, true, false, false, GIVEN).allows("sms")).isTrue();
        assertThat(new Consent(false, true, false, false, GIVEN).allows("email")).isFalse();
        assertThat(new Consent(false, false, true, false, GIVEN).allows("whatsapp")).isTrue();
        assertThat(new Consent(false, false, true, false, GIVEN).allows("push")).isFalse();
        assertThat(new Consent(false, false, false, true, GIVEN).allows("push")).isTrue();
        assertThat(new Consent(false, false, false, true, GIVEN).allows("webpush")).isTrue();
        assertThat(new Consent(false, false, false, true, GIVEN).allows("whatsapp")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fax", "", "EMAIL", "telegram"})
    void unknownChannelIsNeverAllowed(String channel) {
        assertThat(new Consent(true, true, true, true, GIVEN).allows(channel)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"email", "sms", "whatsapp", "push", "webpush"})
    void noneAllowsNothing(String channel) {
        assertThat(Consent.none().allows(channel)).isFalse();
    }

    @Test
    void withoutChannelRemovesOnlyThatChannel() {
        Consent all = new Consent(true, true, true, true, GIVEN);

        Consent noEmail = all.withoutChannel("email");

        assertThat(noEmail.allows("email")).isFalse();
        assertThat(noEmail.allows("sms")).isTrue();
        assertThat(noEmail.allows("whatsapp")).isTrue();
        assertThat(noEmail.allows("push")).isTrue();
        assertThat(all.withoutChannel("sms").allows("sms")).isFalse();
        assertThat(all.withoutChannel("sms").allows("email")).isTrue();
        assertThat(all.withoutChannel("whatsapp").allows("whatsapp")).isFalse();
    }

    @Test
    void withoutPushOrWebpushRemovesBoth() {
        Consent all = new Consent(true, true, true, true, GIVEN);

        assertThat(all.withoutChannel("push").allows("webpush")).isFalse();
        assertThat(all.withoutChannel("webpush").allows("push")).isFalse();
        assertThat(all.withoutChannel("webpush").allows("email")).isTrue();
    }

    @Test
    void withoutChannelNeverGrantsAndRecordsWhen() {
        Consent onlySms = new Consent(false, true, false, false, GIVEN);
        Instant before = Instant.now();

        Consent after = onlySms.withoutChannel("email");

        assertThat(after.email()).isFalse();
        assertThat(after.sms()).isTrue();
        assertThat(after.whatsapp()).isFalse();
        assertThat(after.push()).isFalse();
        assertThat(after.recordedAt()).isAfterOrEqualTo(before);
    }

    @Test
    void withoutAnUnknownChannelKeepsEveryPermission() {
        Consent all = new Consent(true, true, true, true, GIVEN);

        Consent same = all.withoutChannel("fax");

        assertThat(same.email()).isTrue();
        assertThat(same.sms()).isTrue();
        assertThat(same.whatsapp()).isTrue();
        assertThat(same.push()).isTrue();
    }
}
