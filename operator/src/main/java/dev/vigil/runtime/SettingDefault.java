package dev.vigil.runtime;

import java.util.Objects;
import java.util.function.Function;

/**
 * The value of a setting given neither as a flag nor as an environment variable, and how the help
 * and the docs state it.
 *
 * @param text the default as the help and the docs show it
 * @param literal whether {@code text} is the value as one would type it (the docs show it as code)
 *     rather than words describing it
 * @param value the default where the operator runs
 * @param <T> the setting's value
 */
public record SettingDefault<T>(String text, boolean literal, Function<Surroundings, T> value) {

    public SettingDefault {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(value, "value");
    }

    /** The same value everywhere, shown as it would be typed. */
    public static <T> SettingDefault<T> of(SettingType<T> type, T value) {
        return new SettingDefault<>(type.format(value), true, where -> value);
    }

    /** The same value everywhere, shown in words: for an empty set or no value at all. */
    public static <T> SettingDefault<T> described(String text, T value) {
        return new SettingDefault<>(text, false, where -> value);
    }

    /** A value that depends on where the operator runs. */
    public static <T> SettingDefault<T> dependingOn(String text, Function<Surroundings, T> value) {
        return new SettingDefault<>(text, false, value);
    }

    /** The default in these surroundings. */
    public T in(Surroundings where) {
        return value.apply(where);
    }
}
