package io.kargotakip.local;

import io.kargotakip.emulators.Mailbox;
import io.kargotakip.emulators.ups.UpsSandbox;
import io.kargotakip.local.runtime.FunctionProcess;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kargotakip.emulators.ups.UpsSandbox.scan;

/**
 * Speed and memory of the local stack, reported (never asserted in tests: timing depends on the
 * machine): webhook acknowledgement latency warm, carrier event → e-mail provider latency, and the
 * resident memory of every process of the stack.
 */
final class Bench {

    private static final int WARMUP = 300;
    private static final int MEASURED = 1000;
    private static final int END_TO_END = 10;

    private Bench() {
    }

    static int run(Path root, PrintStream out) {
        LocalPlatform.Options defaults = LocalPlatform.Options.defaults(root);
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options(root, 0, Duration.ofHours(1), defaults.logDir()),
                line -> out.println("bench: " + line))) {
            HttpClient http = HttpClient.newHttpClient();
            StringBuilder csv = new StringBuilder("order_id,first_name,email,locale,consent_email,carrier,tracking_number\n");
            for (int i = 0; i < END_TO_END; i++) {
                csv.append("BENCH-").append(i).append(",Ayşe,bench").append(i).append("@musteri.example,tr,true,ups,1ZBENCH00000000").append(i).append('\n');
            }
            send(http, platform, "/orders", "text/csv", "x-api-key", LocalPlatform.ORDERS_API_KEY, csv.toString());

            String push = UpsSandbox.push("1ZBENCHWARM000001", scan("I", "AR", "005", "Arrived", "2026-11-25T06:05:00", "+03:00", "ANKARA", "TR"), "20261126");
            for (int i = 0; i < WARMUP; i++) {
                send(http, platform, "/webhooks/ups", "application/json", "Authorization", "Bearer " + LocalPlatform.UPS_WEBHOOK_CREDENTIAL, push);
            }
            // alone: the event sources are disabled, as the webhook's Lambda instances would not share
            // CPU with the rest of the pipeline; then while the pipeline processes the same events
            platform.eventSourcesEnabled(false);
            List<Long> alone = ackLatencies(http, platform, push);
            platform.eventSourcesEnabled(true);
            List<Long> busy = ackLatencies(http, platform, push);
            platform.awaitQuiet(Duration.ofSeconds(180));

            List<Long> endToEnd = new ArrayList<>();
            for (int i = 0; i < END_TO_END; i++) {
                String tn = "1ZBENCH00000000" + i;
                String body = UpsSandbox.push(tn, scan("I", "OT", "021", "Out For Delivery Today", "2026-11-26T08:30:00", "+03:00", "ANKARA", "TR"), "20261126");
                Instant start = Instant.now();
                send(http, platform, "/webhooks/ups", "application/json", "Authorization", "Bearer " + LocalPlatform.UPS_WEBHOOK_CREDENTIAL, body);
                while (Mailbox.of(platform.emulators().sesStore()).to("bench" + i + "@").isEmpty()) {
                    LocalPlatform.sleep(Duration.ofMillis(5));
                    if (Duration.between(start, Instant.now()).toSeconds() > 30) {
                        throw new IllegalStateException("no mail within 30 s");
                    }
                }
                endToEnd.add(Duration.between(start, Instant.now()).toMillis());
            }
            Collections.sort(endToEnd);

            Map<String, Long> rss = new LinkedHashMap<>();
            rss.put("local runtime + ElasticMQ (this JVM)", rssKb(ProcessHandle.current().pid()));
            List<Long> node = platform.emulators().processIds();
            rss.put("dynalite", rssKb(node.get(0)));
            rss.put("aws-ses-v2-local", rssKb(node.get(1)));
            for (Map.Entry<String, FunctionProcess> f : platform.processes().entrySet()) {
                rss.put("function " + f.getKey(), rssKb(f.getValue().pid()));
            }
            long total = rss.values().stream().mapToLong(Long::longValue).sum();

            report(out, "webhook acknowledgement, warm, pipeline paused", alone);
            report(out, "webhook acknowledgement, warm, pipeline busy on the same cores", busy);
            out.printf("carrier push -> e-mail accepted by SES (%d parcels): median %d ms, max %d ms%n", END_TO_END,
                    endToEnd.get(END_TO_END / 2), endToEnd.get(END_TO_END - 1));
            rss.forEach((name, kb) -> out.printf("memory %-40s %6d MB%n", name, kb / 1024));
            out.printf("memory total of the local stack: %d MB%n", total / 1024);
            return 0;
        }
    }

    private static List<Long> ackLatencies(HttpClient http, LocalPlatform platform, String push) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            send(http, platform, "/webhooks/ups", "application/json", "Authorization", "Bearer " + LocalPlatform.UPS_WEBHOOK_CREDENTIAL, push);
            micros.add((System.nanoTime() - start) / 1000);
        }
        Collections.sort(micros);
        return micros;
    }

    private static void report(PrintStream out, String what, List<Long> sortedMicros) {
        int n = sortedMicros.size();
        out.printf("%s (%d sequential calls): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, n,
                sortedMicros.get(n / 2) / 1000.0, sortedMicros.get((int) (n * 0.99)) / 1000.0, sortedMicros.get(n - 1) / 1000.0);
    }

    private static void send(HttpClient http, LocalPlatform platform, String path, String type, String header, String value, String body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(platform.httpApi().resolve(path)).header("Content-Type", type)
                    .header(header, value).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
