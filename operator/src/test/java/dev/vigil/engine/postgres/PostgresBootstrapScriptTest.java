package dev.vigil.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap script, run by {@code sh} as the init container would run it, with stand-ins for
 * initdb, pg_basebackup, pg_rewind and pg_isready that record how they were called. The stand-ins
 * only create the files the real tools would; what is tested is the script's decisions and the
 * files it writes itself.
 */
class PostgresBootstrapScriptTest {

    private static final String REPLICATION_PASSWORD = "repl:pass\\word";
    private static final String SUPERUSER_PASSWORD = "super-secret-1";

    @TempDir Path tmp;
    private Path script;
    private Path pgdata;
    private Path pgpass;
    private Path calls;

    @BeforeEach
    void setUp() throws IOException {
        script = Files.writeString(tmp.resolve("bootstrap.sh"), PostgresBootstrapScript.text());
        pgdata = Files.createDirectories(tmp.resolve("volume")).resolve("pgdata");
        pgpass = Files.createDirectories(tmp.resolve("pgpass"));
        calls = tmp.resolve("calls.log");
        secret("superuser", "postgres", SUPERUSER_PASSWORD);
        secret("replication", "vigil_replication", REPLICATION_PASSWORD);
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        // Each stand-in logs its name and arguments; those that build a data directory make one.
        tool(bin, "pg_isready", "exit \"$(cat \"$STATE/primary\" 2>/dev/null || echo 2)\"");
        tool(bin, "initdb", makeDataDir());
        tool(
                bin,
                "pg_basebackup",
                "echo \"PGPASSFILE=$PGPASSFILE\" >> \"$CALLS\"\n"
                        + makeDataDir()
                        + "echo \"primary_slot_name = 'vigil_2'\" > \"$dir/postgresql.auto.conf\"");
        tool(bin, "pg_rewind", "exit \"$(cat \"$STATE/rewind\" 2>/dev/null || echo 0)\"");
    }

    @Test
    void syntaxIsValidPosixSh() throws Exception {
        Result check = run(List.of("sh", "-n", script.toString()), Map.of());

        assertThat(check.exitCode()).as(check.stderr()).isZero();
    }

    @Test
    void designatedPrimaryWithEmptyDataAndNoPrimaryRunsInitdb() throws Exception {
        Result result = bootstrap("db-0", "db-0");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(calls())
                .contains(
                        "initdb --pgdata="
                                + pgdata
                                + ".vigil-new --username=postgres --pwfile="
                                + tmp.resolve("superuser/password")
                                + " --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8")
                .doesNotContain("pg_basebackup");
        assertThat(pgdata.resolve("PG_VERSION")).exists();
        assertThat(pgdata.resolve("standby.signal")).doesNotExist();
        assertThat(result.stderr()).doesNotContain(SUPERUSER_PASSWORD);
    }

    @Test
    void designatedPrimaryClonesInsteadWhenAPrimaryAlreadyAnswers() throws Exception {
        primaryAnswers(true);

        Result result = bootstrap("db-0", "db-0");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(calls()).contains("pg_basebackup").doesNotContain("initdb");
    }

    @Test
    void standbyClonesThroughItsSlotAndFollowsTheReadWriteService() throws Exception {
        primaryAnswers(true);

        Result result = bootstrap("db-1", "db-0");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Path passfile = pgpass.resolve("replication");
        assertThat(calls())
                .contains(
                        "pg_basebackup --pgdata="
                                + pgdata
                                + ".vigil-new --host=db-rw --port=5432"
                                + " --username=vigil_replication --no-password"
                                + " --wal-method=stream --slot="
                                + ReplicationSlotNames.forMember(1)
                                + " --checkpoint=fast")
                .contains("PGPASSFILE=" + passfile);
        assertThat(pgdata.resolve("standby.signal")).exists();
        String autoConf = Files.readString(pgdata.resolve("postgresql.auto.conf"));
        assertThat(autoConf)
                .contains(
                        "primary_conninfo = 'host=db-rw port=5432 user=vigil_replication passfile="
                                + passfile
                                + " application_name=db-1'")
                // the slot copied from the primary's file is overridden by the last setting
                .endsWith("primary_slot_name = '" + ReplicationSlotNames.forMember(1) + "'\n")
                .doesNotContain("repl:pass")
                .doesNotContain("password");
        // ':' and '\' escaped as the passfile format requires; readable by the owner only
        assertThat(Files.readString(passfile))
                .isEqualTo("*:*:*:vigil_replication:repl\\:pass\\\\word\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passfile)))
                .isEqualTo("rw-------");
    }

    @Test
    void standbyGivesUpWithAClearMessageWhenNoPrimaryAnswers() throws Exception {
        Result result = bootstrap("db-1", "db-0");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr())
                .contains("could not clone the primary at db-rw after 2 attempts")
                .contains("slot vigil_1");
        assertThat(pgdata).doesNotExist();
        assertThat(tmp.resolve("volume/pgdata.vigil-new")).doesNotExist();
    }

    @Test
    void existingStandbyStartsAsItIs() throws Exception {
        existingData(true);

        Result result = bootstrap("db-1", "db-0");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(calls()).isEmpty();
    }

    @Test
    void formerPrimaryIsRewoundFromTheNewPrimaryAndBecomesItsStandby() throws Exception {
        existingData(false);
        primaryAnswers(true);

        Result result = bootstrap("db-0", "db-2");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(calls())
                .contains(
                        "pg_rewind --target-pgdata="
                                + pgdata
                                + " --progress --source-server=host=db-rw port=5432"
                                + " dbname=postgres user=postgres passfile="
                                + pgpass.resolve("superuser"));
        assertThat(pgdata.resolve("standby.signal")).exists();
        assertThat(Files.readString(pgdata.resolve("postgresql.auto.conf")))
                .endsWith("primary_slot_name = 'vigil_0'\n");
        // the superuser's password file lives only as long as pg_rewind needs it
        assertThat(pgpass.resolve("superuser")).doesNotExist();
    }

    @Test
    void failedRewindLeavesTheMemberDownWithAClearMessage() throws Exception {
        existingData(false);
        primaryAnswers(true);
        Files.writeString(state().resolve("rewind"), "1");

        Result result = bootstrap("db-0", "db-2");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("pg_rewind from db-rw failed");
        assertThat(pgdata.resolve("standby.signal")).doesNotExist();
        assertThat(pgpass.resolve("superuser")).doesNotExist();
    }

    @Test
    void refusesToOverwriteADataDirectoryThatIsNotACluster() throws Exception {
        Files.createDirectories(pgdata);
        Files.writeString(pgdata.resolve("notes.txt"), "someone's files");

        Result result = bootstrap("db-0", "db-0");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("refusing to overwrite it");
        assertThat(pgdata.resolve("notes.txt")).exists();
    }

    @Test
    void refusesToStartWhenThePrimaryFileDoesNotNameAPod() throws Exception {
        existingData(false);

        Result result = bootstrap("db-0", "db-0; rm -rf /");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("/pod must name a pod");
        assertThat(calls()).doesNotContain("pg_rewind");
    }

    private Result bootstrap(String pod, String primaryPod) throws Exception {
        // As the kubelet mounts the ConfigMap <name>-primary.
        Path primary = Files.createDirectories(tmp.resolve("primary"));
        Files.writeString(primary.resolve(PostgresPrimaryConfigMap.POD_KEY), primaryPod);
        return run(
                List.of("sh", script.toString()),
                Map.ofEntries(
                        Map.entry("PATH", tmp.resolve("bin") + ":/usr/bin:/bin"),
                        Map.entry("CALLS", calls.toString()),
                        Map.entry("STATE", state().toString()),
                        Map.entry("PGDATA", pgdata.toString()),
                        Map.entry("PGPORT", "5432"),
                        Map.entry("POD_NAME", pod),
                        Map.entry("VIGIL_PRIMARY_DIR", primary.toString()),
                        Map.entry("VIGIL_PRIMARY_HOST", "db-rw"),
                        Map.entry("VIGIL_SUPERUSER_DIR", tmp.resolve("superuser").toString()),
                        Map.entry("VIGIL_REPLICATION_DIR", tmp.resolve("replication").toString()),
                        Map.entry("VIGIL_PGPASS_DIR", pgpass.toString()),
                        Map.entry("VIGIL_WAIT_ATTEMPTS", "2"),
                        Map.entry("VIGIL_WAIT_SECONDS", "0")));
    }

    private Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectOutput(tmp.resolve("stdout").toFile());
        builder.redirectError(tmp.resolve("stderr").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("script finished").isTrue();
        return new Result(process.exitValue(), Files.readString(tmp.resolve("stderr")));
    }

    private String calls() throws IOException {
        return Files.exists(calls) ? Files.readString(calls) : "";
    }

    private Path state() throws IOException {
        return Files.createDirectories(tmp.resolve("state"));
    }

    private void primaryAnswers(boolean answers) throws IOException {
        Files.writeString(state().resolve("primary"), answers ? "0" : "2");
    }

    private void existingData(boolean standby) throws IOException {
        Files.createDirectories(pgdata);
        Files.writeString(pgdata.resolve("PG_VERSION"), "16\n");
        if (standby) {
            Files.writeString(pgdata.resolve("standby.signal"), "");
        }
    }

    private void secret(String dir, String username, String password) throws IOException {
        Path secret = Files.createDirectories(tmp.resolve(dir));
        Files.writeString(secret.resolve("username"), username);
        Files.writeString(secret.resolve("password"), password);
    }

    private static String makeDataDir() {
        return "for arg; do case \"$arg\" in --pgdata=*) dir=\"${arg#--pgdata=}\" ;; esac; done\n"
                + "mkdir -p \"$dir\"\necho 16 > \"$dir/PG_VERSION\"\n";
    }

    private static void tool(Path bin, String name, String body) throws IOException {
        Path file =
                Files.writeString(
                        bin.resolve(name),
                        "#!/bin/sh\n"
                                + "[ \"$(basename \"$0\")\" = pg_isready ] || echo \""
                                + name
                                + " $*\" >> \"$CALLS\"\n"
                                + body
                                + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int exitCode, String stderr) {}
}
