package io.kargotakip.carriers.aras;

import io.kargotakip.carriers.kit.Soap;

import java.util.List;

/**
 * The tracking request Aras's query service takes: {@code GetQueryJSON(loginInfo, queryInfo)}, whose two string
 * parameters are each an XML document (PDF §2.2). Written here once for the client and its tests.
 *
 * <p>QueryType 39 is used for every poll: it takes one MÖK or a comma-separated list of them (§2.2.29), answers with
 * one row per shipment with the devir and last-operation columns (DEVIR_KODU, ISLEM_TARIHI) that QueryType 1 lacks,
 * and wants the CustomerCode in the queryInfo as well as in the loginInfo (the PDF's example has both).
 */
public final class ArasQuery {

    /** WCF's default namespace; the PDF shows only .NET proxy calls, so this is inferred from the service being WCF. */
    public static final String NAMESPACE = "http://tempuri.org/";
    public static final String OPERATION = "GetQueryJSON";
    public static final int QUERY_TYPE = 39;
    /**
     * [inference] WCF's default action, namespace + service contract + operation; the contract name
     * {@code IArasCargoIntegrationService} follows from the service {@code ArasCargoIntegrationService.svc}. Quoted,
     * as SOAP 1.1 writes the header.
     */
    public static final String SOAP_ACTION = "\"" + NAMESPACE + "IArasCargoIntegrationService/" + OPERATION + "\"";

    private ArasQuery() {
    }

    /** {@code <LoginInfo><UserName/><Password/><CustomerCode/></LoginInfo>}, values escaped. */
    public static String loginInfo(String user, String password, String customerCode) {
        return "<LoginInfo><UserName>" + Soap.escape(user) + "</UserName><Password>" + Soap.escape(password)
                + "</Password><CustomerCode>" + Soap.escape(customerCode) + "</CustomerCode></LoginInfo>";
    }

    /** {@code <QueryInfo><QueryType>39</QueryType><CustomerCode/><IntegrationCode>a,b,c</IntegrationCode></QueryInfo>}. */
    public static String queryInfo(String customerCode, List<String> integrationCodes) {
        return "<QueryInfo><QueryType>" + QUERY_TYPE + "</QueryType><CustomerCode>" + Soap.escape(customerCode)
                + "</CustomerCode><IntegrationCode>" + Soap.escape(String.join(",", integrationCodes))
                + "</IntegrationCode></QueryInfo>";
    }

    /**
     * The SOAP request. The two XML strings are escaped once more as the string parameters they are, so the
     * envelope carries {@code &lt;LoginInfo&gt;…}, as a .NET client sends it.
     */
    public static Soap.Request request(String user, String password, String customerCode, List<String> integrationCodes) {
        return Soap.request(NAMESPACE, OPERATION)
                .param("loginInfo", loginInfo(user, password, customerCode))
                .param("queryInfo", queryInfo(customerCode, integrationCodes));
    }
}
