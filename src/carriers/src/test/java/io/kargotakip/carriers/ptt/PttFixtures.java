package io.kargotakip.carriers.ptt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test payloads from {@code src/test/resources/ptt/} (see its README.txt) and built ones. */
final class PttFixtures {

    static final String BARCODE = "KP02123456789";

    private PttFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = PttFixtures.class.getResourceAsStream("/ptt/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A SOAP answer with one movement. */
    static String oneMovement(String ikodu, String islem, String itarih, String isaat) {
        return answer("<BARNO>" + BARCODE + "</BARNO><dongu><IKODU>" + ikodu + "</IKODU><ISLEM>" + islem + "</ISLEM><ITARIH>"
                + itarih + "</ITARIH><ISAAT>" + isaat + "</ISAAT><IMERK>ANKARA/ÇANKAYA</IMERK><siraNo>1</siraNo></dongu>"
                + "<sonucKodu>10</sonucKodu>");
    }

    /** A SOAP answer whose return holds this XML. */
    static String answer(String returnContent) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Body><ns:barkodSorguResponse xmlns:ns=\"http://sorgu.ptt.gov.tr\"><ns:return>" + returnContent
                + "</ns:return></ns:barkodSorguResponse></soapenv:Body></soapenv:Envelope>";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
