package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an Alertmanager matcher compares a label's value, as in an AlertmanagerConfig. */
public enum MatchType {
    /** The label equals the value. */
    @JsonProperty("=")
    EQUAL("="),
    /** The label differs from the value. */
    @JsonProperty("!=")
    NOT_EQUAL("!="),
    /** The whole label matches the value as an RE2 regular expression. */
    @JsonProperty("=~")
    REGEX("=~"),
    /** The whole label does not match the value as an RE2 regular expression. */
    @JsonProperty("!~")
    NOT_REGEX("!~");

    private final String symbol;

    MatchType(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as Alertmanager writes it: {@code =}, {@code !=}, {@code =~} or {@code !~}. */
    public String symbol() {
        return symbol;
    }

    /** Whether the value is a regular expression. */
    public boolean isRegex() {
        return this == REGEX || this == NOT_REGEX;
    }
}
