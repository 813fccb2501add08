package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * The database's service level objectives. From them Vigil records the error ratios over the
 * windows of the SRE workbook's multi-window, multi-burn-rate alerts, and installs those alerts: a
 * fast burn at P1, a slow burn at P2.
 */
@JsonClassDescription(
        "Service level objectives: Vigil records their error ratios and error budget and installs"
                + " multi-window, multi-burn-rate alerts (fast burn P1, slow burn P2).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SloSpec {

    @Pattern("^[0-9]+(\\.[0-9]+)?$")
    @JsonPropertyDescription(
            "Availability target in percent, e.g. \"99.9\": the share of the exporters' probes"
                    + " of the members that must succeed over the period. Above 0, below 100.")
    private String availability;

    @Pattern("^[0-9]+d$")
    @JsonPropertyDescription(
            "Period the targets hold over, in days, from 7d to 90d; 30d when unset.")
    private String period;

    @JsonPropertyDescription("Optional latency objective.")
    private LatencyObjective latency;

    public String getAvailability() {
        return availability;
    }

    public void setAvailability(String availability) {
        this.availability = availability;
    }

    public String getPeriod() {
        return period;
    }

    public void setPeriod(String period) {
        this.period = period;
    }

    public LatencyObjective getLatency() {
        return latency;
    }

    public void setLatency(LatencyObjective latency) {
        this.latency = latency;
    }
}
