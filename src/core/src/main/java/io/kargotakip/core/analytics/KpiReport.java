package io.kargotakip.core.analytics;

import io.kargotakip.core.rules.TwoProportions;

import java.time.LocalDate;
import java.util.List;

/**
 * The KPIs of one brand over one period, as the KPI SQL answers them (the same on Athena and in the local engine): what
 * the HTML report, the weekly e-mail and the ROI read. Rates are derived here, never stored, so an empty period is
 * zeros and nulls rather than a division by zero.
 *
 * @param from            first day of the period (brand's time zone), inclusive
 * @param to              last day, inclusive
 * @param automationStart the day proactive notifications started (the first message sent), null when none was
 */
public record KpiReport(String brand, LocalDate from, LocalDate to, LocalDate automationStart, List<WismoWeek> wismoWeeks,
                        FirstResponse firstResponseBefore, FirstResponse firstResponseAfter, Nps nps,
                        List<CarrierSla> carriers, List<LaneSla> lanes, List<OutcomeWeek> outcomes,
                        List<ChannelFunnel> channels, List<VariantFunnel> variants, Deflection deflection, Pages pages) {

    /** Without the tracking page's figures. */
    public KpiReport(String brand, LocalDate from, LocalDate to, LocalDate automationStart, List<WismoWeek> wismoWeeks,
                     FirstResponse firstResponseBefore, FirstResponse firstResponseAfter, Nps nps, List<CarrierSla> carriers,
                     List<LaneSla> lanes, List<OutcomeWeek> outcomes, List<ChannelFunnel> channels, List<VariantFunnel> variants,
                     Deflection deflection) {
        this(brand, from, to, automationStart, wismoWeeks, firstResponseBefore, firstResponseAfter, nps, carriers, lanes, outcomes,
                channels, variants, deflection, Pages.NONE);
    }

    /** The period's days, both ends counted. */
    public long days() {
        return java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
    }

    public KpiReport {
        pages = pages == null ? Pages.NONE : pages;
        wismoWeeks = List.copyOf(wismoWeeks);
        carriers = List.copyOf(carriers);
        lanes = List.copyOf(lanes);
        outcomes = List.copyOf(outcomes);
        channels = List.copyOf(channels);
        variants = List.copyOf(variants);
    }

    /** Of one week (Monday): shipments registered, tickets opened, of them WISMO. */
    public record WismoWeek(LocalDate week, long shipments, long tickets, long wismoTickets) {
        /** WISMO contacts per 1,000 shipments; null without shipments. */
        public Double perThousandShipments() {
            return shipments == 0 ? null : 1000.0 * wismoTickets / shipments;
        }

        /** WISMO tickets' share of all tickets; null without tickets. */
        public Double shareOfTickets() {
            return tickets == 0 ? null : (double) wismoTickets / tickets;
        }
    }

    /** First response time of the tickets opened in a part of the period; minutes, null when no ticket was answered. */
    public record FirstResponse(long tickets, long answered, Double medianMinutes, Double p90Minutes) {
    }

    /** The delivery-day survey: answers 0–10 (promoters 9–10, detractors 0–6), and the shipments delivered that could answer. */
    public record Nps(long delivered, long responses, long promoters, long passives, long detractors) {
        /** Net promoter score, −100 to 100; null without answers. */
        public Double score() {
            return responses == 0 ? null : 100.0 * (promoters - detractors) / responses;
        }

        public Double responseRate() {
            return delivered == 0 ? null : (double) responses / delivered;
        }
    }

    /**
     * A carrier's deliveries in the period against their promise (the merchant's promised date, else the carrier's first
     * estimate): on time, or late by 1, 2, 3 or more days.
     */
    public record CarrierSla(String carrier, long delivered, long withPromise, long onTime, long late1, long late2, long late3Plus) {
        /** Share delivered by the promise, of those with one; null when none had a promise. */
        public Double onTimeRate() {
            return withPromise == 0 ? null : (double) onTime / withPromise;
        }
    }

    /** The same per lane (sending and receiving province; null when the merchant did not give them). */
    public record LaneSla(String carrier, String origin, String destination, long delivered, long withPromise, long onTime) {
        public Double onTimeRate() {
            return withPromise == 0 ? null : (double) onTime / withPromise;
        }
    }

    /** Of one week: shipments registered, and orders returned and cancelled. */
    public record OutcomeWeek(LocalDate week, long shipments, long returned, long cancelled) {
        public Double returnRate() {
            return shipments == 0 ? null : (double) returned / shipments;
        }

        public Double cancelRate() {
            return shipments == 0 ? null : (double) cancelled / shipments;
        }
    }

    /** Messages of one channel: sent, and of them delivered, opened, clicked (distinct messages); failed to send. */
    public record ChannelFunnel(String channel, long sent, long delivered, long opened, long clicked, long failed) {
    }

    /** Messages of one kind and template variant: the A/B report's funnel. */
    public record VariantFunnel(String intent, String variant, long sent, long delivered, long opened, long clicked) {
    }

    /** The tracking page in the period: views, the shipments viewed, clicks on its support and upsell links. */
    public record Pages(long views, long shipmentsViewed, long supportClicks, long upsellClicks) {
        public static final Pages NONE = new Pages(0, 0, 0, 0);
    }

    /**
     * Calls prevented. With a control group: the WISMO contact rate of the control shipments (no proactive messages)
     * against the others', the difference and its 95% interval ({@code test}: control first, so a negative difference is
     * contacts prevented). Without one, the brief's estimate: shipments notified whose tracking page was viewed and that
     * had no WISMO contact within {@code windowDays} — an estimate, and said so.
     *
     * @param test null without a control group, or when an arm is empty
     */
    public record Deflection(boolean measured, long controlShipments, long controlWismo, long treatedShipments,
                             long treatedWismo, TwoProportions test, long notified, long viewed, long viewedNoContact,
                             int windowDays) {

        public Double controlRate() {
            return controlShipments == 0 ? null : (double) controlWismo / controlShipments;
        }

        public Double treatedRate() {
            return treatedShipments == 0 ? null : (double) treatedWismo / treatedShipments;
        }

        /** Contacts prevented among the treated shipments, measured: (control rate − treated rate) × treated; null unmeasured. */
        public Double preventedContacts() {
            return test == null ? null : -test.difference() * treatedShipments;
        }

        /** The relative reduction of the WISMO contact rate (0.6 = −60%); null unmeasured or when the control had none. */
        public Double relativeReduction() {
            Double c = controlRate();
            Double t = treatedRate();
            return test == null || c == null || t == null || c == 0 ? null : (c - t) / c;
        }
    }
}
