package dev.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The declarations of {@link OperatorSettingsTable} are complete and consistent. */
class OperatorSettingsTableTest {

    private static final Surroundings IN_A_POD = Surroundings.inPod("vigil-system");

    static Stream<Setting<?>> everySetting() {
        return OperatorSettingsTable.ALL.stream();
    }

    @Test
    void allHoldsEverySettingDeclared() {
        List<Object> declared =
                Arrays.stream(OperatorSettingsTable.class.getFields())
                        .filter(field -> Modifier.isStatic(field.getModifiers()))
                        .filter(field -> field.getType() == Setting.class)
                        .map(OperatorSettingsTableTest::valueOf)
                        .toList();

        assertThat(List.<Object>copyOf(OperatorSettingsTable.ALL))
                .containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void flagsAndVariablesAreEachSettingsOwn() {
        assertThat(OperatorSettingsTable.ALL).extracting(Setting::flag).doesNotHaveDuplicates();
        assertThat(OperatorSettingsTable.ALL).extracting(Setting::env).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("everySetting")
    void theExampleIsValidAndNotTheDefault(Setting<?> setting) {
        assertThat(setting.type().parse(setting.example()))
                .isNotEqualTo(setting.defaultValue().in(IN_A_POD));
    }

    @ParameterizedTest
    @MethodSource("everySetting")
    void aDefaultShownAsTypedParsesBackToItself(Setting<?> setting) {
        SettingDefault<?> defaultValue = setting.defaultValue();
        if (defaultValue.literal()) {
            assertThat(setting.type().parse(defaultValue.text()))
                    .isEqualTo(defaultValue.in(IN_A_POD))
                    .isEqualTo(defaultValue.in(Surroundings.OUTSIDE_A_CLUSTER));
        }
    }

    @ParameterizedTest
    @MethodSource("everySetting")
    void theHelpSaysWhatItDoesItsDefaultAndItsVariable(Setting<?> setting) {
        assertThat(setting.description()).isNotBlank().doesNotEndWith(".");
        assertThat(setting.help())
                .startsWith(setting.description() + ". ")
                .contains("Default: " + setting.defaultValue().text() + ".")
                .endsWith("Env: " + setting.env() + ".");
    }

    private static Object valueOf(Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
