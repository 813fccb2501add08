package dev.vigil.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How pgBackRest's answers are read: {@code info --output=json} and its error lines. */
class PgBackRestTest {

    // pgBackRest 2.45's answer after one full backup (S3 repository), trimmed of nothing.
    private static final String INFO =
            "[{\"archive\":[{\"database\":{\"id\":1,\"repo-key\":1},\"id\":\"15-1\","
                    + "\"max\":\"000000010000000000000004\",\"min\":\"000000010000000000000001\"}],"
                    + "\"backup\":[{\"archive\":{\"start\":\"000000010000000000000004\","
                    + "\"stop\":\"000000010000000000000004\"},\"backrest\":{\"format\":5,"
                    + "\"version\":\"2.45\"},\"database\":{\"id\":1,\"repo-key\":1},"
                    + "\"error\":false,\"info\":{\"delta\":23066259,\"repository\":"
                    + "{\"delta\":3050821,\"size\":3050821},\"size\":23066259},"
                    + "\"label\":\"20261205-181200F\",\"lsn\":{\"start\":\"0/4000028\","
                    + "\"stop\":\"0/4000138\"},\"prior\":null,\"reference\":null,"
                    + "\"timestamp\":{\"start\":1796494320,\"stop\":1796494331},"
                    + "\"type\":\"full\"}],\"cipher\":\"none\",\"db\":[{\"id\":1,\"repo-key\":1,"
                    + "\"system-id\":7715883272310234627,\"version\":\"15\"}],\"name\":\"db\","
                    + "\"repo\":[{\"cipher\":\"none\",\"key\":1,\"status\":{\"code\":0,"
                    + "\"message\":\"ok\"}}],\"status\":{\"code\":0,\"lock\":{\"backup\":"
                    + "{\"held\":false}},\"message\":\"ok\"}}]";

    @Test
    void readsTheBackupsAndTheArchiveRange() {
        BackupInfo info = PgBackRest.parseInfo(INFO);

        assertThat(info.backups())
                .containsExactly(
                        new BackupInfo.Backup(
                                "20261205-181200F",
                                "full",
                                Instant.ofEpochSecond(1796494320),
                                Instant.ofEpochSecond(1796494331),
                                23066259,
                                3050821,
                                "000000010000000000000004",
                                "000000010000000000000004"));
        assertThat(info.archiveId()).isEqualTo("15-1");
        assertThat(info.archiveMin()).isEqualTo("000000010000000000000001");
        assertThat(info.archiveMax()).isEqualTo("000000010000000000000004");
        assertThat(info.recoverableFrom()).contains(Instant.ofEpochSecond(1796494331));
    }

    @Test
    void aStanzaWithoutBackupsHasNoWindow() {
        BackupInfo info =
                PgBackRest.parseInfo(
                        "[{\"archive\":[],\"backup\":[],\"name\":\"db\",\"status\":{\"code\":2,"
                                + "\"message\":\"no valid backups\"}}]");

        assertThat(info.backups()).isEmpty();
        assertThat(info.recoverableFrom()).isEmpty();
        assertThat(info.archiveMax()).isNull();
    }

    @Test
    void theErrorIsPgBackRestsFirstErrorLineWithoutItsTimestamp() {
        String output =
                String.join(
                        "\n",
                        "2026-12-05 18:07:50.318 P00   INFO: stanza-create command begin 2.45:"
                                + " --repo1-s3-key=<redacted>",
                        "2026-12-05 18:08:50.939 P00  ERROR: [095]: unable to find hostname"
                                + " '127.0.0.1' in certificate common name",
                        "ERROR: [055]: a later error");

        assertThat(PgBackRest.firstError(output, "stanza-create", 95))
                .isEqualTo(
                        "ERROR: [095]: unable to find hostname '127.0.0.1' in certificate common"
                                + " name");
        assertThat(PgBackRest.firstError("no error line", "check", 28))
                .isEqualTo("pgbackrest check failed with exit code 28");
    }
}
