package io.kargotakip.aws.pipeline;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is not a CloudWatch Logs subscription batch is refused with a reason (Lambda retries it, then dead-letters it). */
class DeliveryLogForwarderTest {

    static String gzipBase64(String json) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(zipped.toByteArray());
    }

    @Test
    void a_batch_decodes_and_anything_else_is_refused_saying_what_it_is_not() throws IOException {
        assertThat(DeliveryLogForwarder.decode(gzipBase64("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]}")).path("messageType").asText())
                .isEqualTo("DATA_MESSAGE");
        assertThatThrownBy(() -> DeliveryLogForwarder.decode("%%%")).hasMessage("awslogs.data is not base64");
        assertThatThrownBy(() -> DeliveryLogForwarder.decode(Base64.getEncoder().encodeToString("plain".getBytes(StandardCharsets.UTF_8))))
                .hasMessage("awslogs.data is not gzip");
        assertThatThrownBy(() -> DeliveryLogForwarder.decode(gzipBase64("[1,2]")))
                .hasMessage("awslogs.data is not a subscription batch (no messageType)");
        assertThatThrownBy(() -> DeliveryLogForwarder.decode(gzipBase64("{oops"))).hasMessage("awslogs.data is not JSON");
    }
}
