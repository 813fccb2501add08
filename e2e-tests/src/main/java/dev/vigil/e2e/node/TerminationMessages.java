package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Termination messages, as the kubelet keeps them: an empty file per container, mounted at the
 * container's {@code terminationMessagePath} ({@code /dev/termination-log} by default), whose first
 * 4096 bytes become {@code state.terminated.message} when the container exits. Only the {@code
 * File} policy is modelled (not {@code FallbackToLogsOnError}).
 */
final class TerminationMessages {

    /** The most of the file the kubelet keeps. */
    static final int LIMIT = 4096;

    static final String DEFAULT_PATH = "/dev/termination-log";

    private TerminationMessages() {}

    /** Where {@code container} writes its message. */
    static String path(Container container) {
        String path = container.getTerminationMessagePath();
        return path == null || path.isEmpty() ? DEFAULT_PATH : path;
    }

    /** A new, empty message file the pod's user may write; returns it. */
    static Path create(Path file, PodUser user) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            user.own(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the termination message file " + file, e);
        }
    }

    /** The message written to {@code file}, at most {@link #LIMIT} bytes; null when none. */
    static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(LIMIT);
            String message = new String(bytes, StandardCharsets.UTF_8);
            return message.isEmpty() ? null : message;
        } catch (IOException e) {
            return null;
        }
    }
}
