package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Where alerts of some priorities go. */
@JsonClassDescription("Where alerts of some priorities go.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertRoute {

    /**
     * A Prometheus duration ({@code model.ParseDuration}), which prometheus-operator and
     * Alertmanager require: whole numbers of units from years to milliseconds, largest first, e.g.
     * {@code 1h30m}; no fractions.
     */
    public static final String DURATION_PATTERN =
            "^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$";

    @Required
    @JsonPropertyDescription("Name of a receiver of this policy.")
    private String receiver;

    @JsonPropertyDescription("Priorities routed here; all when unset.")
    private List<Priority> priorities;

    @JsonPropertyDescription("Labels to group alerts by.")
    private List<String> groupBy;

    @JsonPropertyDescription(
            "Further label matchers, all of which an alert must also match to take this route.")
    private List<AlertMatcher> matchers;

    @Size(min = 1)
    @Pattern(DURATION_PATTERN)
    @JsonPropertyDescription("Alertmanager group_wait, a Prometheus duration such as 30s.")
    private String groupWait;

    @Size(min = 1)
    @Pattern(DURATION_PATTERN)
    @JsonPropertyDescription(
            "Alertmanager group_interval: how long to wait before notifying about new alerts of a"
                    + " group already notified; a Prometheus duration such as 5m.")
    private String groupInterval;

    @Size(min = 1)
    @Pattern(DURATION_PATTERN)
    @JsonPropertyDescription("Alertmanager repeat_interval, a Prometheus duration such as 4h.")
    private String repeatInterval;

    @JsonProperty("continue")
    @JsonPropertyDescription(
            "Alertmanager continue: when true, an alert taking this route also tries the routes"
                    + " after it, so several receivers get it.")
    private Boolean continueMatching;

    public String getReceiver() {
        return receiver;
    }

    public void setReceiver(String receiver) {
        this.receiver = receiver;
    }

    public List<Priority> getPriorities() {
        return priorities;
    }

    public void setPriorities(List<Priority> priorities) {
        this.priorities = priorities;
    }

    public List<String> getGroupBy() {
        return groupBy;
    }

    public void setGroupBy(List<String> groupBy) {
        this.groupBy = groupBy;
    }

    public String getGroupWait() {
        return groupWait;
    }

    public void setGroupWait(String groupWait) {
        this.groupWait = groupWait;
    }

    public String getRepeatInterval() {
        return repeatInterval;
    }

    public void setRepeatInterval(String repeatInterval) {
        this.repeatInterval = repeatInterval;
    }

    public List<AlertMatcher> getMatchers() {
        return matchers;
    }

    public void setMatchers(List<AlertMatcher> matchers) {
        this.matchers = matchers;
    }

    public String getGroupInterval() {
        return groupInterval;
    }

    public void setGroupInterval(String groupInterval) {
        this.groupInterval = groupInterval;
    }

    public Boolean getContinueMatching() {
        return continueMatching;
    }

    public void setContinueMatching(Boolean continueMatching) {
        this.continueMatching = continueMatching;
    }
}
