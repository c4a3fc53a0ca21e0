package io.kargotakip.aws.store;

import io.kargotakip.core.channel.ContactKind;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.order.Purchase;
import io.kargotakip.core.shipment.ShipmentId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.kargotakip.aws.store.Attr.flag;
import static io.kargotakip.aws.store.Attr.putIfPresent;
import static io.kargotakip.aws.store.Attr.s;
import static io.kargotakip.aws.store.Attr.str;

/**
 * Orders with their customer contact and consent. A re-import of the same order id replaces it. An order of a
 * marketplace ({@code source} trendyol, hepsiburada or amazon) is also found by the marketplace's order number
 * ({@code marketplaceOrder} = {@code <marketplace>:<order number>}, index {@value KargoTables#BY_MARKETPLACE_ORDER_INDEX}):
 * the merchant's own order id one way, the marketplace's number the other. Any other order with an order number is in
 * the same index as {@code order:<order number>} ({@link #findByOrderNumber}, for support tickets that quote it).
 *
 * <p>The customer's contacts are a map {@code contacts} (contact kind → value) and the consents a map
 * {@code consents} (channel id → {@code granted}, {@code recordedAt}), so a new channel adds no attribute. Items
 * written before them ({@code email}, {@code phone}, {@code consentEmail}…{@code consentPush},
 * {@code consentRecordedAt}) are still read; the next save writes them in the new form.
 */
public final class OrderRepository {

    /** Order sources whose order number is a marketplace's. */
    public static final java.util.Set<String> MARKETPLACES = java.util.Set.of("trendyol", "hepsiburada", "amazon");

    private final DynamoDbClient dynamo;
    private final String table;

    public OrderRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void save(Order order) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", s(order.orderId()));
        putIfPresent(item, "orderNo", order.orderNo());
        putIfPresent(item, "source", order.source());
        if (order.orderNo() != null && order.source() != null && MARKETPLACES.contains(order.source())) {
            item.put("marketplaceOrder", s(marketplaceKey(order.source(), order.orderNo())));
        } else if (order.orderNo() != null && !order.orderNo().isBlank()) {
            // the merchant's own order number in the same index, under a prefix no marketplace has: a support
            // ticket that quotes it finds the order without an index of its own
            item.put("marketplaceOrder", s(ownOrderKey(order.orderNo())));
        }
        Customer c = order.customer();
        putIfPresent(item, "firstName", c.firstName());
        putIfPresent(item, "locale", c.locale());
        Map<String, AttributeValue> contacts = new HashMap<>();
        c.contacts().forEach((kind, value) -> contacts.put(kind.wireName(), s(value)));
        item.put("contacts", AttributeValue.fromM(contacts));
        item.put("consents", consents(order.consent() == null ? Consent.none() : order.consent()));
        item.put("shipments", AttributeValue.fromL(order.shipments().stream().map(id -> s(id.toString())).toList()));
        item.put("createdAt", s((order.createdAt() == null ? Instant.now() : order.createdAt()).toString()));
        if (!order.purchase().equals(Purchase.NONE)) {
            item.put("purchase", purchase(order.purchase()));
        }
        putIfPresent(item, "shipToCountry", order.shipToCountry());
        Map<String, AttributeValue> old = dynamo.putItem(b -> b.tableName(table).item(item).returnValues(ReturnValue.ALL_OLD)).attributes();
        keepRegisteredDevices(order, old);
    }

    /** The contacts an app or a browser registers through the API, by the channel whose consent comes with them. */
    static final Map<ContactKind, String> REGISTERED = Map.of(ContactKind.DEVICE_TOKEN, "push", ContactKind.WEB_PUSH_SUBSCRIPTION, "webpush");

    /**
     * A merchant's system sends an order again when it changes (an upsert): it does not know the device the app or
     * the browser registered since, so the stored one is kept, with that channel's grant, unless the new order gives
     * one of its own (or states that channel's consent itself). The old item comes back with the same write ({@code ALL_OLD}, no read); the consent ledger still
     * has the last word before any send.
     */
    private void keepRegisteredDevices(Order order, Map<String, AttributeValue> old) {
        if (old == null || old.isEmpty() || !old.containsKey("contacts") || !old.get("contacts").hasM()) {
            return;
        }
        Map<String, AttributeValue> oldContacts = old.get("contacts").m();
        Map<String, AttributeValue> oldConsents = old.containsKey("consents") && old.get("consents").hasM() ? old.get("consents").m() : Map.of();
        REGISTERED.forEach((kind, channel) -> {
            AttributeValue device = oldContacts.get(kind.wireName());
            if (device == null || device.s() == null || order.customer().contact(kind) != null) {
                return;
            }
            putContact(order.orderId(), kind, device.s());
            AttributeValue grant = oldConsents.get(channel);
            boolean granted = grant != null && grant.hasM() && Boolean.TRUE.equals(grant.m().getOrDefault("granted", AttributeValue.fromBool(false)).bool());
            // the grant came with the registration; a new order that states this channel's consent has the say
            if (granted && (order.consent() == null || !order.consent().channels().containsKey(channel))) {
                putEntry(order.orderId(), "consents", channel, grant, o -> o);
            }
        });
    }

    static String marketplaceKey(String marketplace, String orderNumber) {
        return marketplace + ":" + orderNumber.trim();
    }

    /** The prefix of the merchant's own order numbers in the {@value KargoTables#BY_MARKETPLACE_ORDER_INDEX} index. */
    static final String OWN_ORDER_PREFIX = "order";

    static String ownOrderKey(String orderNumber) {
        return marketplaceKey(OWN_ORDER_PREFIX, orderNumber);
    }

    /**
     * The order a number names, as a customer quotes it in a support ticket: the merchant's own order number, else a
     * marketplace's order number, else the order id itself. A few key reads at most, no scan.
     */
    public Optional<String> findByOrderNumber(String number) {
        if (number == null || number.isBlank()) {
            return Optional.empty();
        }
        Optional<String> own = byIndexKey(ownOrderKey(number));
        if (own.isPresent()) {
            return own;
        }
        for (String marketplace : new java.util.TreeSet<>(MARKETPLACES)) {
            Optional<String> found = byIndexKey(marketplaceKey(marketplace, number));
            if (found.isPresent()) {
                return found;
            }
        }
        GetItemResponse direct = dynamo.getItem(b -> b.tableName(table).key(Map.of("orderId", s(number.trim()))).projectionExpression("orderId"));
        return direct.hasItem() && !direct.item().isEmpty() ? Optional.of(number.trim()) : Optional.empty();
    }

    private Optional<String> byIndexKey(String key) {
        var found = dynamo.query(b -> b.tableName(table).indexName(KargoTables.BY_MARKETPLACE_ORDER_INDEX)
                .keyConditionExpression("marketplaceOrder = :k")
                .expressionAttributeValues(Map.of(":k", s(key))).limit(1));
        return found.items().stream().findFirst().map(i -> i.get("orderId").s());
    }

    /** The merchant's order id of a marketplace order. */
    public Optional<String> findByMarketplaceOrder(String marketplace, String orderNumber) {
        var found = dynamo.query(b -> b.tableName(table).indexName(KargoTables.BY_MARKETPLACE_ORDER_INDEX)
                .keyConditionExpression("marketplaceOrder = :k")
                .expressionAttributeValues(Map.of(":k", s(marketplaceKey(marketplace, orderNumber)))).limit(1));
        return found.items().stream().findFirst().map(i -> i.get("orderId").s());
    }

    /**
     * Stores an order the merchant has not imported, as the marketplace reported it: the marketplace's number as
     * order number, the buyer's first name, and no consent — the marketplace's buyer allowed the marketplace, not the
     * merchant, to write; the merchant's own import of the order (same id) adds contacts and consent. Never replaces
     * an order already there.
     *
     * @return the order id
     */
    public String createFromMarketplace(String marketplace, String orderNumber, String firstName, Instant now) {
        return createFromMarketplace(marketplace, orderNumber, firstName, null, now);
    }

    /**
     * As {@link #createFromMarketplace(String, String, String, Instant)}, with the delivery country the marketplace gave
     * (an ISO code, any case; anything else is left out): the order's customer then has no locale of their own, and
     * the country chooses it ({@code Locales}); without a country the customer is Turkish, as before.
     */
    public String createFromMarketplace(String marketplace, String orderNumber, String firstName, String country, Instant now) {
        String shipTo = country == null ? null : country.strip().toUpperCase(java.util.Locale.ROOT);
        boolean known = io.kargotakip.core.order.OrderValidator.isCountryCode(shipTo);
        String orderId = marketplace + "-" + orderNumber.trim();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", s(orderId));
        item.put("orderNo", s(orderNumber.trim()));
        item.put("source", s(marketplace));
        item.put("marketplaceOrder", s(marketplaceKey(marketplace, orderNumber)));
        putIfPresent(item, "firstName", firstName);
        if (known) {
            item.put("shipToCountry", s(shipTo));
        } else {
            item.put("locale", s("tr"));
        }
        item.put("contacts", AttributeValue.fromM(Map.of()));
        item.put("consents", consents(Consent.none()));
        item.put("shipments", AttributeValue.fromL(List.of()));
        item.put("createdAt", s(now.toString()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(orderId)"));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException exists) {
            // created meanwhile (the same package in a webhook and a poll): the stored one stands
        }
        return orderId;
    }

    /** Adds a shipment to an order's list, once. */
    public void addShipment(String orderId, ShipmentId shipment) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("orderId", s(orderId)))
                    .updateExpression("SET shipments = list_append(if_not_exists(shipments, :empty), :one)")
                    .conditionExpression("attribute_exists(orderId) AND NOT contains(shipments, :id)")
                    .expressionAttributeValues(Map.of(":empty", AttributeValue.fromL(List.of()),
                            ":one", AttributeValue.fromL(List.of(s(shipment.toString()))), ":id", s(shipment.toString()))));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException already) {
            // listed already
        }
    }

    /**
     * Sets one of the customer's contacts (a device's push endpoint, registered by the app), leaving the rest of the
     * order as it is: an update of the one map entry, so a shipment added meanwhile is not lost. An order written
     * before the {@code contacts} map is read and saved in the new form once.
     *
     * @return false when there is no such order
     */
    public boolean putContact(String orderId, ContactKind kind, String value) {
        return putEntry(orderId, "contacts", kind.wireName(), s(value), o -> o.withCustomer(o.customer().withContact(kind, value)));
    }

    /**
     * Sets the order's consent for one channel (a browser subscribed to web push on the order's page), leaving the rest:
     * the rules store a fallback of the chain only for a channel the order's consent allows. An order written before the
     * {@code consents} map is read and saved in the new form once.
     *
     * @return false when there is no such order
     */
    public boolean putConsent(String orderId, String channel, boolean granted, Instant at) {
        return putEntry(orderId, "consents", channel, AttributeValue.fromM(Map.of("granted", AttributeValue.fromBool(granted),
                "recordedAt", s(at.toString()))), o -> o.withConsent(o.consent().with(channel, granted, at)));
    }

    /**
     * One entry of one of the order's maps ({@code contacts}, {@code consents}) set in one write, the rest left; an
     * order written before the maps existed is read and saved whole in the new form once ({@code changed}).
     */
    private boolean putEntry(String orderId, String map, String entry, AttributeValue value, java.util.function.UnaryOperator<Order> changed) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("orderId", s(orderId)))
                    .updateExpression("SET " + map + ".#k = :v").conditionExpression("attribute_exists(" + map + ")")
                    .expressionAttributeNames(Map.of("#k", entry)).expressionAttributeValues(Map.of(":v", value)));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException noMap) {
            Optional<Order> order = find(orderId);
            if (order.isEmpty()) {
                return false;
            }
            save(changed.apply(order.get()));
            return true;
        }
    }

    /**
     * Removes one of the customer's contacts if it still holds {@code value}: a web-push subscription the push service
     * called gone. The condition keeps a subscription the browser made meanwhile (a new value) from being removed.
     *
     * @return true when it was removed
     */
    public boolean removeContact(String orderId, ContactKind kind, String value) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("orderId", s(orderId)))
                    .updateExpression("REMOVE contacts.#k").conditionExpression("contacts.#k = :v")
                    .expressionAttributeNames(Map.of("#k", kind.wireName())).expressionAttributeValues(Map.of(":v", s(value))));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * Removes one of the customer's contacts whatever it holds (the browser unsubscribed).
     *
     * @return false when there is no such order
     */
    public boolean removeContact(String orderId, ContactKind kind) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("orderId", s(orderId)))
                    .updateExpression("REMOVE contacts.#k").conditionExpression("attribute_exists(contacts)")
                    .expressionAttributeNames(Map.of("#k", kind.wireName())));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException noOrder) {
            return find(orderId).isPresent();
        }
    }

    public Optional<Order> find(String orderId) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(Map.of("orderId", s(orderId))).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        Customer customer = new Customer(str(item, "firstName"), contacts(item), str(item, "locale"));
        Consent consent = consent(item);
        List<ShipmentId> shipments = item.containsKey("shipments")
                ? item.get("shipments").l().stream().map(v -> ShipmentId.parse(v.s())).toList()
                : List.of();
        String created = str(item, "createdAt");
        return Optional.of(new Order(str(item, "orderId"), str(item, "orderNo"), str(item, "source"), customer, consent,
                shipments, created == null ? null : Instant.parse(created), purchase(item.get("purchase")), str(item, "shipToCountry")));
    }

    /** {@code purchase}: a map of what the merchant gave (amounts as numbers, names as lists of strings). */
    private static AttributeValue purchase(Purchase p) {
        Map<String, AttributeValue> m = new HashMap<>();
        if (p.value() != null) {
            m.put("value", AttributeValue.fromN(p.value().toPlainString()));
        }
        if (p.codAmount() != null) {
            m.put("codAmount", AttributeValue.fromN(p.codAmount().toPlainString()));
        }
        putIfPresent(m, "currency", p.currency());
        putIfPresent(m, "cltvBand", p.cltvBand());
        m.put("categories", AttributeValue.fromL(p.categories().stream().map(Attr::s).toList()));
        m.put("segments", AttributeValue.fromL(p.segments().stream().map(Attr::s).toList()));
        return AttributeValue.fromM(m);
    }

    private static Purchase purchase(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return Purchase.NONE;
        }
        Map<String, AttributeValue> m = value.m();
        java.util.function.Function<String, java.math.BigDecimal> amount = k -> m.containsKey(k) ? new java.math.BigDecimal(m.get(k).n()) : null;
        java.util.function.Function<String, java.util.Set<String>> names = k -> m.containsKey(k) && m.get(k).hasL()
                ? m.get(k).l().stream().map(AttributeValue::s).collect(java.util.stream.Collectors.toSet()) : java.util.Set.of();
        return new Purchase(amount.apply("value"), str(m, "currency"), amount.apply("codAmount"), names.apply("categories"),
                names.apply("segments"), str(m, "cltvBand"));
    }

    private static AttributeValue consents(Consent consent) {
        Map<String, AttributeValue> out = new HashMap<>();
        consent.channels().forEach((channel, grant) -> {
            Map<String, AttributeValue> g = new HashMap<>();
            g.put("granted", AttributeValue.fromBool(grant.granted()));
            if (grant.recordedAt() != null) {
                g.put("recordedAt", s(grant.recordedAt().toString()));
            }
            out.put(channel, AttributeValue.fromM(g));
        });
        return AttributeValue.fromM(out);
    }

    private static Map<ContactKind, String> contacts(Map<String, AttributeValue> item) {
        Map<ContactKind, String> contacts = new java.util.EnumMap<>(ContactKind.class);
        if (item.containsKey("contacts")) {
            // a kind this version does not know (written by a newer one) is skipped, not an error
            item.get("contacts").m().forEach((name, value) -> ContactKind.fromWireName(name).ifPresent(k -> contacts.put(k, value.s())));
        } else {
            putLegacy(contacts, ContactKind.EMAIL, str(item, "email"));
            putLegacy(contacts, ContactKind.PHONE, str(item, "phone"));
        }
        return contacts;
    }

    private static void putLegacy(Map<ContactKind, String> contacts, ContactKind kind, String value) {
        if (value != null) {
            contacts.put(kind, value);
        }
    }

    private static Consent consent(Map<String, AttributeValue> item) {
        if (item.containsKey("consents")) {
            Map<String, Consent.Grant> grants = new HashMap<>();
            item.get("consents").m().forEach((channel, value) -> {
                Map<String, AttributeValue> g = value.m();
                AttributeValue at = g.get("recordedAt");
                grants.put(channel, new Consent.Grant(flag(g, "granted"), at == null ? null : Instant.parse(at.s())));
            });
            return new Consent(grants);
        }
        if (!item.containsKey("consentEmail") && !item.containsKey("consentSms") && !item.containsKey("consentWhatsapp")
                && !item.containsKey("consentPush")) {
            return Consent.none();
        }
        String recorded = str(item, "consentRecordedAt");
        return new Consent(flag(item, "consentEmail"), flag(item, "consentSms"), flag(item, "consentWhatsapp"),
                flag(item, "consentPush"), recorded == null ? null : Instant.parse(recorded));
    }
}
