package io.kargotakip.core.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The report's statistics against values computed by hand (and checked with a reference erfc). */
class TwoProportionsTest {

    @Test
    void erfcAgreesWithKnownValuesToBetterThan1e7() {
        double[][] known = {{0, 1}, {0.1, 0.8875370839817152}, {0.5, 0.4795001221869535}, {1, 0.15729920705028513},
                {2, 0.004677734981047265}, {2.9, 4.109787809945886e-05}, {3, 2.2090496998585438e-05}, {3.5, 7.430983723414128e-07},
                {4, 1.541725790028002e-08}, {6, 2.1519736712498916e-17}, {-1, 2 - 0.15729920705028513}};
        for (double[] k : known) {
            assertThat(TwoProportions.erfc(k[0])).as("erfc(%s)", k[0]).isCloseTo(k[1], within(1e-12));
            if (k[1] > 0) {
                // relative too: a tail p-value keeps its digits
                assertThat(TwoProportions.erfc(k[0]) / k[1]).as("erfc(%s) relative", k[0]).isCloseTo(1, within(1e-9));
            }
        }
    }

    @Test
    void theNormalDistributionFunctionAgreesWithTables() {
        assertThat(TwoProportions.normalCdf(0)).isCloseTo(0.5, within(1e-15));
        assertThat(TwoProportions.normalCdf(1)).isCloseTo(0.8413447460685429, within(1e-10));
        assertThat(TwoProportions.normalCdf(-1)).isCloseTo(0.15865525393145707, within(1e-10));
        assertThat(TwoProportions.normalCdf(1.959963984540054)).isCloseTo(0.975, within(1e-10));
        assertThat(TwoProportions.normalCdf(1.6448536269514722)).isCloseTo(0.95, within(1e-10));
        assertThat(TwoProportions.normalCdf(-3)).isCloseTo(0.0013498980316301035, within(1e-12));
        assertThat(TwoProportions.normalCdf(3)).isCloseTo(0.9986501019683699, within(1e-12));
    }

    @Test
    void aClearDifferenceIsSignificant() {
        // 40 of 200 against 60 of 200: pooled 100/400 = 0.25, se = √(0.25·0.75·(1/200 + 1/200)) = 0.0433013,
        // z = 0.10 / 0.0433013 = 2.3094; p = 2·(1 − Φ(2.3094)) = 0.0209; unpooled se = √(0.2·0.8/200 + 0.3·0.7/200)
        // = 0.0430116, so the interval is 0.10 ± 1.96·0.0430116 = [0.0157, 0.1843]
        TwoProportions t = TwoProportions.of(40, 200, 60, 200);
        assertThat(t.difference()).isCloseTo(0.10, within(1e-12));
        assertThat(t.z()).isCloseTo(2.3094010767585025, within(1e-9));
        assertThat(t.pValue()).isCloseTo(0.020921335337794066, within(1e-9));
        assertThat(t.low()).isCloseTo(0.01569876146648773, within(1e-9));
        assertThat(t.high()).isCloseTo(0.1843012385335122, within(1e-9));
        assertThat(t.significant()).isTrue();
    }

    @Test
    void aSmallDifferenceIsNot() {
        // 90/1000 against 100/1000: pooled 0.095, se = √(0.095·0.905·0.002) = 0.013113, z = 0.01/0.013113 = 0.7626, p = 0.4457
        TwoProportions t = TwoProportions.of(90, 1000, 100, 1000);
        assertThat(t.z()).isCloseTo(0.7626037032812099, within(1e-9));
        assertThat(t.pValue()).isCloseTo(0.44569977535280697, within(1e-9));
        assertThat(t.low()).isCloseTo(-0.015697213297891265, within(1e-9));
        assertThat(t.high()).isCloseTo(0.035697213297891286, within(1e-9));
        assertThat(t.significant()).isFalse();
    }

    @Test
    void aWorseVariantGivesANegativeDifferenceAndInterval() {
        // 500/1000 against 430/1000: z = −0.07/√(0.465·0.535·0.002) = −3.1382, p = 0.0017
        TwoProportions t = TwoProportions.of(500, 1000, 430, 1000);
        assertThat(t.z()).isCloseTo(-3.1381931834476866, within(1e-9));
        assertThat(t.pValue()).isCloseTo(0.0016999279909134285, within(1e-9));
        assertThat(t.high()).isCloseTo(-0.02638914972021686, within(1e-9));
        assertThat(t.significant()).isTrue();
    }

    @Test
    void belowThirtySentAnArmIsNeverSignificantWhateverThePValue() {
        // 12/29 against 2/29: z = −3.068, p = 0.00215, but 29 messages per arm are too few for the normal approximation
        TwoProportions t = TwoProportions.of(12, 29, 2, 29);
        assertThat(t.pValue()).isCloseTo(0.0021514898058495515, within(1e-9));
        assertThat(t.significant()).isFalse();
        assertThat(TwoProportions.of(12, 30, 2, 30).significant()).isTrue();
    }

    @Test
    void theSameRateWithNothingVaryingIsNoDifference() {
        TwoProportions none = TwoProportions.of(0, 50, 0, 80);
        assertThat(none.z()).isZero();
        assertThat(none.pValue()).isEqualTo(1.0);
        assertThat(none.significant()).isFalse();
        assertThat(TwoProportions.of(50, 50, 80, 80).pValue()).isEqualTo(1.0);
        assertThatThrownBy(() -> TwoProportions.of(5, 0, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TwoProportions.of(11, 10, 1, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
