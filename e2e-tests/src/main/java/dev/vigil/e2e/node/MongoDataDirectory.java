package dev.vigil.e2e.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The mark the node simulation leaves in a member's data directory in place of mongod's data files:
 * a file holding an identity, written on the first start on an empty directory. While the file is
 * there the directory holds that member's data (kept in memory by the runtime under the identity);
 * a new or wiped volume has no mark, so mongod starts on empty data files, as on a new
 * PersistentVolume.
 */
final class MongoDataDirectory {

    /** Name of the mark, next to where mongod would write WiredTiger's files. */
    static final String MARK = "vigil-mongod-simulation.id";

    private MongoDataDirectory() {}

    /** The identity of the data in {@code directory}, if it holds any. */
    static Optional<String> identity(Path directory) {
        Path mark = directory.resolve(MARK);
        if (!Files.isRegularFile(mark)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(mark, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Marks {@code directory} as holding new data files; returns their identity. */
    static String initialize(Path directory) throws IOException {
        String identity = UUID.randomUUID().toString();
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(MARK), identity + "\n", StandardCharsets.UTF_8);
        return identity;
    }

    /** Whether {@code directory} still holds the data of {@code identity}. */
    static boolean holds(Path directory, String identity) {
        return identity(directory).map(identity::equals).orElse(false);
    }
}
