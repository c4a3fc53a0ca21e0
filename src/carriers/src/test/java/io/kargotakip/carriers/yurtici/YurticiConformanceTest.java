package io.kargotakip.carriers.yurtici;

import io.kargotakip.carriers.kit.CarrierConformance;
import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.TextPatterns;
import io.kargotakip.core.carrier.CarrierAdapter;

import java.util.List;

import static io.kargotakip.carriers.yurtici.YurticiFixtures.answer;
import static io.kargotakip.carriers.yurtici.YurticiFixtures.bytes;
import static io.kargotakip.carriers.yurtici.YurticiFixtures.detail;
import static io.kargotakip.carriers.yurtici.YurticiFixtures.row;
import static io.kargotakip.carriers.yurtici.YurticiFixtures.xml;

/** Yurtiçi against the carrier kit's conformance suite. */
class YurticiConformanceTest extends CarrierConformance {

    private static final YurticiCarrier YURTICI = new YurticiCarrier();

    @Override
    protected CarrierAdapter adapter() {
        return YURTICI;
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.events("queryShipment, YKDOC's abridged answer", bytes("yurtici-queryShipment-response-abridged.xml")),
                Sample.events("queryShipment, delivered after a failed attempt", bytes("query-delivered.xml")),
                Sample.events("queryShipment, three keys, one unknown", bytes("query-batch.xml")),
                Sample.notFound("queryShipment, unknown key (errCode on the detail)", bytes("query-key-not-found.xml")),
                Sample.notFound("queryShipment, outFlag 1 saying nothing was found", bytes("query-outflag-not-found.xml")),
                Sample.error("credentials refused", bytes("error-credentials.xml")),
                Sample.error("82526 keys missing", bytes("error-keys-missing.xml")),
                Sample.error("82527 keyType missing", bytes("error-key-type-missing.xml")),
                Sample.error("outFlag 2, 936 unexpected error", bytes("error-unexpected.xml")),
                Sample.error("outFlag 1, other error", bytes("error-language-missing.xml")),
                Sample.error("SOAP fault", bytes("soap-fault.xml")),
                Sample.error("cancelShipment, YKDOC's answer (no event time)", bytes("yurtici-cancelShipment-response.xml")));
    }

    /**
     * An operationStatus row: a shipment with that headline, no history, and a document and delivery time. A
     * rejectStatus row: no headline, the return's document and dates. A text row: one history row with that event
     * name and no problem, under IND (which says nothing more once there is history).
     */
    @Override
    protected byte[] payloadFor(MappingTable.Row row) {
        return xml(switch (row.field()) {
            case YurticiStatusMap.OPERATION_STATUS -> answer(detail("KT-1", "1001", row.code(),
                    "<documentDate>20251110</documentDate><documentTime>101010</documentTime>"
                            + "<deliveryDate>20251111</deliveryDate><deliveryTime>121212</deliveryTime>"));
            case YurticiStatusMap.REJECT_STATUS -> answer(detail("KT-1", "1001", null,
                    "<rejectStatus>" + row.code() + "</rejectStatus><returnDocId>555</returnDocId>"
                            + "<returnDocumentDate>20251115</returnDocumentDate><returnDeliveryDate>20251118</returnDeliveryDate>"));
            case TextPatterns.FIELD -> answer(detail("KT-1", "1001", "IND", row(row.code(), "Sorun Yok", "20251110", "101010")));
            default -> throw new IllegalArgumentException("no payload for field " + row.field());
        });
    }
}
