package io.parley.file.scan;

import io.parley.common.error.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Component;

/**
 * Scans an upload with clamd's INSTREAM command (length-prefixed chunks, a zero-length chunk to end)
 * before anything is stored. Infected → 422 and nothing is kept; clamd unreachable or erring → 503,
 * since an unscanned file must not pass when scanning is on. Off without an address.
 */
@Component
@EnableConfigurationProperties(ClamdProperties.class)
public class VirusScan {

    private static final Logger log = LoggerFactory.getLogger(VirusScan.class);
    private static final int MAX_REPLY = 4096;

    private final ClamdProperties settings;
    private final String host;
    private final int port;

    VirusScan(ClamdProperties settings) {
        this.settings = settings;
        String configured = settings.address().strip();
        int colon = configured.lastIndexOf(':');
        if (!configured.isEmpty() && colon <= 0) {
            throw new IllegalStateException("CLAMD_ADDRESS must be host:port");
        }
        this.host = configured.isEmpty() ? null : configured.substring(0, colon);
        this.port = configured.isEmpty() ? 0 : Integer.parseInt(configured.substring(colon + 1));
    }

    public boolean enabled() {
        return host != null;
    }

    /**
     * @throws ApiException.Unprocessable when clamd finds something
     * @throws ApiException.Unavailable   when clamd cannot give an answer
     */
    public void check(InputStreamSource content) {
        if (host == null) {
            return;
        }
        String reply;
        try (Socket socket = new Socket()) {
            int timeout = (int) settings.timeout().toMillis();
            socket.connect(new InetSocketAddress(host, port), timeout);
            socket.setSoTimeout(timeout);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[settings.chunkSize()];
            try (InputStream in = content.getInputStream()) {
                for (int n; (n = in.readNBytes(chunk, 0, chunk.length)) > 0; ) {
                    out.writeInt(n);
                    out.write(chunk, 0, n);
                }
            }
            out.writeInt(0);
            out.flush();
            reply = readReply(socket.getInputStream());
        } catch (IOException e) {
            log.warn("Virus scan failed clamd={}: {}", settings.address(), e.toString());
            throw new ApiException.Unavailable("The virus scanner could not check the file");
        }
        if (reply.endsWith("FOUND")) {
            log.info("Virus scan refused an upload: {}", reply);
            throw new ApiException.Unprocessable("infected", "The file was refused by the virus scanner");
        }
        if (!reply.endsWith("OK")) {
            // e.g. "INSTREAM size limit exceeded. ERROR"
            log.warn("Virus scan gave no verdict clamd={} reply={}", settings.address(), reply);
            throw new ApiException.Unavailable("The virus scanner could not check the file");
        }
    }

    /** clamd answers one NUL-terminated line with the z-prefixed command, e.g. {@code stream: OK}. */
    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        for (int b; (b = in.read()) > 0 && reply.size() < MAX_REPLY; ) {
            reply.write(b);
        }
        return reply.toString(StandardCharsets.US_ASCII).strip();
    }
}
