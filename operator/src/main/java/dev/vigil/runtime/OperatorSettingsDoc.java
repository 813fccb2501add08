package dev.vigil.runtime;

import dev.vigil.api.Markdown;
import java.util.List;

/**
 * Renders {@code docs/reference/operator-settings.md}: one table row per setting of {@link
 * OperatorSettingsTable}, with its flag, environment variable (with an example), default, chart
 * value and what it does. Pure and deterministic; {@code OperatorSettingsDocUpToDateTest} compares
 * it with the committed page.
 */
public final class OperatorSettingsDoc {

    private static final String GENERATED_NOTICE =
            "<!-- Generated from dev.vigil.runtime.OperatorSettingsTable by OperatorSettingsDoc: do"
                    + " not edit by hand. docs/reference/README.md says how to regenerate. -->";

    private OperatorSettingsDoc() {}

    /** The page for {@link OperatorSettingsTable#ALL}. */
    public static String render() {
        return render(OperatorSettingsTable.ALL);
    }

    /** The page for these settings, in this order. */
    public static String render(List<Setting<?>> settings) {
        StringBuilder out = new StringBuilder();
        out.append("# Operator settings\n\n")
                .append(GENERATED_NOTICE)
                .append("\n\n")
                .append(
                        "Every setting of `vigil run` is a flag, an environment variable and,"
                                + " mostly, a value of the Helm chart. A flag wins over its"
                                + " variable and a variable over the default; a blank variable"
                                + " counts as unset. [Operating Vigil](../operations.md) says"
                                + " what happens to a bad value.\n\n")
                .append(
                        "| flag | environment variable (example) | default | chart | what it does"
                                + " |\n")
                .append("|---|---|---|---|---|\n");
        for (Setting<?> setting : settings) {
            out.append("| ")
                    .append(Markdown.code(flag(setting)))
                    .append(" | ")
                    .append(Markdown.code(setting.env() + "=" + setting.example()))
                    .append(" | ")
                    .append(defaultValue(setting.defaultValue()))
                    .append(" | ")
                    .append(chart(setting.chart()))
                    .append(" | ")
                    .append(Markdown.text(setting.description()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String flag(Setting<?> setting) {
        String parameter = setting.type().paramLabel();
        return setting.type().bareFlagValue() == null
                ? setting.flag() + "=" + parameter
                : setting.flag() + "[=" + parameter + "]";
    }

    private static String defaultValue(SettingDefault<?> value) {
        return value.literal() ? Markdown.code(value.text()) : Markdown.text(value.text());
    }

    private static String chart(ChartSource chart) {
        if (chart.valuePath() == null) {
            return Markdown.text((chart.setsVariable() ? "set: " : "not set: ") + chart.note());
        }
        String value = Markdown.code(chart.valuePath());
        return chart.note().isEmpty() ? value : value + " (" + Markdown.text(chart.note()) + ")";
    }
}
