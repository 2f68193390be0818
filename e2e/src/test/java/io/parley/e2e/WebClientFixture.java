package io.parley.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * LibreChat's own web client, built (the test fixture {@code librechat-client-*.tar.gz} kept beside the
 * project in {@code shared/librechat-web/}), unpacked once under {@code e2e/target/librechat-web} for the
 * gateway to serve. Where the fixture is not found, the browser tests skip and say why.
 */
final class WebClientFixture {

    private static final String FOLDER = "shared/librechat-web";
    private static volatile Optional<Path> unpacked;
    private static volatile String missing = "";

    private WebClientFixture() {
    }

    /** The unpacked client (a folder with {@code index.html}), or empty when there is no fixture to unpack. */
    static synchronized Optional<Path> dir(Path root) {
        if (unpacked == null) {
            unpacked = unpack(root);
        }
        return unpacked;
    }

    /** Why {@link #dir} is empty. */
    static String whyMissing() {
        return missing;
    }

    private static Optional<Path> unpack(Path root) {
        Optional<Path> archive = archive(root);
        if (archive.isEmpty()) {
            missing = "no LibreChat client build found: set PARLEY_WEB_FIXTURE to librechat-client-*.tar.gz, or keep it in "
                    + FOLDER + "/ beside the project";
            return Optional.empty();
        }
        Path target = root.resolve("e2e/target/librechat-web");
        try {
            if (!Files.exists(target.resolve("index.html"))) {
                Files.createDirectories(target);
                Process tar = new ProcessBuilder("tar", "-xzf", archive.get().toString(), "-C", target.toString())
                        .redirectErrorStream(true).start();
                String output = new String(tar.getInputStream().readAllBytes());
                if (!tar.waitFor(2, TimeUnit.MINUTES) || tar.exitValue() != 0 || !Files.exists(target.resolve("index.html"))) {
                    missing = "the client build " + archive.get() + " did not unpack: " + output.strip();
                    return Optional.empty();
                }
            }
            return Optional.of(target);
        } catch (IOException e) {
            missing = "the client build did not unpack: " + e.getMessage();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** PARLEY_WEB_FIXTURE, else the newest archive in shared/librechat-web beside the checkout or its origin. */
    private static Optional<Path> archive(Path root) {
        String named = System.getenv("PARLEY_WEB_FIXTURE");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isRegularFile);
        }
        List<Path> folders = new ArrayList<>();
        folders.add(root.resolveSibling(FOLDER));
        origin(root).ifPresent(origin -> folders.add(origin.resolveSibling(FOLDER)));
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                Optional<Path> found = files.filter(file -> file.getFileName().toString().matches("librechat-client-.*\\.tar\\.gz"))
                        .max(Path::compareTo);
                if (found.isPresent()) {
                    return found;
                }
            } catch (IOException e) {
                // an unreadable folder is one without the fixture
            }
        }
        return Optional.empty();
    }

    /** A clone made from a folder on this machine (as CI makes one) finds the fixture beside that folder. */
    private static Optional<Path> origin(Path root) {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "remote", "get-url", "origin")
                    .redirectErrorStream(true).start();
            String url = new String(git.getInputStream().readAllBytes()).strip();
            String local = url.startsWith("file://") ? url.substring("file://".length()) : url;
            if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0 || local.isEmpty() || local.contains("://")
                    || local.contains("@")) {
                return Optional.empty();
            }
            Path path = Path.of(local);
            return Files.isDirectory(path) ? Optional.of(path.toAbsolutePath().normalize()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
