package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.emulators.Mailbox;
import io.kargotakip.emulators.ups.UpsSandbox;
import io.kargotakip.local.runtime.FunctionProcess;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.kargotakip.emulators.ups.UpsSandbox.scan;
import static io.kargotakip.emulators.ups.UpsSandbox.scanAgo;

/**
 * Speed, memory and cost of the local stack, reported (never asserted in tests: timing depends on
 * the machine): webhook acknowledgement latency warm, carrier event → e-mail provider latency,
 * end-to-end throughput with every push duplicated, the resident memory of every process, and —
 * from a counted replay — every AWS request, Lambda invocation and API Gateway request per order,
 * per carrier event, per duplicate, per poll and per notification, which {@code ./kargo cost} prices; and the
 * customer's tracking page, warm, of the shipments it ran (server time, round trip, weight; {@link TrackingPageViews}).
 */
final class Bench {

    private static final int WARMUP = 300;
    private static final int MEASURED = 1000;
    private static final int END_TO_END = 10;

    /** The counted replay: shipments × scans pushed once (then again, as duplicates), and polled shipments. */
    static final int REPLAY_SHIPMENTS = 50;
    static final int POLLED_SHIPMENTS = 20;

    /** Throughput: shipments × scans, every push sent twice, by concurrent clients; bounded in time. */
    private static final int THROUGHPUT_SHIPMENTS = 100;
    private static final int THROUGHPUT_CLIENTS = 8;
    private static final Duration THROUGHPUT_LIMIT = Duration.ofSeconds(120);

    static final List<UpsSandbox.Scan> JOURNEY = List.of(
            scanAgo("M", "MP", "003", "Shipper created a label, UPS has not received the package yet.", java.time.Duration.ofHours(30), "ISTANBUL", "TR"),
            scanAgo("I", "OR", "038", "Origin Scan", java.time.Duration.ofHours(22), "ISTANBUL", "TR"),
            scanAgo("I", "DP", "005", "Departed from Facility", java.time.Duration.ofHours(18), "ISTANBUL", "TR"),
            scanAgo("I", "AR", "005", "Arrived at Facility", java.time.Duration.ofHours(12), "ANKARA", "TR"),
            scanAgo("I", "OT", "021", "Out For Delivery Today", java.time.Duration.ofHours(5), "ANKARA", "TR"),
            scanAgo("D", "F4", "011", "DELIVERED", java.time.Duration.ofHours(1), "ANKARA", "TR"));

    private Bench() {
    }

    /** Where the last bench's counts are kept for {@code ./kargo cost}. */
    static Path countsFile(Path root) {
        return root.resolve(".kargo/bench-counts.json");
    }

    static int run(Path root, PrintStream out) {
        Path requests = freshDir(root.resolve(".kargo/bench/requests"));
        LocalPlatform.Options defaults = LocalPlatform.Options.defaults(root);
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options(root, 0, Duration.ofHours(1), defaults.logDir()).withRequestCounts(requests),
                line -> out.println("bench: " + line))) {
            HttpClient http = HttpClient.newHttpClient();
            StringBuilder csv = new StringBuilder("order_id,first_name,email,locale,consent_email,carrier,tracking_number\n");
            for (int i = 0; i < END_TO_END; i++) {
                csv.append("BENCH-").append(i).append(",Ayşe,bench").append(i).append("@musteri.example,tr,true,ups,1ZBENCH00000000").append(i).append('\n');
            }
            send(http, platform, "/orders", "text/csv", "x-api-key", LocalPlatform.ORDERS_API_KEY, csv.toString());

            String push = UpsSandbox.push("1ZBENCHWARM000001", scanAgo("I", "AR", "005", "Arrived", java.time.Duration.ofHours(12), "ANKARA", "TR"), "20261126");
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
                // delivered: a status the default rules tell at once ("out for delivery" waits their 10-minute coalescing window)
                String body = UpsSandbox.push(tn, scanAgo("D", "F4", "011", "DELIVERED", java.time.Duration.ofHours(1), "ANKARA", "TR"), "20261126");
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
            // the end-to-end parcels are delivered: keep them out of the counted polls
            ShipmentRepository shipments = new ShipmentRepository(platform.dynamo(), platform.tables().shipments());
            for (int i = 0; i < END_TO_END; i++) {
                shipments.schedulePoll(new ShipmentId("ups", "1ZBENCH00000000" + i), Instant.now().plus(Duration.ofDays(1)));
            }

            Map<String, Object> measured = replay(platform, http, requests, out);
            // after the replay's phases, so its views are counted apart from the per-order figures
            TrackingPageViews.Result page = trackingPage(platform, http, requests, shipments, out);
            measured.put("trackingPage", TrackingPageViews.summary(page));
            PollsPerLifecycle.Result lifecycle = PollsPerLifecycle.measure(platform.dynamo(), platform.sqs(), platform.ups(), Duration.ofMinutes(5));
            Path file = countsFile(root);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(measured));
            // first as fast as the clients can push, which finds the rate the stack sustains; then paced at that rate,
            // where push -> mail is what a carrier sending that much would see (flat out it only measures the backlog)
            Throughput flatOut = throughput(platform, http, "RATE", 0);
            Throughput throughput = throughput(platform, http, "PACE", flatOut.events / flatOut.seconds);

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
            out.printf("throughput, every push sent twice, %d concurrent clients flat out: %d carrier events (%d pushes) in %.1f s = "
                            + "%.0f events/s (%.0f pushes/s) until the last mail%s%s; push -> mail flat out (backlog) p50 %d ms, p99 %d ms%n",
                    THROUGHPUT_CLIENTS, flatOut.events, flatOut.pushes, flatOut.seconds, flatOut.events / flatOut.seconds,
                    flatOut.pushes / flatOut.seconds, flatOut.complete ? "" : " (stopped at the time limit)", supersededNote(flatOut),
                    percentile(flatOut.latencies, 0.5), percentile(flatOut.latencies, 0.99));
            out.printf("throughput paced at that rate: %d carrier events (%d pushes) in %.1f s = %.0f events/s%s%s; push -> mail (%d mails): p50 %d ms, p99 %d ms%n",
                    throughput.events, throughput.pushes, throughput.seconds, throughput.events / throughput.seconds,
                    throughput.complete ? "" : " (stopped at the time limit)", supersededNote(throughput), throughput.latencies.size(),
                    percentile(throughput.latencies, 0.5), percentile(throughput.latencies, 0.99));
            out.println(PollsPerLifecycle.report(lifecycle));
            out.println(TrackingPageViews.report(page));
            out.println(TrackingPageViews.countsLine(page));
            rss.forEach((name, kb) -> out.printf("memory %-40s %6d MB%n", name, kb / 1024));
            out.printf("memory total of the local stack: %d MB%n", total / 1024);
            Cost.printCounts(Cost.Measurement.of(Json.MAPPER.valueToTree(measured)), out);
            out.println(messagingLine(Json.MAPPER.valueToTree(measured).path("messaging")));
            out.println("counts kept in " + root.relativize(file) + " for ./kargo cost");
            TrackingPageViews.failure(page).ifPresent(why -> {
                throw new IllegalStateException(why);
            });
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The counted replay, on a running platform: orders through the orders API, every scan of a
     * parcel's journey pushed once, the same pushes again (duplicates), and polls that find nothing
     * new. Each phase waits until the pipeline is quiet and every process has written its counts.
     */
    static Map<String, Object> replay(LocalPlatform platform, HttpClient http, Path requests, PrintStream out) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("measuredAt", Instant.now().toString());
        result.put("replay", Map.of("shipments", REPLAY_SHIPMENTS, "eventsPerShipment", JOURNEY.size(),
                "polledShipments", POLLED_SHIPMENTS, "eventsPerPollAnswer", 3));
        Map<String, Object> phases = new LinkedHashMap<>();
        result.put("phases", phases);
        int mailsBefore = Mailbox.of(platform.emulators().sesStore()).all().size();

        Phase orders = Phase.begin(platform, requests);
        for (int i = 0; i < REPLAY_SHIPMENTS + POLLED_SHIPMENTS; i++) {
            String order = "{\"orderId\":\"REPLAY-" + i + "\",\"orderNo\":\"" + (7000 + i) + "\",\"source\":\"web\",\"customer\":{\"firstName\":\"Ayşe\","
                    + "\"email\":\"replay" + i + "@musteri.example\",\"locale\":\"tr\"},\"consent\":{\"email\":true,\"sms\":false,\"whatsapp\":false,"
                    + "\"push\":false},\"shipments\":[{\"carrier\":\"ups\",\"trackingNumber\":\"" + replayTn(i) + "\"}]}";
            send(http, platform, "/orders", "application/json", "x-api-key", LocalPlatform.ORDERS_API_KEY, order);
        }
        phases.put("orders", orders.end(REPLAY_SHIPMENTS + POLLED_SHIPMENTS, 0));
        out.println("bench: counted " + (REPLAY_SHIPMENTS + POLLED_SHIPMENTS) + " orders");

        io.kargotakip.aws.store.NotificationRepository notifications = new io.kargotakip.aws.store.NotificationRepository(platform.dynamo(),
                platform.tables().notifications(), Duration.ofDays(30));
        java.util.Set<String> earlier = new java.util.HashSet<>();
        notifications.outbox().forEach(e -> earlier.add(e.notificationId()));
        Phase events = Phase.begin(platform, requests);
        List<String> pushes = new ArrayList<>();
        for (UpsSandbox.Scan s : JOURNEY) {
            for (int i = 0; i < REPLAY_SHIPMENTS; i++) {
                pushes.add(UpsSandbox.push(replayTn(i), s, "20261126"));
            }
        }
        pushes.forEach(p -> send(http, platform, "/webhooks/ups", "application/json", "Authorization", "Bearer " + LocalPlatform.UPS_WEBHOOK_CREDENTIAL, p));
        platform.awaitQuiet(Duration.ofSeconds(180));
        // the sender calls SES before it deletes its message: a quiet pipeline has sent every mail
        int mails = Mailbox.of(platform.emulators().sesStore()).all().size() - mailsBefore;
        phases.put("events", events.end(pushes.size(), mails));
        out.println("bench: counted " + pushes.size() + " carrier events pushed once (" + mails + " mails)");
        result.put("messaging", messaging(notifications.outbox().stream().filter(e -> !earlier.contains(e.notificationId())).toList(),
                REPLAY_SHIPMENTS));

        Phase duplicates = Phase.begin(platform, requests);
        pushes.forEach(p -> send(http, platform, "/webhooks/ups", "application/json", "Authorization", "Bearer " + LocalPlatform.UPS_WEBHOOK_CREDENTIAL, p));
        phases.put("duplicates", duplicates.end(pushes.size(), Mailbox.of(platform.emulators().sesStore()).all().size() - mailsBefore - mails));
        out.println("bench: counted the same " + pushes.size() + " pushes again (duplicates)");

        // polled parcels: a first poll finds three new scans, a second finds the same three (nothing new)
        ShipmentRepository shipments = new ShipmentRepository(platform.dynamo(), platform.tables().shipments());
        for (int i = REPLAY_SHIPMENTS; i < REPLAY_SHIPMENTS + POLLED_SHIPMENTS; i++) {
            platform.ups().answer(replayTn(i), UpsSandbox.trackResponse(replayTn(i), "20261126", JOURNEY.subList(0, 3)));
            shipments.schedulePoll(new ShipmentId("ups", replayTn(i)), Instant.now().minusSeconds(1));
        }
        platform.pollSchedule().fireNow().join();
        platform.awaitQuiet(Duration.ofSeconds(120));
        for (int i = REPLAY_SHIPMENTS; i < REPLAY_SHIPMENTS + POLLED_SHIPMENTS; i++) {
            shipments.schedulePoll(new ShipmentId("ups", replayTn(i)), Instant.now().minusSeconds(1));
        }
        Phase polls = Phase.begin(platform, requests);
        platform.pollSchedule().fireNow().join();
        phases.put("polls", polls.end(POLLED_SHIPMENTS, 0));
        out.println("bench: counted " + POLLED_SHIPMENTS + " polls that found nothing new");
        return result;
    }

    /**
     * The tracking page of the shipments the bench ran through the pipeline (the end-to-end parcels and the replay's, so
     * each page reads a real timeline): their page tokens issued as the messages' links issue them, then warm views and
     * misses through the HTTP API, each kind counted as a phase of its own.
     */
    static TrackingPageViews.Result trackingPage(LocalPlatform platform, HttpClient http, Path requests, ShipmentRepository shipments,
                                                 PrintStream out) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < END_TO_END; i++) {
            shipments.pageToken(new ShipmentId("ups", "1ZBENCH00000000" + i)).ifPresent(tokens::add);
        }
        for (int i = 0; i < REPLAY_SHIPMENTS + POLLED_SHIPMENTS; i++) {
            shipments.pageToken(new ShipmentId("ups", replayTn(i))).ifPresent(tokens::add);
        }
        URI api = platform.httpApi();
        TrackingPageViews.Failures failures = new TrackingPageViews.Failures();
        TrackingPageViews.warmUp(http, api, tokens, failures);
        Phase views = Phase.begin(platform, requests);
        TrackingPageViews.Views hits = TrackingPageViews.pages(http, api, tokens, TrackingPageViews.MEASURED, failures);
        Map<String, Object> hitCounts = views.end(TrackingPageViews.MEASURED, 0);
        Phase misses = Phase.begin(platform, requests);
        TrackingPageViews.Views missed = TrackingPageViews.misses(http, api, TrackingPageViews.MEASURED, failures);
        Map<String, Object> missCounts = misses.end(TrackingPageViews.MEASURED, 0);
        TrackingPageViews.Weight weight = TrackingPageViews.weight(http, api, tokens.get(0), failures);
        out.println("bench: viewed " + tokens.size() + " shipments' tracking pages " + (TrackingPageViews.WARMUP + TrackingPageViews.MEASURED)
                + " times and unknown tokens as often");
        return new TrackingPageViews.Result(tokens.size(), hits, missed, weight, hitCounts, missCounts, failures);
    }

    /**
     * Messaging spend of the replay's journeys from the fees the sender recorded (not recomputed): their sum over the
     * shipments, and the channels that sent.
     */
    static Map<String, Object> messaging(List<io.kargotakip.aws.store.NotificationRepository.OutboxEntry> entries, int shipments) {
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        Map<String, Long> sentBy = new java.util.TreeMap<>();
        long unpriced = 0;
        for (var e : entries) {
            if (e.state() != io.kargotakip.aws.store.NotificationRepository.State.SENT) {
                continue;
            }
            sentBy.merge(e.channel(), 1L, Long::sum);
            if (e.feeUsd() == null) {
                unpriced++;
            } else {
                total = total.add(e.feeUsd());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shipments", shipments);
        m.put("sentByChannel", sentBy);
        m.put("feesUsd", total.toPlainString());
        m.put("sentWithoutFee", unpriced);
        m.put("perShipmentUsd", total.divide(java.math.BigDecimal.valueOf(Math.max(1, shipments)), 8, java.math.RoundingMode.HALF_UP).toPlainString());
        return m;
    }

    /** The bench's line on messaging spend. */
    static String messagingLine(JsonNode messaging) {
        List<String> channels = new ArrayList<>();
        messaging.path("sentByChannel").fields().forEachRemaining(f -> channels.add(f.getKey() + " " + f.getValue().asLong()));
        return String.format(java.util.Locale.ROOT, "messaging spend per shipment, from the fees recorded at send time: $%.5f "
                        + "(%s shipments, $%s in all; channels used: %s%s)", new java.math.BigDecimal(messaging.path("perShipmentUsd").asText("0")),
                messaging.path("shipments").asText(), new java.math.BigDecimal(messaging.path("feesUsd").asText("0")).stripTrailingZeros().toPlainString(),
                channels.isEmpty() ? "none" : String.join(", ", channels),
                messaging.path("sentWithoutFee").asLong() > 0 ? "; " + messaging.path("sentWithoutFee").asLong() + " sent without a fee row" : "");
    }

    static String replayTn(int i) {
        return String.format("1ZREPLAY%010d", i);
    }

    /** Counts between two moments when the pipeline was quiet and every process had flushed its file. */
    record Phase(LocalPlatform platform, Path requests, RequestCounts requestsBefore, Map<String, InvocationCounter.Counts> invocationsBefore,
                 Map<String, Long> logBytesBefore) {

        static Phase begin(LocalPlatform platform, Path requests) {
            platform.awaitQuiet(Duration.ofSeconds(180));
            settle();
            return new Phase(platform, requests, RequestCounts.read(requests), platform.invocations(), logBytes(platform));
        }

        Map<String, Object> end(int units, int mails) {
            platform.awaitQuiet(Duration.ofSeconds(180));
            settle();
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("units", units);
            phase.put("mails", mails);
            phase.put("requests", RequestCounts.read(requests).since(requestsBefore).byOrigin);
            Map<String, Object> inv = new LinkedHashMap<>();
            InvocationCounter.since(invocationsBefore, platform.invocations()).forEach((fn, c) -> {
                if (c.invocations() > 0) {
                    inv.put(fn, Map.of("invocations", c.invocations(), "errors", c.errors(), "durationMillis", c.durationMillis(),
                            "apiRequests", c.apiRequests()));
                }
            });
            phase.put("invocations", inv);
            Map<String, Long> logs = new LinkedHashMap<>();
            logBytes(platform).forEach((fn, bytes) -> {
                long d = bytes - logBytesBefore.getOrDefault(fn, 0L);
                if (d > 0) {
                    logs.put(fn, d);
                }
            });
            phase.put("logBytes", logs);
            return phase;
        }

        /** Every process writes its counts each second: wait until the last ones are on disk. */
        private static void settle() {
            LocalPlatform.sleep(Duration.ofMillis(2200));
        }

        private static Map<String, Long> logBytes(LocalPlatform platform) {
            Map<String, Long> sizes = new HashMap<>();
            platform.processes().forEach((name, p) -> {
                try {
                    sizes.put(name, Files.size(p.logFile()));
                } catch (IOException e) {
                    sizes.put(name, 0L);
                }
            });
            return sizes;
        }
    }

    /**
     * @param seconds    from the first push until the last mail
     * @param superseded expected mails the sender rightly did not send: by their turn (a send rate's wait) the parcel
     *                   had moved past the status they tell of
     */
    record Throughput(int events, int pushes, double seconds, List<Long> latencies, boolean complete, int superseded) {
    }

    /**
     * Every scan of {@value #THROUGHPUT_SHIPMENTS} parcels' journeys pushed twice by concurrent
     * clients, as carriers retry; carrier events per second until the last mail, and push → mail.
     */
    private static Throughput throughput(LocalPlatform platform, HttpClient http, String name, double eventsPerSecond) {
        String who = name.toLowerCase(java.util.Locale.ROOT);
        StringBuilder csv = new StringBuilder("order_id,first_name,email,locale,consent_email,carrier,tracking_number\n");
        for (int i = 0; i < THROUGHPUT_SHIPMENTS; i++) {
            csv.append(name).append('-').append(i).append(",Ayşe,").append(who).append(i).append("@musteri.example,tr,true,ups,")
                    .append(String.format("1Z%s%012d", name, i)).append('\n');
        }
        send(http, platform, "/orders", "text/csv", "x-api-key", LocalPlatform.ORDERS_API_KEY, csv.toString());
        platform.awaitQuiet(Duration.ofSeconds(60));

        // which push should produce which mail: the first scan of each status told at once. The default rules hold "out for
        // delivery" for their 10-minute coalescing window, and the journey's "delivered" comes within it: only that is told
        Map<String, String> subjectOf = Map.of("003", "kargoya verildi", "011", "teslim edildi");
        ConcurrentLinkedQueue<String[]> work = new ConcurrentLinkedQueue<>();
        for (UpsSandbox.Scan s : JOURNEY) {
            for (int i = 0; i < THROUGHPUT_SHIPMENTS; i++) {
                String tn = String.format("1Z%s%012d", name, i);
                String body = UpsSandbox.push(tn, s, "20261126");
                String expect = subjectOf.containsKey(s.statusCode()) ? who + i + "@|" + subjectOf.get(s.statusCode()) : null;
                work.add(new String[]{body, expect});
                work.add(new String[]{body, null});
            }
        }
        int pushes = work.size();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> mailAt = new HashMap<>();
        long since = Instant.now().getEpochSecond() - 1;
        long start = System.nanoTime();
        long deadline = start + THROUGHPUT_LIMIT.toNanos();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();
        // paced: push k leaves at start + k / (2 × events per second), whichever client takes it
        double nanosPerPush = eventsPerSecond > 0 ? 1e9 / (2 * eventsPerSecond) : 0;
        ExecutorService clients = Executors.newFixedThreadPool(THROUGHPUT_CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < THROUGHPUT_CLIENTS; c++) {
            running.add(clients.submit(() -> {
                String[] item;
                while (System.nanoTime() < deadline && (item = work.poll()) != null) {
                    long due = start + (long) (taken.getAndIncrement() * nanosPerPush);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LocalPlatform.sleep(Duration.ofNanos(wait));
                    }
                    if (item[1] != null) {
                        sentAt.put(item[1], System.nanoTime());
                    }
                    send(http, platform, "/webhooks/ups", "application/json", "Authorization", "Bearer " + LocalPlatform.UPS_WEBHOOK_CREDENTIAL, item[0]);
                    sent.incrementAndGet();
                }
            }));
        }
        clients.shutdown();
        int expectedMails = THROUGHPUT_SHIPMENTS * subjectOf.size();
        URI store = URI.create(platform.emulators().sesStore() + "?since=" + since);
        boolean complete = false;
        long lastMail = start;
        int quietChecks = 0;
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            int before = mailAt.size();
            for (JsonNode mail : Mailbox.of(store).all()) {
                String subject = mail.path("subject").asText();
                for (JsonNode to : mail.path("destination").path("to")) {
                    String recipient = to.asText();
                    if (!recipient.startsWith(who)) {
                        continue;
                    }
                    String prefix = recipient.substring(0, recipient.indexOf('@') + 1);
                    subjectOf.values().stream().filter(subject::contains).findFirst()
                            .ifPresent(kind -> mailAt.putIfAbsent(prefix + "|" + kind, now));
                }
            }
            if (mailAt.size() > before) {
                lastMail = now;
            }
            // done when every mail came, or when every push went and the pipeline stayed empty: a mail held back by the
            // send rate until its parcel moved on is superseded, not late, and waiting for it measured only the time limit
            boolean drained = sent.get() == pushes && platform.inFlight() == 0;
            quietChecks = drained ? quietChecks + 1 : 0;
            if (drained && (mailAt.size() >= expectedMails || quietChecks >= 3)) {
                complete = true;
                break;
            }
            LocalPlatform.sleep(Duration.ofMillis(50));
        }
        double seconds = ((complete ? lastMail : System.nanoTime()) - start) / 1e9;
        try {
            clients.awaitTermination(30, TimeUnit.SECONDS);
            for (Future<?> f : running) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("a throughput client failed: " + e.getMessage(), e);
        }
        platform.awaitQuiet(Duration.ofSeconds(180));
        List<Long> latencies = new ArrayList<>();
        mailAt.forEach((key, at) -> {
            Long pushedAt = sentAt.get(key);
            if (pushedAt != null) {
                latencies.add(Math.max(0, (at - pushedAt) / 1_000_000));
            }
        });
        Collections.sort(latencies);
        return new Throughput(sent.get() / 2, sent.get(), seconds, latencies, complete, Math.max(0, expectedMails - mailAt.size()));
    }

    private static String supersededNote(Throughput t) {
        return t.superseded == 0 ? "" : " (" + t.superseded + " mails superseded: the parcel moved on while the send rate held them)";
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
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

    static void send(HttpClient http, LocalPlatform platform, String path, String type, String header, String value, String body) {
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

    static Path freshDir(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
