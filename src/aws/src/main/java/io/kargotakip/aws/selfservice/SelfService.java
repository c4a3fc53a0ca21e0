package io.kargotakip.aws.selfservice;

import io.kargotakip.aws.KargoSettings;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.EventLog;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.SelfServiceLog;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.address.AddressCheck;
import io.kargotakip.core.address.AddressForm;
import io.kargotakip.core.address.FieldProblem;
import io.kargotakip.core.calendar.BusinessCalendar;
import io.kargotakip.core.operations.AlertRequest;
import io.kargotakip.core.operations.Operations;
import io.kargotakip.core.operations.OperationsException;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.selfservice.Refusal;
import io.kargotakip.core.selfservice.SelfServiceCheck;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.ShipmentState;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a customer can do for her shipment on its tracking page: give a new delivery address, choose another delivery
 * day, answer the delivery-day survey (NPS). Whose shipment it is comes from the page's token, never from the request:
 * the caller passes the shipment the token names. Each action is recorded ({@link SelfServiceLog}) and, when it needs
 * people, alerts operations once ({@code action|…} records, as {@link io.kargotakip.aws.pipeline.CustomerAnswers} does):
 * the carriers we have take no address change or delivery day through an API, so operations pass it on. Logs carry
 * ids only; the address and the comment go to operations alone.
 */
public final class SelfService {

    private static final Logger LOG = Logger.getLogger(SelfService.class);

    /**
     * @param npsAlertAtOrBelow a survey score at or below this alerts operations ({@code KARGO_NPS_ALERT_AT_OR_BELOW}, 6:
     *                          NPS's detractors, 0–6)
     * @param offeredDays       how many delivery days the page offers ({@code KARGO_RESCHEDULE_DAYS}, 5)
     */
    public record Settings(int npsAlertAtOrBelow, int offeredDays) {
        public static final Settings DEFAULTS = new Settings(6, 5);

        public Settings {
            if (offeredDays < 1 || offeredDays > 30) {
                throw new IllegalArgumentException("the delivery days offered must be 1 to 30, not " + offeredDays);
            }
            if (npsAlertAtOrBelow < -1 || npsAlertAtOrBelow > SelfServiceCheck.MAX_SCORE) {
                throw new IllegalArgumentException("the survey's alert threshold must be -1 (never) to 10, not " + npsAlertAtOrBelow);
            }
        }

        /** From {@code KARGO_NPS_ALERT_AT_OR_BELOW} and {@code KARGO_RESCHEDULE_DAYS}, the defaults where unset. */
        public static Settings of(KargoSettings settings) {
            return new Settings(number(settings, "KARGO_NPS_ALERT_AT_OR_BELOW", DEFAULTS.npsAlertAtOrBelow),
                    number(settings, "KARGO_RESCHEDULE_DAYS", DEFAULTS.offeredDays));
        }

        private static int number(KargoSettings settings, String key, int otherwise) {
            String value = settings.get(key).map(String::trim).orElse(null);
            if (value == null) {
                return otherwise;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(key + " must be a whole number, not '" + value + "'");
            }
        }
    }

    /** An address change: saved (pending), what is wrong with the form (nothing saved), or refused for the shipment. */
    public sealed interface AddressResult {
        record Saved(SelfServiceLog.AddressChange change) implements AddressResult {
        }

        record Invalid(List<FieldProblem> problems) implements AddressResult {
            public Invalid {
                problems = List.copyOf(problems);
            }
        }

        record Refused(Refusal refusal) implements AddressResult {
        }
    }

    /** A delivery day: recorded, not one offered (the problem names the offered ones), or refused for the shipment. */
    public sealed interface RescheduleResult {
        record Recorded(SelfServiceLog.Reschedule request) implements RescheduleResult {
        }

        record NotOffered(FieldProblem problem, List<LocalDate> offered) implements RescheduleResult {
            public NotOffered {
                offered = List.copyOf(offered);
            }
        }

        record Refused(Refusal refusal) implements RescheduleResult {
        }
    }

    /** A survey answer: the first, one after the first (which stands and comes back), invalid, or refused (not delivered). */
    public sealed interface NpsResult {
        record Recorded(SelfServiceLog.NpsAnswer answer) implements NpsResult {
        }

        record AlreadyAnswered(SelfServiceLog.NpsAnswer first) implements NpsResult {
        }

        record Invalid(List<FieldProblem> problems) implements NpsResult {
            public Invalid {
                problems = List.copyOf(problems);
            }
        }

        record Refused(Refusal refusal) implements NpsResult {
        }
    }

    private final SelfServiceLog log;
    private final ShipmentRepository shipments;
    private final OrderRepository orders;
    private final EventLog actions;
    private final Operations operations;
    private final Metrics metrics;
    private final Clock clock;
    private final AddressCheck addressCheck;
    private final BusinessCalendar calendar;
    private final Settings settings;
    private final io.kargotakip.aws.analytics.Analytics analytics;

    public SelfService(SelfServiceLog log, ShipmentRepository shipments, OrderRepository orders, EventLog actions, Operations operations,
                       Metrics metrics, Clock clock, AddressCheck addressCheck, BusinessCalendar calendar, Settings settings) {
        this(log, shipments, orders, actions, operations, metrics, clock, addressCheck, calendar, settings,
                io.kargotakip.aws.analytics.Analytics.NONE);
    }

    /** @param analytics where each action done and each survey answer (its score, never its comment) is recorded */
    public SelfService(SelfServiceLog log, ShipmentRepository shipments, OrderRepository orders, EventLog actions, Operations operations,
                       Metrics metrics, Clock clock, AddressCheck addressCheck, BusinessCalendar calendar, Settings settings,
                       io.kargotakip.aws.analytics.Analytics analytics) {
        this.analytics = analytics;
        this.log = log;
        this.shipments = shipments;
        this.orders = orders;
        this.actions = actions;
        this.operations = operations;
        this.metrics = metrics;
        this.clock = clock;
        this.addressCheck = addressCheck;
        this.calendar = calendar;
        this.settings = settings;
    }

    /**
     * Checks the form; a valid address is saved as the shipment's new one, pending, and operations are told to pass it
     * to the carrier and confirm it ({@link SelfServiceLog#confirmAddress}). Nothing is saved for an invalid form, or
     * once the shipment is delivered or going back.
     */
    public AddressResult changeAddress(ShipmentId shipment, AddressForm form) {
        Optional<ShipmentState> state = shipments.find(shipment);
        Optional<Refusal> refusal = SelfServiceCheck.beforeDelivery(SelfServiceCheck.ADDRESS, state);
        if (refusal.isPresent()) {
            metrics.count("AddressChangesRefused");
            LOG.infof("shipment %s: address change refused (%s)", shipment, refusal.get().reason());
            return new AddressResult.Refused(refusal.get());
        }
        AddressCheck.Result checked = addressCheck.check(form);
        if (checked instanceof AddressCheck.Result.Invalid invalid) {
            List<FieldProblem> problems = invalid.problems();
            metrics.count("AddressChangesInvalid");
            LOG.infof("shipment %s: address change not saved, %d field problem(s): %s", shipment, problems.size(),
                    problems.stream().map(p -> p.field() + "." + p.problem()).toList());
            return new AddressResult.Invalid(problems);
        }
        Instant now = clock.instant();
        SelfServiceLog.AddressChange change = log.changeAddress(shipment, ((AddressCheck.Result.Valid) checked).address(), now);
        metrics.count("AddressChanges");
        analytics.selfService(shipment, "address_changed", now);
        LOG.infof("shipment %s: address change %d saved, pending", shipment, change.number());
        alert(shipment + "/self-service/address/" + change.number(), "AddressChange", shipment, now,
                "Kargo Takip: the customer gave a new delivery address (pending: pass it to the carrier and confirm)\n"
                        + orderLine(state.get()) + ", shipment " + shipment + ", change " + change.number() + " at " + change.at()
                        + "\nnew address: " + change.address().oneLine());
        return new AddressResult.Saved(change);
    }

    /**
     * The days the customer may choose: the next {@link Settings#offeredDays()} on which the carriers deliver, from the
     * day after today in Istanbul; none once the shipment is delivered or going back (or not stored).
     */
    public List<LocalDate> offeredDays(ShipmentId shipment) {
        return offeredDays(shipments.find(shipment));
    }

    private List<LocalDate> offeredDays(Optional<ShipmentState> state) {
        if (SelfServiceCheck.beforeDelivery(SelfServiceCheck.RESCHEDULE, state).isPresent()) {
            return List.of();
        }
        LocalDate today = clock.instant().atZone(calendar.zone()).toLocalDate();
        return calendar.workingDaysAfter(today, settings.offeredDays());
    }

    /** Records {@code day}, one of {@link #offeredDays}, as the delivery day asked for, and tells operations once. */
    public RescheduleResult reschedule(ShipmentId shipment, LocalDate day) {
        Optional<ShipmentState> state = shipments.find(shipment);
        Optional<Refusal> refusal = SelfServiceCheck.beforeDelivery(SelfServiceCheck.RESCHEDULE, state);
        if (refusal.isPresent()) {
            metrics.count("ReschedulesRefused");
            LOG.infof("shipment %s: reschedule refused (%s)", shipment, refusal.get().reason());
            return new RescheduleResult.Refused(refusal.get());
        }
        List<LocalDate> offered = offeredDays(state);
        if (day == null || !offered.contains(day)) {
            metrics.count("ReschedulesNotOffered");
            LOG.infof("shipment %s: reschedule to a day not offered", shipment);
            return new RescheduleResult.NotOffered(SelfServiceCheck.dayNotOffered(offered), offered);
        }
        Instant now = clock.instant();
        SelfServiceLog.Reschedule request = log.reschedule(shipment, day, now);
        metrics.count("Reschedules");
        analytics.selfService(shipment, "delivery_day_chosen", now);
        LOG.infof("shipment %s: reschedule %d to %s recorded", shipment, request.number(), day);
        alert(shipment + "/self-service/reschedule/" + request.number(), "Reschedule", shipment, now,
                "Kargo Takip: the customer asks for another delivery day (pass it to the carrier)\n" + orderLine(state.get())
                        + ", shipment " + shipment + ", request " + request.number() + " at " + request.at() + "\ndelivery day: " + day
                        + " (" + day.getDayOfWeek() + ")");
        return new RescheduleResult.Recorded(request);
    }

    /**
     * Records the delivery-day survey's answer, once the shipment was delivered; the first answer stands. A score at or
     * below {@link Settings#npsAlertAtOrBelow()} alerts operations once per shipment, with the comment (they need it to
     * call back); the log never has it. An answer after a first whose alert failed raises that alert again.
     */
    public NpsResult answerNps(ShipmentId shipment, int score, String comment) {
        Optional<ShipmentState> state = shipments.find(shipment);
        Optional<Refusal> refusal = SelfServiceCheck.afterDelivery(state);
        if (refusal.isPresent()) {
            metrics.count("NpsAnswersRefused");
            LOG.infof("shipment %s: survey answer refused (%s)", shipment, refusal.get().reason());
            return new NpsResult.Refused(refusal.get());
        }
        SelfServiceCheck.NpsResult checked = SelfServiceCheck.nps(score, comment);
        if (checked instanceof SelfServiceCheck.NpsResult.Invalid invalid) {
            metrics.count("NpsAnswersInvalid");
            LOG.infof("shipment %s: survey answer not saved, %s", shipment, invalid.problems().stream().map(p -> p.field() + "." + p.problem()).toList());
            return new NpsResult.Invalid(invalid.problems());
        }
        SelfServiceCheck.NpsAnswer answer = ((SelfServiceCheck.NpsResult.Valid) checked).answer();
        Instant now = clock.instant();
        SelfServiceLog.NpsRecorded recorded = log.answerNps(shipment, answer.score(), answer.comment(), now);
        SelfServiceLog.NpsAnswer kept = recorded.answer();
        analytics.survey(shipment, kept.score(), kept.at());
        if (recorded instanceof SelfServiceLog.NpsRecorded.First) {
            metrics.count("NpsAnswers");
            LOG.infof("shipment %s: survey answered, score %d%s", shipment, kept.score(), kept.comment() == null ? "" : ", with a comment");
        } else {
            metrics.count("NpsAnswersRepeated");
            LOG.infof("shipment %s: survey answered again; the first answer stands", shipment);
        }
        if (kept.score() <= settings.npsAlertAtOrBelow()) {
            alert(shipment + "/self-service/nps", "NpsLowScore", shipment, now,
                    "Kargo Takip: a low delivery score (" + kept.score() + "/10)\n" + orderLine(state.get()) + ", shipment " + shipment
                            + ", answered at " + kept.at() + (kept.comment() == null ? "\nno comment" : "\ncomment: " + kept.comment()));
        }
        return recorded instanceof SelfServiceLog.NpsRecorded.First ? new NpsResult.Recorded(kept) : new NpsResult.AlreadyAnswered(kept);
    }

    /** What the customer did already, for the page. */
    public SelfServiceLog.Found done(ShipmentId shipment) {
        Instant now = clock.instant();
        return log.findAll(shipment, now);
    }

    /** "order 5123 (WEB-1)", or the order id alone, or that none is stored. */
    private String orderLine(ShipmentState state) {
        Optional<Order> order = state.orderId() == null ? Optional.empty() : orders.find(state.orderId());
        if (order.isEmpty()) {
            return state.orderId() == null ? "no order" : "order " + state.orderId();
        }
        Order o = order.get();
        return "order " + (o.orderNo() == null ? o.orderId() : o.orderNo() + " (" + o.orderId() + ")");
    }

    /**
     * Raises the action's alert unless it was raised (an {@code action|<key>} record). A destination that fails is
     * logged and the record stays open: the same action asked again raises it again.
     */
    private void alert(String key, String metric, ShipmentId shipment, Instant now, String text) {
        if (!actions.beginAction(key, now)) {
            return;
        }
        try {
            operations.alert(new AlertRequest(key, text, Set.of(Operations.EMAIL, Operations.WEBHOOK)));
            actions.completeAction(key, "alerted");
            metrics.count(metric + "Alerts");
        } catch (OperationsException e) {
            metrics.count(metric + "AlertsFailed");
            LOG.errorf("operations alert %s of shipment %s could not be told (%s): %s", key, shipment, e.retryable() ? "retryable" : "refused",
                    e.getMessage());
        }
    }
}
