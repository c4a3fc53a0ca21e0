package io.kargotakip.carriers.kit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnmappedCodesTest {

    @Test
    void logsCarrierAndCodeAndGivesUnknown() {
        try (LogCapture log = LogCapture.of(UnmappedCodes.class)) {
            assertThat(UnmappedCodes.record("ups", "W/ZZ 998")).isEqualTo(StatusMapping.UNKNOWN);

            assertThat(log.messages()).containsExactly("unmapped carrier code: carrier=ups code=W/ZZ 998");
        }
    }

    @Test
    void aCodeCannotWriteAnythingElseIntoTheLog() {
        assertThat(UnmappedCodes.printable("X/4\nlevel=ERROR {\"tn\":1}")).isEqualTo("X/4?level?ERROR ??tn??1?");
        assertThat(UnmappedCodes.printable("A".repeat(40))).isEqualTo("A".repeat(32) + "…");
        assertThat(UnmappedCodes.printable(null)).isEqualTo("(none)");
        assertThat(List.of(UnmappedCodes.printable("Teslim Edildi"))).containsExactly("Teslim Edildi");
    }
}
