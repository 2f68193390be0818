package io.parley.file.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on a free loopback port in front of a store, counting the bytes a client has sent through
 * it: what the store has been given so far, whatever the protocol. A relay that reads from the client
 * only as fast as the store takes the bytes, so the count never runs ahead of the store by more than
 * one relay buffer.
 */
final class CountingProxy implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final ServerSocket server;
    private final int upstreamPort;
    private final AtomicLong sent = new AtomicLong();

    private CountingProxy(ServerSocket server, int upstreamPort) {
        this.server = server;
        this.upstreamPort = upstreamPort;
    }

    static CountingProxy to(int upstreamPort) throws IOException {
        CountingProxy proxy = new CountingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstreamPort);
        Thread.ofVirtual().start(proxy::accept);
        return proxy;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Bytes clients have sent the store through this relay, requests' headers included. */
    long sentUpstream() {
        return sent.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                Thread.ofVirtual().start(() -> relay(client, upstream, sent));
                Thread.ofVirtual().start(() -> relay(upstream, client, new AtomicLong()));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void relay(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[BUFFER];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
                counter.addAndGet(n);
            }
        } catch (IOException ended) {
            // one side closed: closing both (above) ends the other direction too
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
