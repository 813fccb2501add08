package dev.vigil.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
                    + " fields included) and Vigil's own rules. Other kinds are skipped.",
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

    @Option(
            names = {"-f", "--filename"},
            required = true,
            paramLabel = "FILE|DIR",
            description =
                    "A YAML file (all its documents), or a directory: its *.yaml and *.yml files,"
                            + " recursively. Repeatable.")
    List<Path> inputs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ManifestDocument> documents;
        try {
            documents = ManifestReader.read(inputs);
        } catch (UnreadableInputException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.UNREADABLE;
        }
        ManifestValidator.Result result = new ManifestValidator().validate(documents);
        result.problems().forEach(problem -> out.println(problem.line()));
        if (!result.valid()) {
            err.printf(
                    "invalid: %d problem(s) in %d resource(s)%n",
                    result.problems().size(), result.checkedResources());
            return ExitCodes.INVALID;
        }
        out.printf("ok: %d resources valid%n", result.checkedResources());
        return ExitCodes.VALID;
    }
}
