package io.kargotakip.local.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One function's packaged artifact ({@code functions/<name>/target/<name>-runner.jar} + {@code lib/}, the
 * content of its {@code function.zip}) running in its own JVM against a {@link LambdaRuntimeApi}, started
 * the way Lambda's managed Java runtime starts it: AWS's runtime interface client calling
 * {@code QuarkusStreamHandler::handleRequest}. Output goes to a log file; the process is stopped on
 * {@link #close()} or when this JVM exits.
 */
public final class FunctionProcess implements AutoCloseable {

    /**
     * Which Quarkus Lambda extension the function is built with. In JVM mode both run the same way: on
     * AWS's managed Java runtime (the runtime interface client), which is also what each module's
     * generated {@code sam.jvm.yaml} declares. {@code java -jar <fn>-runner.jar} does not work for either:
     * Quarkus 3.33.2 registers its own Runtime API poll loop for native builds only (and in dev/test), so a
     * JVM-mode runner jar never asks for an event.
     */
    public enum Kind {
        /** {@code quarkus-amazon-lambda}: a {@code RequestHandler} for SQS batches or the schedule. */
        WORKER,
        /** {@code quarkus-amazon-lambda-http}: JAX-RS resources behind the HTTP API. */
        HTTP
    }

    public static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /**
     * Left alone, every runtime interface client unpacks its JNI library to the one fixed path
     * {@code /tmp/.libaws-lambda-jni.so}; several functions starting together overwrite it while
     * another maps it, and crash with SIGBUS. So it is unpacked once, here, and each function is
     * told where it is through the client's own system property.
     */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    static Path nativeClientLibrary(Path ricDir) {
        return ricDir.resolve("jni").resolve("libaws-lambda-jni.linux-" + arch() + ".so").toAbsolutePath();
    }

    private static String arch() {
        return System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
    }

    /** Unpacks the client's JNI library to {@link #nativeClientLibrary} unless it is there. */
    static synchronized Path unpackNativeClientLibrary(Path ricDir) {
        String resource = "jni/libaws-lambda-jni.linux-" + arch() + ".so";
        Path target = nativeClientLibrary(ricDir);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try (Stream<Path> files = Files.list(ricDir)) {
            Path clientJar = files.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no runtime interface client jar in " + ricDir));
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(clientJar.toFile())) {
                java.util.zip.ZipEntry entry = zip.getEntry(resource);
                if (entry == null) {
                    throw new IllegalStateException(clientJar + " has no " + resource);
                }
                Files.createDirectories(target.getParent());
                Path partial = Files.createTempFile(target.getParent(), "jni", ".part");
                try (java.io.InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    /** Close to what Lambda's Java runtime uses, and small enough for six functions in about 2 GB. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:MaxRAM=256m", "-Xshare:auto");
    private static final long STOP_GRACE_SECONDS = 5;
    private static final System.Logger LOG = System.getLogger(FunctionProcess.class.getName());

    private final String name;
    private final Process process;
    private final Path logFile;
    private final List<String> command;
    private final Thread shutdownHook;
    private volatile boolean closing;

    private FunctionProcess(String name, Process process, Path logFile, List<String> command) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.command = command;
        this.shutdownHook = new Thread(this::stop, "stop-" + name);
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            process.destroyForcibly(); // started while this JVM exits: nobody would stop it
            throw shuttingDown;
        }
    }

    /** Whether it was stopped on purpose ({@link #close()} or this JVM's exit), rather than dying on its own. */
    public boolean stopped() {
        return closing;
    }

    /**
     * @param root the repository root ({@code functions/<name>/target} and {@code infra/local/target/lambda-ric} are under it)
     * @param name the function's module name, e.g. {@code normalizer}
     */
    public static Builder builder(Path root, String name, Kind kind) {
        return new Builder(root, name, kind);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    public List<String> command() {
        return command;
    }

    /** Completes with the exit code when the process ends, for whatever reason. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /**
     * Ends a process that overran its timeout, as Lambda ends its sandbox: first a thread dump into its
     * log (SIGQUIT; the JVM keeps running), so the log shows where it was stuck, then SIGKILL.
     */
    public void killStuck() {
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor(2, TimeUnit.SECONDS);
            process.waitFor(300, TimeUnit.MILLISECONDS); // time to write the dump
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "no thread dump of " + name + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }

    /** Stops the process: a polite SIGTERM (Quarkus shuts down cleanly), then a kill after 5 s. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }

    private void stop() {
        closing = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private final Path root;
        private final String name;
        private final Kind kind;
        private final Map<String, String> env = new LinkedHashMap<>();
        private LambdaRuntimeApi runtimeApi;
        private String runtimeApiAddress;
        private int memoryMb = 512;
        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        private Path artifact;
        private Path ricDir;
        private Path logFile;
        private Path workingDir;
        private String handler = HANDLER;
        private String javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        private Builder(Path root, String name, Kind kind) {
            this.root = Objects.requireNonNull(root).toAbsolutePath().normalize();
            this.name = Objects.requireNonNull(name);
            this.kind = Objects.requireNonNull(kind);
        }

        /** The API the function polls; it is also told when the process dies on its own. */
        public Builder runtimeApi(LambdaRuntimeApi api) {
            this.runtimeApi = api;
            this.runtimeApiAddress = api.address();
            return this;
        }

        /** Only the address ({@code host:port}), for a Runtime API served elsewhere. */
        public Builder runtimeApiAddress(String hostAndPort) {
            this.runtimeApiAddress = hostAndPort;
            return this;
        }

        /** The function's configured environment (what {@code Environment.Variables} holds in the template). */
        public Builder env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder memoryMb(int mb) {
            this.memoryMb = mb;
            return this;
        }

        /** Replaces {@link #DEFAULT_JVM_OPTIONS}. */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /** Default {@code functions/<name>/target/<name>-runner.jar}; any class path entry (a folder too). */
        public Builder artifact(Path path) {
            this.artifact = path;
            return this;
        }

        /** Default {@code infra/local/target/lambda-ric}. */
        public Builder ricDir(Path dir) {
            this.ricDir = dir;
            return this;
        }

        /** Default {@code infra/local/target/logs/<name>.log}; output is appended. */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /** Default the artifact's folder, as Lambda runs in {@code /var/task}. */
        public Builder workingDir(Path dir) {
            this.workingDir = dir;
            return this;
        }

        /** The handler the runtime interface client loads; default {@link #HANDLER}. */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        public Builder javaExecutable(String java) {
            this.javaExecutable = java;
            return this;
        }

        private Path artifact() {
            return artifact != null ? artifact : root.resolve("functions").resolve(name).resolve("target").resolve(name + "-runner.jar");
        }

        private Path taskRoot() {
            Path a = artifact().toAbsolutePath();
            return Files.isDirectory(a) ? a : a.getParent();
        }

        /** The command line the process is started with. */
        public List<String> command() {
            Path jar = artifact();
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " not found: build the function first (mvn -B -q package -pl functions/" + name + ")");
            }
            // as the managed runtime does: the runner jar's manifest Class-Path brings target/lib
            List<String> cmd = new ArrayList<>();
            cmd.add(javaExecutable);
            cmd.addAll(jvmOptions);
            cmd.add("-D" + JNI_PROPERTY + "=" + nativeClientLibrary(ricDirectory()));
            cmd.add("-cp");
            cmd.add(jar + File.pathSeparator + ricClassPath());
            cmd.add(RIC_MAIN);
            cmd.add(handler);
            return cmd;
        }

        private Path ricDirectory() {
            return ricDir != null ? ricDir : root.resolve("infra/local/target/lambda-ric");
        }

        private String ricClassPath() {
            Path dir = ricDirectory();
            List<String> jars;
            try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
                jars = files.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().collect(Collectors.toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (jars.isEmpty()) {
                throw new IllegalStateException("no runtime interface client jars in " + dir + ": build it (mvn -B -q -o install -pl infra/local)");
            }
            return String.join(File.pathSeparator, jars);
        }

        /**
         * The environment Lambda gives a function: only its own variables plus the runtime's, not this
         * JVM's (so a developer's shell settings cannot leak in).
         */
        public Map<String, String> environment() {
            Objects.requireNonNull(runtimeApiAddress, "runtimeApi");
            Map<String, String> e = new LinkedHashMap<>();
            for (String inherited : List.of("PATH", "HOME", "TMPDIR")) {
                String v = System.getenv(inherited);
                if (v != null) {
                    e.put(inherited, v);
                }
            }
            e.put("LANG", "C.UTF-8"); // Lambda runs with a UTF-8 locale; without one the JVM would default to ASCII
            e.put("TZ", "UTC");       // Lambda's clock zone
            e.put("AWS_LAMBDA_RUNTIME_API", runtimeApiAddress);
            e.put("AWS_LAMBDA_FUNCTION_NAME", name);
            e.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
            e.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            e.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
            e.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + name);
            e.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            e.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
            e.put("AWS_REGION", LambdaRuntimeApi.REGION);
            e.put("AWS_DEFAULT_REGION", LambdaRuntimeApi.REGION);
            e.put("AWS_ACCESS_KEY_ID", "test");
            e.put("AWS_SECRET_ACCESS_KEY", "test");
            e.put("_HANDLER", handler);
            e.put("LAMBDA_TASK_ROOT", taskRoot().toString());
            e.putAll(env);
            return e;
        }

        /** Starts the JVM; it then cold-starts and asks the Runtime API for its first event. */
        public FunctionProcess start() throws IOException {
            List<String> cmd = command();
            unpackNativeClientLibrary(ricDirectory());
            Map<String, String> environment = environment();
            Path log = logFile != null ? logFile : root.resolve("infra/local/target/logs").resolve(name + ".log");
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, "=== " + Instant.now() + " starting " + name + " (" + kind + "): " + String.join(" ", cmd) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory((workingDir != null ? workingDir : taskRoot()).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().clear();
            pb.environment().putAll(environment);
            FunctionProcess fp = new FunctionProcess(name, pb.start(), log, List.copyOf(cmd));
            fp.process.getOutputStream().close(); // a function has no stdin
            LambdaRuntimeApi api = runtimeApi;
            fp.process.onExit().thenAccept(p -> {
                if (!fp.closing) {
                    String reason = "process exited with code " + p.exitValue() + " (log: " + log + ")";
                    LOG.log(System.Logger.Level.WARNING, "function " + name + ": " + reason);
                    if (api != null) {
                        api.runtimeExited(reason);
                    }
                }
            });
            return fp;
        }
    }
}
