package io.kargotakip.local;

import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.ups.UpsSandbox;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static io.kargotakip.emulators.ups.UpsSandbox.scan;
import static io.kargotakip.emulators.ups.UpsSandbox.scanAgo;

/**
 * The demo scenario, a merchant's day in miniature: ModaX imports four orders through the orders
 * API; UPS reports their parcels both ways — answers to our polls and Track Alert pushes to our
 * webhook — some twice, some late and out of order; a caller without the right credential is
 * turned away. Customers get one e-mail per status, in their language, only with consent.
 */
public final class Demo {

    /** The demo's parcels. A: push and poll, duplicated and out of order. B: a failed attempt. C: English, delayed. D: no consent. */
    public static final String A = "1ZMODAX0000000001";
    public static final String B = "1ZMODAX0000000002";
    public static final String C = "1ZMODAX0000000003";
    public static final String D = "1ZMODAX0000000004";

    static final UpsSandbox.Scan LABEL = scanAgo("M", "MP", "003", "Shipper created a label, UPS has not received the package yet.", java.time.Duration.ofHours(30), "ISTANBUL", "TR");
    static final UpsSandbox.Scan ORIGIN = scanAgo("I", "OR", "038", "Origin Scan", java.time.Duration.ofHours(22), "ISTANBUL", "TR");
    static final UpsSandbox.Scan ARRIVED = scanAgo("I", "AR", "005", "Arrived at Facility", java.time.Duration.ofHours(12), "ANKARA", "TR");
    static final UpsSandbox.Scan OUT = scanAgo("I", "OT", "021", "Out For Delivery Today", java.time.Duration.ofHours(5), "ANKARA", "TR");
    static final UpsSandbox.Scan DELIVERED = scanAgo("D", "F4", "011", "DELIVERED", java.time.Duration.ofHours(1), "ANKARA", "TR");
    static final UpsSandbox.Scan NOBODY_HOME = scanAgo("X", "48", "013", "The receiver was not available for delivery.", java.time.Duration.ofHours(4), "IZMIR", "TR");
    static final UpsSandbox.Scan WEATHER = scanAgo("X", "CR", "052", "Delay - Local Weather", java.time.Duration.ofHours(6), "ERZURUM", "TR");

    static final String ORDERS_CSV = """
            order_id,order_no,source,first_name,email,phone,locale,consent_email,consent_sms,consent_whatsapp,consent_push,carrier,tracking_number
            WEB-1001,1001,web,Ayşe,ayse@musteri.example,+905321110001,tr,true,false,false,false,ups,%s
            TY-2002,2002,trendyol,Mehmet,mehmet@musteri.example,+905321110002,tr,true,true,false,false,ups,%s
            WEB-1003,1003,web,Emily,emily@customer.example,,en,true,false,false,false,ups,%s
            HB-4004,4004,hepsiburada,Zeynep,zeynep@musteri.example,,tr,false,false,false,false,ups,%s
            """.formatted(A, B, C, D);

    /** What the demo did, from the tables themselves and (duplicates) the functions' metrics. */
    /** @param byChannel messages sent per channel */
    public record Summary(long shipments, long carriers, long events, long notifications, long duplicatesSuppressed,
                          Map<String, Long> byChannel) {
        public String toJson() {
            StringBuilder channels = new StringBuilder();
            for (String channel : CHANNELS) {
                channels.append(channels.length() == 0 ? "" : ",").append('"').append(channel).append("\":").append(byChannel.getOrDefault(channel, 0L));
            }
            return "{\"shipments\":" + shipments + ",\"carriers\":" + carriers + ",\"events\":" + events + ",\"notifications\":"
                    + notifications + ",\"duplicates_suppressed\":" + duplicatesSuppressed + ",\"by_channel\":{" + channels + "}}";
        }
    }

    /** The channels of the brief, in the summary's order. */
    static final List<String> CHANNELS = List.of("email", "sms", "whatsapp", "push", "webpush");

    private final LocalPlatform platform;
    private final Consumer<String> progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ShipmentRepository shipments;

    /** Where each function's log stood when the demo began (logs are appended across runs). */
    private final Map<String, Long> logStart = new java.util.HashMap<>();

    public Demo(LocalPlatform platform, Consumer<String> progress) {
        this.platform = platform;
        this.progress = progress;
        this.shipments = new ShipmentRepository(platform.dynamo(), platform.tables().shipments());
        platform.processes().forEach((name, p) -> logStart.put(name, size(p.logFile())));
    }

    public Summary run() {
        Duration settle = Duration.ofSeconds(60);
        HttpResponse<String> imported = importOrders(ORDERS_CSV);
        progress.accept("1. imported 4 orders through POST /orders (CSV): " + imported.body());
        // the merchant's single-use codes for the delay apology (./kargo discounts import --percent 10 FILE)
        new io.kargotakip.aws.store.DiscountCodes(platform.dynamo(), platform.tables().discountCodes())
                .importCodes(10, List.of("MODAX-OZUR-7K2Q", "MODAX-OZUR-9F4D", "MODAX-OZUR-3M8X"));

        platform.ups().answer(A, UpsSandbox.trackResponse(A, "20261126", List.of(LABEL, ORIGIN)));
        platform.ups().answer(B, UpsSandbox.trackResponse(B, "20261126", List.of(LABEL, ORIGIN, ARRIVED)));
        platform.ups().answer(C, UpsSandbox.trackResponse(C, "20261127", List.of(LABEL)));
        platform.ups().answer(D, UpsSandbox.trackResponse(D, "20261126", List.of(LABEL, ORIGIN)));
        poll();
        dueAgain(A);
        poll();
        platform.awaitQuiet(settle);
        progress.accept("2. the scheduled poller asked UPS about 4 parcels (parcel A twice): 'shipped' mails to 3 customers; "
                + "Zeynep gave no e-mail consent, so none to her");

        HttpResponse<String> forged = post("/webhooks/ups", "application/json", Map.of("Authorization", "Bearer forged"),
                UpsSandbox.push(A, DELIVERED, "20261126"));
        require(forged.statusCode() == 401, "a forged webhook was not refused: " + forged.statusCode());
        progress.accept("3. a webhook call with a wrong credential got " + forged.statusCode() + " " + forged.body() + " and was not queued");

        String outPush = UpsSandbox.push(A, OUT, "20261126");
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> pushUps(outPush));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> pushUps(outPush));
        require(first.join().statusCode() == 202 && second.join().statusCode() == 202, "UPS push not accepted");
        platform.awaitQuiet(settle);
        var heldOut = notifications().find(NotificationIntent.idFor(new ShipmentId("ups", A), MessageKind.OUT_FOR_DELIVERY, "email"));
        require(heldOut.isPresent() && heldOut.get().state() == NotificationRepository.State.DEFERRED,
                "parcel A's 'out for delivery' is not held for the coalescing window");
        progress.accept("4. UPS pushed 'out for delivery' for parcel A twice at once: one message, held 10 minutes by the rules' "
                + "frequency settings, so that a newer status arriving meanwhile is told instead");

        platform.ups().answer(A, UpsSandbox.trackResponse(A, "20261126", List.of(LABEL, ORIGIN, ARRIVED, OUT)));
        platform.ups().answer(B, UpsSandbox.trackResponse(B, "20261126", List.of(LABEL, ORIGIN, ARRIVED, NOBODY_HOME)));
        dueAgain(A);
        dueAgain(B);
        poll();
        dueAgain(A);
        poll();
        platform.awaitQuiet(settle);
        progress.accept("5. polled again: parcel A's answer repeats scans already pushed (suppressed); parcel B: nobody was home");

        pushUps(UpsSandbox.push(A, DELIVERED, "20261126"));
        pushUps(UpsSandbox.push(A, ARRIVED, "20261126"));
        pushUps(UpsSandbox.push(A, DELIVERED, "20261126"));
        pushUps(UpsSandbox.push(C, WEATHER, "20261128"));
        platform.awaitQuiet(settle);
        // ten minutes on the local clock: the held 'out for delivery' finds A delivered and is dropped
        try {
            platform.clock().advanceTo(platform.clock().instant().plus(Duration.ofMinutes(11)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        releaseHeld(settle);
        require(notifications().find(NotificationIntent.idFor(new ShipmentId("ups", A), MessageKind.OUT_FOR_DELIVERY, "email"))
                .orElseThrow().state() == NotificationRepository.State.SUPPRESSED, "parcel A's held 'out for delivery' was not dropped");
        // semi-automatic (the default rules): the apology with a discount waits for operations, who approve it
        String apology = approveWaiting("delay_apology", "ups:" + C, settle);
        progress.accept("6. UPS pushed 'delivered' for A twice and a late 'arrived at facility' (ignored: A stays delivered): Ayşe got "
                + "'delivered', and ten minutes later her held 'out for delivery' was dropped (coalesced); parcel C is delayed by weather, "
                + "more than a day past its ETA: the rules proposed an apology with a single-use 10% code from the merchant's pool, "
                + "operations approved it (GET /approvals, POST /approvals/" + apology + "), and Emily got it in English");

        require(shipments.find(new ShipmentId("ups", A)).orElseThrow().status() == TrackingStatus.DELIVERED, "parcel A is not delivered");

        new EveryCarrier(platform, this).run(settle);
        new EveryChannel(platform, this).run(settle);
        new TimedChannels(platform, this).run(settle);
        new RuleScenes(platform, this).run(settle);
        // the one line on what the chain saved, just before the summary
        progress.accept(chainSaving().line());
        return summary();
    }

    private HttpResponse<String> pushUps(String body) {
        HttpResponse<String> r = post("/webhooks/ups", "application/json",
                Map.of("Authorization", "Bearer " + LocalPlatform.UPS_WEBHOOK_CREDENTIAL), body);
        require(r.statusCode() == 202, "UPS push refused: " + r.statusCode() + " " + r.body());
        return r;
    }

    /**
     * What an operator does on the approvals page: list the waiting messages, approve the one of this kind and shipment.
     *
     * @return its id
     */
    private String approveWaiting(String kind, String shipment, Duration settle) {
        Map<String, String> key = Map.of("x-api-key", LocalPlatform.ORDERS_API_KEY);
        HttpResponse<String> waiting = send("GET", "/approvals", "application/json", key, "");
        require(waiting.statusCode() == 200, "GET /approvals: " + waiting.statusCode() + " " + waiting.body());
        String id = null;
        for (var w : io.kargotakip.aws.Json.read(waiting.body(), ApprovalList.class).waiting()) {
            if (kind.equals(w.kind()) && shipment.equals(w.shipment())) {
                id = w.notificationId();
            }
        }
        require(id != null, "no " + kind + " of " + shipment + " waits for approval: " + waiting.body());
        HttpResponse<String> approved = post("/approvals/" + id, "application/json", key, "{\"decision\": \"approve\", \"by\": \"demo.ops\"}");
        require(approved.statusCode() == 200, "approving " + id + ": " + approved.statusCode() + " " + approved.body());
        platform.awaitQuiet(settle);
        return id;
    }

    /** The approval queue as {@code GET /approvals} answers it (what the demo reads of it). */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record ApprovalList(List<Waiting> waiting) {
        @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
        record Waiting(String notificationId, String kind, String shipment) {
        }
    }

    private NotificationRepository notifications() {
        return new NotificationRepository(platform.dynamo(), platform.tables().notifications(), Duration.ofDays(30));
    }

    void say(String line) {
        progress.accept(line);
    }

    /** What the held-message schedule does every 5 minutes on AWS (30 s locally), now. */
    void releaseHeld(Duration settle) {
        var result = platform.releaseHeld().fireNow().join();
        require(!result.isError(), "releasing held messages failed: " + result.errorMessage());
        platform.awaitQuiet(settle);
    }

    void poll() {
        var result = platform.pollSchedule().fireNow().join();
        require(!result.isError(), "poller failed: " + result.errorMessage());
    }

    /** Time passes: the parcel's next poll is due now. */
    private void dueAgain(String trackingNumber) {
        shipments.schedulePoll(new ShipmentId("ups", trackingNumber), Instant.now().minusSeconds(1));
    }

    /** The demo's messages with the fees the sender recorded, against one SMS per notification that reached a customer. */
    ChainSaving.Result chainSaving() {
        var outbox = new io.kargotakip.aws.store.NotificationRepository(platform.dynamo(), platform.tables().notifications(), Duration.ofDays(30))
                .outbox();
        return ChainSaving.of(outbox.stream().map(e -> new ChainSaving.Message(e.notificationId(), e.chain(), e.channel(), e.feeUsd(),
                e.state() == io.kargotakip.aws.store.NotificationRepository.State.SENT)).toList(),
                Messaging.smsPerMessage(io.kargotakip.core.channel.ChannelFees.builtIn()));
    }

    public Summary summary() {
        var tables = platform.tables();
        // shipments only: the table also holds the poller's quota counters, which have no carrier
        java.util.Set<String> carriers = new java.util.TreeSet<>();
        long shipmentCount = platform.dynamo().scanPaginator(b -> b.tableName(tables.shipments())
                        .filterExpression("attribute_exists(carrier)"))
                .stream().mapToLong(page -> {
                    page.items().stream().filter(i -> i.containsKey("status")).forEach(i -> carriers.add(i.get("carrier").s()));
                    return page.count();
                }).sum();
        // carrier scans only: the table also holds the once-records of alerts, tickets, time rules and reports (action|…)
        // and the customers' answers (answer|…)
        long events = platform.dynamo().scanPaginator(b -> b.tableName(tables.events())
                .filterExpression("NOT begins_with(eventKey, :action) AND NOT begins_with(eventKey, :answer)")
                .expressionAttributeValues(Map.of(":action", AttributeValue.fromS("action|"), ":answer", AttributeValue.fromS("answer|"))))
                .stream().mapToLong(ScanResponse::count).sum();
        long sent = count(tables.notifications(), "SENT");
        long duplicates = duplicatesSuppressed();
        Map<String, Long> byChannel = new java.util.TreeMap<>();
        platform.dynamo().scanPaginator(b -> b.tableName(tables.notifications()).filterExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":s", AttributeValue.fromS("SENT"))))
                .items().forEach(i -> byChannel.merge(i.get("channel").s(), 1L, Long::sum));
        return new Summary(shipmentCount, carriers.size(), events, sent, duplicates, byChannel);
    }

    /**
     * Every demo parcel's tracking page on the local HTTP API, {@code <carrier> <number>: <link>}, by carrier and
     * number: the page each of its messages links to (its token issued here when no link was followed yet).
     */
    public List<String> trackingPages() {
        var shipments = new io.kargotakip.aws.store.ShipmentRepository(platform.dynamo(), platform.tables().shipments());
        List<String> lines = new java.util.ArrayList<>();
        platform.dynamo().scanPaginator(b -> b.tableName(platform.tables().shipments()).filterExpression("attribute_exists(carrier)")
                        .projectionExpression("shipmentId"))
                .items().stream().map(i -> io.kargotakip.core.shipment.ShipmentId.parse(i.get("shipmentId").s()))
                .sorted(java.util.Comparator.comparing(io.kargotakip.core.shipment.ShipmentId::toString))
                .forEach(id -> shipments.pageToken(id).ifPresent(t -> lines.add(id.carrier() + " " + id.trackingNumber() + ": "
                        + platform.httpApi().resolve("/t/" + t))));
        return lines;
    }

    private long count(String table, String state) {
        return platform.dynamo().scanPaginator(b -> {
            b.tableName(table);
            if (state != null) {
                b.filterExpression("#s = :s").expressionAttributeNames(Map.of("#s", "state"))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(state)));
            }
        }).stream().mapToLong(ScanResponse::count).sum();
    }

    /**
     * Duplicates are not counted in the tables (that would cost a write each): the stages count
     * them in their CloudWatch metrics (EMF lines in their logs), read here as CloudWatch would —
     * repeated events and notifications, and poll answers with nothing new.
     */
    private long duplicatesSuppressed() {
        java.util.regex.Pattern metric = java.util.regex.Pattern.compile("\"(?:DuplicatesSuppressed|PollAnswersUnchanged)\":(\\d+)");
        long total = 0;
        for (var entry : platform.processes().entrySet()) {
            java.nio.file.Path log = entry.getValue().logFile();
            try (var in = java.nio.file.Files.newInputStream(log)) {
                in.skipNBytes(Math.min(logStart.getOrDefault(entry.getKey(), 0L), size(log)));
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    if (line.contains("\"_aws\"")) {
                        var m = metric.matcher(line);
                        while (m.find()) {
                            total += Long.parseLong(m.group(1));
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + log + ": " + e.getMessage(), e);
            }
        }
        return total;
    }

    private static long size(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Imports orders as the merchant's CSV through the orders API; the answer (201, or the demo stops). */
    HttpResponse<String> importOrders(String csv) {
        HttpResponse<String> imported = post("/orders", "text/csv", Map.of("x-api-key", LocalPlatform.ORDERS_API_KEY), csv);
        require(imported.statusCode() == 201, "orders import failed: " + imported.statusCode() + " " + imported.body());
        return imported;
    }

    /** Moves the local stack's clock (the rule evaluator's and the sender's) forward to {@code when}. */
    void advanceTo(Instant when) {
        try {
            platform.clock().advanceTo(when);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    HttpResponse<String> post(String path, String contentType, Map<String, String> headers, String body) {
        return send("POST", path, contentType, headers, body);
    }

    HttpResponse<String> send(String method, String path, String contentType, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.httpApi().resolve(path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /** @return where the demo's mails can be read */
    public URI mailbox() {
        return platform.emulators().sesStore();
    }
}
