package io.parley.file.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * s3rver (npm), a real S3-compatible server in a Node process on a random loopback port, with one
 * bucket. Installed into {@code target/s3rver} on first use; the test is skipped where Node is missing.
 */
final class S3rver implements AutoCloseable {

    static final String VERSION = "3.7.1";
    static final String BUCKET = "parley-files";

    private final Process process;
    private final int port;

    private S3rver(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static S3rver start(Path data) throws IOException, InterruptedException {
        Path prefix = Path.of("target", "s3rver").toAbsolutePath();
        Assumptions.assumeTrue(onPath("node") && onPath("npm"), "node and npm are needed to run s3rver");
        if (!Files.isDirectory(prefix.resolve("node_modules/s3rver"))) {
            Process install = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(),
                    "s3rver@" + VERSION).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
                throw new IllegalStateException("npm install s3rver@" + VERSION + " failed");
            }
        }
        String script = "const S3rver=require('s3rver');"
                + "new S3rver({address:'127.0.0.1',port:0,silent:true,directory:process.argv[1],"
                + "configureBuckets:[{name:'" + BUCKET + "'}]}).run()"
                + ".then(a=>console.log('PORT '+a.port)).catch(e=>{console.error(e);process.exit(1)});";
        ProcessBuilder builder = new ProcessBuilder("node", "-e", script, data.toString()).redirectErrorStream(true);
        builder.environment().put("NODE_PATH", prefix.resolve("node_modules").toString());
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("PORT ")) {
                return new S3rver(process, Integer.parseInt(line.substring(5).trim()));
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("s3rver did not start");
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        // Wait for the exit: the test's temporary data folder is deleted next, which fails while the
        // server still writes there.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
