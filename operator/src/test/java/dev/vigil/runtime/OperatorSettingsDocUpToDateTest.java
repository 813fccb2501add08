package dev.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code docs/reference/operator-settings.md} must be exactly what {@link
 * OperatorSettingsDoc} renders from {@link OperatorSettingsTable}; a drift means a setting changed
 * without regenerating the page (or someone edited it by hand).
 *
 * <p>To regenerate, run this test with {@code -Dvigil.docs.update=true}: it then rewrites the file
 * instead of comparing it.
 *
 * <pre>
 * ./mvnw -o -pl operator test -Dtest=OperatorSettingsDocUpToDateTest -Dvigil.docs.update=true
 * </pre>
 */
class OperatorSettingsDocUpToDateTest {

    private static final String HOW_TO_FIX =
            "docs/reference/operator-settings.md drifted from OperatorSettingsTable: run ./mvnw -pl"
                    + " operator test -Dtest=OperatorSettingsDocUpToDateTest"
                    + " -Dvigil.docs.update=true and commit it";

    @Test
    void committedPageMatchesTheRenderedOne() throws IOException {
        Path committed =
                Path.of(System.getProperty("vigil.docs.reference")).resolve("operator-settings.md");
        String rendered = OperatorSettingsDoc.render();

        if (Boolean.getBoolean("vigil.docs.update")) {
            Files.writeString(committed, rendered);
        }

        assertThat(committed).as(HOW_TO_FIX).exists();
        assertThat(Files.readString(committed)).as(HOW_TO_FIX).isEqualTo(rendered);
    }

    @Test
    void thePageHasARowForEverySettingWithItsFlagVariableAndChartValue() {
        String page = OperatorSettingsDoc.render();

        assertThat(OperatorSettingsTable.ALL)
                .allSatisfy(
                        setting -> {
                            String row =
                                    page.lines()
                                            .filter(line -> line.startsWith("| `" + setting.flag()))
                                            .findFirst()
                                            .orElseThrow();
                            assertThat(row)
                                    .contains("`" + setting.env() + "=" + setting.example() + "`");
                            if (setting.chart().valuePath() != null) {
                                assertThat(row).contains("`" + setting.chart().valuePath() + "`");
                            }
                        });
    }
}
