package dev.vigil.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code pgbackrest} program. Its configuration comes from {@code PGBACKREST_*}
 * environment variables only (the contract in docs/backup.md): credentials reach it through the
 * environment, never through arguments, and this class never logs the environment. Every command is
 * bounded by a timeout; a failure becomes a {@link PgBackRestException} carrying pgBackRest's first
 * error line.
 */
public final class PgBackRest {

    /** How long a backup or restore may take before it is stopped. */
    public static final Duration LONG_TIMEOUT = Duration.ofHours(6);

    /** How long {@code info}, {@code check}, {@code stanza-create} may take. */
    public static final Duration SHORT_TIMEOUT = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TARGET_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private final List<String> launcher;
    private final Path executable;
    private final Map<String, String> environment;
    private final Duration longTimeout;
    private final Duration shortTimeout;

    /**
     * @param launcher words put before the executable, e.g. {@code runuser -u postgres --} to run
     *     it as the data directory's owner (empty in a pod, where the container's user owns it)
     * @param executable the {@code pgbackrest} program, or a wrapper of it
     * @param environment variables added to this process's environment for pgBackRest
     */
    public PgBackRest(
            List<String> launcher,
            Path executable,
            Map<String, String> environment,
            Duration longTimeout,
            Duration shortTimeout) {
        this.launcher = List.copyOf(launcher);
        this.executable = executable;
        this.environment = Map.copyOf(environment);
        this.longTimeout = longTimeout;
        this.shortTimeout = shortTimeout;
    }

    /** {@code executable} in this process's environment, with the default timeouts. */
    public static PgBackRest of(Path executable) {
        return new PgBackRest(List.of(), executable, Map.of(), LONG_TIMEOUT, SHORT_TIMEOUT);
    }

    /** The variable {@code name} as pgBackRest sees it: added ones first, then this process's. */
    public Optional<String> setting(String name) {
        String value = environment.get(name);
        return Optional.ofNullable(value != null ? value : System.getenv(name));
    }

    /** {@code stanza-create}: prepares the repository; does nothing when it is ready already. */
    public void stanzaCreate() {
        run(List.of("stanza-create"), shortTimeout);
    }

    /** {@code backup --type=full}, which then expires old backups by the retention settings. */
    public void backupFull() {
        run(List.of("backup", "--type=full"), longTimeout);
    }

    /** {@code check}: the archive and the repository work for the running primary. */
    public void check() {
        run(List.of("check"), shortTimeout);
    }

    /** {@code info --output=json}, of the stanza {@code PGBACKREST_STANZA} names. */
    public BackupInfo info() {
        return parseInfo(run(List.of("info", "--output=json"), shortTimeout));
    }

    /**
     * {@code restore} into {@code PGBACKREST_PG1_PATH}: to {@code targetTime} when given, else to
     * the end of the archive; the server promotes itself when it reaches either, and fetches WAL
     * with {@code cmd} (the path of pgBackRest inside the postgres container).
     */
    public void restore(Optional<Instant> targetTime, Path cmd) {
        restore(targetTime, cmd, List.of());
    }

    /** {@link #restore(Optional, Path)} with more of pgBackRest's restore options. */
    public void restore(Optional<Instant> targetTime, Path cmd, List<String> options) {
        List<String> arguments = new ArrayList<>(List.of("restore"));
        targetTime.ifPresent(
                time -> {
                    arguments.add("--type=time");
                    arguments.add("--target=" + TARGET_TIME.format(time));
                    // pgBackRest refuses a target action without a target; at the end of the
                    // archive the server promotes itself anyway.
                    arguments.add("--target-action=promote");
                });
        arguments.add("--cmd=" + cmd);
        arguments.addAll(options);
        run(arguments, longTimeout);
    }

    /**
     * When the newest archived WAL segment reached the repository: the latest time a restore can
     * reach (within the segment's span), read with {@code repo-ls}; empty when nothing is archived.
     */
    public Optional<Instant> newestArchivedWalTime(BackupInfo info) {
        if (info.archiveId() == null || info.archiveMax() == null) {
            return Optional.empty();
        }
        String stanza = setting("PGBACKREST_STANZA").orElse("db");
        String directory =
                "archive/"
                        + stanza
                        + "/"
                        + info.archiveId()
                        + "/"
                        + info.archiveMax().substring(0, 16);
        String listing = run(List.of("repo-ls", directory, "--output=json"), shortTimeout);
        try {
            JsonNode files = JSON.readTree(listing);
            Instant newest = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> file = it.next();
                if (file.getKey().startsWith(info.archiveMax()) && file.getValue().has("time")) {
                    Instant time = Instant.ofEpochSecond(file.getValue().get("time").asLong());
                    newest = newest == null || time.isAfter(newest) ? time : newest;
                }
            }
            return Optional.ofNullable(newest);
        } catch (IOException e) {
            throw new PgBackRestException("pgbackrest repo-ls printed no JSON");
        }
    }

    /** Reads {@code info --output=json}'s answer for its first (the configured) stanza. */
    static BackupInfo parseInfo(String json) {
        JsonNode stanzas;
        try {
            stanzas = JSON.readTree(json);
        } catch (IOException e) {
            throw new PgBackRestException("pgbackrest info printed no JSON");
        }
        if (!stanzas.isArray() || stanzas.isEmpty()) {
            return new BackupInfo(List.of(), null, null, null);
        }
        JsonNode stanza = stanzas.get(0);
        List<BackupInfo.Backup> backups = new ArrayList<>();
        for (JsonNode backup : stanza.path("backup")) {
            if (backup.path("error").asBoolean(false)) {
                continue;
            }
            JsonNode info = backup.path("info");
            backups.add(
                    new BackupInfo.Backup(
                            backup.path("label").asText(),
                            backup.path("type").asText(),
                            Instant.ofEpochSecond(backup.path("timestamp").path("start").asLong()),
                            Instant.ofEpochSecond(backup.path("timestamp").path("stop").asLong()),
                            info.path("size").asLong(),
                            info.path("repository").path("size").asLong(),
                            textOrNull(backup.path("archive").path("start")),
                            textOrNull(backup.path("archive").path("stop"))));
        }
        String id = null;
        String min = null;
        String max = null;
        for (JsonNode archive : stanza.path("archive")) {
            // The last entry is the current database's archive (after an upgrade, older ones).
            id = textOrNull(archive.path("id"));
            min = textOrNull(archive.path("min"));
            max = textOrNull(archive.path("max"));
        }
        return new BackupInfo(backups, id, min, max);
    }

    private static String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    /** Runs one command; returns its standard output and error, merged. */
    String run(List<String> arguments, Duration timeout) {
        List<String> command = new ArrayList<>(launcher);
        command.add(executable.toString());
        command.addAll(arguments);
        Path output = null;
        try {
            output = Files.createTempFile("vigil-pgbackrest-", ".out");
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new PgBackRestException(
                        "pgbackrest " + arguments.get(0) + " did not finish within " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new PgBackRestException(
                        redact(firstError(text, arguments.get(0), process.exitValue())));
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run pgbackrest " + arguments.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgBackRestException(
                    "interrupted while running pgbackrest " + arguments.get(0));
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A temporary file left behind: nothing secret is in it.
                }
            }
        }
    }

    /** pgBackRest's first {@code ERROR: [nnn]: ...} line, without the timestamp before it. */
    static String firstError(String output, String command, int exitCode) {
        for (String line : output.split("\n")) {
            int at = line.indexOf("ERROR: [");
            if (at >= 0) {
                return line.substring(at).strip();
            }
        }
        return "pgbackrest " + command + " failed with exit code " + exitCode;
    }

    /** Blanks the value of every credential-like variable, should pgBackRest ever echo one. */
    private String redact(String message) {
        String redacted = message;
        for (Map.Entry<String, String> variable : sensitive().entrySet()) {
            if (variable.getValue() != null && variable.getValue().length() >= 4) {
                redacted = redacted.replace(variable.getValue(), "<redacted>");
            }
        }
        return redacted;
    }

    private Map<String, String> sensitive() {
        Map<String, String> all = new java.util.HashMap<>(System.getenv());
        all.putAll(environment);
        all.keySet()
                .removeIf(
                        name ->
                                !name.startsWith("PGBACKREST_")
                                        || !(name.contains("KEY")
                                                || name.contains("SECRET")
                                                || name.contains("TOKEN")
                                                || name.contains("PASS")
                                                || name.contains("CIPHER")));
        return all;
    }
}
