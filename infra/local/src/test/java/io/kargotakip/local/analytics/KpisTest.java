package io.kargotakip.local.analytics;

import io.kargotakip.aws.analytics.AnalyticsJson;
import io.kargotakip.aws.analytics.Kpis;
import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.core.analytics.AnalyticsRecord.Kind;
import io.kargotakip.core.analytics.KpiReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The KPI SQL on small hand-made datasets with known answers, in the local engine (the SQL Athena runs on AWS). */
class KpisTest {

    static final LocalDate MON = LocalDate.of(2026, 11, 2);
    static final LocalDate SUN2 = MON.plusDays(13);

    @TempDir
    Path dir;
    final List<AnalyticsRecord> records = new ArrayList<>();

    static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(AnalyticsRecord.DEFAULT_ZONE).toInstant();
    }

    AnalyticsRecord.Builder rec(Kind kind, LocalDate day, int hour) {
        return AnalyticsRecord.of(kind, at(day, hour)).brand("modax");
    }

    void shipment(String s, String carrier, LocalDate day, LocalDate promised, Boolean control) {
        records.add(rec(Kind.SHIPMENT, day, 10).shipment(s).carrier(carrier).origin("34").destination("06")
                .promisedDate(promised).control(control).once(s));
    }

    void event(String s, String carrier, String status, LocalDate day, LocalDate estimate) {
        records.add(rec(Kind.TRACKING_EVENT, day, 12).shipment(s).carrier(carrier).status(status).estimateDate(estimate).id(s, status));
    }

    void ticket(String t, String state, Instant when, Boolean wismo, String shipment) {
        records.add(AnalyticsRecord.of(Kind.TICKET, when).brand("modax").ticket(t).state(state).wismo(wismo)
                .shipment(shipment).source("zendesk").once(t, state));
    }

    void message(String m, String shipment, String channel, String state, LocalDate day, int hour, String intent, String variant) {
        records.add(rec(Kind.MESSAGE, day, hour).message(m).shipment(shipment).channel(channel).state(state).intent(intent)
                .variant(variant).once(m, channel, state));
    }

    /** Writes the records as the Firehose delivery does: one file a UTC day of writing (here: of occurrence). */
    KpiReport report(LocalDate from, LocalDate to, Kpis.Options options) throws IOException {
        for (AnalyticsRecord r : records) {
            Path day = Files.createDirectories(dir.resolve("dt=" + LocalDate.ofInstant(r.occurredAt(), java.time.ZoneOffset.UTC)));
            Files.writeString(day.resolve("part-1.json"), AnalyticsJson.line(r) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        try (DuckDbEngine engine = new DuckDbEngine(dir)) {
            return new Kpis(engine).compute(from, to, "modax", options);
        }
    }

    @Test
    void anEmptyPeriodIsZerosAndNullsNotErrors() throws IOException {
        KpiReport r = report(MON, SUN2, Kpis.Options.DEFAULT);
        assertThat(r.wismoWeeks()).extracting(KpiReport.WismoWeek::week).containsExactly(MON, MON.plusWeeks(1));
        assertThat(r.wismoWeeks()).allSatisfy(w -> {
            assertThat(w.shipments()).isZero();
            assertThat(w.perThousandShipments()).isNull();
            assertThat(w.shareOfTickets()).isNull();
        });
        assertThat(r.automationStart()).isNull();
        assertThat(r.nps().score()).isNull();
        assertThat(r.nps().responseRate()).isNull();
        assertThat(r.firstResponseBefore().medianMinutes()).isNull();
        assertThat(r.carriers()).isEmpty();
        assertThat(r.channels()).isEmpty();
        assertThat(r.deflection().measured()).isFalse();
        assertThat(r.deflection().test()).isNull();
        assertThat(r.deflection().notified()).isZero();
    }

    @Test
    void wismoPerThousandShipmentsAndShareOfTicketsWeekByWeekCountingEachRecordOnceAndOnlyTheBrands() throws IOException {
        for (int i = 0; i < 10; i++) {
            shipment("s" + i, "ups", MON.plusDays(i % 5), null, null);
        }
        for (int i = 10; i < 15; i++) {
            shipment("s" + i, "ups", MON.plusDays(8), null, null);
        }
        ticket("t1", "created", at(MON, 9), true, null);
        ticket("t2", "created", at(MON.plusDays(1), 9), true, null);
        ticket("t3", "created", at(MON.plusDays(2), 9), false, null);
        ticket("t4", "created", at(MON.plusDays(3), 9), false, null);
        records.add(records.get(records.size() - 1)); // a stage that ran twice: the same record again
        records.add(AnalyticsRecord.of(Kind.TICKET, at(MON, 9)).brand("other").ticket("x").state("created").wismo(true).once("x", "created"));
        records.add(AnalyticsRecord.of(Kind.TICKET, at(MON.minusDays(1), 9)).brand("modax").ticket("before").state("created").wismo(true).once("b", "created"));

        KpiReport r = report(MON, SUN2, Kpis.Options.DEFAULT);

        KpiReport.WismoWeek first = r.wismoWeeks().get(0);
        assertThat(first.shipments()).isEqualTo(10);
        assertThat(first.tickets()).isEqualTo(4);
        assertThat(first.wismoTickets()).isEqualTo(2);
        assertThat(first.perThousandShipments()).isEqualTo(200.0);
        assertThat(first.shareOfTickets()).isEqualTo(0.5);
        KpiReport.WismoWeek second = r.wismoWeeks().get(1);
        assertThat(second.shipments()).isEqualTo(5);
        assertThat(second.perThousandShipments()).isEqualTo(0.0);
        assertThat(second.shareOfTickets()).isNull();
    }

    @Test
    void firstResponseMedianAndP90BeforeAndAfterAutomationTheEarliestReplyCounting() throws IOException {
        // automation starts with the first message sent, on Monday of week two
        message("m0", "s0", "email", "sent", MON.plusDays(7), 8, "shipped", null);
        int[] minutesBefore = {60, 120, 180};
        for (int i = 0; i < 3; i++) {
            Instant created = at(MON.plusDays(i), 9);
            ticket("b" + i, "created", created, true, null);
            ticket("b" + i, "first_response", created.plusSeconds(60L * minutesBefore[i]), null, null);
        }
        // a later agent reply claims to be the first response too: the same id, the earliest counts
        ticket("b0", "first_response", at(MON, 9).plusSeconds(60L * 500), null, null);
        Instant created = at(MON.plusDays(8), 9);
        ticket("a0", "created", created, false, null);
        ticket("a0", "first_response", created.plusSeconds(60L * 30), null, null);
        ticket("a1", "created", at(MON.plusDays(9), 9), false, null); // not answered yet

        KpiReport r = report(MON, SUN2, Kpis.Options.DEFAULT);

        assertThat(r.automationStart()).isEqualTo(MON.plusDays(7));
        assertThat(r.firstResponseBefore().tickets()).isEqualTo(3);
        assertThat(r.firstResponseBefore().medianMinutes()).isCloseTo(120.0, within(1e-9));
        assertThat(r.firstResponseBefore().p90Minutes()).isCloseTo(168.0, within(1e-9));
        assertThat(r.firstResponseAfter().tickets()).isEqualTo(2);
        assertThat(r.firstResponseAfter().answered()).isEqualTo(1);
        assertThat(r.firstResponseAfter().medianMinutes()).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void npsScorePromotersDetractorsAndResponseRateOfTheDelivered() throws IOException {
        for (int i = 0; i < 8; i++) {
            event("s" + i, "ups", "delivered", MON.plusDays(2), null);
        }
        int[] scores = {10, 9, 8, 3};
        for (int i = 0; i < scores.length; i++) {
            records.add(rec(Kind.SURVEY, MON.plusDays(3), 10).shipment("s" + i).score(scores[i]).once("s" + i));
        }
        KpiReport r = report(MON, SUN2, Kpis.Options.DEFAULT);
        assertThat(r.nps().delivered()).isEqualTo(8);
        assertThat(r.nps().promoters()).isEqualTo(2);
        assertThat(r.nps().passives()).isEqualTo(1);
        assertThat(r.nps().detractors()).isEqualTo(1);
        assertThat(r.nps().score()).isEqualTo(25.0);
        assertThat(r.nps().responseRate()).isEqualTo(0.5);
    }

    @Test
    void slaPerCarrierAgainstThePromiseElseTheFirstEstimateWithLateDaysAndACarrierWithNoDeliveries() throws IOException {
        LocalDate promise = MON.plusDays(3);
        shipment("a1", "aras", MON, promise, null);
        event("a1", "aras", "delivered", promise, null);                       // on the day: on time
        shipment("a2", "aras", MON, promise, null);
        event("a2", "aras", "delivered", promise.plusDays(1), null);           // 1 day late
        shipment("a3", "aras", MON, promise, null);
        event("a3", "aras", "delivered", promise.plusDays(4), null);           // 4 days late
        shipment("a4", "aras", MON, null, null);                               // no promise: the first estimate
        event("a4", "aras", "in_transit", MON.plusDays(1), MON.plusDays(2));
        records.add(rec(Kind.TRACKING_EVENT, MON.plusDays(2), 15).shipment("a4").carrier("aras").status("delayed")
                .estimateDate(MON.plusDays(6)).id("a4", "delayed"));
        event("a4", "aras", "delivered", MON.plusDays(4), null);               // 2 days after the first estimate
        shipment("a5", "aras", MON, null, null);                               // no promise, no estimate
        event("a5", "aras", "delivered", MON.plusDays(2), null);
        shipment("y1", "yurtici", MON.plusDays(1), promise, null);             // registered, not delivered

        KpiReport r = report(MON, SUN2, Kpis.Options.DEFAULT);

        assertThat(r.carriers()).extracting(KpiReport.CarrierSla::carrier).containsExactly("aras", "yurtici");
        KpiReport.CarrierSla aras = r.carriers().get(0);
        assertThat(aras.delivered()).isEqualTo(5);
        assertThat(aras.withPromise()).isEqualTo(4);
        assertThat(aras.onTime()).isEqualTo(1);
        assertThat(aras.late1()).isEqualTo(1);
        assertThat(aras.late2()).isEqualTo(1);
        assertThat(aras.late3Plus()).isEqualTo(1);
        assertThat(aras.onTimeRate()).isEqualTo(0.25);
        KpiReport.CarrierSla yurtici = r.carriers().get(1);
        assertThat(yurtici.delivered()).isZero();
        assertThat(yurtici.onTimeRate()).isNull();
        assertThat(r.lanes()).singleElement().satisfies(l -> {
            assertThat(l.carrier()).isEqualTo("aras");
            assertThat(l.origin()).isEqualTo("34");
            assertThat(l.destination()).isEqualTo("06");
            assertThat(l.delivered()).isEqualTo(5);
            assertThat(l.onTime()).isEqualTo(1);
        });
    }

    @Test
    void channelAndVariantFunnelsOfTheMessagesSentInThePeriod() throws IOException {
        for (int i = 0; i < 4; i++) {
            String variant = i < 2 ? "a" : "b";
            message("m" + i, "s" + i, "email", "sent", MON, 9, "delivered", variant);
        }
        message("m0", "s0", "email", "delivered", MON, 10, "delivered", "a");
        message("m0", "s0", "email", "opened", MON, 11, "delivered", "a");
        message("m0", "s0", "email", "opened", MON, 12, "delivered", "a");  // opened twice: one message opened
        message("m0", "s0", "email", "clicked", MON, 13, "delivered", "a");
        message("m2", "s2", "email", "delivered", MON, 10, "delivered", "b");
        message("m1", "s1", "sms", "sent", MON, 9, "delivered", null);       // the fallback's SMS of the same notification
        message("m9", "s9", "whatsapp", "failed", MON, 9, "shipped", null);
        message("old", "s8", "email", "sent", MON.minusDays(3), 9, "shipped", null); // sent before the period
        message("old", "s8", "email", "opened", MON, 9, "shipped", null);

        KpiReport r = report(MON, SUN2, Kpis.Options.DEFAULT);

        assertThat(r.channels()).containsExactly(
                new KpiReport.ChannelFunnel("email", 4, 2, 1, 1, 0),
                new KpiReport.ChannelFunnel("sms", 1, 0, 0, 0, 0),
                new KpiReport.ChannelFunnel("whatsapp", 0, 0, 0, 0, 1));
        assertThat(r.variants()).containsExactly(
                new KpiReport.VariantFunnel("delivered", "a", 2, 1, 1, 1),
                new KpiReport.VariantFunnel("delivered", "b", 2, 1, 0, 0));
    }

    @Test
    void theControlGroupsWismoRateAgainstTheOthersIsTheMeasuredDeflection() throws IOException {
        message("m", "t0", "email", "sent", MON, 8, "shipped", null);
        for (int i = 0; i < 100; i++) {
            shipment("c" + i, "ups", MON.plusDays(i % 7), null, true);
            if (i < 20) {
                ticket("tc" + i, "created", at(MON.plusDays(i % 7), 18), true, "c" + i);
            }
            shipment("t" + i, "ups", MON.plusDays(i % 7), null, false);
            if (i < 8) {
                ticket("tt" + i, "created", at(MON.plusDays(i % 7), 18), true, "t" + i);
            }
        }
        ticket("other", "created", at(MON, 18), false, "t50");               // not WISMO: no contact
        ticket("early", "created", at(MON, 6), true, "t51");                 // before the shipment was registered

        KpiReport r = report(MON, SUN2, Kpis.Options.DEFAULT);

        KpiReport.Deflection d = r.deflection();
        assertThat(d.measured()).isTrue();
        assertThat(d.controlShipments()).isEqualTo(100);
        assertThat(d.controlWismo()).isEqualTo(20);
        assertThat(d.treatedShipments()).isEqualTo(100);
        assertThat(d.treatedWismo()).isEqualTo(8);
        assertThat(d.test().difference()).isCloseTo(-0.12, within(1e-12));
        assertThat(d.test().high()).isLessThan(0);
        assertThat(d.relativeReduction()).isCloseTo(0.6, within(1e-12));
        assertThat(d.preventedContacts()).isCloseTo(12.0, within(1e-9));
    }

    @Test
    void withoutAControlGroupTheEstimateCountsViewedPagesWithNoContactWithinTheWindow() throws IOException {
        for (int i = 0; i < 4; i++) {
            message("m" + i, "s" + i, "email", "sent", MON, 9, "shipped", null);
        }
        records.add(rec(Kind.PAGE_VIEW, MON, 10).shipment("s0").state("tracking").id("s0", "tracking"));
        records.add(rec(Kind.PAGE_VIEW, MON, 10).shipment("s1").state("tracking").id("s1", "tracking"));
        records.add(rec(Kind.PAGE_VIEW, MON, 10).shipment("s2").state("tracking").id("s2", "tracking"));
        records.add(rec(Kind.PAGE_VIEW, MON, 8).shipment("s3").state("tracking").id("s3", "tracking")); // before the message
        ticket("k1", "created", at(MON.plusDays(2), 9), true, "s1");        // within 7 days: contacted
        ticket("k2", "created", at(MON.plusDays(9), 9), true, "s2");        // after the window: not within it

        KpiReport r = report(MON, SUN2, Kpis.Options.DEFAULT);

        KpiReport.Deflection d = r.deflection();
        assertThat(d.measured()).isFalse();
        assertThat(d.notified()).isEqualTo(4);
        assertThat(d.viewed()).isEqualTo(3);
        assertThat(d.viewedNoContact()).isEqualTo(2);
        assertThat(d.windowDays()).isEqualTo(7);
        assertThat(r.pages().views()).isEqualTo(4);
        assertThat(r.pages().shipmentsViewed()).isEqualTo(4);
    }

    @Test
    void theTrackingPagesViewsAndItsSupportAndUpsellClicks() throws IOException {
        for (String page : new String[]{"tracking", "tracking", "upsell_click", "support_click", "upsell_click", "adres"}) {
            records.add(rec(Kind.PAGE_VIEW, MON.plusDays(1), 10).shipment("s1").state(page).id("s1", page, Integer.toString(records.size())));
        }
        records.add(rec(Kind.PAGE_VIEW, MON.plusDays(1), 11).shipment("s2").state("tracking").id("s2", "tracking"));
        KpiReport r = report(MON, SUN2, Kpis.Options.DEFAULT);
        assertThat(r.pages()).isEqualTo(new KpiReport.Pages(3, 2, 1, 2));
        assertThat(r.days()).isEqualTo(14);
    }

    @Test
    void returnAndCancellationRatesWeekByWeekFromOrderOutcomesAndTheCarriersEvents() throws IOException {
        for (int i = 0; i < 20; i++) {
            shipment("s" + i, "mng", MON.plusDays(i % 3), null, null);
        }
        records.add(rec(Kind.ORDER_OUTCOME, MON.plusDays(4), 10).order("o1").status("returned").once("o1", "returned"));
        records.add(rec(Kind.ORDER_OUTCOME, MON.plusDays(4), 11).order("o2").status("cancelled").once("o2", "cancelled"));
        records.add(rec(Kind.ORDER_OUTCOME, MON.plusDays(5), 11).order("o3").status("returned").once("o3", "returned"));
        // from the carriers and marketplaces: a return to the sender (twice scanned: one shipment), a cancelled package
        event("s5", "mng", "return_in_transit", MON.plusDays(3), null);
        event("s5", "mng", "returned_to_sender", MON.plusDays(5), null);
        records.add(rec(Kind.TRACKING_EVENT, MON.plusDays(2), 9).shipment("s6").carrier("trendyol").status("exception")
                .reason("cancelled").id("s6", "exception"));
        event("s7", "mng", "exception", MON.plusDays(2), null);                // an exception is no outcome

        KpiReport r = report(MON, SUN2, Kpis.Options.DEFAULT);

        KpiReport.OutcomeWeek w = r.outcomes().get(0);
        assertThat(w.shipments()).isEqualTo(20);
        assertThat(w.returned()).isEqualTo(3);
        assertThat(w.cancelled()).isEqualTo(2);
        assertThat(w.returnRate()).isEqualTo(0.15);
        assertThat(w.cancelRate()).isEqualTo(0.1);
        assertThat(r.outcomes().get(1).returnRate()).isNull();
    }

    @Test
    void aTicketImportedLaterCountsInThePeriodItBelongsTo() throws IOException {
        shipment("s1", "ups", MON, null, null);
        AnalyticsRecord late = AnalyticsRecord.of(Kind.TICKET, at(MON, 9)).brand("modax").ticket("imp").state("created")
                .wismo(true).source("csv").once("imp", "created");
        Path today = Files.createDirectories(dir.resolve("dt=" + MON.plusDays(40)));
        Files.writeString(today.resolve("part-9.json"), AnalyticsJson.line(late) + "\n");
        KpiReport r = report(MON, SUN2, Kpis.Options.DEFAULT);
        assertThat(r.wismoWeeks().get(0).wismoTickets()).isEqualTo(1);
    }
}
