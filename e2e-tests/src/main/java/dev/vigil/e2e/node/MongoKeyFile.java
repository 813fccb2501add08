package dev.vigil.e2e.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * mongod's checks of its replica-set keyfile at start: the file exists, only its owner may read it
 * (mongod refuses "permissions ... are too open"), and it holds 6 to 1024 base64 characters,
 * whitespace aside. A failed check stops mongod with exit code 1.
 */
final class MongoKeyFile {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
            EnumSet.of(
                    PosixFilePermission.GROUP_READ,
                    PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.OTHERS_EXECUTE);

    private MongoKeyFile() {}

    /**
     * Why mongod would refuse the keyfile, if it would.
     *
     * @param containerPath the path mongod was given, for the message
     * @param file where it lives on this machine; empty when no volume holds it
     */
    static Optional<String> problem(String containerPath, Optional<Path> file) {
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return Optional.of(
                    "error getting file " + containerPath + ": No such file or directory");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file.get());
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                return Optional.of("permissions on " + containerPath + " are too open");
            }
            String key =
                    new String(Files.readAllBytes(file.get()), StandardCharsets.US_ASCII)
                            .replaceAll("\\s", "");
            if (key.length() < 6 || key.length() > 1024) {
                return Optional.of(
                        "security key in "
                                + containerPath
                                + " has length "
                                + key.length()
                                + ", must be between 6 and 1024 chars");
            }
            if (!key.matches("[A-Za-z0-9+/=]+")) {
                return Optional.of("invalid char in key file " + containerPath);
            }
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("error reading file " + containerPath + ": " + e.getMessage());
        }
    }
}
