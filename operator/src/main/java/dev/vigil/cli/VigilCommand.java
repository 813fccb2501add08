package dev.vigil.cli;

import dev.vigil.runtime.CommonPoolParallelism;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vigil}: runs the operator, or renders and validates custom resources offline. */
@Command(
        name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Vigil: the operator for monitored MongoDB and PostgreSQL.",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            RenderCommand.class,
            BackupCommand.class
        })
public final class VigilCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommonPoolParallelism.atLeastTwo();
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand, as {@code main} runs it; tests use it too. */
    public static CommandLine commandLine() {
        return new CommandLine(new VigilCommand());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand");
    }
}
