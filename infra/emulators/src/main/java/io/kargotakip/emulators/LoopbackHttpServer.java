package io.kargotakip.emulators;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The JDK's HTTP server on the loopback address, with Nagle's algorithm off. The JDK server leaves it on, and with
 * delayed ACKs every small exchange then waits ~40 ms (each hop of a local invocation: the HTTP front, the Runtime
 * API, a sandbox). The setting is read once, when the JVM's first server is made, so every server is made here.
 */
public final class LoopbackHttpServer {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackHttpServer() {
    }

    /** @param port 0 for any free port */
    public static HttpServer create(int port) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    }

    /**
     * A stand-in's server on a free port, started, each path prefix answered by its handler.
     *
     * @param what names the stand-in in the error when no port can be had
     */
    public static HttpServer start(String what, java.util.Map<String, com.sun.net.httpserver.HttpHandler> contexts) {
        HttpServer server;
        try {
            server = create(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot start the " + what, e);
        }
        contexts.forEach(server::createContext);
        server.start();
        return server;
    }

    /** Where clients reach a server made here. */
    public static java.net.URI uri(HttpServer server) {
        return java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
