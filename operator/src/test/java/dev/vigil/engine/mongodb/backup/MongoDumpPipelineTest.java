package dev.vigil.engine.mongodb.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.backup.archive.DirectoryArchiveStore;
import dev.vigil.backup.archive.DumpDownload;
import dev.vigil.backup.archive.DumpManifest;
import dev.vigil.backup.archive.DumpRepository;
import dev.vigil.backup.archive.DumpUpload;
import dev.vigil.backup.archive.Retention;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dump and restore scripts of the backup and restore pods, run for real by bash against the
 * real upload and download over a real FIFO, with the paths of the pod moved into a temporary
 * directory. No mongod or Database Tools can run here (docs/testing.md), so {@code mongodump} and
 * {@code mongorestore} are stand-ins on the PATH: shell scripts that record the arguments and the
 * {@code --config} file they were given, and write or read the archive as the real tools do.
 */
class MongoDumpPipelineTest {

    private static final String PASSWORD = "s3cr'et-pass";
    private static final byte[] ARCHIVE =
            "a gzipped mongodump archive, as far as the pipe can tell"
                    .getBytes(StandardCharsets.UTF_8);

    @TempDir Path directory;

    private Path dumpDir;
    private Path bin;
    private Path store;

    @BeforeEach
    void setUp() throws Exception {
        dumpDir = Files.createDirectories(directory.resolve("dump"));
        bin = Files.createDirectories(directory.resolve("bin"));
        store = directory.resolve("store/shop/catalog");
        // The stand-ins: record what they were given, then act as the tool on the pipe.
        tool(
                "mongodump",
                """
                printf '%s\\n' "$@" > "$RECORD/mongodump.args"
                for arg in "$@"; do
                  case "$arg" in --config=*) cat "${arg#--config=}" > "$RECORD/mongodump.config";; esac
                done
                printf '%s' "$ARCHIVE"
                exit "${MONGODUMP_EXIT:-0}"
                """);
        tool(
                "mongorestore",
                """
                printf '%s\\n' "$@" > "$RECORD/mongorestore.args"
                for arg in "$@"; do
                  case "$arg" in --config=*) cat "${arg#--config=}" > "$RECORD/mongorestore.config";; esac
                done
                cat > "$RECORD/restored"
                """);
        Process mkfifo =
                new ProcessBuilder("mkfifo", dumpDir.resolve("archive.pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
    }

    @Test
    void aDumpStreamsIntoTheStoreWithThePasswordOnlyInTheConfigPipe() throws Exception {
        CompletableFuture<Integer> dump = runScript(MongoDumpScript.dump(""), Map.of());

        int uploaded = upload();

        assertThat(dump.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(uploaded).isEqualTo(DumpUpload.UPLOADED);
        DumpRepository repository = new DumpRepository(new DirectoryArchiveStore(store));
        List<DumpManifest> dumps = repository.list();
        assertThat(dumps).hasSize(1);
        assertThat(repository.openArchive(dumps.get(0)).readAllBytes()).isEqualTo(ARCHIVE);
        String args = Files.readString(directory.resolve("mongodump.args"));
        assertThat(args)
                .contains("--oplog", "--gzip", "--archive", "--readPreference=secondaryPreferred")
                .contains("--uri=mongodb://catalog-members.shop.svc:27017/?replicaSet=rs0")
                .contains("--username=vigil-admin", "--authenticationDatabase=admin")
                .doesNotContain(PASSWORD);
        assertThat(Files.readString(directory.resolve("mongodump.config")))
                .as("YAML, the quote doubled")
                .isEqualTo("password: 's3cr''et-pass'\n");
    }

    @Test
    void aFailedDumpLeavesNothingInTheStore() throws Exception {
        CompletableFuture<Integer> dump =
                runScript(MongoDumpScript.dump(""), Map.of("MONGODUMP_EXIT", "2"));

        int uploaded = upload();

        assertThat(dump.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(uploaded).isEqualTo(DumpUpload.FAILED);
        assertThat(new DumpRepository(new DirectoryArchiveStore(store)).list()).isEmpty();
    }

    @Test
    void aRestoreReadsTheDownloadedDumpWithTheTlsOptions() throws Exception {
        CompletableFuture<Integer> dump = runScript(MongoDumpScript.dump(""), Map.of());
        upload();
        dump.get(30, TimeUnit.SECONDS);

        CompletableFuture<Integer> restore =
                runScript(MongoDumpScript.restore(" --ssl --sslCAFile=/ca.crt"), Map.of());
        int downloaded =
                new DumpDownload(
                                () -> new DirectoryArchiveStore(store),
                                dumpDir.resolve("archive.pipe"),
                                directory.resolve("download.json"),
                                Clock.systemUTC(),
                                new PrintWriter(new StringWriter()))
                        .run(Optional.empty());

        assertThat(downloaded).isEqualTo(DumpDownload.DOWNLOADED);
        assertThat(restore.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(Files.readAllBytes(directory.resolve("restored"))).isEqualTo(ARCHIVE);
        assertThat(Files.readString(directory.resolve("mongorestore.args")))
                .contains("--oplogReplay", "--nsExclude=admin.*", "--nsExclude=config.*")
                .contains("--ssl", "--sslCAFile=/ca.crt")
                .doesNotContain(PASSWORD);
        assertThat(Files.readString(dumpDir.resolve("mongodump.exit")).strip()).isEqualTo("0");
    }

    private int upload() {
        return new DumpUpload(
                        () -> new DirectoryArchiveStore(store),
                        dumpDir.resolve("archive.pipe"),
                        dumpDir.resolve("mongodump.exit"),
                        Retention.newest(3),
                        directory.resolve("termination-log"),
                        Clock.systemUTC(),
                        new PrintWriter(new StringWriter()))
                .run();
    }

    /** Runs {@code script} as the pod would, with its paths under the test's directory. */
    private CompletableFuture<Integer> runScript(String script, Map<String, String> extraEnv)
            throws IOException {
        String local = script.replace(MongoBackupPaths.DUMP_DIR, dumpDir.toString());
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", local).redirectErrorStream(true);
        Map<String, String> env = bash.environment();
        env.put("PATH", bin + ":" + env.get("PATH"));
        env.put("RECORD", directory.toString());
        env.put("ARCHIVE", new String(ARCHIVE, StandardCharsets.UTF_8));
        env.put(MongoToolPods.URI_VARIABLE, MongoToolPods.uri(catalog()));
        env.put(MongoToolPods.USERNAME_VARIABLE, "vigil-admin");
        env.put(MongoToolPods.PASSWORD_VARIABLE, PASSWORD);
        env.putAll(extraEnv);
        Process process = bash.start();
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        process.getInputStream().readAllBytes();
                        return process.waitFor();
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private static dev.vigil.api.v1alpha1.MonitoredDatabase catalog() {
        return dev.vigil.api.SchemaDefaults.withDefaults(
                io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: catalog, namespace: shop}
                        spec: {engine: MongoDB, version: "7.0.14"}
                        """,
                        dev.vigil.api.v1alpha1.MonitoredDatabase.class));
    }

    private void tool(String name, String body) throws IOException {
        Path tool = bin.resolve(name);
        Files.writeString(tool, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
