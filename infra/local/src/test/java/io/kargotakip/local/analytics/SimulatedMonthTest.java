package io.kargotakip.local.analytics;

import io.kargotakip.aws.analytics.AnalyticsJson;
import io.kargotakip.core.address.ProvinceCentres;
import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.core.analytics.AnalyticsRecord.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The simulated month of ModaX: deterministic, the case's figures, the vocabulary, and no personal data in its files. */
class SimulatedMonthTest {

    static final SimulatedMonth.Config SMALL = SimulatedMonth.Config.modax().withOrders(3_000);

    @TempDir
    static Path dir;
    static SimulatedMonth.Summary summary;
    static List<String> lines;
    static List<AnalyticsRecord> records;

    @BeforeAll
    static void simulate() throws IOException {
        summary = SimulatedMonth.write(dir.resolve("a"), SMALL);
        lines = lines(dir.resolve("a"));
        records = lines.stream().map(AnalyticsJson::read).toList();
    }

    @Test
    void one_seed_writes_byte_identical_files_and_another_seed_other_ones() throws IOException {
        SimulatedMonth.write(dir.resolve("b"), SMALL);
        SimulatedMonth.write(dir.resolve("c"), SMALL.withSeed(SMALL.seed() + 1));

        List<Path> a = files(dir.resolve("a")), b = files(dir.resolve("b"));
        assertThat(a).hasSize(summary.files()).isNotEmpty();
        assertThat(b.stream().map(p -> dir.resolve("b").relativize(p).toString()).toList())
                .isEqualTo(a.stream().map(p -> dir.resolve("a").relativize(p).toString()).toList());
        for (int i = 0; i < a.size(); i++) {
            assertThat(Files.readAllBytes(b.get(i))).as(b.get(i).toString()).isEqualTo(Files.readAllBytes(a.get(i)));
        }
        assertThat(lines(dir.resolve("c"))).isNotEqualTo(lines);
    }

    @Test
    void files_are_by_the_utc_day_of_each_record_and_hold_only_the_month() throws IOException {
        LocalDate first = SMALL.start(), last = SMALL.start().plusDays(SMALL.days() - 1);
        for (Path file : files(dir.resolve("a"))) {
            assertThat(file.getFileName()).hasToString(SimulatedMonth.FILE);
            String day = file.getParent().getFileName().toString();
            for (String line : Files.readAllLines(file)) {
                AnalyticsRecord r = AnalyticsJson.read(line);
                assertThat("dt=" + LocalDate.ofInstant(r.occurredAt(), ZoneOffset.UTC)).isEqualTo(day);
                assertThat(r.localDate()).isBetween(first, last);
                assertThat(r.brand()).isEqualTo("modax");
            }
        }
        assertThat(records).extracting(AnalyticsRecord::id).doesNotHaveDuplicates();
        assertThat(summary.total()).isEqualTo(lines.size());
        for (Kind kind : Kind.values()) {
            assertThat(records.stream().filter(r -> r.kind() == kind).count()).as(kind.wire()).isEqualTo(summary.count(kind)).isPositive();
        }
    }

    @Test
    void one_shipment_record_per_order_over_the_ten_carriers_and_a_five_percent_control_group() {
        List<AnalyticsRecord> shipments = of(Kind.SHIPMENT);
        assertThat(shipments).hasSize(3_000);
        assertThat(summary.shipments()).isEqualTo(3_000);
        assertThat(shipments).extracting(AnalyticsRecord::orderRef).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(shipments).extracting(AnalyticsRecord::shipment).doesNotHaveDuplicates();
        assertThat(shipments.stream().map(AnalyticsRecord::carrier).collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(SimulatedMonth.CARRIERS);
        long control = shipments.stream().filter(r -> r.control()).count();
        assertThat(control).isEqualTo(summary.controlShipments());
        assertThat((double) control / shipments.size()).isCloseTo(0.05, within(0.015));
        assertThat(shipments).allSatisfy(r -> {
            assertThat(r.promisedDate()).isAfter(r.localDate());
            assertThat(r.service()).isIn("standard", "express");
            assertThat(r.source()).isIn("web", "trendyol", "hepsiburada");
        });
        // by population: İstanbul first, and far provinces too
        Map<String, Long> byDestination = shipments.stream().collect(Collectors.groupingBy(AnalyticsRecord::destination, Collectors.counting()));
        assertThat(byDestination.get("İstanbul")).isGreaterThan(byDestination.get("Ankara")).isGreaterThan(byDestination.getOrDefault("Bayburt", 0L));
        assertThat(byDestination.size()).isGreaterThan(60);
    }

    @Test
    void tracking_events_follow_a_journey_and_some_parcels_are_still_in_transit_at_the_end() {
        Map<String, List<AnalyticsRecord>> events = of(Kind.TRACKING_EVENT).stream().collect(Collectors.groupingBy(AnalyticsRecord::shipment));
        Set<String> statuses = of(Kind.TRACKING_EVENT).stream().map(AnalyticsRecord::status).collect(Collectors.toSet());
        assertThat(statuses).contains("label_created", "in_transit", "out_for_delivery", "failed_attempt", "delayed", "delivered");
        LocalDate lastDay = SMALL.start().plusDays(SMALL.days() - 1);
        long open = 0;
        for (AnalyticsRecord s : of(Kind.SHIPMENT)) {
            List<AnalyticsRecord> journey = events.getOrDefault(s.shipment(), List.of());
            if (journey.isEmpty()) {
                continue; // cancelled before shipping, or registered on the evening of the last day
            }
            assertThat(journey).extracting(AnalyticsRecord::carrier).containsOnly(s.carrier());
            assertThat(journey.stream().filter(e -> e.estimateDate() != null).count()).isLessThanOrEqualTo(1);
            boolean done = journey.stream().anyMatch(e -> e.status().equals("delivered") || e.status().equals("returned_to_sender"));
            if (!done && s.localDate().isAfter(lastDay.minusDays(5))) {
                open++;
            }
        }
        assertThat(open).isGreaterThan(50);
        assertThat(of(Kind.TRACKING_EVENT).stream().filter(e -> e.status().equals("in_transit") && e.estimateDate() != null).count())
                .isGreaterThan(2_500);
    }

    @Test
    void messages_start_after_observation_and_the_control_group_gets_held_out_records_only() {
        LocalDate automation = SMALL.automationStart();
        List<AnalyticsRecord> messages = of(Kind.MESSAGE);
        assertThat(messages).allSatisfy(m -> assertThat(m.localDate()).isAfterOrEqualTo(automation));
        Set<String> control = of(Kind.SHIPMENT).stream().filter(AnalyticsRecord::control).map(AnalyticsRecord::shipment).collect(Collectors.toSet());
        assertThat(messages.stream().filter(m -> control.contains(m.shipment()))).isNotEmpty()
                .allSatisfy(m -> assertThat(m.state()).isEqualTo("held_out"));
        assertThat(messages.stream().filter(m -> m.state().equals("held_out"))).allSatisfy(m -> assertThat(control).contains(m.shipment()));
        assertThat(messages.stream().map(AnalyticsRecord::channel).collect(Collectors.toSet())).containsExactlyInAnyOrder("email", "sms", "whatsapp", "push");
        assertThat(messages.stream().map(AnalyticsRecord::intent).collect(Collectors.toSet())).containsExactlyInAnyOrder("shipped", "out_for_delivery", "delivered");
        assertThat(messages.stream().filter(m -> m.variant() != null)).allSatisfy(m -> assertThat(m.intent()).isEqualTo("delivered"))
                .extracting(AnalyticsRecord::variant).containsOnly("A", "B");
        // the funnel narrows: sent > delivered > opened (e-mail) > clicked
        Map<String, Long> email = messages.stream().filter(m -> m.channel().equals("email"))
                .collect(Collectors.groupingBy(AnalyticsRecord::state, Collectors.counting()));
        assertThat(email.get("sent")).isGreaterThan(email.get("delivered"));
        assertThat(email.get("delivered")).isGreaterThan(email.get("opened"));
        assertThat(email.get("opened")).isGreaterThan(email.get("clicked"));
        assertThat(of(Kind.PAGE_VIEW).stream().map(AnalyticsRecord::state).collect(Collectors.toSet())).contains("tracking", "survey");
    }

    @Test
    void wismo_is_58_percent_of_tickets_before_and_falls_by_60_percent_for_notified_shipments_only() {
        LocalDate automation = SMALL.automationStart();
        List<AnalyticsRecord> created = of(Kind.TICKET).stream().filter(t -> t.state().equals("created")).toList();
        List<AnalyticsRecord> before = created.stream().filter(t -> t.localDate().isBefore(automation)).toList();
        double share = (double) before.stream().filter(AnalyticsRecord::wismo).count() / before.size();
        assertThat(share).isCloseTo(0.58, within(0.05));
        assertThat(summary.wismoShareBefore()).isEqualTo(share);
        assertThat(summary.ticketsBefore()).isEqualTo(before.size());

        WismoRates rates = WismoRates.of(records, SMALL);
        assertThat(rates.treatedAfter / rates.before).isCloseTo(0.40, within(0.12));
        assertThat(created.stream().filter(t -> t.state().equals("created") && t.wismo() && t.shipment() != null).count())
                .isGreaterThan(created.stream().filter(t -> t.wismo() && t.shipment() == null).count() * 3);
        // first response: ~7 h median (p90 ~20 h) before, ~2 h after
        List<Double> before7 = firstResponseHours(true), after2 = firstResponseHours(false);
        assertThat(before7.get(before7.size() / 2)).isBetween(5.5, 8.5);
        assertThat(before7.get(before7.size() * 9 / 10)).isBetween(15.0, 26.0);
        assertThat(after2.get(after2.size() / 2)).isBetween(1.5, 2.6);
        assertThat(after2.size()).isLessThan(before7.size() * 16 / 14);
    }

    @Test
    void surveys_outcomes_and_self_service_use_the_vocabulary() {
        assertThat(of(Kind.SURVEY)).allSatisfy(s -> assertThat(s.score()).isBetween(0, 10)).extracting(AnalyticsRecord::shipment).doesNotHaveDuplicates();
        assertThat(summary.npsBefore()).isNotNull();
        assertThat(summary.npsAfter()).isGreaterThan(summary.npsBefore());
        Map<String, Long> outcomes = of(Kind.ORDER_OUTCOME).stream().collect(Collectors.groupingBy(AnalyticsRecord::status, Collectors.counting()));
        assertThat(outcomes.keySet()).containsExactlyInAnyOrder("returned", "cancelled");
        assertThat(outcomes.get("cancelled") / 3_000.0).isCloseTo(0.02, within(0.01));
        assertThat(outcomes.get("returned")).isGreaterThan(outcomes.get("cancelled"));
        assertThat(of(Kind.SELF_SERVICE)).extracting(AnalyticsRecord::state).isSubsetOf("address_changed", "delivery_day_chosen", "opted_out");
    }

    static final Pattern PHONE = Pattern.compile("(?<![0-9a-f])(\\+?90[ -]?)?0?5\\d{2}[ -]?\\d{3}[ -]?\\d{2}[ -]?\\d{2}(?![0-9a-f])");
    static final Pattern STREET = Pattern.compile("(?i)\\b(mahalle|mah\\.|cadde|cad\\.|sokak|sok\\.|sk\\.|bulvar|no:)");

    @Test
    void no_line_holds_personal_data_nor_a_tracking_number() {
        Set<String> trackingNumbers = new HashSet<>();
        for (int n = 100_000; n < 103_000; n++) {
            for (String carrier : SimulatedMonth.CARRIERS) {
                trackingNumbers.add(SimulatedMonth.trackingNumber(carrier, "MX-" + n));
            }
        }
        Set<String> provinces = ProvinceCentres.builtIn().all().stream().map(ProvinceCentres.Centre::province).collect(Collectors.toSet());
        // plain loops: an assertion per token of 100,000 lines would take minutes
        List<String> offending = new ArrayList<>();
        for (String line : lines) {
            boolean numbered = Stream.of(line.split("[^A-Za-z0-9]+")).anyMatch(trackingNumbers::contains);
            if (line.contains("@") || PHONE.matcher(line).find() || STREET.matcher(line).find() || numbered) {
                offending.add(line);
            }
        }
        assertThat(offending).isEmpty();
        assertThat(lines).hasSize((int) summary.total());
        assertThat(of(Kind.SHIPMENT)).allSatisfy(s -> assertThat(provinces).contains(s.origin(), s.destination()));
        // the patterns do find what they are there for
        assertThat(PHONE.matcher("{\"x\":\"0532 123 45 67\"}").find()).isTrue();
        assertThat(STREET.matcher("Atatürk Cad. No:5").find()).isTrue();
    }

    @Test
    void a_config_starts_on_a_monday_with_observation_inside_the_month() {
        assertThatThrownBy(() -> new SimulatedMonth.Config(1, LocalDate.of(2026, 11, 3), 30, 100, 14, 5, "modax"))
                .hasMessageContaining("Monday");
        assertThatThrownBy(() -> new SimulatedMonth.Config(1, LocalDate.of(2026, 11, 2), 10, 100, 14, 5, "modax"))
                .hasMessageContaining("observation");
        assertThatThrownBy(() -> new SimulatedMonth.Config(1, LocalDate.of(2026, 11, 2), 30, 100, 14, 60, "modax"))
                .hasMessageContaining("control group");
    }

    @Test
    void the_full_month_of_modax(@TempDir Path full) throws IOException {
        SimulatedMonth.Config config = SimulatedMonth.Config.modax();
        SimulatedMonth.Summary month = SimulatedMonth.write(full, config);

        assertThat(month.shipments()).isEqualTo(25_000);
        assertThat(month.count(Kind.SHIPMENT)).isEqualTo(25_000);
        assertThat(month.files()).isBetween(30, 31);
        assertThat(month.ticketsPerWeekBefore()).isBetween(2_200.0, 2_600.0);
        assertThat(month.wismoShareBefore()).isCloseTo(0.58, within(0.03));
        assertThat(month.ticketsPerWeekAfter()).isLessThan(month.ticketsPerWeekBefore() * 0.85);
        assertThat((double) month.controlShipments() / month.shipments()).isCloseTo(0.05, within(0.005));
        assertThat(month.npsBefore()).isBetween(33.0, 49.0);
        assertThat(month.npsAfter()).isGreaterThan(month.npsBefore());
        assertThat(month.onTime()).containsOnlyKeys(SimulatedMonth.CARRIERS).allSatisfy((carrier, rate) -> assertThat(rate).isBetween(0.6, 0.98));
        assertThat(month.onTime().get("ptt")).isLessThan(month.onTime().get("yurtici"));

        // the control group keeps its WISMO rate while the notified shipments' falls
        List<AnalyticsRecord> all = lines(full).stream().map(AnalyticsJson::read).toList();
        assertThat(all).hasSize((int) month.total());
        WismoRates rates = WismoRates.of(all, config);
        assertThat(rates.treatedAfter / rates.before).isCloseTo(0.40, within(0.06));
        // ~400 control shipments: their rate is noisy (±10%), but far from the treated ones' 60% fall
        assertThat(rates.controlAfter / rates.before).isGreaterThan(0.6);
        assertThat(rates.controlAfter).isGreaterThan(rates.treatedAfter * 1.6);
    }

    /**
     * Linked WISMO tickets per shipment: shipments registered during observation, and those registered from the first day
     * of messages until a week before the end (so their tickets had time to come), treated or in the control group.
     */
    record WismoRates(double before, double treatedAfter, double controlAfter) {
        static WismoRates of(List<AnalyticsRecord> records, SimulatedMonth.Config config) {
            Set<String> asked = records.stream().filter(r -> r.kind() == Kind.TICKET && "created".equals(r.state()) && r.wismo() && r.shipment() != null)
                    .map(AnalyticsRecord::shipment).collect(Collectors.toSet());
            LocalDate automation = config.automationStart(), cutOff = config.start().plusDays(config.days() - 7);
            long[] before = new long[2], treated = new long[2], control = new long[2];
            for (AnalyticsRecord s : records) {
                if (s.kind() != Kind.SHIPMENT) {
                    continue;
                }
                long[] group = s.localDate().isBefore(automation) ? before : !s.localDate().isBefore(cutOff) ? null : s.control() ? control : treated;
                if (group != null) {
                    group[0]++;
                    group[1] += asked.contains(s.shipment()) ? 1 : 0;
                }
            }
            return new WismoRates((double) before[1] / before[0], (double) treated[1] / treated[0], (double) control[1] / control[0]);
        }
    }

    /** Hours from created to first response of the tickets created before (or from) the first day of messages, sorted. */
    private List<Double> firstResponseHours(boolean beforeAutomation) {
        Map<String, AnalyticsRecord> created = new HashMap<>();
        of(Kind.TICKET).stream().filter(t -> t.state().equals("created")).forEach(t -> created.put(t.ticket(), t));
        List<Double> hours = new ArrayList<>();
        for (AnalyticsRecord first : of(Kind.TICKET)) {
            AnalyticsRecord c = created.get(first.ticket());
            if (first.state().equals("first_response") && c != null && c.localDate().isBefore(SMALL.automationStart()) == beforeAutomation) {
                hours.add((first.occurredAt().getEpochSecond() - c.occurredAt().getEpochSecond()) / 3600.0);
            }
        }
        assertThat(hours).allSatisfy(h -> assertThat(h).isPositive());
        hours.sort(Double::compare);
        return hours;
    }

    private static List<AnalyticsRecord> of(Kind kind) {
        return records.stream().filter(r -> r.kind() == kind).toList();
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<String> lines(Path root) throws IOException {
        List<String> all = new ArrayList<>();
        for (Path f : files(root)) {
            all.addAll(Files.readAllLines(f));
        }
        return all;
    }
}
