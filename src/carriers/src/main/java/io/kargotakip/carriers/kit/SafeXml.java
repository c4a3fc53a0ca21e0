package io.kargotakip.carriers.kit;

import io.kargotakip.core.carrier.PayloadException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one XML reader every carrier parser uses (SOAP answers, XML pushes). Carrier XML never needs a
 * DTD, so a document with a {@code DOCTYPE} is refused outright: no entity can be declared, so none
 * can expand (billion laughs) or reach a file or URL (XXE). On top of that, in case a future change
 * lets a DTD through: secure processing, no external DTD/schema access, no external or parameter
 * entities, no XInclude, entity references not expanded, and the JDK's expansion, depth and
 * attribute limits. The input's size is capped before parsing.
 *
 * <p>The JDK's own parser is used ({@link DocumentBuilderFactory#newDefaultInstance()}), never one
 * found on the classpath, so every setting below is known to be honoured. Messages name the carrier
 * and the problem, never the document's text.
 */
public final class SafeXml {

    /** Larger than any carrier's tracking answer, small enough to parse in a Lambda's memory. */
    public static final int DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

    static final int MAX_ELEMENT_DEPTH = 64;
    private static final String JDK = "http://www.oracle.com/xml/jaxp/properties/";

    private final String carrier;
    private final int maxBytes;
    private final DocumentBuilderFactory factory;

    public SafeXml(String carrier) {
        this(carrier, DEFAULT_MAX_BYTES);
    }

    public SafeXml(String carrier, int maxBytes) {
        this.carrier = carrier;
        this.maxBytes = maxBytes;
        this.factory = hardenedFactory();
    }

    private static DocumentBuilderFactory hardenedFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser refused a hardening feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setAttribute(JDK + "entityExpansionLimit", "100");
        f.setAttribute(JDK + "maxGeneralEntitySizeLimit", "4096");
        f.setAttribute(JDK + "totalEntitySizeLimit", "16384");
        f.setAttribute(JDK + "maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH));
        f.setAttribute(JDK + "elementAttributeLimit", "64");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(true);
        f.setValidating(false);
        return f;
    }

    /**
     * Parses an answer whose HTTP content type is known. Turkish SOAP services may answer in windows-1254 or
     * ISO-8859-9 and say so only in the {@code Content-Type} header: that charset is used when the document
     * has no encoding of its own (no BOM, no {@code encoding} in its XML declaration); otherwise the document
     * decides, as XML says it must.
     */
    public Document parse(byte[] payload, String contentType) throws PayloadException {
        java.util.Optional<java.nio.charset.Charset> header = charsetOf(contentType);
        if (header.isEmpty() || payload == null || declaresEncoding(payload)) {
            return parse(payload);
        }
        return parse(payload, header.get());
    }

    /** @throws PayloadException when the bytes are empty, too large, not well-formed XML, or carry a DTD */
    public Document parse(byte[] payload) throws PayloadException {
        return parse(payload, (java.nio.charset.Charset) null);
    }

    private Document parse(byte[] payload, java.nio.charset.Charset charset) throws PayloadException {
        if (payload == null || payload.length == 0) {
            throw new PayloadException(carrier + " payload is empty");
        }
        if (payload.length > maxBytes) {
            throw new PayloadException(carrier + " payload is larger than " + maxBytes + " bytes");
        }
        try {
            DocumentBuilder builder;
            synchronized (factory) {
                builder = factory.newDocumentBuilder();
            }
            builder.setErrorHandler(SILENT);
            // Nothing may be resolved; the DOCTYPE ban already stops this, the resolver is the belt.
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            if (charset == null) {
                return builder.parse(new ByteArrayInputStream(payload));
            }
            return builder.parse(new InputSource(new java.io.InputStreamReader(new ByteArrayInputStream(payload), charset)));
        } catch (SAXParseException e) {
            // The parser's own message can quote the document; only the kind of problem is kept.
            throw new PayloadException(carrier + " payload is not " + (isDoctype(e) ? "accepted: it declares a DTD" : "well-formed XML"));
        } catch (SAXException | IOException | RuntimeException e) {
            throw new PayloadException(carrier + " payload is not well-formed XML");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code charset} parameter of a content type, when it names a charset this JVM has. */
    static java.util.Optional<java.nio.charset.Charset> charsetOf(String contentType) {
        if (contentType == null) {
            return java.util.Optional.empty();
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).trim().replace("\"", "");
                try {
                    return java.util.Optional.of(java.nio.charset.Charset.forName(name));
                } catch (IllegalArgumentException unknown) {
                    return java.util.Optional.empty();
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** A BOM, or an XML declaration with an {@code encoding}: the document names its own encoding. */
    static boolean declaresEncoding(byte[] payload) {
        if (payload.length >= 2 && ((payload[0] == (byte) 0xFE && payload[1] == (byte) 0xFF)
                || (payload[0] == (byte) 0xFF && payload[1] == (byte) 0xFE))) {
            return true;
        }
        if (payload.length >= 3 && payload[0] == (byte) 0xEF && payload[1] == (byte) 0xBB && payload[2] == (byte) 0xBF) {
            return true;
        }
        String head = new String(payload, 0, Math.min(payload.length, 200), java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = head.indexOf("?>");
        return head.startsWith("<?xml") && end > 0 && head.substring(0, end).contains("encoding");
    }

    private static boolean isDoctype(SAXParseException e) {
        String message = e.getMessage();
        return message != null && message.contains("DOCTYPE");
    }

    // By default the JDK parser prints "[Fatal Error]" lines with document text to stderr.
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    // ---- navigation by local name, so SOAP envelopes and namespace prefixes do not matter ---------

    /** The element's child elements with this local name, in document order. */
    public static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localName(e))) {
                found.add(e);
            }
        }
        return found;
    }

    /** The first element with this local name anywhere below (or at) {@code root}. */
    public static Optional<Element> find(Element root, String localName) {
        if (localName.equals(localName(root))) {
            return Optional.of(root);
        }
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                Optional<Element> found = find(e, localName);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** A child element's text, trimmed; null when the child is missing or blank. */
    public static String childText(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        if (found.isEmpty()) {
            return null;
        }
        String text = found.get(0).getTextContent().trim();
        return text.isEmpty() ? null : text;
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }
}
