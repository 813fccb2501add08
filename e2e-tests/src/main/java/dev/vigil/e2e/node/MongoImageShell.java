package dev.vigil.e2e.node;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The few shell tools of the {@code mongo} image that pods run outside mongod, such as the keyfile
 * init container's {@code sh -c "rm -f ... && cp ... && chmod 0400 ..."}: {@code sh -c} with
 * commands joined by {@code &&} or {@code ;}, and {@code rm [-f] [-r]}, {@code cp}, {@code chmod}
 * (octal modes), {@code mkdir [-p]}, {@code echo}, {@code true}. They act on the pod's volumes
 * only: paths are container paths mapped through the {@link MountTable}, a write anywhere else
 * fails as on the read-only root filesystem Vigil's pods have, so nothing on this machine outside
 * the pod's volumes is ever touched. Any other program is not found (exit 127).
 */
final class MongoImageShell {

    private final MountTable mounts;
    private final MongoContainerLog log;

    MongoImageShell(MountTable mounts, MongoContainerLog log) {
        this.mounts = mounts;
        this.log = log;
    }

    /** Runs {@code argv} to its end and returns its exit code. */
    int run(List<String> argv) {
        if (argv.isEmpty()) {
            log.plain("exec: no command given");
            return 127;
        }
        String program = baseName(argv.get(0));
        if ((program.equals("sh") || program.equals("bash"))
                && argv.size() >= 3
                && argv.get(1).equals("-c")) {
            return script(argv.get(2));
        }
        return command(argv);
    }

    private int script(String text) {
        int status = 0;
        boolean skip = false;
        for (Step step : steps(text)) {
            if (!skip) {
                status = command(step.words());
            }
            // After "a && b", b runs only when a succeeded; after "a ; b", always.
            skip = step.andThen() && status != 0;
        }
        return status;
    }

    private record Step(List<String> words, boolean andThen) {}

    /** Splits the script on {@code &&} and {@code ;} outside quotes, into words. */
    private static List<Step> steps(String text) {
        List<Step> steps = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)
                    || c == ';'
                    || (c == '&' && next(text, i) == '&')) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (c == ';' || c == '&') {
                    steps.add(new Step(List.copyOf(words), c == '&'));
                    words.clear();
                    if (c == '&') {
                        i++;
                    }
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (!words.isEmpty()) {
            steps.add(new Step(List.copyOf(words), false));
        }
        return steps;
    }

    private static char next(String text, int i) {
        return i + 1 < text.length() ? text.charAt(i + 1) : 0;
    }

    private int command(List<String> words) {
        if (words.isEmpty()) {
            return 0;
        }
        String program = baseName(words.get(0));
        List<String> args = words.subList(1, words.size());
        try {
            return switch (program) {
                case "true" -> 0;
                case "echo" -> {
                    log.plain(String.join(" ", args));
                    yield 0;
                }
                case "rm" -> rm(args);
                case "cp" -> cp(args);
                case "chmod" -> chmod(args);
                case "mkdir" -> mkdir(args);
                default -> {
                    log.plain("sh: 1: " + words.get(0) + ": not found");
                    yield 127;
                }
            };
        } catch (IOException e) {
            log.plain(program + ": " + e.getMessage());
            return 1;
        }
    }

    private int rm(List<String> args) throws IOException {
        boolean force = false;
        boolean recursive = false;
        int status = 0;
        for (String arg : args) {
            if (arg.startsWith("-")) {
                force |= arg.contains("f");
                recursive |= arg.contains("r") || arg.contains("R");
                continue;
            }
            Optional<Path> target = writable(arg);
            if (target.isEmpty()) {
                log.plain("rm: cannot remove '" + arg + "': Read-only file system");
                status = 1;
            } else if (!Files.exists(target.get(), LinkOption.NOFOLLOW_LINKS)) {
                if (!force) {
                    log.plain("rm: cannot remove '" + arg + "': No such file or directory");
                    status = 1;
                }
            } else if (Files.isDirectory(target.get(), LinkOption.NOFOLLOW_LINKS) && !recursive) {
                log.plain("rm: cannot remove '" + arg + "': Is a directory");
                status = 1;
            } else {
                delete(target.get(), mounts.mount(absolute(arg)).isPresent());
            }
        }
        return status;
    }

    /** Deletes recursively; a mount point itself stays (it is busy), its contents go. */
    private static void delete(Path path, boolean mountPoint) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> tree = Files.walk(path)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    if (!(mountPoint && p.equals(path))) {
                        Files.delete(p);
                    }
                }
            } catch (DirectoryNotEmptyException e) {
                throw new IOException("cannot remove '" + path.getFileName() + "'", e);
            }
        } else {
            Files.delete(path);
        }
    }

    private int cp(List<String> args) throws IOException {
        List<String> paths = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (paths.size() != 2) {
            log.plain("cp: needs a source and a destination");
            return 1;
        }
        Optional<Path> source =
                mounts.hostPath(absolute(paths.get(0))).filter(Files::isRegularFile);
        if (source.isEmpty()) {
            log.plain("cp: cannot stat '" + paths.get(0) + "': No such file or directory");
            return 1;
        }
        Optional<Path> target = writable(paths.get(1));
        if (target.isEmpty()) {
            log.plain(
                    "cp: cannot create regular file '" + paths.get(1) + "': Read-only file system");
            return 1;
        }
        Path destination =
                Files.isDirectory(target.get())
                        ? target.get().resolve(source.get().getFileName())
                        : target.get();
        Files.copy(source.get(), destination, StandardCopyOption.REPLACE_EXISTING);
        return 0;
    }

    private int chmod(List<String> args) throws IOException {
        if (args.size() < 2 || !args.get(0).matches("0?[0-7]{3}")) {
            log.plain("chmod: invalid mode: '" + (args.isEmpty() ? "" : args.get(0)) + "'");
            return 1;
        }
        Set<PosixFilePermission> permissions = permissions(args.get(0));
        int status = 0;
        for (String arg : args.subList(1, args.size())) {
            Optional<Path> target = writable(arg).filter(Files::exists);
            if (target.isEmpty()) {
                log.plain("chmod: cannot access '" + arg + "': No such file or directory");
                status = 1;
            } else {
                Files.setPosixFilePermissions(target.get(), permissions);
            }
        }
        return status;
    }

    private int mkdir(List<String> args) throws IOException {
        boolean parents = args.contains("-p");
        int status = 0;
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            Optional<Path> target = writable(arg);
            if (target.isEmpty()) {
                log.plain("mkdir: cannot create directory '" + arg + "': Read-only file system");
                status = 1;
            } else if (parents) {
                Files.createDirectories(target.get());
            } else if (Files.exists(target.get())) {
                log.plain("mkdir: cannot create directory '" + arg + "': File exists");
                status = 1;
            } else {
                Files.createDirectory(target.get());
            }
        }
        return status;
    }

    /** The host path of a container path inside a volume; empty on the read-only root. */
    private Optional<Path> writable(String containerPath) {
        return mounts.hostPath(absolute(containerPath));
    }

    /** The absolute, normalised container path: {@code ..} never climbs out of a volume. */
    private static String absolute(String path) {
        return Path.of("/").resolve(path).normalize().toString();
    }

    private static Set<PosixFilePermission> permissions(String octal) {
        String digits = octal.substring(octal.length() - 3);
        PosixFilePermission[] all = PosixFilePermission.values();
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int who = 0; who < 3; who++) {
            int bits = digits.charAt(who) - '0';
            for (int bit = 0; bit < 3; bit++) {
                if ((bits & (4 >> bit)) != 0) {
                    permissions.add(all[who * 3 + bit]);
                }
            }
        }
        return permissions;
    }

    private static String baseName(String program) {
        return program.substring(program.lastIndexOf('/') + 1);
    }
}
