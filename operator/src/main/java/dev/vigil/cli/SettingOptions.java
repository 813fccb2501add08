package dev.vigil.cli;

import dev.vigil.runtime.OperatorSettingsResolver;
import dev.vigil.runtime.OperatorSettingsTable;
import dev.vigil.runtime.Setting;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of {@code vigil run}: one for each setting of {@link OperatorSettingsTable}, with its
 * help text, taking its text as typed, since {@link OperatorSettingsResolver} checks flags and
 * environment variables alike. Picocli applies it to the command's model once, before parsing.
 */
final class SettingOptions implements IModelTransformer {

    @Override
    public CommandSpec transform(CommandSpec command) {
        OperatorSettingsTable.ALL.forEach(setting -> command.addOption(option(setting)));
        return command;
    }

    /** The text of each setting's option given on the command just parsed. */
    static Map<Setting<?>, String> given(CommandSpec command) {
        Map<Setting<?>, String> given = new HashMap<>();
        for (Setting<?> setting : OperatorSettingsTable.ALL) {
            String text = command.findOption(setting.flag()).getValue();
            if (text != null) {
                given.put(setting, text);
            }
        }
        return given;
    }

    private static OptionSpec option(Setting<?> setting) {
        OptionSpec.Builder option =
                OptionSpec.builder(setting.flag())
                        .type(String.class)
                        .paramLabel(setting.type().paramLabel())
                        .description(setting.help());
        String bare = setting.type().bareFlagValue();
        if (bare != null) {
            option.arity("0..1").fallbackValue(bare);
        }
        return option.build();
    }
}
