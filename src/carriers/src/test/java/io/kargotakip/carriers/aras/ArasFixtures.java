package io.kargotakip.carriers.aras;

import io.kargotakip.carriers.kit.Soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test payloads: files from {@code src/test/resources/aras/}, and answers and pushes written in Aras's shapes. */
final class ArasFixtures {

    private ArasFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = ArasFixtures.class.getResourceAsStream("/aras/" + name)) {
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

    /** A WCF answer of {@code operation} (GetQueryJSON, GetQueryXML) whose result string is {@code result}. */
    static String answer(String operation, String result) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<" + operation + "Response xmlns=\"http://tempuri.org/\"><" + operation + "Result>" + Soap.escape(result)
                + "</" + operation + "Result></" + operation + "Response></s:Body></s:Envelope>";
    }

    /** A GetQueryJSON answer holding this JSON. */
    static byte[] json(String rowsJson) {
        return utf8(answer("GetQueryJSON", rowsJson));
    }

    /** One QueryType 39 row (JSON) with these columns; MUSTERI_OZEL_KODU K1 and an ISLEM_TARIHI unless given. */
    static String row(String... columnsAndValues) {
        java.util.Map<String, String> columns = new java.util.LinkedHashMap<>();
        columns.put("MUSTERI_OZEL_KODU", "K1");
        columns.put("KARGO_TAKIP_NO", "7340000000001");
        columns.put("TIP_KODU", "1");
        columns.put("ISLEM_TARIHI", "14.11.2025 10:10:10");
        for (int i = 0; i + 1 < columnsAndValues.length; i += 2) {
            if (columnsAndValues[i + 1] == null) {
                columns.remove(columnsAndValues[i]);
            } else {
                columns.put(columnsAndValues[i], columnsAndValues[i + 1]);
            }
        }
        StringBuilder json = new StringBuilder("{");
        columns.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(v).append('"'));
        return json.append('}').toString();
    }

    /** A JSON push with these fields. */
    static byte[] jsonPush(String integrationCode, String cargoStatus, String processDate, String description) {
        return utf8("{\"IntegrationCode\":\"" + integrationCode + "\",\"CargoStatus\":" + cargoStatus + ",\"ProcessDate\":\""
                + processDate + "\",\"Description\":\"" + description + "\",\"UserName\":\"u\",\"Password\":\"p\"}");
    }

    /** A SOAP push with these fields. */
    static byte[] soapPush(String integrationCode, String cargoStatus, String processDate, String description) {
        return utf8("<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Body><SetCargoStatus xmlns=\"http://tempuri.org/\"><IntegrationCode>" + Soap.escape(integrationCode)
                + "</IntegrationCode><CargoStatus>" + cargoStatus + "</CargoStatus><ProcessDate>" + processDate
                + "</ProcessDate><Description>" + Soap.escape(description) + "</Description><UserName>u</UserName>"
                + "<Password>p</Password></SetCargoStatus></soap:Body></soap:Envelope>");
    }
}
