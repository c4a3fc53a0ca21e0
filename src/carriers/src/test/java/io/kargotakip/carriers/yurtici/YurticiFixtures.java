package io.kargotakip.carriers.yurtici;

import io.kargotakip.carriers.kit.Soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test payloads from {@code src/test/resources/yurtici/} and writes small answers in YK's format. */
final class YurticiFixtures {

    private YurticiFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = YurticiFixtures.class.getResourceAsStream("/yurtici/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A bare queryShipment answer (outFlag 0) with these shipment details. */
    static String answer(String... details) {
        return "<ShippingDeliveryVO><outFlag>0</outFlag><outResult>Başarılı</outResult><count>" + details.length + "</count>"
                + String.join("", details) + "</ShippingDeliveryVO>";
    }

    /** One shipment: its keys, its headline status (null: none) and the inside of its item detail (null: none). */
    static String detail(String cargoKey, String docId, String operationStatus, String item) {
        return "<shippingDeliveryDetailVO>" + element("cargoKey", cargoKey) + element("docId", docId)
                + element("operationStatus", operationStatus)
                + (item == null ? "" : "<shippingDeliveryItemDetailVO>" + item + "</shippingDeliveryItemDetailVO>")
                + "</shippingDeliveryDetailVO>";
    }

    static String row(String eventName, String reasonName, String date, String time) {
        return "<invDocCargoVOArray>" + element("unitName", "KADIKÖY ŞUBE") + element("eventName", eventName)
                + element("reasonName", reasonName) + element("eventDate", date) + element("eventTime", time)
                + element("cityName", "İstanbul") + element("townName", "Kadıköy") + "</invDocCargoVOArray>";
    }

    static String element(String name, String value) {
        return value == null ? "" : "<" + name + ">" + Soap.escape(value) + "</" + name + ">";
    }
}
