package dev.vigil.cli;

import dev.vigil.names.DatabaseAddressResolver;
import dev.vigil.reconciler.ReconcileIntervals;
import dev.vigil.reconciler.VigilReconcilers;
import dev.vigil.runtime.InvalidSettingException;
import dev.vigil.runtime.LoggingSetup;
import dev.vigil.runtime.OperatorSettings;
import dev.vigil.runtime.OperatorSettingsResolver;
import dev.vigil.runtime.OperatorSettingsTable;
import dev.vigil.runtime.ReconcilerRegistration;
import dev.vigil.runtime.VigilOperatorRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vigil run}: runs the operator until SIGTERM or SIGINT, then stops it and exits 0.
 *
 * <p>Its options are the settings of {@link OperatorSettingsTable}. Every option falls back to an
 * environment variable, then to a default; a bad value is a usage error (exit code 2) that names
 * the flag or variable. Exit code 1 means the operator could not start (no API server, missing
 * RBAC, no Lease namespace...).
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run the operator against the cluster of the kubeconfig or the pod.",
        modelTransformer = SettingOptions.class)
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @CommandLine.Spec CommandSpec spec;

    private final OperatorSettingsResolver resolver;

    private final Function<OperatorSettings, ReconcilerRegistration> reconcilers;

    /** The command as {@code vigil run} runs it: the process environment, Vigil's reconcilers. */
    public RunCommand() {
        this(OperatorSettingsResolver.fromProcessEnvironment(), RunCommand::reconcilers);
    }

    /**
     * @param resolver where settings come from besides the flags
     * @param reconcilers the registration to run, given the resolved settings
     */
    RunCommand(
            OperatorSettingsResolver resolver,
            Function<OperatorSettings, ReconcilerRegistration> reconcilers) {
        this.resolver = resolver;
        this.reconcilers = reconcilers;
    }

    /**
     * The reconcilers {@code vigil run} registers ({@link VigilReconcilers}, the one place where a
     * reconciler is added), reaching databases through the cluster's own DNS.
     */
    static ReconcilerRegistration reconcilers(OperatorSettings settings) {
        return VigilReconcilers.registration(
                settings,
                DatabaseAddressResolver.IN_CLUSTER,
                Clock.systemUTC(),
                ReconcileIntervals.DEFAULT);
    }

    /** The settings these flags and the environment resolve to. */
    OperatorSettings settings() {
        try {
            return resolver.resolve(SettingOptions.given(spec));
        } catch (InvalidSettingException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        OperatorSettings settings = settings();
        LoggingSetup.apply(settings.logFormat());
        TerminationSignals signals = TerminationSignals.install();
        try (KubernetesClient client = new KubernetesClientBuilder().build();
                VigilOperatorRuntime runtime =
                        new VigilOperatorRuntime(settings, client, reconcilers.apply(settings))) {
            // For a shutdown we did not start ourselves (System.exit, a signal we do not
            // handle): stop reconciling and release the Lease before the JVM goes.
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "vigil-shutdown"));
            try {
                runtime.start();
            } catch (RuntimeException e) {
                LOG.error("The operator could not start", e);
                return 1;
            }
            LOG.info("Received {}, stopping the operator", signals.await());
        }
        return 0;
    }
}
