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
}
