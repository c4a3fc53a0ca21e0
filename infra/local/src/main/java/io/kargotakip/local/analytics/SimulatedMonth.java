package io.kargotakip.local.analytics;

import io.kargotakip.aws.analytics.AnalyticsJson;
import io.kargotakip.core.address.ProvinceCentres;
import io.kargotakip.core.analytics.AnalyticsRecord;
import io.kargotakip.core.analytics.AnalyticsRecord.Kind;
import io.kargotakip.core.analytics.ControlGroup;
import io.kargotakip.core.calendar.BusinessCalendar;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One simulated month of ModaX's analytics records (the product brief's case: 25,000 orders a month, 2,400 support
 * tickets a week of which 58% ask "where is my order?", a first response of 7 hours, a delivery-day NPS of 41; two weeks
 * of observation, then proactive messages), written as the Firehose delivery would have left them:
 * {@code <dir>/dt=<UTC day of occurred_at>/simulated.json}, one {@link AnalyticsJson#line} a line. The KPI SQL, the report
 * and the demo read it as they read the real files. Deterministic: one seed gives byte-identical files (one
 * {@link SplittableRandom}, everything generated in one order). Each order is simulated whole and its records written at
 * once, so memory holds one order, not the month.
 *
 * <p>What is simulated, and the figures it is tuned to (comments at each table say where a number comes from):
 * <ul>
 * <li><b>Orders</b>: the configured number over the days, Mondays highest (the weekend's orders ship), Saturdays and
 * Sundays lowest, evenings busiest; sources as the case's: own site 40%, Trendyol 35%, Hepsiburada 25%. One shipment each,
 * registered when the order is. A week of orders before the month is simulated too (not counted in
 * {@link Config#orders}): their shipment records fall before the files, but their later tracking events and tickets fall
 * in the first week, as a real month's files begin. Without them the first week would have a third fewer tickets.</li>
 * <li><b>Carriers</b> with market-like shares ({@link #CARRIERS}); a Trendyol order goes with Trendyol Express and a
 * Hepsiburada order with HepsiJET more often. Origin İstanbul (85%) or the second warehouse in Ankara; destinations over
 * the 81 provinces by population: the 20 largest by TÜİK's 2023 figures ({@link #LARGEST_PROVINCES}), the other 61
 * sharing the rest equally. Service express for 6% (UPS and DHL 35%, Amazon 15%).</li>
 * <li><b>Promise</b>: ship day (same day before the 14:00 cut-off on a working day, else the next working day) + 3
 * working days (Monday to Saturday, Turkish holidays off: {@link BusinessCalendar#turkishCarriers()}); express 1, or 2
 * far away.</li>
 * <li><b>Tracking</b>: label_created; in_transit 1 to 3 (the first, at pick-up, with the carrier's estimate: its own
 * expected transit padded by a day most of the time, as carriers pad); out_for_delivery; delivered. Transit in working
 * days by carrier and distance class (same province; region, centres under 350 km apart; far), with a tail. 6% to 10%
 * delayed (weather or the network: 1 to 3 days), 5% a failed attempt then delivered the next working day, a fifth of
 * those a second failure, and half of those returned to the sender. Events after the month's end are not in the files:
 * the last days' parcels are still in transit.</li>
 * <li><b>Messages</b> from the first day after observation: shipped (at pick-up), out_for_delivery, delivered, on the
 * customer's channel (e-mail 68%, SMS 14%, WhatsApp 12%, app push 6%), each sent → delivered (or failed) → opened → clicked
 * at the channel's rates ({@link #CHANNELS}; an SMS has no open to measure, its click is counted). The delivered
 * message has template variants A and B (B's call to action clicks about a fifth more). Shipments of the control group
 * ({@link ControlGroup#percent}{@code (5).holdsOut(carrier, trackingNumber)} on a made-up tracking number; the shipment
 * record says {@code control=true}) get a held_out record for each message instead, never a sent one.</li>
 * <li><b>Pages</b>: the tracking page after a click, and for 12% of shipments without one (the merchant's own order
 * page links it); self-service from a clicked shipped message: 2% change the address, 4% choose a delivery day, 0.5% opt
 * out (their later messages are suppressed).</li>
 * <li><b>Tickets</b> (source zendesk): a shipment's chance of a WISMO ticket is 0.18, 0.48 when it is delayed,
 * failed, late or returned, which makes 58% of ~2,400 a week; from the first day of messages a notified shipment's
 * chance falls by 60%, the control group's stays. 80% of WISMO tickets name the shipment (and order), 8% the order only,
 * 12% nothing. Other tickets stay at ~1,008 a week (by weekday; 0.17 per order of the month), a third naming an order. First response lognormal: median
 * 7 h, p90 ~20 h before the messages, median 2 h, p90 ~6 h after (fewer tickets wait in the queue); 85% solved later.</li>
 * <li><b>Survey</b>: after the messages, the delivered message carries the survey: ~20% of those delivered answer.
 * Before them, the merchant's own post-delivery e-mail survey answers for 4% of delivered shipments (another source, the
 * same record), so the early NPS (~41) is measured too; it rises over the weeks of messages (toward ~49). Late or
 * failed deliveries score lower.</li>
 * <li><b>Outcomes</b>: returns 8% of delivered orders (2 to 12 days later), 7% of notified ones; cancellations 2% before
 * shipping (no tracking events), 1.8% notified.</li>
 * </ul>
 * No record holds personal data: shipments, orders, messages and tickets are pseudonyms
 * ({@link AnalyticsRecord#shipmentKey} etc.), places are provinces; no name, e-mail, phone, address or tracking number.
 */
public final class SimulatedMonth {

    /** The file every day's directory holds. */
    public static final String FILE = "simulated.json";

    private static final ZoneId ISTANBUL = AnalyticsRecord.DEFAULT_ZONE;
    private static final int WARM_UP_DAYS = 7;
    private static final double REGION_KM = 350;

    /**
     * What to simulate.
     *
     * @param seed             the random generator's seed: one seed, one month
     * @param start            the first day (Istanbul), a Monday, so weeks are the KPI's weeks
     * @param days             how many days
     * @param orders           orders over those days (one shipment each)
     * @param observationDays  days without messages at the start; messages from the day after
     * @param controlPercent   share of shipments held out of messages (the control group), 0 = none
     * @param brand            the brand of the records
     */
    public record Config(long seed, LocalDate start, int days, int orders, int observationDays, double controlPercent, String brand) {

        public Config {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(brand, "brand");
            if (start.getDayOfWeek() != DayOfWeek.MONDAY) {
                throw new IllegalArgumentException("a simulated month starts on a Monday, not " + start + " (" + start.getDayOfWeek() + ")");
            }
            if (days < 1 || orders < 1) {
                throw new IllegalArgumentException("days and orders must be positive");
            }
            if (observationDays < 0 || observationDays > days) {
                throw new IllegalArgumentException("observation days are 0 to " + days + ", not " + observationDays);
            }
            ControlGroup.percent(controlPercent); // the same bounds as the product's
        }

        /** ModaX's month: 2 November 2026, 30 days, 25,000 orders, 14 days of observation, a 5% control group. */
        public static Config modax() {
            return new Config(41L, LocalDate.of(2026, 11, 2), 30, 25_000, 14, 5, "modax");
        }

        public Config withSeed(long seed) {
            return new Config(seed, start, days, orders, observationDays, controlPercent, brand);
        }

        public Config withOrders(int orders) {
            return new Config(seed, start, days, orders, observationDays, controlPercent, brand);
        }

        /** The first day of messages. */
        public LocalDate automationStart() {
            return start.plusDays(observationDays);
        }
    }

    /**
     * What was written, and the month's figures as generated (the KPI SQL should find the same).
     *
     * @param records            lines written per kind
     * @param shipments          shipment records (= orders of the month)
     * @param controlShipments   of them in the control group
     * @param ticketsBefore      tickets created during observation
     * @param ticketsAfter       tickets created from the first day of messages
     * @param wismoBefore        of ticketsBefore, WISMO
     * @param wismoAfter         of ticketsAfter, WISMO
     * @param onTime             per carrier, the share of the month's delivered shipments (registered in the month) delivered
     *                           by the promised date
     * @param npsBefore          NPS of answers during observation, null without any
     * @param npsAfter           NPS of answers after, null without any
     * @param files              day files written
     * @param elapsedMillis      how long it took
     */
    public record Summary(Map<Kind, Long> records, long shipments, long controlShipments, long ticketsBefore, long ticketsAfter,
                          long wismoBefore, long wismoAfter, Map<String, Double> onTime, Double npsBefore, Double npsAfter,
                          int observationDays, int days, int files, long elapsedMillis) {

        public Summary {
            Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
            byKind.putAll(records);
            records = Collections.unmodifiableMap(byKind);
            onTime = Collections.unmodifiableMap(new TreeMap<>(onTime));
        }

        public long count(Kind kind) {
            return records.getOrDefault(kind, 0L);
        }

        public long total() {
            return records.values().stream().mapToLong(Long::longValue).sum();
        }

        public double ticketsPerWeekBefore() {
            return observationDays == 0 ? 0 : ticketsBefore * 7.0 / observationDays;
        }

        public double ticketsPerWeekAfter() {
            return days == observationDays ? 0 : ticketsAfter * 7.0 / (days - observationDays);
        }

        public double wismoShareBefore() {
            return ticketsBefore == 0 ? 0 : (double) wismoBefore / ticketsBefore;
        }

        public double wismoShareAfter() {
            return ticketsAfter == 0 ? 0 : (double) wismoAfter / ticketsAfter;
        }
    }

    /** Carriers and their share of ModaX's parcels (a market-like split: Yurtiçi and Aras lead, marketplaces' own next). */
    static final List<String> CARRIERS = List.of("yurtici", "aras", "mng", "surat", "ptt", "hepsijet", "trendyol-express", "amazon", "ups", "dhl");
    private static final double[] CARRIER_SHARE = {0.24, 0.18, 0.13, 0.08, 0.07, 0.09, 0.11, 0.04, 0.03, 0.03};
    /** Mean transit in working days after pick-up: same province, region, far (PTT slowest, the integrators fastest). */
    private static final double[][] TRANSIT = {
            {1.2, 1.7, 2.5}, {1.3, 1.9, 2.7}, {1.3, 2.0, 2.8}, {1.4, 2.1, 3.0}, {1.5, 2.3, 3.1},
            {1.1, 1.6, 2.4}, {1.1, 1.7, 2.5}, {1.0, 1.5, 2.3}, {1.1, 1.6, 2.3}, {1.0, 1.5, 2.2}};

    /** The 20 largest provinces, population in thousands (TÜİK ADNKS 2023, rounded); the other 61 share the rest. */
    static final Map<String, Integer> LARGEST_PROVINCES = orderedMap(
            "İstanbul", 15_656, "Ankara", 5_803, "İzmir", 4_479, "Bursa", 3_214, "Antalya", 2_697, "Konya", 2_320,
            "Adana", 2_238, "Şanlıurfa", 2_213, "Gaziantep", 2_165, "Kocaeli", 2_080, "Mersin", 1_916, "Diyarbakır", 1_818,
            "Hatay", 1_544, "Manisa", 1_475, "Kayseri", 1_442, "Samsun", 1_377, "Balıkesir", 1_273, "Tekirdağ", 1_167,
            "Aydın", 1_162, "Van", 1_128);
    /** Turkey's population in thousands (TÜİK 2023). */
    private static final int TURKEY_THOUSANDS = 85_372;

    /** Channels: share of customers, then the rates sent→delivered, delivered→opened, opened→clicked (SMS: delivered→clicked). */
    private record Channel(String name, double share, double delivered, double opened, double clicked) {
    }

    private static final List<Channel> CHANNELS = List.of(
            new Channel("email", 0.68, 0.97, 0.45, 0.22),
            new Channel("sms", 0.14, 0.96, 0.0, 0.09),
            new Channel("whatsapp", 0.12, 0.95, 0.85, 0.30),
            new Channel("push", 0.06, 0.90, 0.14, 0.85));

    /** Orders by weekday, Monday first: the weekend's orders ship on Monday. */
    private static final double[] ORDER_WEEKDAY = {1.30, 1.08, 1.00, 0.98, 0.95, 0.80, 0.89};
    /** Other tickets by weekday, Monday first. */
    private static final double[] TICKET_WEEKDAY = {1.25, 1.12, 1.05, 1.00, 0.95, 0.83, 0.80};
    /** Orders by hour of the day (Istanbul): night low, lunch and evening high. */
    private static final double[] ORDER_HOUR = {
            2.0, 1.2, 0.7, 0.4, 0.3, 0.3, 0.5, 1.0, 2.0, 3.0, 3.6, 4.0, 4.4, 4.2, 4.0, 4.0, 4.2, 4.4, 4.8, 5.4, 6.2, 6.6, 5.6, 3.6};

    /** Tickets that are not WISMO, per order: ModaX's 42% of 2,400 a week over its 25,000 orders a month (5,833 a week). */
    private static final double OTHER_TICKETS_PER_ORDER = 1_008 / (25_000 * 7 / 30.0);

    private final Config config;
    private final SplittableRandom random;
    private final BusinessCalendar calendar = BusinessCalendar.turkishCarriers();
    private final ControlGroup controlGroup;
    private final ProvinceCentres centres = ProvinceCentres.builtIn();
    private final List<ProvinceCentres.Centre> destinations;
    private final double[] destinationWeight;
    private final Instant windowStart, windowEnd, automation;
    private final Output out;

    // the month's figures, as generated
    private long shipments, controlShipments;
    private final Map<String, long[]> deliveredOnTime = new TreeMap<>();
    private final long[] npsBefore = new long[3], npsAfter = new long[3];

    private SimulatedMonth(Config config, Output out) {
        this.config = config;
        this.out = out;
        this.random = new SplittableRandom(config.seed());
        this.controlGroup = ControlGroup.percent(config.controlPercent());
        this.windowStart = config.start().atStartOfDay(ISTANBUL).toInstant();
        this.windowEnd = config.start().plusDays(config.days()).atStartOfDay(ISTANBUL).toInstant();
        this.automation = config.automationStart().atStartOfDay(ISTANBUL).toInstant();
        this.destinations = centres.all();
        int others = destinations.size() - LARGEST_PROVINCES.size();
        double rest = (double) (TURKEY_THOUSANDS - LARGEST_PROVINCES.values().stream().mapToInt(Integer::intValue).sum()) / others;
        this.destinationWeight = new double[destinations.size()];
        LARGEST_PROVINCES.keySet().forEach(p -> centres.ofProvince(p).orElseThrow(() -> new IllegalStateException("no province " + p)));
        for (int i = 0; i < destinations.size(); i++) {
            destinationWeight[i] = LARGEST_PROVINCES.getOrDefault(destinations.get(i).province(), (int) Math.round(rest));
        }
    }

    /** Writes the month under {@code dir} (files of the same name are replaced) and says what it wrote. */
    public static Summary write(Path dir, Config config) throws IOException {
        long started = System.nanoTime();
        try (Output out = new Output(dir, config)) {
            SimulatedMonth month = new SimulatedMonth(config, out);
            try {
                month.run();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            out.close();
            Map<String, Double> onTime = new TreeMap<>();
            month.deliveredOnTime.forEach((carrier, c) -> onTime.put(carrier, c[0] == 0 ? 0 : (double) c[1] / c[0]));
            return new Summary(out.counts, month.shipments, month.controlShipments, out.ticketsBefore, out.ticketsAfter, out.wismoBefore,
                    out.wismoAfter, onTime, nps(month.npsBefore), nps(month.npsAfter), config.observationDays(), config.days(), out.writers.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static Double nps(long[] c) {
        long n = c[0] + c[1] + c[2];
        return n == 0 ? null : 100.0 * (c[0] - c[2]) / n;
    }

    private void run() {
        // the week before: the same daily volume, its records before the month left out by the output's window
        int[] warmUp = perDay(Math.round((double) config.orders() * WARM_UP_DAYS / config.days()), config.start().minusDays(WARM_UP_DAYS), WARM_UP_DAYS,
                ORDER_WEEKDAY);
        for (int d = 0; d < WARM_UP_DAYS; d++) {
            LocalDate day = config.start().minusDays(WARM_UP_DAYS - d);
            for (int i = 0; i < warmUp[d]; i++) {
                order("MX-W" + (d * 10_000 + i), placedAt(day), false);
            }
        }
        int[] perDay = perDay(config.orders(), config.start(), config.days(), ORDER_WEEKDAY);
        int number = 100_000;
        for (int d = 0; d < config.days(); d++) {
            LocalDate day = config.start().plusDays(d);
            for (int i = 0; i < perDay[d]; i++) {
                order("MX-" + number++, placedAt(day), true);
            }
        }
        int[] otherTickets = perDay(Math.round(OTHER_TICKETS_PER_ORDER * config.orders()), config.start(), config.days(), TICKET_WEEKDAY);
        for (int d = 0; d < config.days(); d++) {
            LocalDate day = config.start().plusDays(d);
            for (int i = 0; i < otherTickets[d]; i++) {
                // a third name an order of the last two weeks (a return, an invoice, an exchange)
                int back = random.nextInt(14);
                String order = random.nextDouble() < 0.33 && d - back >= 0
                        ? "MX-" + (100_000 + cumulative(perDay, d - back) + random.nextInt(Math.max(1, perDay[d - back])))
                        : null;
                ticket("ZD-O" + day + "-" + i, at(day, 8, 23), false, null, order == null ? null : AnalyticsRecord.orderKey(order));
            }
        }
    }

    private static int cumulative(int[] perDay, int upTo) {
        int n = 0;
        for (int i = 0; i < upTo; i++) {
            n += perDay[i];
        }
        return n;
    }

    /** {@code total} spread over the days by weekday weights, largest remainders rounded up: exactly {@code total}. */
    private static int[] perDay(long total, LocalDate first, int days, double[] weekday) {
        double[] w = new double[days];
        double sum = 0;
        for (int d = 0; d < days; d++) {
            w[d] = weekday[first.plusDays(d).getDayOfWeek().getValue() - 1];
            sum += w[d];
        }
        int[] n = new int[days];
        double[] remainder = new double[days];
        long given = 0;
        for (int d = 0; d < days; d++) {
            double exact = total * w[d] / sum;
            n[d] = (int) Math.floor(exact);
            remainder[d] = exact - n[d];
            given += n[d];
        }
        while (given < total) {
            int best = 0;
            for (int d = 1; d < days; d++) {
                if (remainder[d] > remainder[best]) {
                    best = d;
                }
            }
            n[best]++;
            remainder[best] = -1;
            given++;
        }
        return n;
    }

    private Instant placedAt(LocalDate day) {
        int hour = pick(ORDER_HOUR);
        return day.atStartOfDay(ISTANBUL).toInstant().plusSeconds(hour * 3600L + random.nextInt(3600));
    }

    /** A made-up tracking number in the carrier's usual shape; only its pseudonym and control bucket leave the simulation. */
    static String trackingNumber(String carrier, String orderId) {
        long n = Math.floorMod((long) orderId.hashCode() * 2_654_435_761L, 1_000_000_000L);
        return switch (carrier) {
            case "ups" -> String.format("1Z%06dX%09d", Math.floorMod(orderId.hashCode(), 1_000_000), n);
            case "dhl" -> String.format("JD%09d%d", n, orderId.length());
            case "ptt" -> String.format("KP%09dTR", n);
            case "amazon" -> String.format("TBA%012d", n);
            default -> String.format("%s%09d", carrier.substring(0, 2).toUpperCase(), n);
        };
    }

    private enum Distance { SAME, REGION, FAR }

    /** One event of a parcel's journey. */
    private record Step(Instant at, String status, String reason, LocalDate estimate) {
    }

    private void order(String orderId, Instant placed, boolean counted) {
        SplittableRandom r = random.split();
        double s = r.nextDouble();
        String source = s < 0.40 ? "web" : s < 0.75 ? "trendyol" : "hepsiburada";
        String carrier;
        if (source.equals("trendyol") && r.nextDouble() < 0.20) {
            carrier = "trendyol-express";
        } else if (source.equals("hepsiburada") && r.nextDouble() < 0.20) {
            carrier = "hepsijet";
        } else {
            carrier = CARRIERS.get(pick(r, CARRIER_SHARE));
        }
        int carrierIndex = CARRIERS.indexOf(carrier);
        String trackingNumber = trackingNumber(carrier, orderId);
        boolean control = controlGroup.holdsOut(carrier, trackingNumber);
        String shipment = AnalyticsRecord.shipmentKey(carrier, trackingNumber);
        String order = AnalyticsRecord.orderKey(orderId);
        ProvinceCentres.Centre origin = centres.ofProvince(r.nextDouble() < 0.85 ? "İstanbul" : "Ankara").orElseThrow();
        ProvinceCentres.Centre destination = destinations.get(pick(r, destinationWeight));
        Distance distance = origin.equals(destination) ? Distance.SAME : km(origin, destination) < REGION_KM ? Distance.REGION : Distance.FAR;
        double expressShare = carrier.equals("ups") || carrier.equals("dhl") ? 0.35 : carrier.equals("amazon") ? 0.15 : 0.06;
        boolean express = r.nextDouble() < expressShare;

        LocalDate placedDay = LocalDate.ofInstant(placed, ISTANBUL);
        boolean sameDay = calendar.isWorkingDay(placedDay) && placed.atZone(ISTANBUL).getHour() < 14;
        LocalDate shipDay = sameDay ? placedDay : calendar.workingDaysAfter(placedDay, 1).get(0);
        LocalDate promised = workingDay(shipDay, express ? (distance == Distance.FAR ? 2 : 1) : 3);
        boolean notified = !control && !placed.isBefore(automation);
        if (counted) {
            shipments++;
            if (control) {
                controlShipments++;
            }
        }
        emit(AnalyticsRecord.of(Kind.SHIPMENT, placed).brand(config.brand()).shipment(shipment).order(order).carrier(carrier)
                .service(express ? "express" : "standard").origin(origin.province()).destination(destination.province())
                .promisedDate(promised).control(control).source(source).once(shipment));

        if (r.nextDouble() < (notified ? 0.018 : 0.02)) {
            Instant cancelled = placed.plus(minutes(r, 30, 8 * 60));
            emit(AnalyticsRecord.of(Kind.ORDER_OUTCOME, cancelled).brand(config.brand()).order(order).shipment(shipment).status("cancelled")
                    .source(source).once(order, "cancelled"));
            return;
        }

        // the journey
        List<Step> steps = new ArrayList<>();
        // the warehouse prints the label the same morning, or soon after a later order of that day
        Instant label = sameDay ? max(placed.plus(minutes(r, 20, 90)), at(r, shipDay, 9, 13)) : at(r, shipDay, 9, 13);
        steps.add(new Step(label, "label_created", null, null));
        double mean = TRANSIT[carrierIndex][distance.ordinal()];
        if (express) {
            mean = Math.max(0.9, mean - 0.8);
        }
        int transit = Math.max(1, (int) Math.round(mean + 0.55 * r.nextGaussian()));
        if (r.nextDouble() < 0.07) {
            transit += r.nextDouble() < 0.7 ? 1 : 2; // the tail: a missed line haul, a busy hub
        }
        int padding = r.nextDouble() < 0.6 ? 1 : r.nextDouble() < 0.75 ? 0 : 2;
        LocalDate estimate = workingDay(shipDay, (int) Math.ceil(mean) + padding);
        Instant pickUp = at(r, shipDay, 17, 22);
        steps.add(new Step(pickUp, "in_transit", null, estimate));
        LocalDate deliveryDay = workingDay(shipDay, transit);
        boolean delayed = r.nextDouble() < (distance == Distance.FAR ? 0.10 : 0.06);
        if (delayed) {
            steps.add(new Step(at(r, deliveryDay, 7, 10), "delayed", r.nextDouble() < 0.3 ? "weather" : "other", null));
            deliveryDay = workingDay(deliveryDay, 1 + r.nextInt(3));
        }
        int hubs = distance == Distance.SAME ? 0 : distance == Distance.REGION ? 1 : 1 + r.nextInt(2);
        for (int h = 0; h < hubs; h++) {
            // between pick-up and the delivery morning: the night's line haul
            long span = Duration.between(pickUp, deliveryDay.atStartOfDay(ISTANBUL).toInstant().plusSeconds(6 * 3600)).getSeconds();
            steps.add(new Step(pickUp.plusSeconds((long) (span * (h + 1.0) / (hubs + 1) + r.nextInt(1800))), "in_transit", null, null));
        }
        boolean failed = r.nextDouble() < 0.05;
        boolean returned = false;
        Instant end;
        steps.add(new Step(at(r, deliveryDay, 7.5, 10.5), "out_for_delivery", null, null));
        if (failed) {
            double why = r.nextDouble();
            steps.add(new Step(at(r, deliveryDay, 12, 18), "failed_attempt", why < 0.7 ? "recipient_absent" : why < 0.9 ? "address_problem" : "business_closed", null));
            deliveryDay = workingDay(deliveryDay, 1);
            steps.add(new Step(at(r, deliveryDay, 7.5, 10.5), "out_for_delivery", null, null));
            if (r.nextDouble() < 0.2) {
                steps.add(new Step(at(r, deliveryDay, 12, 18), "failed_attempt", "recipient_absent", null));
                deliveryDay = workingDay(deliveryDay, 1);
                if (r.nextDouble() < 0.5) {
                    returned = true;
                    steps.add(new Step(at(r, deliveryDay, 9, 18), "return_in_transit", "refused", null));
                    deliveryDay = workingDay(deliveryDay, 2 + r.nextInt(3));
                    steps.add(new Step(at(r, deliveryDay, 10, 17), "returned_to_sender", "refused", null));
                } else {
                    steps.add(new Step(at(r, deliveryDay, 7.5, 10.5), "out_for_delivery", null, null));
                }
            }
        }
        if (!returned) {
            steps.add(new Step(at(r, deliveryDay, 11, 19.5), "delivered", null, null));
        }
        steps.sort((a, b) -> a.at().compareTo(b.at()));
        end = steps.get(steps.size() - 1).at();
        boolean late = returned || deliveryDay.isAfter(promised);
        if (counted && !returned && end.isBefore(windowEnd)) {
            long[] c = deliveredOnTime.computeIfAbsent(carrier, k -> new long[2]);
            c[0]++;
            if (!late) {
                c[1]++;
            }
        }

        Map<String, Integer> occurrences = new TreeMap<>();
        Channel channel = CHANNELS.get(pick(r, CHANNELS.stream().mapToDouble(Channel::share).toArray()));
        String variant = r.nextDouble() < 0.5 ? "A" : "B";
        boolean optedOut = false;
        Instant deliveredMessage = null;
        for (Step step : steps) {
            int n = occurrences.merge(step.status(), 1, Integer::sum);
            emit(AnalyticsRecord.of(Kind.TRACKING_EVENT, step.at()).brand(config.brand()).shipment(shipment).carrier(carrier).status(step.status())
                    .reason(step.reason()).estimateDate(step.estimate()).id(shipment, step.status(), Integer.toString(n)));
            String intent = intentOf(step, n);
            if (intent == null || step.at().isBefore(automation)) {
                continue;
            }
            String message = AnalyticsRecord.messageKey(orderId + ":" + intent);
            Instant sent = step.at().plus(minutes(r, 1, 6));
            String v = intent.equals("delivered") ? variant : null;
            if (control) {
                emit(message(sent, shipment, message, channel.name(), intent, null, "held_out"));
                continue;
            }
            if (optedOut) {
                emit(message(sent, shipment, message, channel.name(), intent, v, "suppressed"));
                continue;
            }
            emit(message(sent, shipment, message, channel.name(), intent, v, "sent"));
            if (r.nextDouble() >= channel.delivered()) {
                emit(message(sent.plusSeconds(20 + r.nextInt(600)), shipment, message, channel.name(), intent, v, "failed"));
                continue;
            }
            Instant delivered = sent.plusSeconds(2 + r.nextInt(40));
            emit(message(delivered, shipment, message, channel.name(), intent, v, "delivered"));
            if (intent.equals("delivered")) {
                deliveredMessage = delivered;
            }
            Instant read = delivered;
            if (channel.opened() > 0) {
                if (r.nextDouble() >= channel.opened()) {
                    continue;
                }
                read = delivered.plusSeconds((long) Math.min(20 * 3600, Math.exp(Math.log(40 * 60) + 1.3 * r.nextGaussian())));
                emit(message(read, shipment, message, channel.name(), intent, v, "opened"));
            }
            double click = channel.clicked() * (intent.equals("delivered") && variant.equals("B") ? 1.2 : 1.0);
            if (r.nextDouble() >= click) {
                continue;
            }
            Instant clicked = channel.opened() > 0 ? read.plusSeconds(3 + r.nextInt(180))
                    : delivered.plusSeconds((long) Math.min(20 * 3600, Math.exp(Math.log(30 * 60) + 1.3 * r.nextGaussian())));
            emit(message(clicked, shipment, message, channel.name(), intent, v, "clicked"));
            Instant view = clicked.plusSeconds(2 + r.nextInt(15));
            emit(pageView(view, shipment, "tracking", channel.name()));
            if (intent.equals("shipped") && view.isBefore(end)) {
                double act = r.nextDouble();
                if (act < 0.02) {
                    selfService(view.plusSeconds(20 + r.nextInt(100)), shipment, "address", "address_changed", channel.name());
                } else if (act < 0.06) {
                    selfService(view.plusSeconds(20 + r.nextInt(100)), shipment, "delivery_day", "delivery_day_chosen", channel.name());
                } else if (act < 0.065) {
                    selfService(view.plusSeconds(20 + r.nextInt(100)), shipment, "preferences", "opted_out", channel.name());
                    optedOut = true;
                }
            }
        }
        if (r.nextDouble() < 0.12) {
            // the merchant's own order page links the tracking page: a view without a message
            emit(pageView(between(r, pickUp, end), shipment, "tracking", null));
        }

        // the delivery-day survey
        if (!returned) {
            Instant deliveredAt = end;
            Instant answered = null;
            if (deliveredMessage != null && r.nextDouble() < 0.205) {
                answered = deliveredMessage.plusSeconds((long) Math.min(30 * 3600, Math.exp(Math.log(25 * 60) + 1.2 * r.nextGaussian())));
                emit(pageView(answered.minusSeconds(15 + r.nextInt(40)), shipment, "survey", channel.name()));
            } else if (deliveredAt.isBefore(automation) && r.nextDouble() < 0.04) {
                answered = deliveredAt.plus(minutes(r, 60, 36 * 60)); // the merchant's own post-delivery e-mail
            }
            if (answered != null) {
                boolean after = !answered.isBefore(automation);
                double ramp = after ? Math.min(1.0, Duration.between(automation, answered).toHours() / (10 * 24.0)) : 0;
                boolean bad = late || failed || delayed;
                double promoter = bad ? 0.30 + 0.08 * ramp : 0.66 + 0.05 * ramp;
                double detractor = bad ? 0.45 - 0.10 * ramp : 0.11 - 0.03 * ramp;
                double u = r.nextDouble();
                int score;
                int group;
                if (u < promoter) {
                    score = r.nextDouble() < 0.55 ? 10 : 9;
                    group = 0;
                } else if (u < promoter + detractor) {
                    double d = r.nextDouble();
                    score = d < 0.35 ? 6 : d < 0.6 ? 5 : d < 0.75 ? 4 : d < 0.85 ? 3 : r.nextInt(3);
                    group = 2;
                } else {
                    score = r.nextDouble() < 0.55 ? 8 : 7;
                    group = 1;
                }
                if (emit(AnalyticsRecord.of(Kind.SURVEY, answered).brand(config.brand()).shipment(shipment).score(score).once(shipment))) {
                    (after ? npsAfter : npsBefore)[group]++;
                }
            }
            // returns: a few days after delivery, fewer when the customer knew what came when
            if (r.nextDouble() < (notified ? 0.07 : 0.08)) {
                emit(AnalyticsRecord.of(Kind.ORDER_OUTCOME, deliveredAt.plus(Duration.ofDays(2 + r.nextInt(11))).plus(minutes(r, 0, 600)))
                        .brand(config.brand()).order(order).shipment(shipment).status("returned").source(source).once(order, "returned"));
            }
        }

        // "where is my order?": while waiting, or when the promise passes; much less often for a notified parcel
        double wismo = (late || failed || delayed) ? 0.48 : 0.18;
        if (notified) {
            wismo *= 0.4;
        }
        if (r.nextDouble() < wismo) {
            Instant asked;
            if (late && r.nextDouble() < 0.7) {
                asked = at(r, workingDay(promised, r.nextInt(2)), 9, 22);
            } else {
                asked = between(r, placed.plus(Duration.ofHours(20)), max(end, placed.plus(Duration.ofHours(30))));
            }
            asked = awake(asked, r);
            double link = r.nextDouble();
            ticket("ZD-" + orderId, asked, true, link < 0.80 ? shipment : null, link < 0.88 ? order : null);
        }
    }

    /** The message a step tells, by the default rules: shipped at pick-up, the first out for delivery, delivered. */
    private static String intentOf(Step step, int occurrence) {
        return switch (step.status()) {
            case "in_transit" -> occurrence == 1 ? "shipped" : null;
            case "out_for_delivery" -> occurrence == 1 ? "out_for_delivery" : null;
            case "delivered" -> "delivered";
            default -> null;
        };
    }

    private AnalyticsRecord message(Instant at, String shipment, String message, String channel, String intent, String variant, String state) {
        return AnalyticsRecord.of(Kind.MESSAGE, at).brand(config.brand()).shipment(shipment).message(message).channel(channel).intent(intent)
                .variant(variant).state(state).once(message, channel, state);
    }

    private AnalyticsRecord pageView(Instant at, String shipment, String page, String channel) {
        return AnalyticsRecord.of(Kind.PAGE_VIEW, at).brand(config.brand()).shipment(shipment).state(page).channel(channel).id(shipment, page);
    }

    private void selfService(Instant at, String shipment, String page, String action, String channel) {
        emit(pageView(at.minusSeconds(10 + random.nextInt(30)), shipment, page, channel));
        emit(AnalyticsRecord.of(Kind.SELF_SERVICE, at).brand(config.brand()).shipment(shipment).state(action).id(shipment, action));
    }

    /** A ticket's steps: created, the first response (lognormal, 7 h median before the messages, 2 h after), mostly solved. */
    private void ticket(String id, Instant created, boolean wismo, String shipment, String order) {
        String ticket = AnalyticsRecord.ticketKey("zendesk", id);
        emit(AnalyticsRecord.of(Kind.TICKET, created).brand(config.brand()).ticket(ticket).source("zendesk").state("created").wismo(wismo)
                .shipment(shipment).order(order).once(ticket, "created"));
        boolean after = !created.isBefore(automation);
        double median = after ? 2 : 7;
        double sigma = after ? 0.86 : 0.82; // p90 ≈ 6 h after, ≈ 20 h before
        double hours = Math.min(96, Math.exp(Math.log(median) + sigma * random.nextGaussian()));
        Instant first = created.plusSeconds((long) (hours * 3600));
        emit(AnalyticsRecord.of(Kind.TICKET, first).brand(config.brand()).ticket(ticket).source("zendesk").state("first_response")
                .shipment(shipment).order(order).once(ticket, "first_response"));
        if (random.nextDouble() < 0.85) {
            Instant solved = first.plusSeconds((long) (Math.exp(Math.log(3) + 1.0 * random.nextGaussian()) * 3600));
            emit(AnalyticsRecord.of(Kind.TICKET, solved).brand(config.brand()).ticket(ticket).source("zendesk").state("solved")
                    .shipment(shipment).order(order).once(ticket, "solved"));
        }
    }

    /** Writes the record when it falls in the month; whether it did. */
    private boolean emit(AnalyticsRecord record) {
        return out.write(record);
    }

    private LocalDate workingDay(LocalDate after, int n) {
        return n == 0 ? after : calendar.workingDaysAfter(after, n).get(n - 1);
    }

    private Instant at(LocalDate day, double fromHour, double toHour) {
        return at(random, day, fromHour, toHour);
    }

    private static Instant at(SplittableRandom r, LocalDate day, double fromHour, double toHour) {
        long from = (long) (fromHour * 3600);
        long to = (long) (toHour * 3600);
        return day.atStartOfDay(ISTANBUL).toInstant().plusSeconds(from + r.nextLong(to - from));
    }

    /** People write tickets awake: a time in the night moves to the morning. */
    private static Instant awake(Instant at, SplittableRandom r) {
        int hour = at.atZone(ISTANBUL).getHour();
        if (hour < 7) {
            return at(r, LocalDate.ofInstant(at, ISTANBUL), 8, 11);
        }
        return at;
    }

    private static Instant between(SplittableRandom r, Instant from, Instant to) {
        long span = Duration.between(from, to).getSeconds();
        return span <= 0 ? from : from.plusSeconds(r.nextLong(span));
    }

    private static Duration minutes(SplittableRandom r, int from, int to) {
        return Duration.ofSeconds(from * 60L + r.nextLong((to - from) * 60L));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private int pick(double[] weights) {
        return pick(random, weights);
    }

    private static int pick(SplittableRandom r, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double u = r.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Great-circle distance of two provinces' centres. */
    private static double km(ProvinceCentres.Centre a, ProvinceCentres.Centre b) {
        double la1 = Math.toRadians(a.latitude()), la2 = Math.toRadians(b.latitude());
        double dLa = la2 - la1, dLo = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLa / 2) * Math.sin(dLa / 2) + Math.cos(la1) * Math.cos(la2) * Math.sin(dLo / 2) * Math.sin(dLo / 2);
        return 2 * 6371 * Math.asin(Math.sqrt(h));
    }

    private static Map<String, Integer> orderedMap(Object... pairs) {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The day files, opened as records reach them; only the month's records are written. */
    private static final class Output implements AutoCloseable {
        private final Path dir;
        private final Instant from, to;
        private final Instant automation;
        private final Map<LocalDate, BufferedWriter> writers = new TreeMap<>();
        private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        private long ticketsBefore, ticketsAfter, wismoBefore, wismoAfter;
        private boolean closed;

        Output(Path dir, Config config) throws IOException {
            this.dir = Files.createDirectories(dir);
            this.from = config.start().atStartOfDay(ISTANBUL).toInstant();
            this.to = config.start().plusDays(config.days()).atStartOfDay(ISTANBUL).toInstant();
            this.automation = config.automationStart().atStartOfDay(ISTANBUL).toInstant();
        }

        boolean write(AnalyticsRecord record) {
            Instant at = record.occurredAt();
            if (at.isBefore(from) || !at.isBefore(to)) {
                return false;
            }
            LocalDate utcDay = LocalDate.ofInstant(at, ZoneOffset.UTC);
            try {
                BufferedWriter w = writers.get(utcDay);
                if (w == null) {
                    Path day = Files.createDirectories(dir.resolve("dt=" + utcDay));
                    w = Files.newBufferedWriter(day.resolve(FILE), StandardCharsets.UTF_8);
                    writers.put(utcDay, w);
                }
                w.write(AnalyticsJson.line(record));
                w.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            counts.merge(record.kind(), 1L, Long::sum);
            if (record.kind() == Kind.TICKET && "created".equals(record.state())) {
                boolean wismo = Boolean.TRUE.equals(record.wismo());
                if (at.isBefore(automation)) {
                    ticketsBefore++;
                    wismoBefore += wismo ? 1 : 0;
                } else {
                    ticketsAfter++;
                    wismoAfter += wismo ? 1 : 0;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            IOException first = null;
            for (BufferedWriter w : writers.values()) {
                try {
                    w.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
