package io.kargotakip.carriers.kit;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What every carrier's parser and mapping must do, run by each carrier's test: a carrier package's
 * {@code <Carrier>ConformanceTest extends CarrierConformance} and gives its adapter, sample payloads
 * in the carrier's published formats, and a minimal payload for any row of its mapping table.
 *
 * <ul>
 *   <li>the adapter is found by the ServiceLoader and its table loads;</li>
 *   <li>every sample is recognised: tracking answers give well-formed events, not-found answers give
 *       none, error bodies give a {@link PayloadException};</li>
 *   <li>every table row is reachable: a payload carrying its code comes out with its status and reason;</li>
 *   <li>malformed bodies (empty, truncated, cut, other formats) give a {@link PayloadException};</li>
 *   <li>fuzzing (jqwik): any bytes, and the samples mutated, give events or a {@link PayloadException}
 *       — never another exception, never a hang — and a message never echoes the payload.</li>
 * </ul>
 * The HTTP side (404, 401/403, 429, 5xx, timeouts over the wire) is each carrier's client test in
 * {@code functions/poller}.
 */
public abstract class CarrierConformance {

    /** Far above any real parse; it only turns a hang into a failure instead of a stuck build. */
    private static final Duration HANG = Duration.ofSeconds(5);
    /** A message sharing this many characters with the payload is taken to echo it. */
    private static final int ECHO_WINDOW = 16;

    public enum Expect { EVENTS, NOT_FOUND, ERROR }

    /** A payload the carrier publishes, and what parsing it must give. */
    public record Sample(String name, byte[] payload, Expect expect) {
        public static Sample events(String name, byte[] payload) {
            return new Sample(name, payload, Expect.EVENTS);
        }

        public static Sample notFound(String name, byte[] payload) {
            return new Sample(name, payload, Expect.NOT_FOUND);
        }

        public static Sample error(String name, byte[] payload) {
            return new Sample(name, payload, Expect.ERROR);
        }
    }

    /** The adapter under test, built as the product builds it (a fixed fallback zone where it has one). */
    protected abstract CarrierAdapter adapter();

    /** The carrier's published payloads: at least one of each {@link Expect}. */
    protected abstract List<Sample> samples();

    /**
     * A payload that carries exactly this row's code and nothing that another row would map first,
     * and gives one event (the suite checks that it comes out with the row's status and reason).
     */
    protected abstract byte[] payloadFor(MappingTable.Row row);

    // ---- shapes ---------------------------------------------------------------------------------

    @Test
    void theAdapterIsFoundByTheServiceLoaderAndItsTableLoads() {
        CarrierAdapter adapter = adapter();
        assertThat(CarrierRegistry.load().find(adapter.id())).get().isInstanceOf(adapter.getClass());
        assertThat(adapter.displayName()).isNotBlank();
        assertThat(MappingTable.load(adapter.id()).rows()).isNotEmpty();
    }

    @Test
    void samplesCoverEveryKindOfAnswer() {
        Set<Expect> kinds = EnumSet.noneOf(Expect.class);
        samples().forEach(s -> kinds.add(s.expect()));
        assertThat(kinds).containsExactlyInAnyOrder(Expect.values());
    }

    @Test
    void everySampleIsRecognised() {
        for (Sample sample : samples()) {
            Outcome outcome = parse(sample.payload());
            switch (sample.expect()) {
                case EVENTS -> {
                    assertThat(outcome.events()).as(sample.name()).isNotNull().isNotEmpty();
                    outcome.events().forEach(e -> assertWellFormed(e, sample.name()));
                }
                case NOT_FOUND -> assertThat(outcome.events()).as(sample.name()).isNotNull().isEmpty();
                case ERROR -> assertThat(outcome.failure()).as(sample.name()).isNotNull();
            }
        }
    }

    // ---- mapping --------------------------------------------------------------------------------

    @Test
    void everyTableRowIsReachable() {
        MappingTable table = MappingTable.load(adapter().id());
        for (MappingTable.Row row : table.rows()) {
            String what = "row " + row.line() + " " + row.field() + " " + row.type() + "/" + row.code();
            Outcome outcome = parse(payloadFor(row));
            assertThat(outcome.failure()).as(what).isNull();
            assertThat(outcome.events()).as(what).hasSize(1);
            TrackingEvent event = outcome.events().get(0);
            assertThat(StatusMapping.of(event.status(), event.reason())).as(what).isEqualTo(row.mapping());
        }
    }

    // ---- malformed bodies -----------------------------------------------------------------------

    @Test
    void malformedBodiesArePayloadExceptions() {
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(null);
        for (String text : new String[] {"", " ", "\n", "null", "true", "0", "\"text\"", "{}", "[]", "{", "[",
                "<", "<r/>", "<?xml version=\"1.0\"?>", "\uFEFF", "{\"a\":", "<!DOCTYPE r [<!ENTITY x \"y\">]><r>&x;</r>"}) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, (byte) 0xC3});
        bodies.add("{\"x\":".repeat(5_000).getBytes(StandardCharsets.UTF_8));
        bodies.add("<a>".repeat(5_000).getBytes(StandardCharsets.UTF_8));
        for (Sample sample : samples()) {
            byte[] p = sample.payload();
            bodies.add(Arrays.copyOf(p, p.length / 2));           // cut in the middle
            bodies.add(Arrays.copyOfRange(p, 1, p.length));       // first byte lost
        }
        for (byte[] body : bodies) {
            Outcome outcome = parse(body);
            assertThat(outcome.failure()).as(body == null ? "null" : new String(body, StandardCharsets.UTF_8)).isNotNull();
        }
    }

    // ---- fuzzing --------------------------------------------------------------------------------

    @Property(tries = 300)
    void anyBytesGiveEventsOrAPayloadException(@ForAll @Size(max = 2048) byte[] payload) {
        parse(payload);
    }

    @Property(tries = 400)
    void mutatedSamplesGiveEventsOrAPayloadException(@ForAll("mutatedSamples") byte[] payload) {
        parse(payload);
    }

    @Provide
    Arbitrary<byte[]> mutatedSamples() {
        List<byte[]> payloads = samples().stream().map(Sample::payload).toList();
        Arbitrary<byte[]> sample = Arbitraries.of(payloads);
        Arbitrary<List<Mutation>> mutations = Combinators.combine(
                        Arbitraries.of(Mutation.Kind.values()),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.integers().between(1, 64),
                        Arbitraries.bytes())
                .as(Mutation::new)
                .list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(sample, mutations).as((p, m) -> {
            byte[] mutated = p;
            for (Mutation mutation : m) {
                mutated = mutation.apply(mutated);
            }
            return mutated;
        });
    }

    /** One edit of a payload: the ways real bodies break (bit rot, cuts, splices, odd characters). */
    record Mutation(Kind kind, double at, int length, byte value) {
        enum Kind { FLIP, DELETE, INSERT, DUPLICATE, DIGIT, QUOTE, BRACKET }

        byte[] apply(byte[] in) {
            int pos = (int) (at * in.length);
            int end = Math.min(in.length, pos + length);
            return switch (kind) {
                case FLIP -> replace(in, pos, value);
                case DELETE -> concat(Arrays.copyOfRange(in, 0, pos), Arrays.copyOfRange(in, end, in.length));
                case INSERT -> concat(Arrays.copyOfRange(in, 0, pos), filled(length, value), Arrays.copyOfRange(in, pos, in.length));
                case DUPLICATE -> concat(Arrays.copyOfRange(in, 0, end), Arrays.copyOfRange(in, pos, in.length));
                case DIGIT -> replace(in, pos, (byte) ('0' + Math.floorMod(value, 10)));
                case QUOTE -> replace(in, pos, (byte) '"');
                case BRACKET -> replace(in, pos, (byte) "{}[]<>/:,".charAt(Math.floorMod(value, 9)));
            };
        }

        private static byte[] replace(byte[] in, int pos, byte b) {
            if (in.length == 0) {
                return new byte[] {b};
            }
            byte[] out = in.clone();
            out[Math.min(pos, in.length - 1)] = b;
            return out;
        }

        private static byte[] filled(int length, byte b) {
            byte[] out = new byte[length];
            Arrays.fill(out, b);
            return out;
        }

        private static byte[] concat(byte[]... parts) {
            int size = 0;
            for (byte[] part : parts) {
                size += part.length;
            }
            byte[] out = new byte[size];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, out, at, part.length);
                at += part.length;
            }
            return out;
        }
    }

    // ---- the one way a payload is parsed here ---------------------------------------------------

    /** Either events or the PayloadException; any other exception, or a hang, fails the test. */
    protected record Outcome(List<TrackingEvent> events, PayloadException failure) {
    }

    protected final Outcome parse(byte[] payload) {
        CarrierAdapter adapter = adapter();
        Outcome outcome = assertTimeoutPreemptively(HANG, () -> {
            try {
                return new Outcome(adapter.parse(payload), null);
            } catch (PayloadException e) {
                return new Outcome(null, e);
            } catch (RuntimeException | StackOverflowError e) {
                return fail(adapter.id() + " parser threw " + e.getClass().getName() + " instead of a PayloadException", e);
            }
        }, adapter.id() + " parser did not finish");
        if (outcome.failure() != null) {
            assertClearMessage(outcome.failure(), payload);
        } else {
            assertThat(outcome.events()).as("events").isNotNull();
            outcome.events().forEach(e -> assertWellFormed(e, "parsed event"));
        }
        return outcome;
    }

    /**
     * Whether an event may come out of this adapter: a carrier's own events only, by default. A marketplace's
     * events belong to its packages' carriers ({@link MarketplaceConformance}).
     */
    protected boolean eventBelongsHere(TrackingEvent event) {
        return event.carrier().equals(adapter().id());
    }

    private void assertWellFormed(TrackingEvent event, String what) {
        assertThat(eventBelongsHere(event)).as("%s: an event of carrier '%s' from %s", what, event.carrier(), adapter().id())
                .isTrue();
        assertThat(event.trackingNumber()).as(what).isNotBlank();
        assertThat(event.carrierCode()).as(what).isNotBlank();
        // the status dictionary's rule: a reason exactly with failures, delays and exceptions
        StatusMapping.of(event.status(), event.reason());
    }

    private static void assertClearMessage(PayloadException e, byte[] payload) {
        String message = e.getMessage();
        assertThat(message).as("PayloadException message").isNotBlank().hasSizeLessThanOrEqualTo(200);
        if (payload == null) {
            return;
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        Set<String> echoed = new HashSet<>();
        for (int i = 0; i + ECHO_WINDOW <= message.length(); i++) {
            String window = message.substring(i, i + ECHO_WINDOW);
            if (text.contains(window)) {
                echoed.add(window);
            }
        }
        assertThat(echoed).as("parts of the payload in the message '%s'", message).isEmpty();
    }
}
