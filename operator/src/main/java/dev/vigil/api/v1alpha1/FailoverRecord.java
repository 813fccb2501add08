package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A promotion Vigil made after losing the PostgreSQL primary. */
@JsonClassDescription("A promotion Vigil made after losing the PostgreSQL primary.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FailoverRecord {

    @JsonPropertyDescription("When the standby was promoted (RFC 3339).")
    private String at;

    @JsonPropertyDescription("The pod that was primary and was lost.")
    private String from;

    @JsonPropertyDescription("The standby that was promoted.")
    private String to;

    @JsonPropertyDescription("Why, and how far behind the lost primary the promoted standby was.")
    private String reason;

    public String getAt() {
        return at;
    }

    public void setAt(String at) {
        this.at = at;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
