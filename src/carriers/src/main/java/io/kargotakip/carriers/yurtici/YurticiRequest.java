package io.kargotakip.carriers.yurtici;

import io.kargotakip.carriers.kit.Soap;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The queryShipment request, written here rather than with {@link Soap.Request}: the kit's writer puts the
 * parameters in the operation's namespace (a default {@code xmlns} on the operation element), while YK's service
 * (document/literal, its schema's local elements unqualified) takes them unqualified, as YK's own PHP sample and
 * every public client send them: {@code <ship:queryShipment><wsUserName>…}. Values are escaped with the kit's
 * {@link Soap#escape}, so a key can never become markup.
 */
final class YurticiRequest {

    static final String NAMESPACE = "http://yurticikargo.com.tr/ShippingOrderDispatcherServices";
    static final String OPERATION = "queryShipment";
    /**
     * SOAP 1.1's empty action ("the intent is the URL"): the service dispatches on the body's element, and a
     * public client that ran live calls against YK sends exactly this.
     */
    static final String SOAP_ACTION = "\"\"";

    private YurticiRequest() {
    }

    /** keyType 0: the keys are cargoKeys; the whole history, not only the tracking link. */
    static byte[] queryShipment(String user, String password, String language, List<String> cargoKeys) {
        StringBuilder params = new StringBuilder();
        param(params, "wsUserName", user);
        param(params, "wsPassword", password);
        param(params, "wsLanguage", language);
        cargoKeys.forEach(key -> param(params, "keys", key));
        param(params, "keyType", "0");
        param(params, "addHistoricalData", "true");
        param(params, "onlyTracking", "false");
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"" + Soap.ENVELOPE_NS + "\" xmlns:ship=\"" + NAMESPACE + "\">"
                + "<soapenv:Body><ship:" + OPERATION + ">" + params + "</ship:" + OPERATION + "></soapenv:Body>"
                + "</soapenv:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static void param(StringBuilder into, String name, String value) {
        into.append('<').append(name).append('>').append(Soap.escape(value)).append("</").append(name).append('>');
    }
}
