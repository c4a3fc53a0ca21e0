package io.kargotakip.aws.store;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.core.calendar.BusinessCalendar;
import io.kargotakip.core.shipment.ShipmentId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.num;
import static io.kargotakip.aws.store.Attr.s;

/**
 * The tracking page's analytics, without personal data: what happened ({@code view}, {@code support_click},
 * {@code upsell_click}, {@code action:<name>}), on which shipment, when. A view counts on the shipment's own item
 * ({@code pageViews}, {@code firstPageViewAt}, {@code lastPageViewAt}, epoch ms; never creating a shipment), and every
 * event counts in its day's item {@code pages#<yyyy-MM-dd>} (Istanbul's day, a counter {@code c.<kind>} each, kept as
 * long as the timelines), for the KPIs. Each is one write; no IP, user agent or referrer is kept.
 */
public final class PageEvents {

    public static final String VIEW = "view";
    public static final String SUPPORT_CLICK = "support_click";
    public static final String UPSELL_CLICK = "upsell_click";
    /** {@code action:<name>}: the page's self-service actions ({@code action:address}, {@code action:reschedule}, …). */
    public static final String ACTION = "action:";
    private static final Pattern ACTION_NAME = Pattern.compile("[a-z0-9_]{1,40}");

    /** A shipment's page views: how many, the first and the last. */
    public record Views(long count, Instant first, Instant last) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Metrics metrics;

    public PageEvents(DynamoDbClient dynamo, String table, Duration retention, Metrics metrics) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.metrics = metrics;
    }

    /** Whether {@code kind} is one this records. */
    public static boolean isKind(String kind) {
        return VIEW.equals(kind) || SUPPORT_CLICK.equals(kind) || UPSELL_CLICK.equals(kind)
                || kind != null && kind.startsWith(ACTION) && ACTION_NAME.matcher(kind.substring(ACTION.length())).matches();
    }

    /** The day an event counts in: Istanbul's. */
    public static LocalDate day(Instant at) {
        return at.atZone(BusinessCalendar.ISTANBUL).toLocalDate();
    }

    public void record(ShipmentId shipment, String kind, Instant at) {
        if (!isKind(kind)) {
            throw new IllegalArgumentException("a page event is view, support_click, upsell_click or action:<name> (a-z, 0-9, _)");
        }
        if (VIEW.equals(kind)) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(Map.of(RateQuotas.KEY, s(shipment.toString())))
                        .updateExpression("SET firstPageViewAt = if_not_exists(firstPageViewAt, :at), lastPageViewAt = :at ADD pageViews :one")
                        .conditionExpression("attribute_exists(" + RateQuotas.KEY + ")")
                        .expressionAttributeValues(Map.of(":at", n(at.toEpochMilli()), ":one", n(1))));
            } catch (ConditionalCheckFailedException notStored) {
                // a page of a shipment not stored shows nothing; the day's count still has the view
            }
        }
        LocalDate day = day(at);
        Instant expires = day.plusDays(1).atStartOfDay(BusinessCalendar.ISTANBUL).toInstant().plus(retention);
        dynamo.updateItem(b -> b.tableName(table).key(key(day))
                .updateExpression("SET " + KargoTables.TTL_ATTRIBUTE + " = :expires ADD #c :one")
                .expressionAttributeNames(Map.of("#c", "c." + kind))
                .expressionAttributeValues(Map.of(":one", n(1), ":expires", n(expires.getEpochSecond()))));
        metrics.count(metric(kind));
    }

    /** {@code PageViews}, {@code PageSupportClicks}, {@code PageUpsellClicks}, {@code PageActions}. */
    static String metric(String kind) {
        return switch (kind) {
            case VIEW -> "PageViews";
            case SUPPORT_CLICK -> "PageSupportClicks";
            case UPSELL_CLICK -> "PageUpsellClicks";
            default -> "PageActions";
        };
    }

    /** The day's counts by kind (none counted: empty). */
    public Map<String, Long> find(LocalDate day) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(day)).consistentRead(true)).item();
        Map<String, Long> counts = new TreeMap<>();
        if (item != null) {
            item.forEach((name, value) -> {
                if (name.startsWith("c.") && value.n() != null) {
                    counts.put(name.substring(2), Long.parseLong(value.n()));
                }
            });
        }
        return counts;
    }

    /** The shipment's page views, empty before the first (or for a shipment not stored). */
    public Optional<Views> views(ShipmentId shipment) {
        var response = dynamo.getItem(b -> b.tableName(table).key(Map.of(RateQuotas.KEY, s(shipment.toString())))
                .projectionExpression("pageViews, firstPageViewAt, lastPageViewAt").consistentRead(true));
        Map<String, AttributeValue> item = response.hasItem() ? response.item() : Map.of();
        Long count = num(item, "pageViews");
        return count == null ? Optional.empty() : Optional.of(new Views(count, Instant.ofEpochMilli(num(item, "firstPageViewAt")),
                Instant.ofEpochMilli(num(item, "lastPageViewAt"))));
    }

    private static Map<String, AttributeValue> key(LocalDate day) {
        return Map.of(RateQuotas.KEY, s("pages#" + day));
    }
}
