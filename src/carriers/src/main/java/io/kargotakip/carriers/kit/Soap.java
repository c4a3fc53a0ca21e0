package io.kargotakip.carriers.kit;

import io.kargotakip.core.carrier.PayloadException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SOAP layer of the Turkish carriers (Yurtiçi, Aras, Sürat, PTT, legacy MNG): SOAP 1.1 requests
 * written from the carrier's documented operation and parameters, and answers read with {@link SafeXml}.
 * Why not a generated stack (Quarkiverse CXF): most of these WSDLs are not public (Yurtiçi's, Aras's and
 * PTT's are handed out with credentials), the tracking answers that matter are untyped strings or
 * DataSets in the WSDLs that are (Sürat), and a request is a handful of string parameters — so a small
 * writer and the one hardened reader do the job for all five, in a native image, with no generated code
 * to keep in step. The HTTP call is each carrier's declarative REST client posting these bytes.
 */
public final class Soap {

    public static final String ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    /** SOAP 1.1's media type; the operation goes in the {@code SOAPAction} header. */
    public static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    private Soap() {
    }

    /** A request for {@code operation} in the service's namespace. */
    public static Request request(String namespace, String operation) {
        return new Request(namespace, operation);
    }

    /** One SOAP 1.1 request body; values are escaped, so a value can never become markup. */
    public static final class Request {
        private final String namespace;
        private final String operation;
        private final StringBuilder params = new StringBuilder();

        private Request(String namespace, String operation) {
            this.namespace = namespace;
            this.operation = operation;
        }

        /** A parameter; a null value is left out. */
        public Request param(String name, String value) {
            if (value != null) {
                params.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
            }
            return this;
        }

        /** A repeated parameter (an array such as Yurtiçi's {@code keys}). */
        public Request params(String name, List<String> values) {
            values.forEach(v -> param(name, v));
            return this;
        }

        /** A parameter holding child elements. */
        public Request element(String name, java.util.function.Consumer<Request> children) {
            Request inner = new Request(namespace, name);
            children.accept(inner);
            params.append('<').append(name).append('>').append(inner.params).append("</").append(name).append('>');
            return this;
        }

        public String operation() {
            return operation;
        }

        /** {@code "<namespace>/<operation>"} (with one slash), the usual {@code SOAPAction} of .NET and Axis services. */
        public String action() {
            return namespace.endsWith("/") ? namespace + operation : namespace + "/" + operation;
        }

        public byte[] toBytes() {
            return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                    + "<soap:Envelope xmlns:soap=\"" + ENVELOPE_NS + "\"><soap:Body>"
                    + "<" + operation + " xmlns=\"" + escape(namespace) + "\">" + params + "</" + operation + ">"
                    + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return new String(toBytes(), StandardCharsets.UTF_8);
        }
    }

    /** XML text escaping for element content and attribute values. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // characters XML 1.0 cannot carry at all are dropped rather than sent broken
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * The first element inside the envelope's {@code Body} (the operation's response), or the document
     * element when the payload is not an envelope (a test service or a push body that sends the bare element).
     *
     * @throws PayloadException for a SOAP fault (its {@code faultcode} kept, its text not: it may quote the request)
     */
    public static Element body(Document document, String carrier) throws PayloadException {
        Element root = document.getDocumentElement();
        if (!"Envelope".equals(localName(root))) {
            return root;
        }
        Element body = SafeXml.children(root, "Body").stream().findFirst()
                .orElseThrow(() -> new PayloadException(carrier + " SOAP envelope has no Body"));
        Optional<Element> fault = SafeXml.children(body, "Fault").stream().findFirst();
        if (fault.isPresent()) {
            throw new PayloadException(carrier + " answered with a SOAP fault" + faultCode(fault.get()));
        }
        List<Element> elements = new ArrayList<>();
        for (org.w3c.dom.Node n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        if (elements.isEmpty()) {
            throw new PayloadException(carrier + " SOAP Body is empty");
        }
        return elements.get(0);
    }

    /** True when the document is a SOAP fault (a client may call this an outage or a refusal). */
    public static boolean isFault(Document document) {
        Element root = document.getDocumentElement();
        return "Envelope".equals(localName(root)) && SafeXml.children(root, "Body").stream()
                .anyMatch(b -> !SafeXml.children(b, "Fault").isEmpty());
    }

    private static String faultCode(Element fault) {
        String code = SafeXml.childText(fault, "faultcode");
        if (code == null) {
            // SOAP 1.2: Code/Value
            code = SafeXml.children(fault, "Code").stream().findFirst().map(c -> SafeXml.childText(c, "Value")).orElse(null);
        }
        return code == null ? "" : " (" + UnmappedCodes.printable(code) + ")";
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }
}
