package io.kargotakip.core.analytics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The control group: the same shipments every time, the configured share of them, alike for every carrier. */
class ControlGroupTest {

    static final List<String> CARRIERS = List.of("yurtici", "aras", "mng", "surat", "ptt", "hepsijet", "trendyol-express", "amazon", "ups", "dhl");

    static String trackingNumber(Random random) {
        return String.format("%012d", Math.floorMod(random.nextLong(), 1_000_000_000_000L));
    }

    @Test
    void aShipmentsPlaceIsAFunctionOfItAlone() {
        ControlGroup group = ControlGroup.percent(5);
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            String tn = trackingNumber(random);
            boolean first = group.holdsOut("aras", tn);
            assertThat(new ControlGroup(500).holdsOut("aras", tn)).isEqualTo(first);
            assertThat(group.holdsOut("aras", tn)).isEqualTo(first);
        }
        assertThat(ControlGroup.bucket("ups:1Z999AA10123456784")).isEqualTo(ControlGroup.bucket("ups:1Z999AA10123456784"));
    }

    @Test
    void theShareIsTheConfiguredOneOverallAndForEveryCarrier() {
        ControlGroup group = ControlGroup.percent(5);
        Random random = new Random(11);
        int all = 0;
        int held = 0;
        for (String carrier : CARRIERS) {
            int n = 20_000;
            int out = 0;
            for (int i = 0; i < n; i++) {
                if (group.holdsOut(carrier, trackingNumber(random))) {
                    out++;
                }
            }
            // 20,000 draws at 5%: the standard error is 0.15 points; 4 of them is far from chance
            assertThat((double) out / n).as(carrier).isCloseTo(0.05, within(0.006));
            all += n;
            held += out;
        }
        assertThat((double) held / all).isCloseTo(0.05, within(0.002));
    }

    @Test
    void consecutiveNumbersAreNotHeldOutTogether() {
        // tracking numbers come in sequences; a hash must not put a run of them in one group
        ControlGroup group = ControlGroup.percent(50);
        int runs = 0;
        boolean previous = group.holdsOut("yurtici", "100000000000");
        for (long n = 100_000_000_001L; n < 100_000_010_000L; n++) {
            boolean now = group.holdsOut("yurtici", Long.toString(n));
            if (now != previous) {
                runs++;
            }
            previous = now;
        }
        // a fair coin changes side about every other draw: ~5,000 changes in 10,000
        assertThat(runs).isBetween(4_700, 5_300);
    }

    @Test
    void offHoldsNobodyAndTheShareIsBounded() {
        Random random = new Random(3);
        for (int i = 0; i < 1_000; i++) {
            assertThat(ControlGroup.OFF.holdsOut("ups", trackingNumber(random))).isFalse();
        }
        assertThat(ControlGroup.OFF.enabled()).isFalse();
        assertThat(ControlGroup.percent(2.5).basisPoints()).isEqualTo(250);
        assertThatThrownBy(() -> ControlGroup.percent(60)).hasMessageContaining("0% to 50%");
        assertThatThrownBy(() -> ControlGroup.percent(-1)).hasMessageContaining("0% to 50%");
        assertThatThrownBy(() -> ControlGroup.percent(Double.NaN)).hasMessageContaining("0% to 50%");
    }
}
