package io.kargotakip.emulators.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kargotakip.emulators.LoopbackHttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * A local stand-in for the few Amazon S3 calls the product makes, in S3's published REST format, path-style only
 * ({@code /<bucket>/<key>}, the SDK's {@code forcePathStyle(true)}): {@code PUT}, {@code GET} and {@code HEAD} of an object,
 * and {@code ListObjectsV2} ({@code GET /<bucket>?list-type=2&prefix=...}). An object's {@code ETag} is the MD5 of its
 * bytes, as S3's is for a single-part upload; a {@code GET} with {@code If-None-Match} of the current ETag answers
 * {@code 304 Not Modified}. What the SDK sends is what it reads: a {@code PUT} body in {@code aws-chunked} encoding (its
 * default, with the CRC32 checksum as a trailer) is decoded and the checksum verified ({@code BadDigest} otherwise), and
 * a {@code GET} asking {@code x-amz-checksum-mode: ENABLED} gets the object's CRC32 back for the SDK to validate.
 * Errors are S3's XML {@code <Error>} ({@code NoSuchBucket}, {@code NoSuchKey}, {@code AccessDenied}). Buckets are
 * made with {@link #createBucket(String)}; {@link #deny(String)} makes a bucket answer {@code AccessDenied}, as a
 * missing IAM grant does. No authentication is checked. The product's client is pointed here by
 * {@code KARGO_ENDPOINT_S3}.
 */
public final class S3Sandbox implements AutoCloseable {

    public static final String ENDPOINT_SETTING = "KARGO_ENDPOINT_S3";

    /** One stored object. */
    public record StoredObject(byte[] bytes, String etag, Instant lastModified) {
    }

    private static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final Map<String, Map<String, StoredObject>> buckets = new ConcurrentHashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private volatile boolean wrongChecksums;
    private volatile int gets;
    private volatile int notModified;

    public S3Sandbox() {
        server = LoopbackHttpServer.start("S3 stand-in", Map.of("/", this::handle));
    }

    /** Where the SDK is pointed ({@code endpointOverride}, with {@code forcePathStyle(true)}). */
    public URI endpoint() {
        return LoopbackHttpServer.uri(server);
    }

    /** The setting that points the product's S3 client here. */
    public Map<String, String> settings() {
        return Map.of(ENDPOINT_SETTING, endpoint().toString());
    }

    public void createBucket(String bucket) {
        buckets.putIfAbsent(bucket, new ConcurrentHashMap<>());
    }

    /** Every call on this bucket answers {@code 403 AccessDenied} until {@link #allow(String)}. */
    public void deny(String bucket) {
        denied.add(bucket);
    }

    public void allow(String bucket) {
        denied.remove(bucket);
    }

    /** Stores an object directly (what {@code aws s3 cp} would have put there); creates the bucket if needed. */
    public String put(String bucket, String key, String text) {
        createBucket(bucket);
        StoredObject object = stored(text.getBytes(StandardCharsets.UTF_8));
        buckets.get(bucket).put(key, object);
        return object.etag();
    }

    public void delete(String bucket, String key) {
        Optional.ofNullable(buckets.get(bucket)).ifPresent(b -> b.remove(key));
    }

    public Optional<StoredObject> object(String bucket, String key) {
        return Optional.ofNullable(buckets.get(bucket)).map(b -> b.get(key));
    }

    /** From now on a {@code GET} that asks for the checksum is given a wrong one (what a corrupted transfer looks like to the SDK). */
    public void answerWrongChecksums(boolean wrong) {
        wrongChecksums = wrong;
    }

    /** {@code GET}s of an object answered so far, and how many of them were {@code 304 Not Modified}. */
    public int objectGets() {
        return gets;
    }

    public int notModified() {
        return notModified;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static StoredObject stored(byte[] bytes) {
        try {
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
            return new StoredObject(bytes, "\"" + md5 + "\"", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base64 of the big-endian CRC32, as S3's {@code x-amz-checksum-crc32}. */
    static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        long v = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String rest = path.startsWith("/") ? path.substring(1) : path;
            int slash = rest.indexOf('/');
            String bucket = decode(slash < 0 ? rest : rest.substring(0, slash));
            String key = slash < 0 ? "" : decode(rest.substring(slash + 1));
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            if (bucket.isEmpty()) {
                error(exchange, 400, "InvalidRequest", "this stand-in answers path-style requests only: /<bucket>/<key>", null);
                return;
            }
            if (denied.contains(bucket)) {
                error(exchange, 403, "AccessDenied", "Access Denied", null);
                return;
            }
            Map<String, StoredObject> objects = buckets.get(bucket);
            if (objects == null) {
                error(exchange, 404, "NoSuchBucket", "The specified bucket does not exist", null);
                return;
            }
            if (key.isEmpty()) {
                if (method.equals("GET") && "2".equals(query.get("list-type"))) {
                    list(exchange, bucket, objects, query);
                } else if (method.equals("HEAD")) {
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    error(exchange, 501, "NotImplemented", "this stand-in does not implement " + method + " on a bucket", null);
                }
                return;
            }
            switch (method) {
                case "PUT" -> putObject(exchange, objects, key, body);
                case "GET", "HEAD" -> getObject(exchange, objects, key, method.equals("HEAD"));
                case "DELETE" -> {
                    objects.remove(key);
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> error(exchange, 501, "NotImplemented", "this stand-in does not implement " + method + " on an object", key);
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "InternalError", "We encountered an internal error. Please try again.", null);
        }
    }

    private void putObject(HttpExchange exchange, Map<String, StoredObject> objects, String key, byte[] body) throws IOException {
        var headers = exchange.getRequestHeaders();
        String encoding = Optional.ofNullable(headers.getFirst("Content-Encoding")).orElse("");
        String sha = Optional.ofNullable(headers.getFirst("x-amz-content-sha256")).orElse("");
        Map<String, String> checksums = new TreeMap<>();
        byte[] bytes = body;
        if (encoding.contains("aws-chunked") || sha.startsWith("STREAMING-")) {
            Chunked decoded = Chunked.decode(body);
            bytes = decoded.bytes();
            checksums.putAll(decoded.trailers());
            String declared = headers.getFirst("x-amz-decoded-content-length");
            if (declared != null && Long.parseLong(declared.trim()) != bytes.length) {
                error(exchange, 400, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header", key);
                return;
            }
        }
        String header = headers.getFirst("x-amz-checksum-crc32");
        if (header != null) {
            checksums.put("x-amz-checksum-crc32", header);
        }
        String sent = checksums.get("x-amz-checksum-crc32");
        if (sent != null && !sent.equals(crc32(bytes))) {
            error(exchange, 400, "BadDigest", "The CRC32 you specified did not match the calculated checksum.", key);
            return;
        }
        String md5 = headers.getFirst("Content-MD5");
        if (md5 != null) {
            try {
                if (!md5.equals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes)))) {
                    error(exchange, 400, "BadDigest", "The Content-MD5 you specified did not match what we received.", key);
                    return;
                }
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        StoredObject object = stored(bytes);
        objects.put(key, object);
        exchange.getResponseHeaders().set("ETag", object.etag());
        exchange.getResponseHeaders().set("x-amz-checksum-crc32", crc32(bytes));
        exchange.getResponseHeaders().set("x-amz-request-id", requestId());
        exchange.sendResponseHeaders(200, -1);
    }

    private void getObject(HttpExchange exchange, Map<String, StoredObject> objects, String key, boolean head) throws IOException {
        StoredObject object = objects.get(key);
        if (object == null) {
            if (head) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                error(exchange, 404, "NoSuchKey", "The specified key does not exist.", key);
            }
            return;
        }
        var out = exchange.getResponseHeaders();
        out.set("ETag", object.etag());
        out.set("Last-Modified", HTTP_DATE.format(object.lastModified()));
        out.set("x-amz-request-id", requestId());
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (!head) {
            gets++;
        }
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.trim().equals(object.etag())
                || ("\"" + ifNoneMatch.trim() + "\"").equals(object.etag()))) {
            if (!head) {
                notModified++;
            }
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        out.set("Content-Type", "application/octet-stream");
        out.set("Accept-Ranges", "bytes");
        if ("ENABLED".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("x-amz-checksum-mode"))) {
            out.set("x-amz-checksum-crc32", wrongChecksums ? crc32(new byte[]{1}) : crc32(object.bytes()));
            out.set("x-amz-checksum-type", "FULL_OBJECT");
        }
        if (head) {
            out.set("Content-Length", String.valueOf(object.bytes().length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, object.bytes().length == 0 ? -1 : object.bytes().length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(object.bytes());
        }
    }

    private void list(HttpExchange exchange, String bucket, Map<String, StoredObject> objects, Map<String, String> query) throws IOException {
        String prefix = query.getOrDefault("prefix", "");
        int maxKeys = Integer.parseInt(query.getOrDefault("max-keys", "1000"));
        String after = query.containsKey("continuation-token") ? query.get("continuation-token") : query.getOrDefault("start-after", "");
        boolean url = "url".equals(query.get("encoding-type"));
        TreeMap<String, StoredObject> matching = new TreeMap<>();
        objects.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.compareTo(after) > 0) {
                matching.put(k, v);
            }
        });
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"" + NAMESPACE + "\">");
        xml.append("<Name>").append(escape(bucket)).append("</Name><Prefix>").append(escape(url ? encode(prefix) : prefix)).append("</Prefix>");
        int count = 0;
        String last = null;
        StringBuilder contents = new StringBuilder();
        for (var entry : matching.entrySet()) {
            if (count == maxKeys) {
                break;
            }
            StoredObject o = entry.getValue();
            contents.append("<Contents><Key>").append(escape(url ? encode(entry.getKey()) : entry.getKey())).append("</Key><LastModified>")
                    .append(DateTimeFormatter.ISO_INSTANT.format(o.lastModified())).append("</LastModified><ETag>").append(escape(o.etag()))
                    .append("</ETag><Size>").append(o.bytes().length).append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
            count++;
            last = entry.getKey();
        }
        boolean truncated = count < matching.size();
        xml.append("<KeyCount>").append(count).append("</KeyCount><MaxKeys>").append(maxKeys).append("</MaxKeys>");
        if (url) {
            xml.append("<EncodingType>url</EncodingType>");
        }
        xml.append("<IsTruncated>").append(truncated).append("</IsTruncated>");
        if (truncated) {
            xml.append("<NextContinuationToken>").append(escape(last)).append("</NextContinuationToken>");
        }
        xml.append(contents).append("</ListBucketResult>");
        send(exchange, 200, xml.toString());
    }

    private static void error(HttpExchange exchange, int status, String code, String message, String key) throws IOException {
        send(exchange, status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + escape(message)
                + "</Message>" + (key == null ? "" : "<Key>" + escape(key) + "</Key>") + "<RequestId>" + requestId()
                + "</RequestId></Error>");
    }

    private static void send(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(bytes);
        }
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    /** Percent-decoding of a path segment or query part ({@code +} stays a plus in a path, the SDK encodes spaces as %20). */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * A body in {@code aws-chunked} encoding: chunks of {@code <hex size>[;chunk-signature=...]\r\n<bytes>\r\n}, a last
     * chunk of size 0, then the trailing headers ({@code x-amz-checksum-crc32:...}) one per line, and an empty line.
     */
    record Chunked(byte[] bytes, Map<String, String> trailers) {

        static Chunked decode(byte[] body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Map<String, String> trailers = new TreeMap<>();
            InputStream in = new java.io.ByteArrayInputStream(body);
            while (true) {
                String line = line(in);
                if (line == null) {
                    throw new IllegalArgumentException("aws-chunked body ends without a last chunk");
                }
                int semi = line.indexOf(';');
                int size = Integer.parseInt((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
                if (size == 0) {
                    break;
                }
                byte[] chunk = new byte[size];
                try {
                    if (in.readNBytes(chunk, 0, size) != size) {
                        throw new IllegalArgumentException("aws-chunked chunk shorter than its size");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.write(chunk, 0, size);
                line(in); // the CRLF after the chunk
            }
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    trailers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
                }
            }
            return new Chunked(out.toByteArray(), trailers);
        }

        private static String line(InputStream in) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            try {
                while ((c = in.read()) >= 0) {
                    if (c == '\n') {
                        String s = line.toString(StandardCharsets.UTF_8);
                        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                    }
                    line.write(c);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
        }
    }
}
