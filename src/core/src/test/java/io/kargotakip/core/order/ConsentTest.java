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
    void aChannelOfTheMapIsAllowedByItsOwnGrantAndOneWithoutAnEntryIsNot() {
        Consent consent = new Consent(java.util.Map.of("telegram", new Consent.Grant(true, GIVEN), "sms", new Consent.Grant(false, GIVEN)));

        assertThat(consent.allows("telegram")).isTrue();
        assertThat(consent.allows("sms")).isFalse();
        assertThat(consent.allows("email")).isFalse();
    }

    @Test
    void withRecordsOneChannelAndKeepsTheOthers() {
        Instant later = GIVEN.plusSeconds(60);
        Consent consent = new Consent(true, false, false, false, GIVEN).with("sms", true, later);

        assertThat(consent.allows("email")).isTrue();
        assertThat(consent.allows("sms")).isTrue();
        assertThat(consent.channels().get("sms").recordedAt()).isEqualTo(later);
        assertThat(consent.channels().get("email").recordedAt()).isEqualTo(GIVEN);
        assertThat(consent.recordedAt()).isEqualTo(later);
        assertThat(Consent.none().recordedAt()).isNull();
    }

    @Test
    void anImportStatesAnyChannelAndWebPushFollowsPushUnlessStated() {
        Consent stated = Consent.of(java.util.Map.of("email", true, "push", true, "telegram", false), GIVEN);
        assertThat(stated.allows("email")).isTrue();
        assertThat(stated.allows("webpush")).isTrue();
        assertThat(stated.channels()).containsKey("telegram");
        assertThat(stated.allows("telegram")).isFalse();
        assertThat(stated.allows("sms")).isFalse();
        assertThat(Consent.of(java.util.Map.of("push", true, "webpush", false), GIVEN).allows("webpush")).isFalse();
    }
}
