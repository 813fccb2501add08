package dev.vigil.backup.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** Named pipes as the backup pod shares them between its containers. */
final class Fifos {

    private Fifos() {}

    /** A new FIFO at {@code path}, made by {@code mkfifo}. */
    static Path make(Path path) throws IOException, InterruptedException {
        Process mkfifo =
                new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        String output = new String(mkfifo.getInputStream().readAllBytes());
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + path + " failed: " + output);
        }
        return path;
    }

    /**
     * Writes {@code content} into {@code fifo} as mongodump's shell does (the open waits for the
     * reader), then, once the pipe is closed, {@code exitStatus} into {@code exitFile} unless null.
     */
    static CompletableFuture<Void> dump(
            Path fifo, byte[] content, Path exitFile, String exitStatus) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        try (OutputStream out = Files.newOutputStream(fifo)) {
                            out.write(content);
                        }
                        if (exitFile != null) {
                            Files.writeString(exitFile, exitStatus);
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }
}
