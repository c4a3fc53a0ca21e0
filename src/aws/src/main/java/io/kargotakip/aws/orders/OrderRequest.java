package io.kargotakip.aws.orders;

import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.Order;
import io.kargotakip.core.shipment.ShipmentId;

import java.time.Instant;
import java.util.List;

/** The JSON body of {@code POST /orders}: one order, or {@code {"orders":[...]}} for many. */
public record OrderRequest(String orderId, String orderNo, String source, CustomerJson customer, ConsentJson consent,
                           List<ShipmentJson> shipments, List<OrderRequest> orders) {

    public record CustomerJson(String firstName, String email, String phone, String locale) {
    }

    public record ConsentJson(Boolean email, Boolean sms, Boolean whatsapp, Boolean push) {
    }

    public record ShipmentJson(String carrier, String trackingNumber) {
    }

    /** The orders this request carries, numbered by position (1-based), and what could not be read. */
    public OrderCsv.Read toOrders(Instant now) {
        List<OrderRequest> all = orders != null ? orders : List.of(this);
        List<OrderIntake.Numbered> out = new java.util.ArrayList<>();
        List<OrderIntake.Problem> problems = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            OrderRequest r = all.get(i);
            int position = i + 1;
            if (r == null) {
                problems.add(new OrderIntake.Problem(position, "order is null"));
                continue;
            }
            List<ShipmentId> shipmentIds = new java.util.ArrayList<>();
            for (ShipmentJson s : r.shipments() == null ? List.<ShipmentJson>of() : r.shipments()) {
                if (s == null || s.carrier() == null || s.trackingNumber() == null || s.carrier().isBlank() || s.trackingNumber().isBlank()) {
                    problems.add(new OrderIntake.Problem(position, "every shipment needs carrier and trackingNumber"));
                } else {
                    shipmentIds.add(new ShipmentId(s.carrier(), s.trackingNumber()));
                }
            }
            CustomerJson c = r.customer();
            Customer customer = c == null ? null
                    : new Customer(c.firstName(), c.email(), c.phone(), c.locale() == null ? null : c.locale().toLowerCase(java.util.Locale.ROOT));
            ConsentJson k = r.consent();
            Consent consent = k == null ? Consent.none()
                    : new Consent(Boolean.TRUE.equals(k.email()), Boolean.TRUE.equals(k.sms()), Boolean.TRUE.equals(k.whatsapp()),
                    Boolean.TRUE.equals(k.push()), now);
            out.add(new OrderIntake.Numbered(position, new Order(r.orderId(), r.orderNo(), r.source() == null ? "api" : r.source(),
                    customer, consent, shipmentIds, now)));
        }
        return new OrderCsv.Read(out, problems);
    }
}
