package io.kargotakip.core.rules;

import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.rules.RuleContext.HistoryEvent;
import io.kargotakip.core.rules.RuleContext.OrderFacts;
import io.kargotakip.core.rules.RuleContext.SentMessage;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds rule contexts for tests: one shipment of one order, events at Istanbul local times, a fixed clock. */
final class Contexts {

    static final ZoneId IST = ZoneId.of("Europe/Istanbul");
    static final ShipmentId SHIPMENT = new ShipmentId("ups", "1Z999AA10123456784");

    final List<HistoryEvent> history = new ArrayList<>();
    final List<SentMessage> sent = new ArrayList<>();
    Set<String> segments = Set.of();
    String cltv = null;
    BigDecimal codAmount = null;
    BigDecimal orderValue = new BigDecimal("450.00");
    Set<String> categories = Set.of("apparel");
    String marketplace = "web";
    String locale = "tr";
    Consent consent = Consent.of(Map.of("email", true, "whatsapp", true, "sms", true), Instant.parse("2026-11-01T00:00:00Z"));
    Customer customer = new Customer("Ayşe", "ayse@example.com", "+905321234567", "tr");
    LocalDate eta = null;

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(IST).toInstant();
    }

    static Clock clock(String localDateTime) {
        return Clock.fixed(at(localDateTime), IST);
    }

    /** An earlier event of the shipment. */
    Contexts event(TrackingStatus status, Reason reason, String localDateTime) {
        history.add(new HistoryEvent(status, reason, at(localDateTime), null));
        return this;
    }

    Contexts event(TrackingStatus status, String localDateTime, LocalDate eta) {
        history.add(new HistoryEvent(status, null, at(localDateTime), eta));
        return this;
    }

    Contexts sent(String kind, String channel, String state, String localDateTime, String key) {
        sent.add(new SentMessage(kind, channel, state, at(localDateTime), key));
        return this;
    }

    /** The context of a change to {@code status} that happened at {@code localDateTime}, evaluated at {@code now}. */
    RuleContext change(TrackingStatus status, Reason reason, String localDateTime, String now) {
        TrackingStatus previous = history.isEmpty() ? null : history.get(history.size() - 1).status();
        StatusChange change = new StatusChange(SHIPMENT, "WEB-5001", previous, status, reason, at(localDateTime), "İstanbul",
                null, eta, "evt-" + status + "-" + localDateTime);
        OrderFacts order = new OrderFacts("WEB-5001", "5001", marketplace,
                new Customer(customer.firstName(), customer.contacts(), locale), consent, segments, cltv, codAmount,
                orderValue, categories, IST);
        return new RuleContext(change, new RuleContext.Shipment(SHIPMENT, eta, history), order, sent, clock(now),
                RuleContext.BrandSettings.defaults());
    }
}
