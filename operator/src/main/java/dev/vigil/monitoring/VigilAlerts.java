package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.Priority;
import dev.vigil.metrics.OperatorMetricNames;
import java.util.List;

/**
 * Vigil's own alerts about a database, read from the operator's {@code /metrics} ({@link
 * OperatorMetricNames}): what the operator knows that no exporter does.
 */
final class VigilAlerts {

    private static final String ROLLBACKS = OperatorMetricNames.ROLLBACKS + "{{{operator}}}";

    static final List<DefaultAlert> ALL =
            List.of(
                    new DefaultAlert(
                            "VigilDatabaseNotReady",
                            OperatorMetricNames.READY + "{{{operator}}} == 0",
                            null,
                            "15m",
                            Priority.P2,
                            "{{ $labels.namespace }}/{{ $labels.database }} has not been Ready for"
                                    + " 15 minutes",
                            "Vigil reports the database not Ready; its status conditions say"
                                    + " why (kubectl describe mdb).",
                            false),
                    new DefaultAlert(
                            "VigilRolloutStuck",
                            // How long it may stay Updating is the `for`, which a policy retunes:
                            // there is no number to compare, hence no threshold.
                            OperatorMetricNames.PHASE + "{{{operator}},phase=\"Updating\"} == 1",
                            null,
                            "30m",
                            Priority.P2,
                            "The rollout of {{ $labels.namespace }}/{{ $labels.database }} has been"
                                    + " updating for 30 minutes",
                            "The health gate has neither passed nor failed: a member may wait"
                                    + " for a volume, an image or a node.",
                            false),
                    new DefaultAlert(
                            "VigilDatabaseRolledBack",
                            // A counter that the first rollback creates is born at 1, which
                            // increase() cannot see: a series new within the hour counts too.
                            "increase("
                                    + ROLLBACKS
                                    + "[1h]) > 0 or ("
                                    + ROLLBACKS
                                    + " > 0 unless "
                                    + ROLLBACKS
                                    + " offset 1h)",
                            null,
                            null,
                            Priority.P3,
                            "Vigil rolled {{ $labels.namespace }}/{{ $labels.database }} back",
                            "A new spec failed its health gate and Vigil restored the last stable"
                                    + " one; the failed generation is not retried until the spec"
                                    + " changes.",
                            false));

    private VigilAlerts() {}
}
