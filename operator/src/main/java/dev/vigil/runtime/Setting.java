package dev.vigil.runtime;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One setting of {@code vigil run}, declared once in {@link OperatorSettingsTable}: everything the
 * command line, the environment, the help, the docs and the Helm chart need to know about it.
 *
 * @param flag the command-line option, such as {@code --http-port}
 * @param env the environment variable read when the flag is not given
 * @param type the syntax of its value, which checks and parses it
 * @param description what it does: a sentence without its final period, for the help and the docs
 * @param defaultValue the value when neither the flag nor the variable is given
 * @param example a valid value, as typed, other than the default in a pod: for the docs and tests
 * @param chart how the Helm chart sets the variable
 * @param <T> the parsed value
 */
public record Setting<T>(
        String flag,
        String env,
        SettingType<T> type,
        String description,
        SettingDefault<T> defaultValue,
        String example,
        ChartSource chart) {

    private static final Pattern FLAG = Pattern.compile("--[a-z]+(-[a-z]+)*");
    private static final Pattern ENV = Pattern.compile("VIGIL_[A-Z]+(_[A-Z]+)*");

    public Setting {
        requireMatch(flag, FLAG, "flag");
        requireMatch(env, ENV, "env");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(chart, "chart");
    }

    /** Starts the declaration of the setting of option {@code flag}, of values of {@code type}. */
    public static <T> Builder<T> flag(String flag, SettingType<T> type) {
        return new Builder<>(flag, type);
    }

    /** What {@code vigil run --help} says of it: what it does, its default, its variable. */
    public String help() {
        return description + ". Default: " + defaultValue.text() + ". Env: " + env + ".";
    }

    private static void requireMatch(String value, Pattern pattern, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + pattern + ": " + value);
        }
    }

    /**
     * The rest of a declaration, each part named as it is given.
     *
     * @param <T> the parsed value
     */
    public static final class Builder<T> {

        private final String flag;
        private final SettingType<T> type;
        private String env;
        private String description;
        private SettingDefault<T> defaultValue;
        private String example;

        private Builder(String flag, SettingType<T> type) {
            this.flag = flag;
            this.type = type;
        }

        /** The environment variable. */
        public Builder<T> env(String name) {
            this.env = name;
            return this;
        }

        /** What the setting does, without a final period. */
        public Builder<T> does(String text) {
            this.description = text;
            return this;
        }

        /** A default that is the same everywhere, shown as it would be typed. */
        public Builder<T> byDefault(T value) {
            this.defaultValue = SettingDefault.of(type, value);
            return this;
        }

        /** A default that is the same everywhere, shown as {@code text}. */
        public Builder<T> byDefault(String text, T value) {
            this.defaultValue = SettingDefault.described(text, value);
            return this;
        }

        /** A default that depends on where the operator runs, described as {@code text}. */
        public Builder<T> byDefaultDependingOn(String text, Function<Surroundings, T> value) {
            this.defaultValue = SettingDefault.dependingOn(text, value);
            return this;
        }

        /** An example of a valid value, as typed. */
        public Builder<T> example(String text) {
            this.example = text;
            return this;
        }

        /** Ends the declaration with how the Helm chart sets the variable. */
        public Setting<T> chart(ChartSource source) {
            return new Setting<>(flag, env, type, description, defaultValue, example, source);
        }
    }
}
