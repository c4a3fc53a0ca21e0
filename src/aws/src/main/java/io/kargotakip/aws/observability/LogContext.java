package io.kargotakip.aws.observability;

import org.jboss.logging.MDC;

/**
 * What every log line of one piece of work carries (JSON logs show the MDC): the pipeline's trace
 * id, which follows a carrier event from the webhook or poll to the e-mail, and the X-Ray trace of
 * the invocation, which the runtime interface client sets as a system property per invocation.
 */
public final class LogContext {

    private LogContext() {
    }

    public static void begin(String traceId) {
        traceId(traceId);
        String xray = System.getProperty("com.amazonaws.xray.traceHeader");
        if (xray != null) {
            MDC.put("xrayTraceId", xray);
        }
    }

    public static void traceId(String traceId) {
        if (traceId != null) {
            MDC.put("traceId", traceId);
        }
    }

    public static void end() {
        MDC.remove("traceId");
        MDC.remove("xrayTraceId");
        MDC.remove("messageId");
    }
}
