package io.kargotakip.emulators.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kargotakip.emulators.AwsJsonProtocol;
import io.kargotakip.emulators.LoopbackHttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for Amazon Data Firehose's {@code PutRecord} and {@code PutRecordBatch} (the AWS JSON 1.1 protocol:
 * {@code X-Amz-Target: Firehose_20150804.<Operation>}, records' {@code Data} in base64), delivering as a stream with an
 * S3 destination and the prefix {@code dt=!{timestamp:yyyy-MM-dd}/} does: records are buffered and written, at each
 * buffer interval, as one new file {@code <folder>/dt=<UTC day of arrival>/<stream>-<n>.json} with the records' bytes
 * concatenated (each file appears whole: written aside, then moved in). A stream must be {@link #deliver declared};
 * others answer {@code ResourceNotFoundException}. {@link #refuseNext} makes records fail with
 * {@code ServiceUnavailableException} in the answer, as a throttled stream's do. No authentication is checked.
 */
public final class FirehoseSandbox implements AutoCloseable {

    public static final String ENDPOINT_SETTING = "KARGO_ENDPOINT_FIREHOSE";
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    /** PutRecordBatch's limit. */
    static final int MAX_BATCH = 500;

    private static final ObjectMapper JSON = AwsJsonProtocol.JSON;

    private final HttpServer server;
    private final Clock clock;
    private final Map<String, Path> streams = new ConcurrentHashMap<>();
    /** Per stream and day, what arrived since the last flush. */
    private final Map<String, Map<LocalDate, ByteArrayOutputStream>> buffers = new LinkedHashMap<>();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong refuse = new AtomicLong();
    private final ScheduledExecutorService flusher;

    public FirehoseSandbox() {
        this(Clock.systemUTC(), 1_000);
    }

    /** @param bufferMillis the buffer interval (Firehose's is 60 s at least; locally a second) */
    public FirehoseSandbox(Clock clock, long bufferMillis) {
        this.clock = clock;
        server = LoopbackHttpServer.start("Firehose stand-in", Map.of("/", this::handle));
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "firehose-stand-in-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, bufferMillis, bufferMillis, TimeUnit.MILLISECONDS);
    }

    public URI endpoint() {
        return LoopbackHttpServer.uri(server);
    }

    /** The setting that points the product's Firehose client here. */
    public Map<String, String> settings() {
        return Map.of(ENDPOINT_SETTING, endpoint().toString());
    }

    /** Declares a delivery stream whose files go under {@code folder}. */
    public void deliver(String stream, Path folder) {
        try {
            streams.put(stream, Files.createDirectories(folder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the stream has delivered, flushed first: every line of its files (the records, one a line), day by day. For
     * tests, which look for their own records among the others'.
     *
     * @throws IllegalArgumentException for a stream not declared
     */
    public synchronized List<String> lines(String stream) {
        Path folder = streams.get(stream);
        if (folder == null) {
            throw new IllegalArgumentException("no delivery stream " + stream);
        }
        flush();
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            List<String> lines = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).forEach(lines::add);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records accepted since the start. */
    public long received() {
        return received.get();
    }

    /** The next {@code n} records put are refused (answered as failed entries). */
    public void refuseNext(int n) {
        refuse.set(n);
    }

    /** Writes what is buffered now, as the end of a buffer interval does. */
    public synchronized void flush() {
        buffers.forEach((stream, days) -> days.forEach((day, bytes) -> {
            if (bytes.size() == 0) {
                return;
            }
            Path dir = streams.get(stream).resolve("dt=" + day);
            try {
                Files.createDirectories(dir);
                String name = stream + "-" + String.format("%06d", files.incrementAndGet()) + ".json";
                Path aside = Files.createTempFile(dir, ".", ".part");
                Files.write(aside, bytes.toByteArray());
                Files.move(aside, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                bytes.reset();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        AwsJsonProtocol.dispatch(exchange, "Firehose_20150804", Map.of("PutRecordBatch", this::putRecordBatch, "PutRecord", this::putRecord));
    }

    private void putRecordBatch(HttpExchange exchange, JsonNode request) throws IOException {
        String stream = request.path("DeliveryStreamName").asText("");
        JsonNode records = request.path("Records");
        if (!streams.containsKey(stream)) {
            AwsJsonProtocol.error(exchange, "ResourceNotFoundException", "Firehose " + stream + " under account " + ACCOUNT + " not found.");
            return;
        }
        if (!records.isArray() || records.isEmpty() || records.size() > MAX_BATCH) {
            AwsJsonProtocol.error(exchange, "InvalidArgumentException", "Records must have between 1 and " + MAX_BATCH + " items");
            return;
        }
        List<byte[]> data = new ArrayList<>();
        for (JsonNode r : records) {
            try {
                data.add(Base64.getDecoder().decode(r.path("Data").asText("")));
            } catch (IllegalArgumentException e) {
                AwsJsonProtocol.error(exchange, "SerializationException", "a record's Data is not base64");
                return;
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode responses = answer.putArray("RequestResponses");
        int failed = 0;
        for (byte[] d : data) {
            if (refuse.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                failed++;
                responses.addObject().put("ErrorCode", "ServiceUnavailableException").put("ErrorMessage", "Slow down.");
            } else {
                accept(stream, d);
                responses.addObject().put("RecordId", UUID.randomUUID().toString());
            }
        }
        answer.put("FailedPutCount", failed).put("Encrypted", false);
        AwsJsonProtocol.send(exchange, 200, answer.toString());
    }

    private void putRecord(HttpExchange exchange, JsonNode request) throws IOException {
        String stream = request.path("DeliveryStreamName").asText("");
        if (!streams.containsKey(stream)) {
            AwsJsonProtocol.error(exchange, "ResourceNotFoundException", "Firehose " + stream + " under account " + ACCOUNT + " not found.");
            return;
        }
        byte[] d;
        try {
            d = Base64.getDecoder().decode(request.path("Record").path("Data").asText(""));
        } catch (IllegalArgumentException e) {
            AwsJsonProtocol.error(exchange, "SerializationException", "the record's Data is not base64");
            return;
        }
        accept(stream, d);
        AwsJsonProtocol.send(exchange, 200, JSON.createObjectNode().put("RecordId", UUID.randomUUID().toString()).put("Encrypted", false).toString());
    }

    private synchronized void accept(String stream, byte[] data) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        buffers.computeIfAbsent(stream, s -> new LinkedHashMap<>()).computeIfAbsent(day, d -> new ByteArrayOutputStream())
                .writeBytes(data);
        received.incrementAndGet();
    }
}
