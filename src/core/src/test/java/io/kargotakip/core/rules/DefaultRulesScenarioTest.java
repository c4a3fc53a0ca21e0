package io.kargotakip.core.rules;

import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kargotakip.core.rules.Contexts.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Every example of the brief, as the shipped default rules decide it, on a fixed clock (Istanbul times). */
class DefaultRulesScenarioTest {

    private final RuleEngine engine = new RuleEngine(RulesLoader.defaults());

    private List<Decision> decide(RuleContext c) {
        return engine.evaluate(c);
    }

    private static List<String> fired(List<Decision> decisions) {
        return decisions.stream().map(Decision::ruleId).toList();
    }

    private static Decision.Send onlySend(List<Decision> decisions) {
        List<Decision.Send> sends = decisions.stream().flatMap(d -> d.sends().stream()).toList();
        assertThat(sends).hasSize(1);
        return sends.get(0);
    }

    // ---- quiet hours (section 4): the sender's policy, by which the engine times each channel

    @Test
    void quietHoursHoldTheSmsOfAShipmentAt23UntilEightButNotTheEmail() {
        Contexts c = new Contexts();
        c.consent = Consent.of(Map.of("email", false, "whatsapp", false, "sms", true), Instant.parse("2026-11-01T00:00:00Z"));
        Decision.Send send = onlySend(decide(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T23:00", "2026-12-01T23:00")));

        assertThat(send.kind()).isEqualTo("shipped");
        assertThat(send.steps()).extracting(Decision.Step::channel).containsExactly("email", "whatsapp", "sms");
        Decision.Step email = send.steps().get(0);
        assertThat(email.heldUntil()).isNull();
        assertThat(email.reachable()).isFalse();
        Decision.Step sms = send.steps().get(2);
        assertThat(sms.reachable()).isTrue();
        assertThat(sms.heldUntil()).isEqualTo(at("2026-12-02T08:00"));
        assertThat(sms.at()).isEqualTo(at("2026-12-02T08:00"));
    }

    @Test
    void quietHoursLetACriticalStatusGoAsWhatsAppAtNightButNeverAsSms() {
        Contexts c = new Contexts();
        Decision.Send send = onlySend(decide(c.change(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT,
                "2026-12-01T22:30", "2026-12-01T22:30")));

        Decision.Step whatsapp = send.steps().get(1);
        assertThat(whatsapp.channel()).isEqualTo("whatsapp");
        assertThat(whatsapp.at()).isEqualTo(at("2026-12-02T00:30"));
        assertThat(whatsapp.heldUntil()).isNull();
        Decision.Step sms = send.steps().get(2);
        assertThat(sms.at()).isEqualTo(at("2026-12-02T08:00"));
        assertThat(sms.heldUntil()).isNotNull();
    }

    // ---- VIP: from the 2nd failed attempt, live support (ticket + message with the support link)

    @Test
    void aVipsSecondFailedAttemptOpensATicketAndSendsTheSupportLinkInsteadOfThePlainMessage() {
        Contexts c = new Contexts();
        c.segments = Set.of("vip");
        c.event(TrackingStatus.OUT_FOR_DELIVERY, null, "2026-12-01T09:00");
        c.event(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-01T14:00");
        c.event(TrackingStatus.OUT_FOR_DELIVERY, null, "2026-12-02T09:00");
        List<Decision> d = decide(c.change(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-02T14:10", "2026-12-02T14:11"));

        assertThat(fired(d)).containsExactly("vip_failed_attempt_support");
        Decision.Ticket ticket = (Decision.Ticket) d.get(0).outcomes().get(0);
        assertThat(ticket.priority()).isEqualTo("high");
        assertThat(ticket.url()).as("the shipped rules name no helpdesk: the environment's").isNull();
        assertThat(ticket.subject()).contains("attempt 2").doesNotContain("Ayşe");
        Decision.Send send = onlySend(d);
        assertThat(send.kind()).isEqualTo("vip_support");
        assertThat(send.links()).containsExactly("support", "reschedule");
        assertThat(send.occurrenceKey()).isEqualTo("ups:1Z999AA10123456784/vip_failed_attempt_support/attempt=2");
        assertThat(send.due()).isEqualTo(at("2026-12-02T14:11"));
    }

    @Test
    void aVipsFirstFailedAttemptIsThePlainMessage() {
        Contexts c = new Contexts();
        c.segments = Set.of("vip");
        List<Decision> d = decide(c.change(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-01T14:00", "2026-12-01T14:01"));

        assertThat(fired(d)).containsExactly("failed_attempt");
        assertThat(onlySend(d).occurrenceKey()).endsWith("/failed_attempt/attempt=1");
        assertThat(d.get(0).outcomes()).noneMatch(Decision.Ticket.class::isInstance);
    }

    @Test
    void aSecondFailedAttemptOfACustomerWhoIsNotVipOpensNoTicket() {
        Contexts c = new Contexts();
        c.event(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-01T14:00");
        List<Decision> d = decide(c.change(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-02T14:00", "2026-12-02T14:01"));

        assertThat(fired(d)).containsExactly("failed_attempt");
        assertThat(onlySend(d).occurrenceKey()).endsWith("/failed_attempt/attempt=2");
    }

    // ---- COD: on the delivery day's morning the amount and POS information, and a confirmation

    @Test
    void aCashOnDeliveryParcelOutForDeliveryAtSevenIsToldAtEightWithTheConfirmationLink() {
        Contexts c = new Contexts();
        c.codAmount = new BigDecimal("749.90");
        List<Decision> d = decide(c.change(TrackingStatus.OUT_FOR_DELIVERY, null, "2026-12-02T07:10", "2026-12-02T07:11"));

        assertThat(fired(d)).containsExactly("cod_out_for_delivery");
        Decision.Send send = onlySend(d);
        assertThat(send.kind()).isEqualTo("cod_delivery_day");
        assertThat(send.distinct()).as("once per day: the morning's message of the same day has the same id").isEqualTo("day=2026-12-02");
        assertThat(send.links()).containsExactly("cod_confirmation");
        assertThat(send.due()).isEqualTo(at("2026-12-02T08:00"));
        assertThat(send.delayedBecause()).contains("08:00");
        assertThat(send.steps().get(0).at()).isEqualTo(at("2026-12-02T08:00"));
    }

    @Test
    void aCashOnDeliveryParcelIsToldAtEightOnItsDeliveryDayWhateverTheCarrierScannedLast() {
        Contexts c = new Contexts();
        c.codAmount = new BigDecimal("749.90");
        c.eta = LocalDate.parse("2026-12-02");
        RuleContext yesterday = c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T15:00", "2026-12-01T15:01");

        assertThat(fired(decide(yesterday))).as("a status change does not run the time rule").doesNotContain("cod_delivery_morning");
        assertThat(engine.nextWake(yesterday, true)).contains(at("2026-12-02T08:00"));
        assertThat(engine.evaluateDue(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T15:00", "2026-12-02T07:59"), key -> true))
                .as("07:59").isEmpty();

        List<Decision> d = engine.evaluateDue(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T15:00", "2026-12-02T08:00"), key -> true);
        assertThat(fired(d)).containsExactly("cod_delivery_morning");
        Decision.Send send = onlySend(d);
        assertThat(send.kind()).isEqualTo("cod_delivery_day");
        assertThat(send.links()).containsExactly("cod_confirmation");
        assertThat(send.distinct()).isEqualTo("day=2026-12-02");
        assertThat(send.due()).as("no coalescing for a time rule").isEqualTo(at("2026-12-02T08:00"));
        assertThat(send.occurrenceKey()).isEqualTo("ups:1Z999AA10123456784/cod_delivery_morning/day=2026-12-02");
        assertThat(d.get(0).conditions()).first().asString().contains("at 08:00 on the delivery day");

        // looked at once: the pipeline answers false for an occurrence it looked at before
        assertThat(engine.evaluateDue(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T15:00", "2026-12-02T08:05"), key -> false)).isEmpty();
        // a day over: the morning has passed, nothing to wake for; delivered: nothing either
        assertThat(engine.nextWake(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T15:00", "2026-12-03T00:00"), true)
                .filter(t -> t.isBefore(at("2026-12-03T09:00")))).isEmpty();
        assertThat(engine.evaluateDue(c.change(TrackingStatus.DELIVERED, null, "2026-12-02T07:30", "2026-12-02T08:00"), key -> true)).isEmpty();
    }

    @Test
    void aPrepaidParcelHasNoDeliveryMorningMessage() {
        Contexts c = new Contexts();
        c.eta = LocalDate.parse("2026-12-02");
        assertThat(engine.evaluateDue(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T15:00", "2026-12-02T08:00"), key -> true)).isEmpty();
    }

    // ---- time rules: a parcel no carrier scanned for 48 business hours; a reminder of the new-address form

    @Test
    void aParcelNotScannedFor48BusinessHoursAlertsOperationsOncePerQuietSpell() {
        Contexts c = new Contexts();
        // Tuesday 10:00: 8 h that day, Wednesday to Saturday 9 h each (09:00-18:00), Sunday off: 4 more on Monday
        RuleContext scanned = c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T10:00", "2026-12-01T10:01");
        assertThat(engine.nextWake(scanned, true)).contains(at("2026-12-07T13:00"));

        assertThat(engine.evaluateDue(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T10:00", "2026-12-07T12:59"), key -> true)).isEmpty();
        List<Decision> d = engine.evaluateDue(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T10:00", "2026-12-07T13:00"), key -> true);
        assertThat(fired(d)).containsExactly("stalled_shipment");
        Decision.Alert alert = (Decision.Alert) d.get(0).outcomes().get(0);
        assertThat(alert.text()).contains("in_transit").contains("no scan for 48h of business hours").doesNotContain("Ayşe");
        assertThat(d.get(0).occurrenceKey()).isEqualTo("ups:1Z999AA10123456784/stalled_shipment/quiet=" + at("2026-12-01T10:00").getEpochSecond());
        // after it was looked at, the next wake-up is none: the spell is told; a new scan starts a new one
        assertThat(engine.nextWake(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T10:00", "2026-12-07T13:00"), false)).isEmpty();
        assertThat(engine.nextWake(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-07T14:00", "2026-12-07T14:01"), true))
                .contains(at("2026-12-12T17:00"));
        assertThat(engine.nextWake(c.change(TrackingStatus.OUT_FOR_DELIVERY, null, "2026-12-01T10:00", "2026-12-01T10:01"), true))
                .as("out for delivery: not a status the rule looks at").isEmpty();
    }

    @Test
    void anAddressFormNotUsedForADayGetsAReminderWhileTheParcelStillWaits() {
        Contexts c = new Contexts();
        c.sent.add(new RuleContext.SentMessage("address_problem", "email", "SENT", at("2026-12-01T15:02"),
                "ups:1Z999AA10123456784/address_problem_form/attempt=1", at("2026-12-01T15:01")));
        RuleContext waiting = c.change(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM, "2026-12-01T15:00", "2026-12-01T15:05");
        assertThat(engine.nextWake(waiting, true)).contains(at("2026-12-02T15:01"));

        List<Decision> d = engine.evaluateDue(c.change(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM, "2026-12-01T15:00",
                "2026-12-02T15:01"), key -> true);
        assertThat(fired(d)).containsExactly("address_reminder");
        assertThat(onlySend(d).kind()).isEqualTo("address_reminder");
        assertThat(onlySend(d).links()).containsExactly("new_address");

        // the customer gave the address and the parcel moved on: no reminder
        assertThat(engine.evaluateDue(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-02T09:00", "2026-12-02T15:01"), key -> true)).isEmpty();
    }

    @Test
    void aCashOnDeliveryParcelOutForDeliveryAfterEightWaitsOnlyTheCoalescingWindow() {
        Contexts c = new Contexts();
        c.codAmount = new BigDecimal("749.90");
        Decision.Send send = onlySend(decide(c.change(TrackingStatus.OUT_FOR_DELIVERY, null, "2026-12-02T09:30", "2026-12-02T09:31")));

        assertThat(send.due()).isEqualTo(at("2026-12-02T09:41"));
        assertThat(send.delayedBecause()).startsWith("coalesce 10m");
    }

    @Test
    void aPrepaidParcelOutForDeliveryGetsThePlainMessageWithTheRescheduleLink() {
        Contexts c = new Contexts();
        List<Decision> d = decide(c.change(TrackingStatus.OUT_FOR_DELIVERY, null, "2026-12-02T07:10", "2026-12-02T07:11"));

        assertThat(fired(d)).containsExactly("out_for_delivery");
        assertThat(onlySend(d).links()).containsExactly("reschedule");
        // frequency: an out-for-delivery waits 10 minutes, so a "delivered" arriving within them is told instead
        assertThat(onlySend(d).due()).isEqualTo(at("2026-12-02T07:21"));
        assertThat(onlySend(d).delayedBecause()).isEqualTo("coalesce 10m (a newer status within it wins)");
    }

    // ---- address problem: a one-click new-address form

    @Test
    void anInsufficientAddressGetsTheNewAddressFormInsteadOfThePlainFailedAttempt() {
        Contexts c = new Contexts();
        List<Decision> d = decide(c.change(TrackingStatus.FAILED_ATTEMPT, Reason.ADDRESS_PROBLEM, "2026-12-02T11:00", "2026-12-02T11:00"));

        assertThat(fired(d)).containsExactly("address_problem_form");
        assertThat(onlySend(d).kind()).isEqualTo("address_problem");
        assertThat(onlySend(d).links()).containsExactly("new_address");
    }

    // ---- a delay of 24 h or more: an apology with a discount (10 % by default, by category / CLTV)

    @Test
    void aDelayOfTwoDaysPastTheFirstEtaBringsTheApologyWithTenPercent() {
        Contexts c = new Contexts();
        c.event(TrackingStatus.IN_TRANSIT, "2026-11-29T10:00", LocalDate.parse("2026-12-01"));
        c.eta = LocalDate.parse("2026-12-03");
        List<Decision> d = decide(c.change(TrackingStatus.DELAYED, Reason.WEATHER, "2026-12-01T16:00", "2026-12-01T16:00"));

        assertThat(fired(d)).containsExactly("delay_apology_discount");
        Decision.Send send = onlySend(d);
        assertThat(send.kind()).isEqualTo("delay_apology");
        assertThat(send.discountPercent()).isEqualTo(10);
        assertThat(send.links()).containsExactly("support");
        assertThat(send.occurrenceKey()).endsWith("/delay_apology_discount/delay=1");
    }

    @Test
    void theApologysDiscountFollowsTheCategoryFirstThenTheCltvBand() {
        Contexts c = new Contexts();
        c.event(TrackingStatus.IN_TRANSIT, "2026-11-29T10:00", LocalDate.parse("2026-12-01"));
        c.eta = LocalDate.parse("2026-12-03");
        c.cltv = "high";
        assertThat(onlySend(decide(c.change(TrackingStatus.DELAYED, Reason.WEATHER, "2026-12-01T16:00", "2026-12-01T16:00")))
                .discountPercent()).isEqualTo(15);
        c.categories = Set.of("apparel", "electronics");
        assertThat(onlySend(decide(c.change(TrackingStatus.DELAYED, Reason.WEATHER, "2026-12-01T16:00", "2026-12-01T16:00")))
                .discountPercent()).isEqualTo(5);
    }

    @Test
    void aDelayWithinTheEtaDayIsThePlainDelayMessageWithoutADiscount() {
        Contexts c = new Contexts();
        c.event(TrackingStatus.IN_TRANSIT, "2026-11-29T10:00", LocalDate.parse("2026-12-01"));
        c.eta = LocalDate.parse("2026-12-01");
        List<Decision> d = decide(c.change(TrackingStatus.DELAYED, Reason.OTHER, "2026-12-01T16:00", "2026-12-01T16:00"));

        assertThat(fired(d)).containsExactly("delayed");
        assertThat(onlySend(d).discountPercent()).isNull();
    }

    @Test
    void anUndeliveredShipmentStillDelayedADayPastItsEtaGetsTheApologyWhenItsEtaWasNeverMoved() {
        Contexts c = new Contexts();
        c.event(TrackingStatus.IN_TRANSIT, "2026-11-29T10:00", LocalDate.parse("2026-12-01"));
        c.eta = LocalDate.parse("2026-12-01");
        List<Decision> d = decide(c.change(TrackingStatus.DELAYED, Reason.OTHER, "2026-12-03T01:00", "2026-12-03T01:00"));

        assertThat(fired(d)).containsExactly("delay_apology_discount");
    }

    // ---- the channel chain: e-mail, WhatsApp if unread after 2 h, SMS after 6 h

    @Test
    void aMessageGoesByEmailThenWhatsAppAfterTwoHoursThenSmsAfterSix() {
        Contexts c = new Contexts();
        Decision.Send send = onlySend(decide(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T10:00", "2026-12-01T10:00")));

        assertThat(send.steps()).extracting(Decision.Step::channel).containsExactly("email", "whatsapp", "sms");
        assertThat(send.steps()).extracting(Decision.Step::at)
                .containsExactly(at("2026-12-01T10:00"), at("2026-12-01T12:00"), at("2026-12-01T16:00"));
        assertThat(send.steps()).extracting(Decision.Step::fallback).containsExactly(false, true, true);
        assertThat(send.steps()).allMatch(Decision.Step::reachable);
    }

    @Test
    void aCustomerWhoseAppRegisteredGetsThePushFirstAndTheSameFallbacks() {
        Contexts c = new Contexts();
        c.consent = c.consent.with("push", true, Instant.parse("2026-11-01T00:00:00Z"));
        c.customer = c.customer.withContact(ContactKind.DEVICE_TOKEN, "arn:aws:sns:eu-central-1:1:endpoint/GCM/app/x");
        Decision.Send send = onlySend(decide(c.change(TrackingStatus.IN_TRANSIT, null, "2026-12-01T10:00", "2026-12-01T10:00")));

        assertThat(send.steps()).extracting(Decision.Step::channel).containsExactly("push", "whatsapp", "sms");
    }

    // ---- after delivery: the NPS micro-survey and the return / size-exchange link

    @Test
    void aDeliveryBringsTheNpsSurveyAndTheReturnExchangeLink() {
        Contexts c = new Contexts();
        List<Decision> d = decide(c.change(TrackingStatus.DELIVERED, null, "2026-12-02T15:00", "2026-12-02T15:01"));

        assertThat(fired(d)).containsExactly("delivered");
        assertThat(onlySend(d).kind()).isEqualTo("delivered");
        assertThat(onlySend(d).links()).containsExactly("nps_survey", "return_exchange");
    }

    // ---- the plain status messages and the operations alert

    @Test
    void eachPlainStatusHasItsMessageAndLabelAndFirstScanAreOneShippedMessage() {
        Contexts c = new Contexts();
        Decision.Send label = onlySend(decide(c.change(TrackingStatus.LABEL_CREATED, null, "2026-11-29T09:00", "2026-11-29T09:00")));
        c.event(TrackingStatus.LABEL_CREATED, null, "2026-11-29T09:00");
        Decision.Send scan = onlySend(decide(c.change(TrackingStatus.IN_TRANSIT, null, "2026-11-29T18:00", "2026-11-29T18:00")));

        assertThat(label.kind()).isEqualTo("shipped");
        assertThat(scan.kind()).isEqualTo("shipped");
        assertThat(scan.occurrenceKey()).isEqualTo(label.occurrenceKey()).endsWith("/shipped/once");
        assertThat(onlySend(decide(new Contexts().change(TrackingStatus.DELAYED, Reason.OTHER, "2026-12-01T10:00", "2026-12-01T10:00"))).kind())
                .isEqualTo("delayed");
        assertThat(decide(new Contexts().change(TrackingStatus.AVAILABLE_FOR_PICKUP, null, "2026-12-01T10:00", "2026-12-01T10:00"))).isEmpty();
    }

    @Test
    void anExceptionAlertsOperationsByEmailAndWebhookAndTellsTheCustomerNothing() {
        List<Decision> d = decide(new Contexts().change(TrackingStatus.EXCEPTION, Reason.DAMAGED, "2026-12-01T10:00", "2026-12-01T10:00"));

        assertThat(fired(d)).containsExactly("exception_alert");
        Decision.Alert alert = (Decision.Alert) d.get(0).outcomes().get(0);
        assertThat(alert.targets()).as("the environment's addresses").containsExactly("email", "webhook");
        assertThat(d.get(0).sends()).isEmpty();
    }

    // ---- occurrences: a replay is the same message, a new attempt a new one

    @Test
    void aReplayGivesTheSameOccurrenceAndASecondOrLaterAttemptANewOne() {
        Contexts c = new Contexts();
        String first = onlySend(decide(c.change(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-01T14:00", "2026-12-01T14:00"))).occurrenceKey();
        String replay = onlySend(decide(c.change(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-01T14:00", "2026-12-01T19:00"))).occurrenceKey();
        c.event(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-01T14:00");
        String second = onlySend(decide(c.change(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-02T14:00", "2026-12-02T14:00"))).occurrenceKey();
        c.event(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-02T14:00");
        c.event(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-03T14:00");
        // the second attempt's change arrives again after a third attempt was recorded
        String lateReplayOfSecond = onlySend(decide(c.change(TrackingStatus.FAILED_ATTEMPT, Reason.RECIPIENT_ABSENT, "2026-12-02T14:00", "2026-12-03T15:00"))).occurrenceKey();

        assertThat(replay).isEqualTo(first);
        assertThat(second).isNotEqualTo(first);
        assertThat(lateReplayOfSecond).isEqualTo(second);
    }

    @Test
    void aMessageOfAnOccurrenceAlreadySentIsMarkedSoAndDoesNotGoAgain() {
        Contexts c = new Contexts();
        c.sent("delivered", "email", "SENT", "2026-12-02T15:01", "ups:1Z999AA10123456784/delivered/status=delivered");
        Decision.Send send = onlySend(decide(c.change(TrackingStatus.DELIVERED, null, "2026-12-02T15:00", "2026-12-02T18:00")));

        assertThat(send.alreadySent()).isTrue();
        assertThat(send.goes()).isFalse();
    }
}
