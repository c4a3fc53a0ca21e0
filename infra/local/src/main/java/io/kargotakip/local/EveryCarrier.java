package io.kargotakip.local;

import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.aws.store.SyncCursors;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.LocalSettings;
import io.kargotakip.emulators.amazon.AmazonSandbox;
import io.kargotakip.emulators.aras.ArasSandbox;
import io.kargotakip.emulators.dhl.DhlSandbox;
import io.kargotakip.emulators.hepsiburada.HepsiburadaSandbox;
import io.kargotakip.emulators.hepsijet.HepsijetSandbox;
import io.kargotakip.emulators.mng.MngSandbox;
import io.kargotakip.emulators.ptt.PttSandbox;
import io.kargotakip.emulators.surat.SuratSandbox;
import io.kargotakip.emulators.trendyol.TrendyolSandbox;
import io.kargotakip.emulators.yurtici.YurticiSandbox;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The demo's second half: ModaX ships with the other nine carriers — some through Trendyol and Hepsiburada —
 * and each answers from its local sandbox in its own published format: polled (SOAP for Yurtiçi, Aras, Sürat,
 * PTT; REST for MNG, HepsiJET, Amazon, DHL), and pushed where the carrier pushes (DHL Push, Aras's callback,
 * Trendyol's and Hepsiburada's webhooks).
 */
final class EveryCarrier {

    static final String YURTICI = "MDX1005";      // cargoKey: the merchant's reference
    static final String YURTICI_DOC = "176162531005"; // YK's docId, the alternate number
    static final String ARAS = "MDX1006";         // IntegrationCode (MÖK)
    static final String MNG = "MDX1007";          // referenceId
    static final String SURAT = "MDX1008";        // WebSiparisKodu
    static final String PTT = "KP100900001TR";    // barkod
    static final String HEPSIJET = "MDX0000001010"; // customerDeliveryNo
    static final String AMAZON = "TBA100000001011";
    static final String DHL = "1234561012";
    static final String TEX = "7330000001013";    // Trendyol Express, known through Trendyol
    static final String TRENDYOL_ORDER = "10654411013";
    static final String HB_PACKAGE = "013105001";
    static final String SYNCED_TRENDYOL_ORDER = "10654411014"; // no webhook: found by the order sync
    static final String SYNCED_ARAS = "3461001014";
    static final String NOTIFIED_AMAZON_ORDER = "405-1000001-1015015"; // told by an SP-API notification
    static final String NOTIFIED_YURTICI = "176162531015";

    static final String ORDERS_CSV = """
            order_id,order_no,source,first_name,email,phone,locale,consent_email,consent_sms,consent_whatsapp,consent_push,carrier,tracking_number
            WEB-1005,1005,web,Burak,burak@musteri.example,,tr,true,false,false,false,yurtici,%s
            WEB-1006,1006,web,Elif,elif@musteri.example,,tr,true,false,false,false,aras,%s
            WEB-1007,1007,web,Murat,murat@musteri.example,,tr,true,false,false,false,mng,%s
            WEB-1008,1008,web,Selin,selin@musteri.example,,tr,true,false,false,false,surat,%s
            WEB-1009,1009,web,Kemal,kemal@musteri.example,,tr,true,false,false,false,ptt,%s
            HB-4010,4010,hepsiburada,Derya,derya@musteri.example,,tr,true,false,false,false,hepsijet,%s
            WEB-1011,1011,web,Oliver,oliver@customer.example,,en,true,false,false,false,amazon,%s
            WEB-1012,1012,web,Canan,canan@musteri.example,,tr,true,false,false,false,dhl,%s
            TY-2013,%s,trendyol,Deniz,deniz@musteri.example,,tr,true,false,false,false,trendyol-express,%s
            """.formatted(YURTICI, ARAS, MNG, SURAT, PTT, HEPSIJET, AMAZON, DHL, TRENDYOL_ORDER, TEX);

    private final LocalPlatform platform;
    private final Demo demo;
    private final CarrierSandboxes sandboxes;
    private final ShipmentRepository shipments;

    EveryCarrier(LocalPlatform platform, Demo demo) {
        this.platform = platform;
        this.demo = demo;
        this.sandboxes = platform.sandboxes();
        this.shipments = new ShipmentRepository(platform.dynamo(), platform.tables().shipments());
    }

    void run(Duration settle) {
        HttpResponse<String> imported = demo.importOrders(ORDERS_CSV);

        answerPolls();
        demo.poll();
        platform.awaitQuiet(settle);
        Map<String, Integer> calls = sandboxes.calls();
        demo.say("7. nine more carriers, each polled in its own protocol (SOAP: Yurtiçi, Aras, Sürat, PTT; REST: MNG, "
                + "HepsiJET, Amazon, DHL): " + String.join(", ", calls.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue() + " calls").toList()));

        push();
        platform.awaitQuiet(settle);
        demo.say("8. pushes: DHL Push and Aras's callback (delivered), Trendyol's webhook (a Trendyol Express parcel "
                + "delivered), Hepsiburada's (a HepsiJET parcel handed over); a second Aras callback with a wrong password is refused");

        marketplaceFeeds(settle);

        for (ShipmentId id : List.of(new ShipmentId("dhl", DHL), new ShipmentId("aras", ARAS), new ShipmentId("trendyol-express", TEX))) {
            Demo.require(shipments.find(id).map(s -> s.status() == TrackingStatus.DELIVERED).orElse(false), id.carrier() + " parcel is not delivered");
        }
        Demo.require(shipments.findByNumber("yurtici", YURTICI_DOC).filter(id -> id.trackingNumber().equals(YURTICI)).isPresent(),
                "the Yurtiçi parcel is not found by its docId");
    }

    private void answerPolls() {
        sandboxes.get(YurticiSandbox.class).answer(YURTICI, YurticiSandbox.queryAnswer(new YurticiSandbox.Shipment(YURTICI, YURTICI_DOC, "IND",
                List.of(YurticiSandbox.scan("Kargo Kabul Edildi", "2026-11-30T17:20:00", "KADIKÖY ŞUBE", "KADIKÖY", "İSTANBUL"),
                        YurticiSandbox.scan("Kargo Yüklendi", "2026-11-30T21:40:00", "TRANSFER MERKEZİ", "TUZLA", "İSTANBUL"),
                        YurticiSandbox.scan("Dağıtıma Çıkarıldı", "2026-12-01T09:10:00", "ÇANKAYA ŞUBE", "ÇANKAYA", "ANKARA")), null)));
        sandboxes.get(ArasSandbox.class).answer(ARAS, "3461001006", List.of(
                ArasSandbox.scan(2, "YOLDA", "2026-11-30T19:00:00", "İZMİR TRANSFER")));
        sandboxes.get(MngSandbox.class).answer(MNG, MngSandbox.shipmentStatus(MNG, "9000001007", List.of(
                MngSandbox.scan(2, "Transfer aşamasında", "2026-11-30T20:15:00", "ESENYURT AKTARMA")), LocalDate.of(2026, 12, 2)));
        sandboxes.get(SuratSandbox.class).answer(SURAT, SuratSandbox.movementRows("SRT1008", List.of(
                SuratSandbox.movement("Kargo Kabul", "2026-11-30T16:05:00", "BURSA ŞUBE"),
                SuratSandbox.movement("Aktarma Merkezinde", "2026-11-30T23:30:00", "BURSA AKTARMA"))));
        sandboxes.get(PttSandbox.class).answer(PTT, List.of(
                PttSandbox.scan("1", "Kabul Edildi", "2026-11-30T15:00:00", "ANKARA PTT"),
                PttSandbox.scan("7", "Dağıtıcıya Verildi", "2026-12-01T08:45:00", "ESKİŞEHİR PTT"),
                PttSandbox.scan("124", "Adreste Yok/Kapalı", "2026-12-01T11:30:00", "ESKİŞEHİR PTT")));
        sandboxes.get(HepsijetSandbox.class).answer(HEPSIJET, List.of(
                HepsijetSandbox.scan("Teslim Alındı", "İSTANBUL AKTARMA", "2026-11-30T18:00:00+03:00")));
        sandboxes.get(AmazonSandbox.class).answer(AMAZON, AmazonSandbox.trackingResponse(AMAZON, "2026-12-02T18:00:00Z", List.of(
                AmazonSandbox.scan("ReadyForReceive", "2026-11-30T10:00:00Z", "London", "GB"),
                AmazonSandbox.scan("PickupDone", "2026-11-30T15:00:00Z", "London", "GB"),
                AmazonSandbox.scan("Departed", "2026-11-30T22:00:00Z", "Heathrow", "GB")), List.of()));
        sandboxes.get(DhlSandbox.class).answer(DHL, DhlSandbox.trackResponse(DHL, "express", LocalDate.of(2026, 12, 2), List.of(
                DhlSandbox.scan("transit", "Shipment picked up", "2026-11-30T14:00:00", "Leipzig", "DE"),
                DhlSandbox.scan("transit", "Arrived at Delivery Facility in ISTANBUL - TURKEY", "2026-12-01T06:30:00", "Istanbul", "TR"))));
    }

    private void push() {
        HttpResponse<String> dhl = demo.post("/webhooks/dhl", "application/json", Map.of(LocalSettings.DHL_PUSH_HEADER, LocalSettings.DHL_PUSH_TOKEN),
                DhlSandbox.push(DHL, "express", DhlSandbox.scan("delivered", "Delivered", "2026-12-01T13:20:00", "Istanbul", "TR")));
        Demo.require(dhl.statusCode() == 202, "DHL push refused: " + dhl.statusCode() + " " + dhl.body());

        String arasDelivered = ArasSandbox.push(ARAS, ArasSandbox.scan(6, "TESLİM EDİLDİ", "2026-12-01T12:05:00", "KARŞIYAKA ŞUBE"));
        HttpResponse<String> aras = demo.post("/webhooks/aras", "text/xml; charset=utf-8", Map.of(), arasDelivered);
        Demo.require(aras.statusCode() == 200 && aras.body().contains("true"), "Aras push not acknowledged: " + aras.statusCode());
        HttpResponse<String> forged = demo.post("/webhooks/aras", "text/xml; charset=utf-8", Map.of(),
                arasDelivered.replace(ArasSandbox.PUSH_PASSWORD, "guessed"));
        Demo.require(forged.statusCode() == 401, "an Aras push with a wrong password was not refused: " + forged.statusCode());

        String pkg = TrendyolSandbox.pkg(TRENDYOL_ORDER, 3_450_001_013L, "Trendyol Express", TEX, List.of(
                TrendyolSandbox.scan("Created", "2026-11-30T09:00:00Z"), TrendyolSandbox.scan("Shipped", "2026-11-30T15:00:00Z"),
                TrendyolSandbox.scan("Delivered", "2026-12-01T10:40:00Z")));
        HttpResponse<String> trendyol = demo.post("/webhooks/trendyol", "application/json",
                Map.of("Authorization", basic(LocalSettings.TRENDYOL_WEBHOOK_USER, LocalSettings.TRENDYOL_WEBHOOK_PASSWORD)), pkg);
        Demo.require(trendyol.statusCode() == 202, "Trendyol webhook refused: " + trendyol.statusCode() + " " + trendyol.body());

        HttpResponse<String> hb = demo.send("PUT", "/webhooks/hepsiburada/packages/" + HB_PACKAGE + "/intransit", "application/json",
                Map.of("Authorization", basic(LocalSettings.HEPSIBURADA_WEBHOOK_USER, LocalSettings.HEPSIBURADA_WEBHOOK_PASSWORD)),
                HepsiburadaSandbox.intransit(HB_PACKAGE, "6220131001010", HEPSIJET, "https://hepsijet.com/gonderi-takibi/" + HEPSIJET,
                        Instant.parse("2026-11-30T14:30:00Z")));
        Demo.require(hb.statusCode() == 204, "Hepsiburada webhook not answered 204: " + hb.statusCode() + " " + hb.body());
    }

    /**
     * Orders nobody pushed: Trendyol's changed packages, read by the order sync of the poller's scheduled run (a
     * webhook Trendyol disabled would lose them), and an Amazon order told of by an SP-API ORDER_CHANGE notification on
     * the amazon-notifications queue, which the poller confirms with getOrder.
     */
    private void marketplaceFeeds(Duration settle) {
        sandboxes.get(TrendyolSandbox.class).changes(List.of(List.of(TrendyolSandbox.pkg(SYNCED_TRENDYOL_ORDER, 3_450_001_014L, "Aras Kargo",
                SYNCED_ARAS, List.of(TrendyolSandbox.scan("Created", ago(Duration.ofHours(5))), TrendyolSandbox.scan("Shipped", ago(Duration.ofHours(2))))))));
        syncDueAgain("trendyol");
        demo.poll();

        sandboxes.get(AmazonSandbox.class).order(NOTIFIED_AMAZON_ORDER, AmazonSandbox.orderResponse(NOTIFIED_AMAZON_ORDER,
                ago(Duration.ofHours(1)), "Hakan Yıldız", List.of(new AmazonSandbox.Package("P1", "Yurtiçi Kargo", NOTIFIED_YURTICI,
                        "IN_TRANSIT", "PICKED_UP"))));
        platform.sqs().sendMessage(b -> b.queueUrl(platform.queues().amazonNotifications()).messageBody(orderChange(NOTIFIED_AMAZON_ORDER)));
        platform.awaitQuiet(settle);
        Demo.require(sandboxes.get(AmazonSandbox.class).orderCalls(NOTIFIED_AMAZON_ORDER) > 0, "the Amazon notification was not confirmed");
        for (ShipmentId id : List.of(new ShipmentId("aras", SYNCED_ARAS), new ShipmentId("yurtici", NOTIFIED_YURTICI))) {
            Demo.require(shipments.find(id).map(s -> s.status() == TrackingStatus.IN_TRANSIT).orElse(false), id + " was not found through its marketplace");
        }
        demo.say("9. orders nobody pushed: the order sync read Trendyol's changed packages (order " + SYNCED_TRENDYOL_ORDER
                + ", an Aras parcel), and an Amazon ORDER_CHANGE notification on the SQS queue was confirmed with getOrder (order "
                + NOTIFIED_AMAZON_ORDER + ", a Yurtiçi parcel); both orders created without consent, so no message");
    }

    /** Dated from now, so the stall rule does not take these parcels for stuck ones whenever the demo runs. */
    private static String ago(Duration duration) {
        return Instant.now().minus(duration).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** Time passes: the marketplace's next sync is due now. */
    private void syncDueAgain(String marketplace) {
        SyncCursors cursors = new SyncCursors(platform.dynamo(), platform.tables().shipments());
        cursors.read(marketplace).ifPresent(c -> cursors.save(marketplace,
                new SyncCursors.Cursor(c.from(), c.to(), c.token(), c.size(), Instant.now().minus(Duration.ofHours(1)), c.done())));
    }

    /** An SP-API ORDER_CHANGE notification as Amazon delivers it to the queue. */
    private static String orderChange(String orderId) {
        return "{\"NotificationVersion\":\"1.0\",\"NotificationType\":\"ORDER_CHANGE\",\"PayloadVersion\":\"1.0\","
                + "\"EventTime\":\"" + Instant.now() + "\",\"Payload\":{\"OrderChangeNotification\":{\"NotificationLevel\":\"OrderLevel\","
                + "\"SellerId\":\"A3TH9S8BH6GOGM\",\"AmazonOrderId\":\"" + orderId + "\",\"OrderChangeType\":\"OrderStatusChange\","
                + "\"OrderChangeTrigger\":{\"TimeOfOrderChange\":\"" + Instant.now() + "\",\"ChangeReason\":\"Order shipped\"},"
                + "\"Summary\":{\"MarketplaceId\":\"A33AVAJ2PDY3EV\",\"OrderStatus\":\"Shipped\",\"FulfillmentType\":\"MFN\"}}},"
                + "\"NotificationMetadata\":{\"NotificationId\":\"" + java.util.UUID.randomUUID() + "\"}}";
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
