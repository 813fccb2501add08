package dev.vigil.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveStoresTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir Path directory;

    @Test
    void aDirectoryStoreIsRootedAtThePath() {
        try (ArchiveStore store =
                ArchiveStores.fromEnvironment(
                        Map.of(
                                ArchiveStores.TYPE,
                                "directory",
                                ArchiveStores.PATH,
                                directory.resolve("payments/orders").toString()))) {
            assertThat(store).isInstanceOf(DirectoryArchiveStore.class);
            assertThat(store.location()).isEqualTo(directory.resolve("payments/orders").toString());
        }
    }

    @Test
    void s3SettingsTakeTheDefaultsAndHideTheSecret() {
        S3Settings settings = ArchiveStores.s3Settings(s3());

        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.prefix()).isEqualTo("vigil/prod/payments/orders");
        assertThat(settings.caFile()).isEmpty();
        assertThat(settings.toString()).doesNotContain(SECRET);

        Map<String, String> host = s3();
        host.put(ArchiveStores.S3_URI_STYLE, "host");
        host.put(ArchiveStores.S3_REGION, "eu-west-3");
        assertThat(ArchiveStores.s3Settings(host).pathStyle()).isFalse();
        assertThat(ArchiveStores.s3Settings(host).region()).isEqualTo("eu-west-3");
    }

    @Test
    void aMissingOrWrongVariableIsNamed() {
        assertThatThrownBy(() -> ArchiveStores.fromEnvironment(Map.of()))
                .hasMessage("VIGIL_STORE_TYPE is not set");
        assertThatThrownBy(() -> ArchiveStores.fromEnvironment(Map.of(ArchiveStores.TYPE, "ftp")))
                .hasMessage("VIGIL_STORE_TYPE is \"ftp\": it must be s3 or directory");
        assertThatThrownBy(
                        () ->
                                ArchiveStores.fromEnvironment(
                                        Map.of(
                                                ArchiveStores.TYPE,
                                                "directory",
                                                ArchiveStores.PATH,
                                                "relative/dir")))
                .hasMessageStartingWith("VIGIL_STORE_PATH is \"relative/dir\"");

        for (String variable :
                new String[] {
                    ArchiveStores.S3_ENDPOINT,
                    ArchiveStores.S3_BUCKET,
                    ArchiveStores.S3_ACCESS_KEY_ID,
                    ArchiveStores.S3_SECRET_ACCESS_KEY,
                    ArchiveStores.PATH
                }) {
            Map<String, String> environment = s3();
            environment.remove(variable);
            assertThatThrownBy(() -> ArchiveStores.s3Settings(environment))
                    .hasMessage(variable + " is not set");
        }

        assertThatThrownBy(
                        () ->
                                ArchiveStores.s3Settings(
                                        with(ArchiveStores.S3_ENDPOINT, "http://s3.local")))
                .hasMessageStartingWith("VIGIL_STORE_S3_ENDPOINT must be an https URL");
        assertThatThrownBy(
                        () ->
                                ArchiveStores.s3Settings(
                                        with(
                                                ArchiveStores.S3_ENDPOINT,
                                                "https://AKIA:" + SECRET + "@s3.local")))
                .hasMessageStartingWith("VIGIL_STORE_S3_ENDPOINT must not hold credentials")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(
                        () -> ArchiveStores.s3Settings(with(ArchiveStores.S3_URI_STYLE, "virtual")))
                .hasMessage("VIGIL_STORE_S3_URI_STYLE is \"virtual\": it must be path or host");
        assertThatThrownBy(
                        () -> ArchiveStores.s3Settings(with(ArchiveStores.PATH, "/vigil/orders")))
                .hasMessageStartingWith("VIGIL_STORE_PATH is \"/vigil/orders\"");
        assertThatThrownBy(() -> ArchiveStores.s3Settings(with(ArchiveStores.PATH, "vigil/../x")))
                .hasMessageStartingWith("VIGIL_STORE_PATH is \"vigil/../x\"");
        assertThatThrownBy(
                        () ->
                                ArchiveStores.s3Settings(
                                        with(
                                                ArchiveStores.S3_CA_FILE,
                                                directory.resolve("no-ca.pem").toString())))
                .hasMessageStartingWith("VIGIL_STORE_S3_CA_FILE names ");
    }

    private static Map<String, String> with(String variable, String value) {
        Map<String, String> environment = s3();
        environment.put(variable, value);
        return environment;
    }

    private static Map<String, String> s3() {
        Map<String, String> environment = new HashMap<>();
        environment.put(ArchiveStores.TYPE, "s3");
        environment.put(ArchiveStores.S3_ENDPOINT, "https://s3.example.com");
        environment.put(ArchiveStores.S3_BUCKET, "backups");
        environment.put(ArchiveStores.S3_ACCESS_KEY_ID, "AKIAEXAMPLE");
        environment.put(ArchiveStores.S3_SECRET_ACCESS_KEY, SECRET);
        environment.put(ArchiveStores.PATH, "vigil/prod/payments/orders");
        return environment;
    }
}
