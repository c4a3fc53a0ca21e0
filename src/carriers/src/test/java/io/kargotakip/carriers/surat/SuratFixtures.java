package io.kargotakip.carriers.surat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test payloads from {@code src/test/resources/surat/} (all synthetic, see its README.txt) and built ones. */
final class SuratFixtures {

    static final String KEY = "SIP-2026-0044";

    private SuratFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = SuratFixtures.class.getResourceAsStream("/surat/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ASMX answer whose result string is this text (escaped as .NET escapes a string), without the polled key. */
    static String envelope(String result) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Body><KargoTakipHareketDetayliV2Response xmlns=\"http://tempuri.org/\"><KargoTakipHareketDetayliV2Result>"
                + result.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                + "</KargoTakipHareketDetayliV2Result></KargoTakipHareketDetayliV2Response></soap:Body></soap:Envelope>";
    }

    /** The answer as the tracking client hands it over: with the polled key. */
    static byte[] polled(String result) {
        return SuratPayloadParser.withPolledKey(envelope(result).getBytes(StandardCharsets.UTF_8), KEY);
    }
}
