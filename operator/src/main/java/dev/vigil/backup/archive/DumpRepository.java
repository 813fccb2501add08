package dev.vigil.backup.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mongodump archives of one database in an {@link ArchiveStore} whose root is the repository:
 * {@code mongodump/<label>.archive.gz}, and beside it {@code mongodump/<label>.json}, its {@link
 * DumpManifest}, written only once the archive is stored. A dump without a manifest is incomplete:
 * it is never listed, restored or counted by the retention.
 */
public final class DumpRepository {

    /** The directory of the dumps under the repository. */
    public static final String DIRECTORY = "mongodump/";

    static final String ARCHIVE_SUFFIX = ".archive.gz";
    static final String MANIFEST_SUFFIX = ".json";

    /** Checks the dump after its archive was read and before it is stored, e.g. its exit code. */
    @FunctionalInterface
    public interface BeforeCommit {
        /**
         * @throws IOException when the dump failed: the archive is discarded
         */
        void check() throws IOException;
    }

    private final ArchiveStore store;

    public DumpRepository(ArchiveStore store) {
        this.store = store;
    }

    /** Where the repository is, for messages. */
    public String location() {
        return store.location();
    }

    /** Stores the archive {@code dump} reads to its end, then its manifest. */
    public DumpManifest upload(InputStream dump, Clock clock) throws IOException {
        return upload(dump, clock, () -> {});
    }

    /**
     * Stores the archive {@code dump} reads to its end, if {@code check} passes once it is read,
     * then its manifest. On any failure nothing of the dump stays visible.
     *
     * @return the stored dump's manifest
     */
    public DumpManifest upload(InputStream dump, Clock clock, BeforeCommit check)
            throws IOException {
        Instant startedAt = clock.instant();
        String label = DumpManifest.labelOf(startedAt);
        try (ArchiveUpload upload = store.beginUpload(archiveKey(label))) {
            dump.transferTo(upload);
            Instant finishedAt = clock.instant();
            check.check();
            long size = upload.commit();
            DumpManifest manifest = new DumpManifest(label, startedAt, finishedAt, size);
            store.put(manifestKey(label), manifest.toJson());
            return manifest;
        }
    }

    /** The complete dumps, oldest first. */
    public List<DumpManifest> list() throws IOException {
        List<StoredObject> objects = store.list(DIRECTORY);
        Set<String> archives = new HashSet<>();
        for (StoredObject object : objects) {
            if (object.key().endsWith(ARCHIVE_SUFFIX)) {
                archives.add(labelOf(object.key(), ARCHIVE_SUFFIX));
            }
        }
        List<DumpManifest> dumps = new ArrayList<>();
        for (StoredObject object : objects) {
            if (!object.key().endsWith(MANIFEST_SUFFIX)) {
                continue;
            }
            String label = labelOf(object.key(), MANIFEST_SUFFIX);
            if (archives.contains(label)) {
                read(object.key()).ifPresent(dumps::add);
            }
        }
        dumps.sort(Comparator.comparing(DumpManifest::label));
        return dumps;
    }

    /** The newest complete dump that finished at or before {@code time}. */
    public Optional<DumpManifest> newestAtOrBefore(Instant time) throws IOException {
        List<DumpManifest> dumps = list();
        for (int i = dumps.size() - 1; i >= 0; i--) {
            if (!dumps.get(i).finishedAt().isAfter(time)) {
                return Optional.of(dumps.get(i));
            }
        }
        return Optional.empty();
    }

    /** Reads the archive of {@code dump}. */
    public InputStream openArchive(DumpManifest dump) throws IOException {
        return store.open(archiveKey(dump.label()));
    }

    /**
     * Deletes the complete dumps {@code retention} does not keep at {@code now}, manifest first so
     * a dump half deleted is incomplete, and the archives without manifest older than every dump
     * kept (left by an upload that stopped between its archive and its manifest).
     *
     * @return the dumps kept, oldest first
     */
    public List<DumpManifest> applyRetention(Retention retention, Instant now) throws IOException {
        List<DumpManifest> dumps = list();
        List<DumpManifest> kept = retention.keep(dumps, now);
        Set<String> keptLabels = new HashSet<>();
        kept.forEach(dump -> keptLabels.add(dump.label()));
        for (DumpManifest dump : dumps) {
            if (!keptLabels.contains(dump.label())) {
                store.delete(manifestKey(dump.label()));
                store.delete(archiveKey(dump.label()));
            }
        }
        if (!kept.isEmpty()) {
            String oldestKept = kept.get(0).label();
            for (StoredObject object : store.list(DIRECTORY)) {
                if (object.key().endsWith(ARCHIVE_SUFFIX)) {
                    String label = labelOf(object.key(), ARCHIVE_SUFFIX);
                    if (label.compareTo(oldestKept) < 0) {
                        store.delete(object.key());
                    }
                }
            }
        }
        return kept;
    }

    static String archiveKey(String label) {
        return DIRECTORY + label + ARCHIVE_SUFFIX;
    }

    static String manifestKey(String label) {
        return DIRECTORY + label + MANIFEST_SUFFIX;
    }

    private Optional<DumpManifest> read(String key) throws IOException {
        byte[] json;
        try (InputStream in = store.open(key)) {
            json = in.readAllBytes();
        } catch (NoSuchFileException e) {
            return Optional.empty(); // Deleted since the listing.
        }
        try {
            return Optional.of(DumpManifest.parse(json));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // Not a manifest this version wrote: not a complete dump.
        }
    }

    private static String labelOf(String key, String suffix) {
        return key.substring(DIRECTORY.length(), key.length() - suffix.length());
    }
}
