package io.parley.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * An OCI image layout in a tar file, as {@code jib:buildTar} writes it: {@code index.json} → manifest →
 * config and gzip'ed layer tars, all under {@code blobs/sha256/}. Reads what a container runtime would.
 */
final class OciTar {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, byte[]> small = new HashMap<>();
    private final Path file;

    private OciTar(Path file) {
        this.file = file;
    }

    static OciTar read(Path file) throws IOException {
        OciTar tar = new OciTar(file);
        // keep the JSON documents; layers are streamed again when their files are asked for
        try (InputStream in = Files.newInputStream(file)) {
            entries(in, (name, size, content) -> {
                if (size < 1 << 20) {
                    tar.small.put(name, content.readNBytes((int) size));
                }
            });
        }
        return tar;
    }

    JsonNode manifest() throws IOException {
        JsonNode index = JSON.readTree(small.get("index.json"));
        return blobJson(index.path("manifests").get(0).path("digest").asText());
    }

    JsonNode config() throws IOException {
        return blobJson(manifest().path("config").path("digest").asText());
    }

    /** The index's image name ({@code org.opencontainers.image.ref.name}). */
    String refName() throws IOException {
        return JSON.readTree(small.get("index.json")).path("manifests").get(0).path("annotations")
                .path("org.opencontainers.image.ref.name").asText();
    }

    /** Paths of every file in every layer (leading "./" and "/" removed). */
    Set<String> files() throws IOException {
        Set<String> layerDigests = new LinkedHashSet<>();
        manifest().path("layers").forEach(layer -> layerDigests.add(blobName(layer.path("digest").asText())));
        Set<String> paths = new LinkedHashSet<>();
        try (InputStream in = Files.newInputStream(file)) {
            entries(in, (name, size, content) -> {
                if (layerDigests.contains(name)) {
                    entries(new GZIPInputStream(content), (path, s, c) -> paths.add(path.replaceFirst("^\\.?/", "")));
                }
            });
        }
        return paths;
    }

    private JsonNode blobJson(String digest) throws IOException {
        byte[] bytes = small.get(blobName(digest));
        if (bytes == null) {
            throw new IOException(file + " has no blob " + digest);
        }
        return JSON.readTree(bytes);
    }

    private static String blobName(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    interface EntryVisitor {
        void visit(String name, long size, InputStream content) throws IOException;
    }

    /**
     * Walks a tar stream (ustar, with the PAX and GNU long-name records that tar writers use for long
     * paths). The visitor may read the entry's content; what it leaves is skipped.
     */
    static void entries(InputStream in, EntryVisitor visitor) throws IOException {
        byte[] header = new byte[512];
        String longName = null;
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
            char type = (char) header[156];
            BoundedStream content = new BoundedStream(in, size);
            if (type == 'x' || type == 'L') {
                String record = new String(content.readAllBytes(), StandardCharsets.UTF_8);
                longName = type == 'L' ? record.replace("\0", "") : paxPath(record, longName);
            } else {
                String full = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
                longName = null;
                if (type == '0' || type == '\0') {
                    visitor.visit(full, size, content);
                }
            }
            content.skipRest();
            long padding = (512 - size % 512) % 512;
            in.skipNBytes(padding);
        }
    }

    private static String paxPath(String records, String current) {
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 1 + "path=".length());
            }
        }
        return current;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** One entry's bytes of the underlying tar stream. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the tar stream stays open for the next entry
        }

        void skipRest() throws IOException {
            in.skipNBytes(left);
            left = 0;
        }
    }
}
