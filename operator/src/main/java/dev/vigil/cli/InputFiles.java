package dev.vigil.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -f FILE|DIR} option shared by the offline commands, as in {@code kubectl -f}. */
final class InputFiles {

    @Option(
            names = {"-f", "--filename"},
            required = true,
            paramLabel = "FILE|DIR",
            description =
                    "A YAML file (all its documents), or a directory: its *.yaml and *.yml files,"
                            + " recursively, in sorted order. Repeatable.")
    List<Path> paths;
}
