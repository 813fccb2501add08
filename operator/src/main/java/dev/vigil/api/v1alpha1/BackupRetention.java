package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Which full backups to keep: by count or by age, not both. The WAL needed to restore from the
 * oldest one kept is kept with it.
 */
@ValidationRule(
        value = "!(has(self.count) && has(self.days))",
        message = ValidationMessages.BACKUP_RETENTION_ONE_RULE)
@JsonClassDescription(
        "Which full backups to keep: by count or by age, not both. The WAL needed to restore from"
                + " the oldest one kept is kept with it.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupRetention {

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Keep this many full backups.")
    private Integer count;

    @Min(1)
    @Max(3650)
    @JsonPropertyDescription("Keep full backups taken in the last this many days.")
    private Integer days;

    public Integer getCount() {
        return count;
    }

    public void setCount(Integer count) {
        this.count = count;
    }

    public Integer getDays() {
        return days;
    }

    public void setDays(Integer days) {
        this.days = days;
    }
}
