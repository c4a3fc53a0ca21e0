package io.kargotakip.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class HttpApiFrontTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private LambdaRuntimeApi webhook;
    private FakeRuntime runtime;
    private HttpApiFront front;

    @BeforeEach
    void start() throws Exception {
        webhook = new LambdaRuntimeApi("webhook-receiver");
        runtime = new FakeRuntime(webhook.address(), req -> FakeRuntime.Reply.response(
                "{\"statusCode\":202,\"headers\":{\"content-type\":\"application/json\",\"x-kargo\":\"yes\"},"
                        + "\"multiValueHeaders\":{\"x-multi\":[\"a\",\"b\"]},\"cookies\":[\"seen=1; Path=/\"],"
                        + "\"body\":\"{\\\"accepted\\\":true}\",\"isBase64Encoded\":false}"));
        Duration timeout = Duration.ofSeconds(5);
        front = new HttpApiFront(0, Map.of(
                "POST /webhooks/{source}", new HttpApiFront.Target(webhook, timeout),
                "GET /health", new HttpApiFront.Target((event, t) -> CompletableFuture.completedFuture(Invocation.Result.success("{\"ok\":true}".getBytes())), timeout),
                "GET /failing", new HttpApiFront.Target((event, t) -> CompletableFuture.completedFuture(Invocation.Result.error("java.lang.NullPointerException", "boom at x.y.Z")), timeout),
                "GET /crashed", new HttpApiFront.Target((event, t) -> CompletableFuture.completedFuture(Invocation.Result.error("Runtime.ExitError", "Runtime exited: process exited with code 137")), timeout),
                "GET /slow", new HttpApiFront.Target((event, t) -> CompletableFuture.completedFuture(Invocation.Result.error(LambdaRuntimeApi.TIMEOUT_ERROR, "Task timed out after 5.00 seconds")), timeout),
                // an invoker that never answers: the front still answers, at the route's timeout
                "GET /hang", new HttpApiFront.Target((event, t) -> new CompletableFuture<>(), Duration.ofMillis(200)),
                "GET /interim", new HttpApiFront.Target((event, t) -> CompletableFuture.completedFuture(Invocation.Result.success("{\"statusCode\":100}".getBytes())), timeout),
                "GET /files/{path+}", new HttpApiFront.Target((event, t) -> CompletableFuture.completedFuture(Invocation.Result.success(event)), timeout)));
    }

    @AfterEach
    void stop() throws Exception {
        front.close();
        runtime.close();
        webhook.close();
    }

    @Test
    void aRequestReachesTheFunctionAsAVersion2EventAndItsResponseMapsBack() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(front.baseUri().resolve("/webhooks/yurtici?x=1&x=2&q=%C3%A7ay"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Signature", "t=1,v1=abc")
                .header("X-Dup", "1").header("X-Dup", "2")
                .header("Cookie", "a=1; b=2")
                .header("User-Agent", "carrier/1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"durum\":\"teslim edildi\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"accepted\":true}");
        assertThat(response.headers().firstValue("x-kargo")).contains("yes");
        assertThat(response.headers().allValues("x-multi")).containsExactly("a", "b");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("seen=1; Path=/");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();

        JsonNode e = JSON.readTree(runtime.seen.get(0).event());
        assertThat(e.path("version").asText()).isEqualTo("2.0");
        assertThat(e.path("routeKey").asText()).isEqualTo("POST /webhooks/{source}");
        assertThat(e.path("rawPath").asText()).isEqualTo("/webhooks/yurtici");
        assertThat(e.path("rawQueryString").asText()).isEqualTo("x=1&x=2&q=%C3%A7ay");
        assertThat(e.path("cookies")).extracting(JsonNode::asText).containsExactly("a=1", "b=2");
        JsonNode h = e.path("headers");
        assertThat(h.path("x-signature").asText()).isEqualTo("t=1,v1=abc");
        assertThat(h.path("x-dup").asText()).isEqualTo("1,2");
        assertThat(h.path("content-type").asText()).isEqualTo("application/json; charset=utf-8");
        assertThat(h.has("cookie")).isFalse();
        assertThat(h.fieldNames()).toIterable().allMatch(n -> n.equals(n.toLowerCase()));
        assertThat(e.path("queryStringParameters").path("x").asText()).isEqualTo("1,2");
        assertThat(e.path("queryStringParameters").path("q").asText()).isEqualTo("çay");
        assertThat(e.path("pathParameters").path("source").asText()).isEqualTo("yurtici");
        assertThat(e.path("body").asText()).isEqualTo("{\"durum\":\"teslim edildi\"}");
        assertThat(e.path("isBase64Encoded").asBoolean()).isFalse();
        JsonNode ctx = e.path("requestContext");
        assertThat(ctx.path("accountId").asText()).isEqualTo("000000000000");
        assertThat(ctx.path("apiId").asText()).isNotEmpty();
        assertThat(ctx.path("domainName").asText()).isEqualTo("127.0.0.1:" + front.port());
        assertThat(ctx.path("http").path("method").asText()).isEqualTo("POST");
        assertThat(ctx.path("http").path("path").asText()).isEqualTo("/webhooks/yurtici");
        assertThat(ctx.path("http").path("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(ctx.path("http").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(ctx.path("http").path("userAgent").asText()).isEqualTo("carrier/1.0");
        assertThat(ctx.path("requestId").asText()).isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
        assertThat(ctx.path("routeKey").asText()).isEqualTo("POST /webhooks/{source}");
        assertThat(ctx.path("stage").asText()).isEqualTo("$default");
        assertThat(ctx.path("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(ctx.path("timeEpoch").asLong()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(10_000L));
    }

    @Test
    void connectionHeadersLikeExpectContinueStayWithTheGatewayAndAnInterimStatusIsNoAnswer() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(front.baseUri().resolve("/webhooks/ups")).expectContinue(true)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode h = JSON.readTree(runtime.seen.get(0).event()).path("headers");
        assertThat(h.has("expect")).isFalse();
        assertThat(h.has("connection")).isFalse();
        runtime.seen.clear();

        assertThat(get("/interim").statusCode()).isEqualTo(502);
    }

    @Test
    void aBinaryBodyIsPassedBase64Encoded() throws Exception {
        byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xff};
        http.send(HttpRequest.newBuilder(front.baseUri().resolve("/webhooks/aras"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(), HttpResponse.BodyHandlers.discarding());

        JsonNode e = JSON.readTree(runtime.seen.get(0).event());
        assertThat(e.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(e.path("body").asText())).isEqualTo(pdf);
        assertThat(e.has("queryStringParameters")).isFalse();
    }

    @Test
    void aResponseWithoutStatusCodeIsA200JsonBody() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("application/json");
        assertThat(r.body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aGreedyParameterTakesTheRestOfThePath() throws Exception {
        JsonNode e = JSON.readTree(get("/files/a/b%20c.csv").body());
        assertThat(e.path("pathParameters").path("path").asText()).isEqualTo("a/b c.csv");
        assertThat(e.path("routeKey").asText()).isEqualTo("GET /files/{path+}");
    }

    @Test
    void anUnknownRouteIsA404Problem() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(front.baseUri().resolve("/x"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(r.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no route for POST /x\"}");
        assertThat(get("/webhooks/yurtici").statusCode()).isEqualTo(404); // wrong method
        assertThat(runtime.seen).isEmpty();
    }

    @Test
    void aBodyOverTenMegabytesIsA413Problem() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(front.baseUri().resolve("/webhooks/yurtici"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[HttpApiFront.MAX_BODY_BYTES + 1])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(JSON.readTree(r.body()).path("title").asText()).isEqualTo("Payload Too Large");
        assertThat(runtime.seen).isEmpty();
    }

    @Test
    void aFunctionErrorOrCrashIsA502AndATimeoutA504ProblemWithoutDetailsOfTheFailure() throws Exception {
        HttpResponse<String> failed = get("/failing");
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode p = JSON.readTree(failed.body());
        assertThat(p.path("title").asText()).isEqualTo("Bad Gateway");
        assertThat(p.path("status").asInt()).isEqualTo(502);
        assertThat(failed.body()).doesNotContain("boom", "x.y.Z");

        HttpResponse<String> crashed = get("/crashed");
        assertThat(crashed.statusCode()).isEqualTo(502);
        assertThat(crashed.body()).doesNotContain("137");

        HttpResponse<String> slow = get("/slow");
        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(JSON.readTree(slow.body()).path("detail").asText()).contains("did not answer within 5.0 s");
    }

    @Test
    void aRequestIsNeverHeldLongerThanItsFunctionsTimeout() throws Exception {
        HttpResponse<String> hung = get("/hang");
        assertThat(hung.statusCode()).isEqualTo(504);
        assertThat(hung.headers().firstValue("content-type")).contains("application/problem+json");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(front.baseUri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
