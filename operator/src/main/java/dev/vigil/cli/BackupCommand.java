package dev.vigil.cli;

import dev.vigil.api.BackupSchedule;
import dev.vigil.backup.BackupAgent;
import dev.vigil.backup.PgBackRest;
import dev.vigil.backup.RestoreCommand;
import dev.vigil.backup.RestoreVerifier;
import dev.vigil.backup.ToolInstaller;
import dev.vigil.backup.VerificationDirectory;
import dev.vigil.backup.VerificationResult;
import dev.vigil.backup.archive.ArchiveStores;
import dev.vigil.backup.archive.DumpDownload;
import dev.vigil.backup.archive.DumpUpload;
import dev.vigil.backup.archive.Retention;
import dev.vigil.backup.mongodb.DumpVerifier;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil backup ...}: what Vigil's image runs in a PostgreSQL pod with backups on, and in a
 * MongoDB backup or restore pod. pgBackRest takes its whole configuration from {@code PGBACKREST_*}
 * environment variables (docs/backup.md); the MongoDB dumps' store from {@code VIGIL_STORE_*} ones
 * ({@link ArchiveStores}).
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description =
                "Run pgBackRest in a PostgreSQL pod: install it for the postgres container, run"
                        + " scheduled backups, restore before the server starts, verify a"
                        + " restore. Configured by PGBACKREST_* environment variables. Store and"
                        + " fetch MongoDB dumps (upload, download), configured by VIGIL_STORE_*"
                        + " environment variables, and verify a restored dump (verify-dump).",
        subcommands = {
            BackupCommand.InstallTools.class,
            BackupCommand.Agent.class,
            BackupCommand.Restore.class,
            BackupCommand.Verify.class,
            BackupCommand.Upload.class,
            BackupCommand.Download.class,
            BackupCommand.VerifyDump.class
        })
final class BackupCommand implements Runnable {

    /** How long {@code restore --primary-address} waits for a server to accept. */
    static final int PRIMARY_CONNECT_TIMEOUT_MILLIS = 3_000;

    /** The variable naming the data directory, as pgBackRest reads it. */
    static final String DATA_DIRECTORY = "PGBACKREST_PG1_PATH";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand");
    }

    private static Path dataDirectory(CommandLine commandLine) {
        String path = System.getenv(DATA_DIRECTORY);
        if (path == null || path.isBlank()) {
            throw new CommandLine.ParameterException(
                    commandLine, DATA_DIRECTORY + " is not set: it names the data directory");
        }
        return Path.of(path);
    }

    /** {@code vigil backup install-tools --into DIR}. */
    @Command(
            name = "install-tools",
            mixinStandardHelpOptions = true,
            description =
                    "Copy pgbackrest (from the PATH) and the shared libraries it needs (glibc's"
                            + " own excepted) into DIR, with a wrapper DIR/pgbackrest that runs"
                            + " it: an init container fills a volume the postgres container"
                            + " archives WAL with.")
    static final class InstallTools implements Callable<Integer> {

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--into", required = true, paramLabel = "DIR", description = "Where.")
        Path into;

        @Override
        public Integer call() {
            Path program =
                    ToolInstaller.onPath("pgbackrest", System.getenv("PATH"))
                            .orElseThrow(
                                    () ->
                                            new CommandLine.ParameterException(
                                                    spec.commandLine(),
                                                    "pgbackrest is not on the PATH"));
            Path wrapper = ToolInstaller.install(program, into);
            spec.commandLine().getOut().println("installed " + wrapper);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code vigil backup agent --schedule CRON [--listen-port 9188]}. */
    @Command(
            name = "agent",
            mixinStandardHelpOptions = true,
            description =
                    "Run a full backup at each due time of the schedule while this server is the"
                            + " primary, and serve GET /v1/status.")
    static final class Agent implements Callable<Integer> {

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--schedule",
                required = true,
                paramLabel = "CRON",
                description = "A Unix cron expression, in UTC, e.g. \"0 3 * * *\".")
        String schedule;

        @Option(
                names = "--listen-port",
                defaultValue = "9188",
                description = "The status port (default: ${DEFAULT-VALUE}).")
        int listenPort;

        @Option(
                names = "--listen-address",
                defaultValue = "${env:VIGIL_HTTP_ADDRESS}",
                paramLabel = "IP",
                description =
                        "The address the status port is bound on: VIGIL_HTTP_ADDRESS, as for"
                                + " vigil run, else every interface.")
        String listenAddress;

        @Option(
                names = "--pgbackrest",
                defaultValue = "pgbackrest",
                paramLabel = "PATH",
                description = "The pgbackrest program (default: ${DEFAULT-VALUE}, from the PATH).")
        Path pgBackRest;

        @Override
        public Integer call() throws InterruptedException {
            BackupSchedule parsed;
            try {
                parsed = BackupSchedule.parse(schedule);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--schedule: " + e.getMessage());
            }
            Path data = dataDirectory(spec.commandLine());
            BackupAgent agent =
                    new BackupAgent(PgBackRest.of(pgBackRest), parsed, data, Clock.systemUTC());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        agent.close();
                                        stopped.countDown();
                                    }));
            agent.start(
                    listenAddress == null || listenAddress.isBlank()
                            ? new InetSocketAddress(listenPort)
                            : new InetSocketAddress(listenAddress, listenPort));
            stopped.await();
            return 0;
        }
    }

    /**
     * {@code vigil backup restore [--target-time T] --tools DIR [--termination-log F]
     * [--primary-pod P [--pod NAME] [--primary-address HOST:PORT]]}.
     */
    @Command(
            name = "restore",
            mixinStandardHelpOptions = true,
            description =
                    "Restore an empty data directory from the repository, to a time or to the end"
                            + " of the archive. A data directory that holds anything is left as it"
                            + " is.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:restored, or nothing to do (the data directory is not empty)",
                "1:not restored: the reason is in the termination log",
            })
    static final class Restore implements Callable<Integer> {

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--target-time",
                paramLabel = "RFC3339",
                description = "Restore to this time, e.g. 2026-12-05T18:00:00Z.")
        String targetTime;

        @Option(
                names = "--tools",
                required = true,
                paramLabel = "DIR",
                description = "Where install-tools put pgbackrest.")
        Path tools;

        @Option(
                names = "--termination-log",
                defaultValue = "/dev/termination-log",
                paramLabel = "FILE",
                description = "Where a failure's reason goes (default: ${DEFAULT-VALUE}).")
        Path terminationLog;

        @Option(
                names = "--verification-dir",
                paramLabel = "DIR",
                description =
                        "Restore for a verification pod: record the start and write the restored"
                                + " server's pg_hba.conf (local connections only) into DIR, and"
                                + " restore with archive_mode=off.")
        Path verificationDir;

        @Option(
                names = "--primary-pod",
                paramLabel = "POD",
                description =
                        "Restore only in this pod, the database's first primary: in any other"
                                + " (--pod), do nothing, as the member clones the primary.")
        String primaryPod;

        @Option(
                names = "--pod",
                defaultValue = "${env:POD_NAME}",
                paramLabel = "POD",
                description = "This pod (default: POD_NAME).")
        String pod;

        @Option(
                names = "--primary-address",
                paramLabel = "HOST:PORT",
                description =
                        "Do nothing when a server accepts connections here (the read-write"
                                + " Service): a primary runs already, and a second one is never"
                                + " restored beside it.")
        String primaryAddress;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (primaryPod != null && !primaryPod.equals(pod)) {
                out.println(
                        "not restoring: "
                                + pod
                                + " is not the first primary "
                                + primaryPod
                                + ", so it clones the primary instead");
                out.flush();
                return RestoreCommand.DONE;
            }
            if (primaryAddress != null && answers(primaryAddress)) {
                out.println(
                        "not restoring: a server answers at "
                                + primaryAddress
                                + ", so this member clones that primary instead");
                out.flush();
                return RestoreCommand.DONE;
            }
            Optional<Instant> target = Optional.empty();
            if (targetTime != null) {
                try {
                    target = Optional.of(OffsetDateTime.parse(targetTime).toInstant());
                } catch (DateTimeParseException e) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            "--target-time: " + targetTime + " is not an RFC 3339 time");
                }
            }
            RestoreCommand restore =
                    new RestoreCommand(
                            PgBackRest.of(tools.resolve("pgbackrest")),
                            dataDirectory(spec.commandLine()),
                            tools,
                            terminationLog,
                            out);
            if (verificationDir != null) {
                restore.forVerification(
                        new VerificationDirectory(verificationDir), Clock.systemUTC());
            }
            return restore.run(target);
        }

        private boolean answers(String address) {
            int colon = address.lastIndexOf(':');
            if (colon <= 0) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--primary-address: " + address + " is not HOST:PORT");
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(
                        new InetSocketAddress(
                                address.substring(0, colon),
                                Integer.parseInt(address.substring(colon + 1))),
                        PRIMARY_CONNECT_TIMEOUT_MILLIS);
                return true;
            } catch (java.io.IOException | IllegalArgumentException e) {
                // Nothing answers (or the name does not resolve yet): no primary runs.
                return false;
            }
        }
    }

    /** {@code vigil backup verify --verification-dir DIR [--port P] [--user U]}. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description =
                    "Wait until the server started on a restored data directory has replayed the"
                            + " archive and promoted itself, count the rows of its largest tables,"
                            + " and write the result, with the time since the restore began (the"
                            + " RTO), as one JSON line to the termination log.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:verified",
                "1:not verified: the reason is in the termination log",
            })
    static final class Verify implements Callable<Integer> {

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--verification-dir",
                required = true,
                paramLabel = "DIR",
                description = "The directory restore --verification-dir wrote.")
        Path verificationDir;

        @Option(
                names = "--host",
                defaultValue = "127.0.0.1",
                description = "The restored server's address (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(
                names = "--port",
                defaultValue = "5432",
                description = "The restored server's port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(
                names = "--user",
                defaultValue = "${env:PGUSER:-postgres}",
                description = "The role to connect as, without a password (default: PGUSER).")
        String user;

        @Option(
                names = "--timeout",
                defaultValue = "PT1H",
                paramLabel = "ISO-8601",
                description =
                        "How long the server may take to finish recovery (default:"
                                + " ${DEFAULT-VALUE}).")
        Duration timeout;

        @Option(
                names = "--termination-log",
                defaultValue = "/dev/termination-log",
                paramLabel = "FILE",
                description = "Where the JSON result goes (default: ${DEFAULT-VALUE}).")
        Path terminationLog;

        @Override
        public Integer call() {
            VerificationDirectory directory = new VerificationDirectory(verificationDir);
            return new RestoreVerifier(
                            RestoreVerifier.loopback(host, port, user),
                            Clock.systemUTC(),
                            timeout,
                            Duration.ofSeconds(1),
                            spec.commandLine().getOut())
                    .backupEndedAt(directory.backupEndedAt())
                    .run(directory.restoreStartedAt(), terminationLog);
        }
    }

    /**
     * {@code vigil backup verify-dump --exit-status PATH --download-report PATH [--mongodb-port N]
     * [--timeout ISO-8601] [--termination-log FILE]}.
     */
    @Command(
            name = "verify-dump",
            mixinStandardHelpOptions = true,
            description =
                    "Wait until mongorestore has restored a dump into the throwaway mongod on"
                            + " 127.0.0.1, count the documents of its largest collections, and"
                            + " write the result, with the time since the pod started (the RTO),"
                            + " as one JSON line to the termination log.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:verified",
                "1:not verified: the reason is in the termination log",
            })
    static final class VerifyDump implements Callable<Integer> {

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--mongodb-port",
                defaultValue = "27017",
                description =
                        "The restored server's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(
                names = "--exit-status",
                required = true,
                paramLabel = "PATH",
                description = "Where the restore writes mongorestore's exit status.")
        Path exitStatus;

        @Option(
                names = "--download-report",
                required = true,
                paramLabel = "PATH",
                description = "Where download --report wrote which dump it sent.")
        Path downloadReport;

        @Option(
                names = "--timeout",
                defaultValue = "PT6H",
                paramLabel = "ISO-8601",
                description = "How long the restore may take (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Option(
                names = "--termination-log",
                defaultValue = "/dev/termination-log",
                paramLabel = "FILE",
                description = "Where the JSON result goes (default: ${DEFAULT-VALUE}).")
        Path terminationLog;

        @Override
        public Integer call() throws Exception {
            VerificationResult result =
                    new DumpVerifier(port, exitStatus, downloadReport, timeout, Clock.systemUTC())
                            .verify();
            Files.writeString(terminationLog, result.toJson());
            spec.commandLine().getOut().println(result.toJson());
            spec.commandLine().getOut().flush();
            return result.verified() ? 0 : 1;
        }
    }

    /**
     * {@code vigil backup upload --archive PATH --exit-status PATH [--retention-count N |
     * --retention-days D] [--report PATH]}.
     */
    @Command(
            name = "upload",
            mixinStandardHelpOptions = true,
            description =
                    "Stream a mongodump archive from a FIFO or file into the store named by the"
                            + " VIGIL_STORE_* environment variables; keep it only when the exit"
                            + " status file says 0, then write its manifest, delete the dumps the"
                            + " retention does not keep, and write the outcome as JSON to the"
                            + " report file.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:stored: the report says what and which dumps are kept",
                "1:not stored: the reason is in the report",
            })
    static final class Upload implements Callable<Integer> {

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--archive",
                required = true,
                paramLabel = "PATH",
                description = "The FIFO or file mongodump writes its archive to; read to its end.")
        Path archive;

        @Option(
                names = "--exit-status",
                required = true,
                paramLabel = "PATH",
                description =
                        "The file that receives mongodump's exit code after the archive's end;"
                                + " waited for up to 60 s.")
        Path exitStatus;

        @CommandLine.ArgGroup(exclusive = true)
        RetentionOptions retention;

        @Option(
                names = "--report",
                defaultValue = "/dev/termination-log",
                paramLabel = "PATH",
                description = "Where the JSON outcome goes (default: ${DEFAULT-VALUE}).")
        Path report;

        @Override
        public Integer call() {
            return new DumpUpload(
                            () -> ArchiveStores.fromEnvironment(System.getenv()),
                            archive,
                            exitStatus,
                            retention == null ? Retention.newest(7) : retention.toRetention(spec),
                            report,
                            Clock.systemUTC(),
                            spec.commandLine().getOut())
                    .run();
        }
    }

    /** {@code --retention-count N | --retention-days D}. */
    static final class RetentionOptions {

        @Option(
                names = "--retention-count",
                paramLabel = "N",
                description = "Keep the newest N complete dumps (default: 7).")
        Integer count;

        @Option(
                names = "--retention-days",
                paramLabel = "D",
                description =
                        "Keep the complete dumps finished within the last D days, and the newest"
                                + " whatever its age.")
        Integer days;

        Retention toRetention(CommandLine.Model.CommandSpec spec) {
            try {
                return count != null ? Retention.newest(count) : Retention.days(days);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        (count != null ? "--retention-count: " : "--retention-days: ")
                                + e.getMessage());
            }
        }
    }

    /** {@code vigil backup download --to PATH [--target-time RFC3339] [--report PATH]}. */
    @Command(
            name = "download",
            mixinStandardHelpOptions = true,
            description =
                    "Write the archive of the newest complete MongoDB dump, or of the newest that"
                            + " finished at or before --target-time, from the store named by the"
                            + " VIGIL_STORE_* environment variables to a FIFO or file, and name it"
                            + " as JSON in the report file.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:written: the report names the dump",
                "1:not written (e.g. no dump qualifies): the reason is in the report",
            })
    static final class Download implements Callable<Integer> {

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--to",
                required = true,
                paramLabel = "PATH",
                description = "The FIFO or file the archive is written to.")
        Path to;

        @Option(
                names = "--target-time",
                paramLabel = "RFC3339",
                description =
                        "Take the newest dump that finished at or before this time, e.g."
                                + " 2026-12-05T18:00:00Z.")
        String targetTime;

        @Option(
                names = "--report",
                defaultValue = "/dev/termination-log",
                paramLabel = "PATH",
                description = "Where the JSON outcome goes (default: ${DEFAULT-VALUE}).")
        Path report;

        @Override
        public Integer call() {
            Optional<Instant> target = Optional.empty();
            if (targetTime != null) {
                try {
                    target = Optional.of(OffsetDateTime.parse(targetTime).toInstant());
                } catch (DateTimeParseException e) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            "--target-time: " + targetTime + " is not an RFC 3339 time");
                }
            }
            return new DumpDownload(
                            () -> ArchiveStores.fromEnvironment(System.getenv()),
                            to,
                            report,
                            Clock.systemUTC(),
                            spec.commandLine().getOut())
                    .run(target);
        }
    }
}
