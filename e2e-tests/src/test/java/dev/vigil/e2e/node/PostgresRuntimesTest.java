package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which images the PostgreSQL runtimes "have", and how a pg_isready probe is read. */
class PostgresRuntimesTest {

    private final PostgresContainerRuntime postgres =
            new PostgresContainerRuntime(
                    Path.of("/usr/lib/postgresql/15/bin"), PodUser.detect(), Duration.ofSeconds(1));
    private final PostgresExporterRuntime exporter =
            new PostgresExporterRuntime(PodUser.detect(), Duration.ofSeconds(1));

    @Test
    void postgresImagesOfMajors13To17ExistOthersCannotBePulled() {
        assertThat(
                        List.of(
                                "postgres:16.4",
                                "postgres:15",
                                "postgres:16.4-bookworm",
                                "postgres:13.16-alpine3.20",
                                "docker.io/library/postgres:17.0",
                                "library/postgres:14"))
                .allMatch(postgres::canRun);
        assertThat(
                        List.of(
                                "postgres:12",
                                "postgres:18.0",
                                "postgres:latest",
                                "postgres",
                                "postgres:16.4@sha256:00",
                                "bitnami/postgresql:16",
                                "mongo:7.0"))
                .noneMatch(postgres::canRun);
    }

    @Test
    void onlyTheExporterImageOfTheVersionVigilDeploysExists() {
        assertThat(exporter.canRun("quay.io/prometheuscommunity/postgres-exporter:v0.17.1"))
                .isTrue();
        assertThat(exporter.canRun("prometheuscommunity/postgres-exporter:v0.17.1")).isTrue();
        assertThat(exporter.canRun("prometheuscommunity/postgres-exporter:v0.15.0")).isFalse();
        assertThat(exporter.canRun("quay.io/prometheuscommunity/postgres-exporter")).isFalse();
        assertThat(exporter.canRun("percona/mongodb_exporter:0.40")).isFalse();
    }

    @Test
    void readsWhomPgIsReadyAsks() {
        PostgresContainerRuntime.PgIsReadyArguments arguments =
                PostgresContainerRuntime.PgIsReadyArguments.parse(
                        List.of("pg_isready", "-U", "postgres", "-h", "127.0.0.1", "--port=5433"));

        assertThat(arguments.host()).contains("127.0.0.1");
        assertThat(arguments.port()).contains(5433);
        assertThat(arguments.user()).contains("postgres");
    }
}
