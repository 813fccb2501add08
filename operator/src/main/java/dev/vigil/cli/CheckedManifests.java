package dev.vigil.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and validates the inputs of an offline command, reporting failures the same way for {@code
 * vigil validate} and {@code vigil render}: unreadable input on stderr (exit 2), each problem of a
 * Vigil resource on stdout as {@code FILE: Kind/name: FIELD: REASON} (exit 1).
 *
 * @param exitCode {@link ExitCodes#VALID} when every input read and every Vigil resource is valid
 * @param documents every document read, Vigil's or not; empty unless valid
 * @param checkedResources how many of Vigil's resources were validated
 */
record CheckedManifests(int exitCode, List<ManifestDocument> documents, int checkedResources) {

    static CheckedManifests check(InputFiles inputs, PrintWriter out, PrintWriter err) {
        return check(inputs, List.of(), out, err);
    }

    /**
     * @param previousPaths the previous revision of the inputs, whose MonitoredDatabases stand for
     *     what runs; empty to compare with nothing
     */
    static CheckedManifests check(
            InputFiles inputs, List<Path> previousPaths, PrintWriter out, PrintWriter err) {
        List<ManifestDocument> documents;
        PreviousRevision previous;
        try {
            documents = ManifestReader.read(inputs.paths);
            previous =
                    previousPaths.isEmpty()
                            ? PreviousRevision.none()
                            : PreviousRevision.of(ManifestReader.read(previousPaths));
        } catch (UnreadableInputException e) {
            err.println("error: " + e.getMessage());
            return new CheckedManifests(ExitCodes.UNREADABLE, List.of(), 0);
        }
        ManifestValidator.Result result = new ManifestValidator().validate(documents, previous);
        if (!result.valid()) {
            result.problems().forEach(problem -> out.println(problem.line()));
            err.printf(
                    "invalid: %d problem(s) in %d resource(s)%n",
                    result.problems().size(), result.checkedResources());
            return new CheckedManifests(ExitCodes.INVALID, List.of(), result.checkedResources());
        }
        return new CheckedManifests(ExitCodes.VALID, documents, result.checkedResources());
    }

    boolean valid() {
        return exitCode == ExitCodes.VALID;
    }
}
