package dev.vigil.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.testing.objectstore.LocalObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;

/** {@link S3ArchiveStore} against a real S3 server (versitygw) over TLS with a private CA. */
class S3ArchiveStoreTest {

    private static final String BUCKET = "dumps";
    private static final int PART = 5 * 1024 * 1024;

    private static LocalObjectStore server;

    @BeforeAll
    static void startServer() {
        server = LocalObjectStore.start(List.of(BUCKET));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aLargeBodyGoesInPartsAndReadsBackWhole() throws IOException {
        byte[] body = random(11 * 1024 * 1024 + 123);
        try (S3ArchiveStore store = store("large", PART)) {
            try (ArchiveUpload upload = store.beginUpload("mongodump/big.archive.gz")) {
                // Uneven writes, as a FIFO delivers them.
                for (int offset = 0; offset < body.length; offset += 70_001) {
                    upload.write(body, offset, Math.min(70_001, body.length - offset));
                }
                assertThat(upload.commit()).isEqualTo(body.length);
            }

            assertThat(store.list("mongodump/"))
                    .singleElement()
                    .satisfies(
                            object -> {
                                assertThat(object.key()).isEqualTo("mongodump/big.archive.gz");
                                assertThat(object.size()).isEqualTo(body.length);
                                assertThat(object.lastModified()).isNotNull();
                            });
            // A multipart object's ETag ends in -<parts>.
            assertThat(eTag(store, "large/mongodump/big.archive.gz")).endsWith("-3\"");
            try (InputStream in = store.open("mongodump/big.archive.gz")) {
                assertThat(in.readAllBytes()).isEqualTo(body);
            }
        }
    }

    @Test
    void aBodyOfOnePartIsASinglePut() throws IOException {
        byte[] body = random(PART);
        try (S3ArchiveStore store = store("single", PART)) {
            try (ArchiveUpload upload = store.beginUpload("a/one")) {
                upload.write(body);
                upload.commit();
            }

            assertThat(eTag(store, "single/a/one")).doesNotContain("-");
            try (InputStream in = store.open("a/one")) {
                assertThat(in.readAllBytes()).isEqualTo(body);
            }
        }
    }

    @Test
    void anAbortedUploadLeavesNeitherObjectNorParts() throws IOException {
        try (S3ArchiveStore store = store("aborted", PART)) {
            try (ArchiveUpload upload = store.beginUpload("mongodump/x.archive.gz")) {
                upload.write(random(PART + 1)); // One part sent already.
                upload.abort();
            }
            try (ArchiveUpload upload = store.beginUpload("mongodump/y.archive.gz")) {
                upload.write(random(10)); // Closed without a commit.
            }

            assertThat(store.list("")).isEmpty();
            assertThat(
                            store.client()
                                    .listMultipartUploads(
                                            ListMultipartUploadsRequest.builder()
                                                    .bucket(BUCKET)
                                                    .prefix("aborted/")
                                                    .build())
                                    .uploads())
                    .isEmpty();
        }
    }

    @Test
    void listsOpensAndDeletesUnderItsPrefixOnly() throws IOException {
        try (S3ArchiveStore store = store("kept/orders", PART);
                S3ArchiveStore other = store("kept/orders-archive", PART)) {
            store.put("mongodump/a.json", "{}".getBytes(StandardCharsets.UTF_8));
            store.put("mongodump/b.json", "[]".getBytes(StandardCharsets.UTF_8));
            other.put("mongodump/c.json", "{}".getBytes(StandardCharsets.UTF_8));

            assertThat(store.list("mongodump/"))
                    .extracting(StoredObject::key, StoredObject::size)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("mongodump/a.json", 2L),
                            org.assertj.core.groups.Tuple.tuple("mongodump/b.json", 2L));
            try (InputStream in = store.open("mongodump/b.json")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("[]");
            }

            store.delete("mongodump/a.json");
            store.delete("mongodump/never-there");

            assertThat(store.list(""))
                    .extracting(StoredObject::key)
                    .containsExactly("mongodump/b.json");
            assertThatThrownBy(() -> store.open("mongodump/a.json"))
                    .isInstanceOf(NoSuchFileException.class);
            assertThat(store.location()).isEqualTo("s3://dumps/kept/orders");
        }
    }

    @Test
    void withoutTheCaFileTheServerIsNotTrustedAndNoKeyShows() throws IOException {
        try (S3ArchiveStore store =
                S3ArchiveStore.connect(
                        settings("untrusted", Optional.empty(), server.secretKey()))) {
            assertThatThrownBy(() -> store.list(""))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("listing s3://dumps/untrusted/ failed: ")
                    .hasMessageNotContaining(server.secretKey());
        }
    }

    @Test
    void aWrongSecretIsRefusedWithoutShowingIt() throws IOException {
        String wrong = "not-the-secret-" + server.secretKey().substring(0, 8);
        try (S3ArchiveStore store =
                S3ArchiveStore.connect(
                        settings("wrong", Optional.of(server.caFile()), wrong), PART)) {
            assertThatThrownBy(() -> store.put("x", new byte[1]))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("writing s3://dumps/wrong/x failed: ")
                    .hasMessageNotContaining(wrong)
                    .hasMessageNotContaining(server.secretKey());
        }
    }

    @Test
    void theEnvironmentNamesTheSameStore() throws IOException {
        Map<String, String> pgBackRest = server.pgBackRestRepository(BUCKET, "unused");
        Map<String, String> environment =
                Map.of(
                        ArchiveStores.TYPE,
                        "s3",
                        ArchiveStores.S3_ENDPOINT,
                        endpoint(),
                        ArchiveStores.S3_BUCKET,
                        BUCKET,
                        ArchiveStores.S3_ACCESS_KEY_ID,
                        pgBackRest.get("PGBACKREST_REPO1_S3_KEY"),
                        ArchiveStores.S3_SECRET_ACCESS_KEY,
                        server.secretKey(),
                        ArchiveStores.S3_CA_FILE,
                        server.caFile().toString(),
                        ArchiveStores.PATH,
                        "vigil/prod/payments/orders/");

        try (ArchiveStore store = ArchiveStores.fromEnvironment(environment)) {
            store.put("mongodump/z.json", new byte[] {1, 2});

            assertThat(store.location()).isEqualTo("s3://dumps/vigil/prod/payments/orders");
            assertThat(
                            server.bucketDirectory(BUCKET)
                                    .resolve("vigil/prod/payments/orders/mongodump/z.json"))
                    .hasBinaryContent(new byte[] {1, 2});
        }
    }

    static S3ArchiveStore store(String prefix, int partSize) throws IOException {
        return S3ArchiveStore.connect(
                settings(prefix, Optional.of(server.caFile()), server.secretKey()), partSize);
    }

    static S3Settings settings(String prefix, Optional<java.nio.file.Path> caFile, String secret) {
        return new S3Settings(
                URI.create(endpoint()),
                BUCKET,
                LocalObjectStore.REGION,
                true,
                server.pgBackRestRepository(BUCKET, prefix).get("PGBACKREST_REPO1_S3_KEY"),
                secret,
                caFile,
                prefix);
    }

    // The certificate names 127.0.0.1 as a DNS name only (for pgBackRest): Java matches an IP
    // address against IP names, so the tests reach the server by a name it holds.
    static String endpoint() {
        return "https://localhost:" + server.port();
    }

    private static String eTag(S3ArchiveStore store, String fullKey) {
        return store.client()
                .headObject(HeadObjectRequest.builder().bucket(BUCKET).key(fullKey).build())
                .eTag();
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
