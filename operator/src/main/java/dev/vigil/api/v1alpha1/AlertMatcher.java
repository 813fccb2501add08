package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A label matcher of a route, as an AlertmanagerConfig (monitoring.coreos.com/v1alpha1) writes it.
 */
@JsonClassDescription(
        "A label matcher of a route, as in a monitoring.coreos.com/v1alpha1 AlertmanagerConfig.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertMatcher {

    /** Alert label names Alertmanager accepts in a matcher. */
    public static final String LABEL_NAME_PATTERN = "^[a-zA-Z_][a-zA-Z0-9_]*$";

    @Required
    @Pattern(LABEL_NAME_PATTERN)
    @JsonPropertyDescription("The alert label to match, e.g. team.")
    private String name;

    @JsonPropertyDescription(
            "The value to compare with; for =~ and !~ an RE2 regular expression that must match"
                    + " the whole label value.")
    private String value;

    @Default("=")
    @JsonPropertyDescription("How to compare: =, !=, =~ or !~.")
    private MatchType matchType;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public MatchType getMatchType() {
        return matchType;
    }

    public void setMatchType(MatchType matchType) {
        this.matchType = matchType;
    }
}
