package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** Where alerts of some priorities go. */
@JsonClassDescription("Where alerts of some priorities go.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertRoute {

    @Required
    @JsonPropertyDescription("Name of a receiver of this policy.")
    private String receiver;

    @JsonPropertyDescription("Priorities routed here; all when unset.")
    private List<Priority> priorities;

    @JsonPropertyDescription("Labels to group alerts by.")
    private List<String> groupBy;

    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("Alertmanager group_wait.")
    private String groupWait;

    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("Alertmanager repeat_interval.")
    private String repeatInterval;

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
}
