package io.kargotakip.core.rules;

import io.kargotakip.core.notification.FallbackChain;
import io.kargotakip.core.notification.QuietHours;

import java.util.List;
import java.util.Map;

/**
 * The {@code settings} of a rules file.
 *
 * @param chain      the chain of every {@code send} that names none; null: the brand's ({@code KARGO_FALLBACK_CHAIN})
 * @param quietHours the quiet hours the engine times messages by; null: the brand's policy ({@code KARGO_QUIET_*},
 *                   which the sender applies as well), {@link QuietHours#NONE} for {@code off}
 * @param cltvBands  the lifetime-value bands a customer may be in
 * @param discount   the apology discount: a percent per category, per CLTV band, and by default
 * @param alerts     where operations are alerted: {@code email} an address, {@code webhook} a Slack-compatible URL
 * @param helpdesk   the helpdesk tickets go to
 * @param frequency  how often a customer hears from us: the coalescing window and the daily cap
 * @param automation which messages go by themselves and which wait for operations' approval
 * @param reports    when operations get the daily summary and the exception report, and where
 */
public record RuleSettings(FallbackChain chain, QuietHours quietHours, List<String> cltvBands, Discount discount,
                           Map<String, String> alerts, Helpdesk helpdesk, Frequency frequency, Automation automation, Reports reports) {

    public static final List<String> DEFAULT_CLTV_BANDS = List.of("low", "medium", "high");

    public RuleSettings {
        cltvBands = List.copyOf(cltvBands);
        alerts = Map.copyOf(alerts);
        frequency = frequency == null ? Frequency.NONE : frequency;
        automation = automation == null ? Automation.FULL : automation;
        reports = reports == null ? Reports.DEFAULT : reports;
    }

    public RuleSettings(FallbackChain chain, QuietHours quietHours, List<String> cltvBands, Discount discount, Map<String, String> alerts,
                        Helpdesk helpdesk) {
        this(chain, quietHours, cltvBands, discount, alerts, helpdesk, Frequency.NONE, Automation.FULL, Reports.DEFAULT);
    }

    public RuleSettings(FallbackChain chain, QuietHours quietHours, List<String> cltvBands, Discount discount, Map<String, String> alerts,
                        Helpdesk helpdesk, Frequency frequency, Automation automation) {
        this(chain, quietHours, cltvBands, discount, alerts, helpdesk, frequency, automation, Reports.DEFAULT);
    }

    public RuleSettings withAutomation(Automation automation) {
        return new RuleSettings(chain, quietHours, cltvBands, discount, alerts, helpdesk, frequency, automation, reports);
    }

    /**
     * The brief's "daily summary and exception report" (section 5, in every automation level): once a day, at
     * {@code at} in {@code zone}, of the day before, to {@code to} among {@code email}, {@code webhook}; none when
     * {@code to} is empty ({@code reports: off}).
     */
    public record Reports(java.time.LocalTime at, java.time.ZoneId zone, java.util.Set<String> to) {
        public static final Reports DEFAULT = new Reports(java.time.LocalTime.of(8, 30), RuleContext.DEFAULT_ZONE,
                java.util.Set.of("email", "webhook"));
        public static final Reports OFF = new Reports(java.time.LocalTime.of(8, 30), RuleContext.DEFAULT_ZONE, java.util.Set.of());

        public Reports {
            to = java.util.Set.copyOf(to);
        }

        public boolean on() {
            return !to.isEmpty();
        }
    }

    /**
     * The brief's automation levels: {@code manual} (every message is proposed; operations approve or reject it),
     * {@code semi} (the {@code automatic} kinds go, the others are proposed), {@code full} (everything goes).
     *
     * @param alertAfter  a proposal waiting this long alerts operations (once)
     * @param expireAfter a proposal waiting this long expires (as one whose shipment moved on does)
     */
    public record Automation(String mode, java.util.Set<String> automatic, java.time.Duration alertAfter, java.time.Duration expireAfter) {
        public static final List<String> MODES = List.of("manual", "semi", "full");
        public static final Automation FULL = new Automation("full", java.util.Set.of(), java.time.Duration.ofHours(2),
                java.time.Duration.ofHours(24));

        public Automation {
            automatic = java.util.Set.copyOf(automatic);
        }

        /** Whether a message of this kind waits for operations' approval. */
        public boolean needsApproval(String kind) {
            return switch (mode) {
                case "manual" -> true;
                case "semi" -> !automatic.contains(kind);
                default -> false;
            };
        }
    }

    /**
     * @param coalesce         how long a message of {@code coalesceStatuses} waits, so that a newer status arriving meanwhile
     *                         is told instead ("out for delivery" then "delivered" within 10 minutes: only "delivered");
     *                         zero for no wait
     * @param coalesceStatuses the statuses whose messages wait; the others go at once
     * @param dailyCap         at most this many messages per customer per day (in the customer's zone; a chain counts once),
     *                         null for no cap
     * @param capExempt        statuses whose messages go even past the cap (a failed attempt needs the customer now)
     */
    public record Frequency(java.time.Duration coalesce, java.util.Set<io.kargotakip.core.shipment.TrackingStatus> coalesceStatuses,
                            Integer dailyCap, java.util.Set<io.kargotakip.core.shipment.TrackingStatus> capExempt) {
        public static final Frequency NONE = new Frequency(java.time.Duration.ZERO, java.util.Set.of(), null, java.util.Set.of());

        public Frequency {
            coalesce = coalesce == null ? java.time.Duration.ZERO : coalesce;
            coalesceStatuses = java.util.Set.copyOf(coalesceStatuses);
            capExempt = java.util.Set.copyOf(capExempt);
        }

        public boolean coalesces(io.kargotakip.core.shipment.TrackingStatus status) {
            return !coalesce.isZero() && coalesceStatuses.contains(status);
        }
    }

    /**
     * The percent of the apology discount: a category of the order's that has one wins (a margin limit), the lowest
     * when several do; else the customer's CLTV band's; else the default.
     */
    public record Discount(int percent, Map<String, Integer> byCategory, Map<String, Integer> byCltv) {
        public static final Discount DEFAULT = new Discount(10, Map.of(), Map.of());

        public Discount {
            byCategory = Map.copyOf(byCategory);
            byCltv = Map.copyOf(byCltv);
        }

        public int percentFor(java.util.Set<String> categories, String cltvBand) {
            return categories.stream().filter(byCategory::containsKey).map(byCategory::get).min(Integer::compare)
                    .orElseGet(() -> cltvBand != null && byCltv.containsKey(cltvBand) ? byCltv.get(cltvBand) : percent);
        }
    }

    /** @param format {@code generic} (a JSON POST of the ticket), {@code zendesk} or {@code freshdesk} */
    public record Helpdesk(String format, String url) {
    }
}
