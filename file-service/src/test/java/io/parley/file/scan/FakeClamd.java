package io.parley.file.scan;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A tiny clamd on a real loopback socket speaking the INSTREAM protocol: it reads the z-command and
 * the length-prefixed chunks, and answers {@code stream: Eicar-Test-Signature FOUND} when the stream
 * holds the EICAR test string, {@code INSTREAM size limit exceeded. ERROR} past its limit, else
 * {@code stream: OK}.
 */
public final class FakeClamd implements AutoCloseable {

    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private final ServerSocket server;
    private final long limit;
    private volatile int scans;

    public FakeClamd(long limit) throws IOException {
        this.limit = limit;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::serve);
    }

    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int scans() {
        return scans;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                handle(client);
            } catch (IOException closed) {
                // closed with the test
            }
        }
    }

    private void handle(Socket client) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        for (int b; (b = in.read()) > 0; ) {
            command.write(b);
        }
        String reply;
        if (!command.toString(StandardCharsets.US_ASCII).equals("zINSTREAM")) {
            reply = "UNKNOWN COMMAND";
        } else {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            boolean tooLong = false;
            for (int length; (length = in.readInt()) > 0; ) {
                byte[] chunk = in.readNBytes(length);
                if (stream.size() + length > limit) {
                    tooLong = true;
                } else {
                    stream.writeBytes(chunk);
                }
            }
            scans++;
            reply = tooLong ? "INSTREAM size limit exceeded. ERROR"
                    : stream.toString(StandardCharsets.ISO_8859_1).contains(EICAR) ? "stream: Eicar-Test-Signature FOUND"
                    : "stream: OK";
        }
        OutputStream out = client.getOutputStream();
        out.write((reply + "\0").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
