package dev.vigil.backup.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Objects under one root (a key prefix in a bucket, or a directory), addressed by relative keys of
 * {@code /}-separated names. Errors are {@link IOException}s whose messages never carry
 * credentials.
 */
public interface ArchiveStore extends AutoCloseable {

    /**
     * Begins writing the object {@code key}, of a length not known yet. Nothing is visible at
     * {@code key} until {@link ArchiveUpload#commit()}.
     */
    ArchiveUpload beginUpload(String key) throws IOException;

    /** The objects whose keys start with {@code prefix}, in no particular order. */
    List<StoredObject> list(String prefix) throws IOException;

    /**
     * Reads the object {@code key}.
     *
     * @throws java.nio.file.NoSuchFileException when there is none
     */
    InputStream open(String key) throws IOException;

    /** Writes a small object at once, replacing any at {@code key}. */
    void put(String key, byte[] content) throws IOException;

    /** Deletes {@code key}; nothing happens when there is none. */
    void delete(String key) throws IOException;

    /** Where the root is, for messages: {@code s3://bucket/prefix} or a directory. */
    String location();

    @Override
    void close();
}
