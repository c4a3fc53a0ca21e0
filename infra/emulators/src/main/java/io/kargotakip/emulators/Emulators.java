package io.kargotakip.emulators;

import io.kargotakip.emulators.firehose.FirehoseSandbox;
import io.kargotakip.emulators.s3.S3Sandbox;
import io.kargotakip.emulators.sns.SnsSandbox;
import io.kargotakip.emulators.ssm.SsmSandbox;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The local AWS-API servers, on loopback and free ports: dynalite (DynamoDB) and aws-ses-v2-local
 * (SES) as Node processes from {@code infra/emulators/node_modules}, ElasticMQ (SQS), the SNS stand-in
 * for SMS ({@link SnsSandbox}, WireMock), the S3 and SSM Parameter Store stand-ins ({@link S3Sandbox}, {@link SsmSandbox}:
 * the brand's rules and templates) and the Firehose stand-in ({@link FirehoseSandbox}: the analytics records) in this JVM. Tests and the local runtime talk to them through the real AWS SDK.
 */
public final class Emulators implements AutoCloseable {

    private static Emulators shared;
    /** The analytics records' delivery stream, as the stack names it. */
    public static final String ANALYTICS_STREAM = "kargo-analytics";

    private final List<Process> processes = new ArrayList<>();
    private final Path logDir;
    private SQSRestServer sqsServer;
    private SnsSandbox sns;
    private S3Sandbox s3;
    private SsmSandbox ssm;
    private FirehoseSandbox firehose;
    private URI dynamoDb;
    private URI sqs;
    private URI ses;

    private Emulators(Path logDir) {
        this.logDir = logDir;
    }

    /** One set per JVM, stopped when the JVM exits: what test classes share. */
    public static synchronized Emulators shared() {
        if (shared == null) {
            shared = start(projectRoot(), null);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "emulators-stop"));
        }
        return shared;
    }

    /**
     * Starts all four and waits until each answers.
     *
     * @param root   the repository root (where {@code infra/emulators/node_modules} is)
     * @param logDir where the Node emulators write their output; null for a temporary folder
     */
    public static Emulators start(Path root, Path logDir) {
        Path bin = root.resolve("infra/emulators/node_modules/.bin");
        if (!Files.isExecutable(bin.resolve("dynalite")) || !Files.isExecutable(bin.resolve("aws-ses-v2-local"))) {
            throw new IllegalStateException("emulators are not installed: run `npm ci --prefix infra/emulators` (or ./kargo test)");
        }
        Emulators e;
        try {
            e = new Emulators(logDir != null ? Files.createDirectories(logDir) : Files.createTempDirectory("kargo-emulators"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        try {
            int dynamoPort = freePort();
            e.spawn("dynalite", bin.resolve("dynalite").toString(), "--port", String.valueOf(dynamoPort), "--host", "127.0.0.1",
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0");
            e.dynamoDb = URI.create("http://127.0.0.1:" + dynamoPort);
            int sesPort = freePort();
            e.spawn("ses", bin.resolve("aws-ses-v2-local").toString(), "--port", String.valueOf(sesPort), "--host", "127.0.0.1");
            e.ses = URI.create("http://127.0.0.1:" + sesPort);
            e.sqsServer = SQSRestServerBuilder.withDynamicPort().withInterface("127.0.0.1").start();
            int sqsPort = e.sqsServer.waitUntilStarted().localAddress().getPort();
            e.sqs = URI.create("http://127.0.0.1:" + sqsPort);
            e.sns = new SnsSandbox();
            e.s3 = new S3Sandbox();
            e.ssm = new SsmSandbox();
            e.firehose = new FirehoseSandbox();
            e.firehose.deliver(ANALYTICS_STREAM, e.logDir.resolve("analytics"));
            waitFor("dynalite", e.dynamoDb);
            waitFor("aws-ses-v2-local", e.ses.resolve("/health-check"));
            return e;
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }

    public URI dynamoDb() {
        return dynamoDb;
    }

    public URI sqs() {
        return sqs;
    }

    public URI ses() {
        return ses;
    }

    /** The SNS endpoint (SMS publishing): {@code KARGO_ENDPOINT_SNS}. */
    public URI sns() {
        return sns.endpoint();
    }

    /** The SNS stand-in itself: what was published, and failures to answer with. */
    public SnsSandbox snsSandbox() {
        return sns;
    }

    /** The S3 stand-in (path-style: the client needs {@code forcePathStyle(true)}): {@code KARGO_ENDPOINT_S3}. */
    public S3Sandbox s3() {
        return s3;
    }

    /** The SSM Parameter Store stand-in: {@code KARGO_ENDPOINT_SSM}. */
    public SsmSandbox ssm() {
        return ssm;
    }

    /** The Firehose stand-in (the analytics records' delivery stream): {@code KARGO_ENDPOINT_FIREHOSE}. */
    public FirehoseSandbox firehose() {
        return firehose;
    }

    /** Where the analytics stream's files are ({@code dt=<day>/*.json}): what the local KPI engine reads. */
    public Path analyticsFolder() {
        return logDir.resolve("analytics");
    }

    /** Process ids of the Node emulators (for memory figures). */
    public List<Long> processIds() {
        return processes.stream().map(Process::pid).toList();
    }

    /** Where sent mails can be read: {@code GET /store} of the SES emulator. */
    public URI sesStore() {
        return ses.resolve("/store");
    }

    private void spawn(String name, String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logDir.resolve(name + ".log").toFile())
                    .start();
            processes.add(process);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot start " + name, ex);
        }
    }

    static void waitFor(String name, URI uri) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
                c.setConnectTimeout(200);
                c.setReadTimeout(500);
                c.getResponseCode();
                c.disconnect();
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ie);
                }
            }
        }
        throw new IllegalStateException(name + " did not answer at " + uri + " within 30 s");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: {@code -Dkargo.root}, else the nearest folder upwards with {@code infra/emulators}. */
    public static Path projectRoot() {
        String configured = System.getProperty("kargo.root");
        if (configured != null) {
            return Path.of(configured);
        }
        File dir = new File("").getAbsoluteFile();
        while (dir != null) {
            if (new File(dir, "infra/emulators/package.json").isFile()) {
                return dir.toPath();
            }
            dir = dir.getParentFile();
        }
        throw new IllegalStateException("cannot find the repository root; set -Dkargo.root");
    }

    @Override
    public synchronized void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException ie) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        if (sqsServer != null) {
            sqsServer.stopAndWait();
            sqsServer = null;
        }
        if (sns != null) {
            sns.close();
            sns = null;
        }
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
        if (ssm != null) {
            ssm.close();
            ssm = null;
        }
        if (firehose != null) {
            firehose.close();
            firehose = null;
        }
    }
}
