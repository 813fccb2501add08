package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MountTableTest {

    private final MountTable mounts =
            new MountTable(
                    Map.of(
                            "/etc/postgresql", Path.of("/tmp/work/pods/ns/pg-0/volumes/config"),
                            "/tmp", Path.of("/tmp/work/pods/ns/pg-0/volumes/tmp"),
                            "/var/lib/postgresql/data", Path.of("/tmp/work/volumes/ns/data-pg-0")));

    @Test
    void rewritesContainerPathsInsideTextToHostPathsOnce() {
        assertThat(mounts.rewrite("config_file=/etc/postgresql/postgresql.conf"))
                .isEqualTo("config_file=/tmp/work/pods/ns/pg-0/volumes/config/postgresql.conf");
        assertThat(mounts.rewrite("/etc/postgresql/bootstrap.sh"))
                .isEqualTo("/tmp/work/pods/ns/pg-0/volumes/config/bootstrap.sh");
        assertThat(mounts.rewrite("/tmp/scratch /var/lib/postgresql/data/pgdata"))
                .isEqualTo(
                        "/tmp/work/pods/ns/pg-0/volumes/tmp/scratch"
                                + " /tmp/work/volumes/ns/data-pg-0/pgdata");
    }

    @Test
    void leavesPathsOutsideTheMountsAlone() {
        assertThat(mounts.rewrite("/etc/postgresql-common/x /tmpfile /usr/tmp"))
                .isEqualTo("/etc/postgresql-common/x /tmpfile /usr/tmp");
        assertThat(mounts.hostPath("/etc/postgresql/pg_hba.conf"))
                .contains(Path.of("/tmp/work/pods/ns/pg-0/volumes/config/pg_hba.conf"));
        assertThat(mounts.hostPath("/usr/bin")).isEmpty();
    }

    @Test
    void theBackupToolsOfAMemberAreItsEmptyDirOnThisMachine() {
        MountTable postgres =
                new MountTable(
                        Map.of(
                                "/opt/vigil/backup",
                                Path.of("/tmp/work/pods/ns/pg-0/volumes/backup-tools"),
                                "/tmp",
                                Path.of("/tmp/work/pods/ns/pg-0/volumes/tmp")));
        // The postgres container's -c argument and the backup-tools init container's --into.
        assertThat(postgres.rewrite("archive_command=/opt/vigil/backup/pgbackrest archive-push %p"))
                .isEqualTo(
                        "archive_command=/tmp/work/pods/ns/pg-0/volumes/backup-tools/pgbackrest"
                                + " archive-push %p");
        assertThat(postgres.rewrite("/opt/vigil/backup"))
                .isEqualTo("/tmp/work/pods/ns/pg-0/volumes/backup-tools");
        assertThat(postgres.rewrite("/opt/vigil/backups")).isEqualTo("/opt/vigil/backups");
    }
}
