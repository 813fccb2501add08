package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.OperatorSettings;
import dev.vigil.runtime.OperatorSettings.LogFormat;
import dev.vigil.runtime.OperatorSettingsResolver;
import dev.vigil.runtime.OperatorSettingsTable;
import dev.vigil.runtime.Setting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class RunCommandTest {

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int vigil(String... args) {
        CommandLine commandLine = VigilCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute(args);
    }

    @Test
    void concurrencyBelowOneIsAUsageErrorNamingTheFlag() {
        int exitCode = vigil("run", "--reconcile-concurrency", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "Invalid value '0' for --reconcile-concurrency: must be an integer of at"
                                + " least 1")
                .contains("Usage: vigil run");
    }

    @Test
    void unknownLogFormatIsAUsageErrorNamingTheFlag() {
        assertThat(vigil("run", "--log-format", "xml")).isEqualTo(2);
        assertThat(err.toString()).contains("--log-format: must be plain or json");
    }

    @Test
    void portOutOfRangeIsAUsageErrorNamingTheFlag() {
        assertThat(vigil("run", "--http-port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--http-port: must be a port number from 0 to 65535");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(vigil("run", "--replicas", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("--replicas");
    }

    @Test
    void serverSideApplyIsNoLongerAnOption() {
        assertThat(vigil("run", "--server-side-apply=false")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--server-side-apply=false'");
    }

    @Test
    void badEnvironmentVariableIsAUsageErrorNamingTheVariable() {
        OperatorSettingsResolver resolver =
                new OperatorSettingsResolver(
                        Map.of("VIGIL_HTTP_PORT", "http"), Path.of("/nonexistent/namespace"));
        CommandLine commandLine =
                new CommandLine(new RunCommand(resolver, RunCommand::reconcilers));
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("environment variable VIGIL_HTTP_PORT");
    }

    @Test
    void helpListsEveryDeclaredSettingWithItsVariableAndDefault() {
        assertThat(vigil("run", "--help")).isZero();
        CommandSpec run = VigilCommand.commandLine().getSubcommands().get("run").getCommandSpec();

        assertThat(OperatorSettingsTable.ALL)
                .allSatisfy(
                        setting -> {
                            assertThat(out.toString()).contains(setting.flag(), setting.env());
                            assertThat(run.findOption(setting.flag()).description())
                                    .containsExactly(setting.help());
                        });
        assertThat(out.toString()).contains("Default: 8080.");
    }

    @Test
    void theOptionsAreExactlyTheDeclaredSettings() {
        CommandSpec run = VigilCommand.commandLine().getSubcommands().get("run").getCommandSpec();

        assertThat(run.options())
                .extracting(OptionSpec::longestName)
                .filteredOn(name -> !name.equals("--help") && !name.equals("--version"))
                .containsExactlyInAnyOrderElementsOf(
                        OperatorSettingsTable.ALL.stream().map(Setting::flag).toList());
    }

    static Stream<Setting<?>> everySetting() {
        return OperatorSettingsTable.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("everySetting")
    void eachOptionTakesItsSettingsTextAsTyped(Setting<?> setting) {
        CommandLine commandLine = new CommandLine(command());
        commandLine.parseArgs(setting.flag() + "=" + setting.example());

        assertThat(SettingOptions.given(commandLine.getCommandSpec()))
                .containsExactly(Map.entry(setting, setting.example()));
    }

    @Test
    void aBooleanOptionWithoutAValueMeansTrue() {
        CommandLine commandLine = new CommandLine(command());
        commandLine.parseArgs("--leader-election", "--namespaces=a");

        assertThat(SettingOptions.given(commandLine.getCommandSpec()))
                .containsOnly(
                        Map.entry(OperatorSettingsTable.LEADER_ELECTION, "true"),
                        Map.entry(OperatorSettingsTable.WATCH_NAMESPACES, "a"));
    }

    private static RunCommand command() {
        return new RunCommand(
                new OperatorSettingsResolver(Map.of(), Path.of("/nonexistent/namespace")),
                RunCommand::reconcilers);
    }

    @Test
    void flagsParseIntoSettings() {
        RunCommand command = command();
        new CommandLine(command)
                .parseArgs(
                        "--namespaces=a,b",
                        "--reconcile-concurrency=7",
                        "--leader-election",
                        "--lease-name=my-lock",
                        "--lease-namespace=ops",
                        "--http-port=9000",
                        "--log-format=json");

        assertThat(command.settings())
                .isEqualTo(
                        new OperatorSettings(
                                Set.of("a", "b"),
                                7,
                                true,
                                "my-lock",
                                "ops",
                                9000,
                                LogFormat.JSON,
                                "cluster.local"));
    }
}
