package dev.vigil.backup.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An {@link ArchiveStore} in a directory, e.g. on a mounted volume. An upload is written to {@code
 * <key>.partial}, synced, and renamed over {@code <key>} on commit, so a reader sees a whole object
 * or none; an abort removes the partial file. Listings skip partial files.
 */
public final class DirectoryArchiveStore implements ArchiveStore {

    /** The suffix of an object still being written. */
    static final String PARTIAL = ".partial";

    private final Path root;

    /** A store whose keys are paths under {@code root}, an absolute directory. */
    public DirectoryArchiveStore(Path root) {
        if (!root.isAbsolute()) {
            throw new IllegalArgumentException("not an absolute directory: " + root);
        }
        this.root = root.normalize();
    }

    @Override
    public ArchiveUpload beginUpload(String key) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL);
        FileChannel channel =
                FileChannel.open(
                        partial,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
        return new ArchiveUpload() {
            private long size;

            @Override
            protected void doWrite(byte[] bytes, int offset, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    size += channel.write(buffer);
                }
            }

            @Override
            protected long doCommit() throws IOException {
                try (channel) {
                    channel.force(true);
                }
                Files.move(
                        partial,
                        target,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                return size;
            }

            @Override
            protected void doAbort() throws IOException {
                try (channel) {
                    Files.deleteIfExists(partial);
                }
            }
        };
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<StoredObject> objects = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                String key = keyOf(path);
                if (key.startsWith(prefix) && !key.endsWith(PARTIAL)) {
                    try {
                        objects.add(
                                new StoredObject(
                                        key,
                                        Files.size(path),
                                        Files.getLastModifiedTime(path).toInstant()));
                    } catch (NoSuchFileException e) {
                        // Deleted since the walk saw it.
                    }
                }
            }
        }
        return objects;
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        try (ArchiveUpload upload = beginUpload(key)) {
            upload.write(content);
            upload.commit();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public void close() {
        // Nothing held open.
    }

    private Path resolve(String key) {
        return root.resolve(ArchiveKeys.checked(key));
    }

    private String keyOf(Path path) {
        StringBuilder key = new StringBuilder();
        for (Path name : root.relativize(path)) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(name);
        }
        return key.toString();
    }
}
