package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * Proven restores: on a schedule, the newest backup is restored into a throwaway pod, the server is
 * started on it and its largest tables are counted; the time it took is the RTO reported in status.
 * See docs/backup.md.
 */
@JsonClassDescription(
        "Proven restores: on a schedule, the newest backup and the archived WAL are restored into a"
                + " throwaway pod, the server is started on them and the largest tables are"
                + " counted; the time it took (the RTO) is reported in status.backup. See"
                + " docs/backup.md.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupVerifySpec {

    @Required
    @JsonPropertyDescription(
            "When to verify a restore: a cron expression of five fields, in UTC, e.g. '0 5 * * 0'"
                    + " for every Sunday at 05:00. The first verification runs as soon as a"
                    + " backup exists.")
    private String schedule;

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }
}
