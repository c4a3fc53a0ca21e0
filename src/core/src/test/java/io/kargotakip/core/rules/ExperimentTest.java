package io.kargotakip.core.rules;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A shipment's variant: the same every time, and over many shipments the split the weights ask for. */
class ExperimentTest {

    private static Experiment experiment(String id, Object... nameWeight) {
        List<Experiment.Variant> variants = new java.util.ArrayList<>();
        for (int i = 0; i < nameWeight.length; i += 2) {
            variants.add(new Experiment.Variant((String) nameWeight[i], (Integer) nameWeight[i + 1]));
        }
        return new Experiment(id, "delivered", variants);
    }

    private static Map<String, Double> split(Experiment e, int shipments) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < shipments; i++) {
            // sequential tracking numbers, as a carrier hands them out
            counts.merge(e.variantFor("yurtici:4001" + String.format("%08d", i)), 1, Integer::sum);
        }
        Map<String, Double> shares = new HashMap<>();
        counts.forEach((k, v) -> shares.put(k, v / (double) shipments));
        return shares;
    }

    @Test
    void theSameShipmentAlwaysGetsTheSameVariant() {
        Experiment e = experiment("delivered_tone", "a", 50, "b", 50);
        for (int i = 0; i < 200; i++) {
            String shipment = "aras:10000" + i;
            assertThat(experiment("delivered_tone", "a", 50, "b", 50).variantFor(shipment)).isEqualTo(e.variantFor(shipment));
        }
    }

    @Test
    void theAssignmentIsTheHashOfTheExperimentAndTheShipmentSoItSurvivesARelease() {
        // computed apart from this code (SHA-256 of "delivered_tone|<shipment>", its first 8 bytes big-endian, modulo
        // the total weight, placed on the weights in file order): a change here would move running tests' customers
        Experiment even = experiment("delivered_tone", "a", 50, "b", 50);
        assertThat(even.variantFor("ups:1Z999AA10123456784")).isEqualTo("a");
        assertThat(even.variantFor("yurtici:400123456789")).isEqualTo("b");
        assertThat(even.variantFor("aras:1000000001")).isEqualTo("a");
        assertThat(even.variantFor("mng:SHP-42")).isEqualTo("b");
        Experiment three = experiment("delivered_tone", "a", 1, "b", 1, "c", 2);
        assertThat(three.variantFor("yurtici:400123456789")).isEqualTo("a");
        assertThat(three.variantFor("aras:1000000001")).isEqualTo("c");
    }

    @Test
    void overManyShipmentsTheSplitFollowsTheWeights() {
        // 40 000 shipments: a share's standard error is at most 0.0025, the tolerance is four of them
        Map<String, Double> even = split(experiment("delivered_tone", "a", 50, "b", 50), 40_000);
        assertThat(even.get("a")).isCloseTo(0.5, within(0.01));
        assertThat(even.get("b")).isCloseTo(0.5, within(0.01));

        Map<String, Double> tenth = split(experiment("delivered_tone", "control", 9, "short", 1), 40_000);
        assertThat(tenth.get("short")).isCloseTo(0.1, within(0.006));

        Map<String, Double> three = split(experiment("delivered_tone", "a", 1, "b", 1, "c", 2), 40_000);
        assertThat(three.get("a")).isCloseTo(0.25, within(0.009));
        assertThat(three.get("b")).isCloseTo(0.25, within(0.009));
        assertThat(three.get("c")).isCloseTo(0.5, within(0.01));
    }

    @Test
    void twoExperimentsSplitTheSameShipmentsIndependently() {
        Experiment tone = experiment("delivered_tone", "a", 1, "b", 1);
        Experiment length = experiment("shipped_length", "a", 1, "b", 1);
        int both = 0;
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            String shipment = "mng:SHP-" + i;
            if (tone.variantFor(shipment).equals("b") && length.variantFor(shipment).equals("b")) {
                both++;
            }
        }
        // independent halves: a quarter of the shipments are b in both (the same hash would give a half)
        assertThat(both / (double) n).isCloseTo(0.25, within(0.01));
    }
}
