package dev.vigil.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil validate -f FILE|DIR}: checks Vigil's resources offline, as the API server and the
 * operator would, so a CI job can refuse a broken commit before Argo CD or Flux applies it.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Validate MonitoredDatabase and AlertPolicy resources offline: the CRD schema (unknown"
                    + " fields included) and Vigil's own rules. Documents of other API groups are"
                    + " skipped.",
            "Prints FILE: Kind/name: FIELD: REASON for each problem.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every resource is valid",
            "1:a resource has a problem",
            "2:an input cannot be read (missing file, YAML syntax error) or bad usage",
        })
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin InputFiles inputs;

    @Option(
            names = "--previous",
            paramLabel = "FILE|DIR",
            description =
                    "The previous revision of the same resources (e.g. the main branch of a GitOps"
                            + " repository). Changes the operator refuses are problems too: a"
                            + " PostgreSQL major-version change, a storage shrink. Repeatable.")
    List<Path> previous = List.of();

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        CheckedManifests checked =
                CheckedManifests.check(
                        inputs, previous, commandLine.getOut(), commandLine.getErr());
        if (checked.valid()) {
            commandLine.getOut().printf("ok: %d resources valid%n", checked.checkedResources());
        }
        return checked.exitCode();
    }
}
