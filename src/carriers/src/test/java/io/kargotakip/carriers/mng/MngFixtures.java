package io.kargotakip.carriers.mng;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test payloads from {@code src/test/resources/mng/} and builds minimal ones in MNG's formats. */
final class MngFixtures {

    private MngFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = MngFixtures.class.getResourceAsStream("/mng/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A getshipmentstatus answer with one headline. */
    static byte[] headline(String reference, String code, String explanation, String statusDateTime) {
        return utf8("[{\"referenceId\":\"" + reference + "\",\"shipmentId\":\"401200000001\",\"shipmentStatusCode\":" + code
                + ",\"shipmentStatusExplanation\":\"" + explanation + "\",\"statusDateTime\":\"" + statusDateTime + "\"}]");
    }

    /** A legacy GelecekIadeSiparisKontrol answer whose DataSet has one row. */
    static String legacyAnswer(String reference, String code, String explanation, String statusDateTime) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<GelecekIadeSiparisKontrolResponse xmlns=\"http://tempuri.org/\"><GelecekIadeSiparisKontrolResult>"
                + "<xs:schema id=\"NewDataSet\" xmlns=\"\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>"
                + "<diffgr:diffgram xmlns:diffgr=\"urn:schemas-microsoft-com:xml-diffgram-v1\"><NewDataSet xmlns=\"\"><Table1>"
                + "<SIPARIS_KODU>" + reference + "</SIPARIS_KODU><GONDERI_NO>89470000001</GONDERI_NO>"
                + "<SIPARIS_STATU>" + code + "</SIPARIS_STATU><SIPARIS_STATU_ACIKLAMA>" + explanation + "</SIPARIS_STATU_ACIKLAMA>"
                + "<SIPARIS_STATU_TARIHI>" + statusDateTime + "</SIPARIS_STATU_TARIHI>"
                + "</Table1></NewDataSet></diffgr:diffgram>"
                + "</GelecekIadeSiparisKontrolResult></GelecekIadeSiparisKontrolResponse></soap:Body></soap:Envelope>";
    }
}
