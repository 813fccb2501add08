package dev.vigil.backup;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vigil backup install-tools --into DIR}: copies {@code pgbackrest} (from the PATH) to
 * {@code DIR/bin}, the shared libraries {@code ldd} lists for it to {@code DIR/lib} (except glibc's
 * own, which the postgres image has), and writes {@code DIR/pgbackrest}, a shell wrapper that runs
 * the copy with those libraries. The postgres container mounts DIR and archives WAL through the
 * wrapper, so the official postgres image needs no change.
 */
public final class ToolInstaller {

    /** The wrapper's text: the copy, with the copied libraries. */
    public static final String WRAPPER =
            "#!/bin/sh\n"
                + "# Written by vigil backup install-tools: pgBackRest with its own libraries.\n"
                + "d=$(dirname \"$0\"); LD_LIBRARY_PATH=\"$d/lib\" exec \"$d/bin/pgbackrest\""
                + " \"$@\"\n";

    // glibc's own libraries: the image running the copy has them, matched to its loader.
    private static final Pattern GLIBC =
            Pattern.compile("^(libc|libm|libpthread|libdl|librt|ld-linux[^.]*|linux-vdso)\\.so.*");
    private static final Pattern LDD_LINE = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+(/\\S+)\\s");

    private ToolInstaller() {}

    /**
     * Installs {@code program} and its libraries into {@code into}.
     *
     * @return the wrapper, {@code into/pgbackrest}
     */
    public static Path install(Path program, Path into) {
        try {
            Path bin = Files.createDirectories(into.resolve("bin"));
            Path lib = Files.createDirectories(into.resolve("lib"));
            Path copy = bin.resolve("pgbackrest");
            Files.copy(program.toRealPath(), copy, StandardCopyOption.REPLACE_EXISTING);
            executable(copy);
            for (Library library : libraries(program)) {
                Path target = lib.resolve(library.soname());
                Files.copy(
                        library.path().toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Path wrapper = into.resolve("pgbackrest");
            Files.writeString(wrapper, WRAPPER, StandardCharsets.UTF_8);
            executable(wrapper);
            return wrapper;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install pgbackrest into " + into, e);
        }
    }

    /** {@code name} found in the directories of {@code PATH}. */
    public static Optional<Path> onPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    /** A shared library {@code ldd} resolved: its name as the program asks for it, its file. */
    record Library(String soname, Path path) {}

    /** The libraries {@code ldd program} lists, glibc's own left out. */
    static List<Library> libraries(Path program) {
        return parseLdd(ldd(program));
    }

    static List<Library> parseLdd(String output) {
        List<Library> libraries = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher matcher = LDD_LINE.matcher(line);
            if (matcher.find() && !GLIBC.matcher(matcher.group(1)).matches()) {
                libraries.add(new Library(matcher.group(1), Path.of(matcher.group(2))));
            }
        }
        return libraries;
    }

    private static String ldd(Path program) {
        try {
            Process process =
                    new ProcessBuilder("ldd", program.toString()).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "ldd " + program + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ldd " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ldd", e);
        }
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
