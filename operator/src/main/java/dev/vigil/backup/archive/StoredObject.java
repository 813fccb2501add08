package dev.vigil.backup.archive;

import java.time.Instant;

/**
 * One object of an {@link ArchiveStore}.
 *
 * @param key its key, relative to the store's root
 * @param size its length in bytes
 * @param lastModified when it was last written
 */
public record StoredObject(String key, long size, Instant lastModified) {}
