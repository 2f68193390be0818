package io.parley.common.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * s3rver (npm), a real S3-compatible server in a Node process on a random loopback port, with one
 * bucket. Installed into {@code target/s3rver} on first use; the test is skipped where Node is missing.
 */
public final class S3rver implements AutoCloseable {

    public static final String VERSION = "3.7.1";
    public static final String BUCKET = "parley-files";

    private final Process process;
    private final int port;

    private S3rver(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static S3rver start(Path data) throws IOException, InterruptedException {
        Path prefix = Path.of("target", "s3rver").toAbsolutePath();
        Assumptions.assumeTrue(NpmPackages.nodeAndNpm(), "node and npm are needed to run s3rver");
        NpmPackages.install(prefix, "s3rver@" + VERSION, prefix.resolve("node_modules/s3rver"));
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

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        NpmPackages.stop(process);
    }
}
