package dev.vigil.cli;

import dev.vigil.monitoring.MonitoringContext;
import dev.vigil.runtime.OperatorSettingsTable;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil render -f FILE|DIR [-n NAMESPACE]}: prints the Kubernetes objects the operator would
 * create for each MonitoredDatabase, without a cluster, so a change can be reviewed as a diff of
 * objects. It validates first, exactly as {@code vigil validate} does, and renders nothing unless
 * every Vigil resource is valid.
 */
@Command(
        name = "render",
        mixinStandardHelpOptions = true,
        description = {
            "Render each MonitoredDatabase into the objects the operator would create, as"
                    + " multi-document YAML on stdout, each after a '# Source: FILE Kind/name'"
                    + " line, as on a cluster with the prometheus-operator: its monitor and its"
                    + " alert rules merged with the AlertPolicies of the input that select it;"
                    + " and each AlertPolicy into its AlertmanagerConfig. Generated secret values"
                    + " are shown as a placeholder, never invented.",
            "Every Vigil resource is validated first; with a problem, the problems are printed"
                    + " as by 'vigil validate' and nothing is rendered.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:rendered",
            "1:a resource has a problem; nothing rendered",
            "2:an input cannot be read (missing file, YAML syntax error) or bad usage",
        })
final class RenderCommand implements Callable<Integer> {

    /** Where resources without a namespace go, as with kubectl. */
    static final String DEFAULT_NAMESPACE = "default";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin InputFiles inputs;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NAMESPACE",
            defaultValue = DEFAULT_NAMESPACE,
            description = "Namespace of the resources that name none (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(
            names = "--runbook-base-url",
            paramLabel = "<url>",
            defaultValue = MonitoringContext.DEFAULT_RUNBOOK_BASE_URL,
            converter = RunbookBaseUrlConverter.class,
            description =
                    "Where the runbooks of the default alerts are published, as the operator's"
                            + " option of the same name: each alert's runbook_url is this base"
                            + " followed by <AlertName>.md (default: ${DEFAULT-VALUE}).")
    String runbookBaseUrl;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CheckedManifests checked = CheckedManifests.check(inputs, out, err);
        if (!checked.valid()) {
            return checked.exitCode();
        }
        ManifestRenderer renderer =
                new ManifestRenderer(namespace, runbookBaseUrl, checked.documents());
        // Everything is rendered before anything is printed, so a failure leaves no half output.
        StringBuilder yaml = new StringBuilder();
        int rendered = 0;
        for (ManifestDocument document : checked.documents()) {
            if (!document.isVigilResource()) {
                continue;
            }
            if (ManifestValidator.MONITORED_DATABASE.equals(document.kind())) {
                yaml.append(renderer.renderDatabase(document));
                rendered++;
            } else if (ManifestValidator.ALERT_POLICY.equals(document.kind())) {
                String routing = renderer.renderPolicy(document);
                if (routing.isEmpty()) {
                    err.println(
                            document.file()
                                    + ": "
                                    + document.label()
                                    + ": selects no MonitoredDatabase among the inputs or routes"
                                    + " nothing: no AlertmanagerConfig to render");
                }
                yaml.append(routing);
                rendered++;
            }
        }
        out.print(yaml);
        out.flush();
        if (rendered == 0) {
            err.println("no MonitoredDatabase or AlertPolicy found: nothing to render");
        }
        return ExitCodes.VALID;
    }

    /** Checks {@code --runbook-base-url} as {@code vigil run} checks its setting. */
    static final class RunbookBaseUrlConverter implements CommandLine.ITypeConverter<String> {

        @Override
        public String convert(String value) {
            try {
                return OperatorSettingsTable.RUNBOOK_BASE_URL.type().parse(value.trim());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
