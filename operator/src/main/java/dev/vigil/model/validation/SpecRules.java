package dev.vigil.model.validation;

import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.HealthGateSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.MonitoringSpec;
import dev.vigil.model.DatabasePorts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Vigil's own rules for a MonitoredDatabase, the ones a CRD schema cannot express: what this
 * version supports, limits that come from the names of the objects Vigil creates, and fields that
 * only make sense together.
 *
 * <p>The input must already pass the CRD schema and be defaulted with {@code
 * SchemaDefaults.withDefaults}: the rules read defaults (the monitoring interval, say) instead of
 * repeating them.
 */
public final class SpecRules {

    /**
     * The longest name a MonitoredDatabase may have. The StatefulSet is named after the database
     * and labels its pods {@code controller-revision-hash=<name>-<hash>}, where the hash has up to
     * 10 characters; a label value may have at most 63 characters, so 63 - 1 - 10 = 52. The other
     * names bound to 63 characters leave more room: the headless Service {@code <name>-members}
     * (55) and the pod names {@code <name>-<ordinal>} (61).
     */
    public static final int MAX_NAME_LENGTH = 52;

    /**
     * PostgreSQL's standard port. {@code DatabasePorts} has only the ports of engines Vigil builds
     * today, while the rule that keeps the exporter off the database port covers both engines.
     */
    private static final int POSTGRESQL_PORT = 5432;

    /** The oldest MongoDB major version still supported upstream, and so by Vigil. */
    public static final int OLDEST_MONGODB_MAJOR = 5;

    public static final String POSTGRESQL_NOT_SUPPORTED =
            "PostgreSQL is not supported by this version of Vigil yet";
    public static final String EXTERNAL_NOT_SUPPORTED =
            "External mode is not supported by this version of Vigil yet";
    public static final String MONGODB_END_OF_LIFE =
            "MongoDB 4.x and older are end of life; Vigil supports 5.0 and newer";
    public static final String PROMETHEUS_URL_REQUIRED =
            "is required when healthGate.analysis is set";

    /** A DNS-1035 label: Service names must be one, and Vigil's Services carry the name. */
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    private SpecRules() {}

    /** Every rule {@code database} breaks; empty when it follows them all. */
    public static List<FieldError> check(MonitoredDatabase database) {
        List<FieldError> errors = new ArrayList<>();
        checkName(database.getMetadata() == null ? null : database.getMetadata().getName(), errors);
        MonitoredDatabaseSpec spec = database.getSpec();
        if (spec == null || spec.getEngine() == null || spec.getVersion() == null) {
            // Only a resource without any spec gets here: the schema requires both inside one.
            errors.add(new FieldError("spec", "is required, with at least engine and version"));
            return errors;
        }
        checkSupported(spec, errors);
        checkExporterPort(spec, errors);
        checkHealthGate(spec.getHealthGate(), errors);
        checkScrapeTimeout(spec.getMonitoring(), errors);
        return errors;
    }

    private static void checkName(String name, List<FieldError> errors) {
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("metadata.name", "is required"));
            return;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            errors.add(
                    new FieldError(
                            "metadata.name",
                            "must be at most "
                                    + MAX_NAME_LENGTH
                                    + " characters, not "
                                    + name.length()
                                    + ": the StatefulSet labels its pods"
                                    + " controller-revision-hash=<name>-<hash of up to 10"
                                    + " characters>, and a label value, like the Service name"
                                    + " <name>-members, may have at most 63"));
        }
        if (!DNS_1035_LABEL.matcher(name).matches()) {
            errors.add(
                    new FieldError(
                            "metadata.name",
                            "must be a DNS-1035 label (lowercase letters, digits and '-',"
                                    + " starting with a letter and ending with a letter or"
                                    + " digit): Vigil names Services after it"));
        }
    }

    private static void checkSupported(MonitoredDatabaseSpec spec, List<FieldError> errors) {
        if (spec.getEngine() == Engine.PostgreSQL) {
            errors.add(new FieldError("spec.engine", POSTGRESQL_NOT_SUPPORTED));
        }
        if (spec.getMode() == DatabaseMode.External) {
            errors.add(new FieldError("spec.mode", EXTERNAL_NOT_SUPPORTED));
        }
        if (spec.getEngine() == Engine.MongoDB
                && majorVersion(spec.getVersion()) < OLDEST_MONGODB_MAJOR) {
            errors.add(new FieldError("spec.version", MONGODB_END_OF_LIFE));
        }
    }

    /** The schema's pattern guarantees digits before the first dot. */
    private static int majorVersion(String version) {
        String major = version.split("\\.", 2)[0];
        return major.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(major);
    }

    private static void checkExporterPort(MonitoredDatabaseSpec spec, List<FieldError> errors) {
        if (spec.getExporter() == null || spec.getExporter().getPort() == null) {
            return;
        }
        int databasePort =
                spec.getEngine() == Engine.MongoDB ? DatabasePorts.MONGODB : POSTGRESQL_PORT;
        if (spec.getExporter().getPort() == databasePort) {
            errors.add(
                    new FieldError(
                            "spec.exporter.port",
                            "conflicts with the "
                                    + spec.getEngine()
                                    + " port "
                                    + databasePort
                                    + ": the exporter runs in the same pod and needs a port of"
                                    + " its own"));
        }
    }

    private static void checkHealthGate(HealthGateSpec gate, List<FieldError> errors) {
        if (gate == null || gate.getAnalysis() == null || gate.getAnalysis().isEmpty()) {
            return;
        }
        if (gate.getPrometheusUrl() == null || gate.getPrometheusUrl().isBlank()) {
            errors.add(new FieldError("spec.healthGate.prometheusUrl", PROMETHEUS_URL_REQUIRED));
        }
        Map<String, Integer> firstIndexByName = new HashMap<>();
        List<AnalysisSpec> analyses = gate.getAnalysis();
        for (int i = 0; i < analyses.size(); i++) {
            String name = analyses.get(i).getName();
            Integer first = firstIndexByName.putIfAbsent(name, i);
            if (first != null) {
                errors.add(
                        new FieldError(
                                "spec.healthGate.analysis[" + i + "].name",
                                "duplicates analysis["
                                        + first
                                        + "].name '"
                                        + name
                                        + "': status reports each analysis by name"));
            }
        }
    }

    private static void checkScrapeTimeout(MonitoringSpec monitoring, List<FieldError> errors) {
        if (monitoring == null
                || monitoring.getScrapeTimeout() == null
                || monitoring.getInterval() == null) {
            return;
        }
        if (SpecDuration.parse(monitoring.getScrapeTimeout())
                        .compareTo(SpecDuration.parse(monitoring.getInterval()))
                > 0) {
            errors.add(
                    new FieldError(
                            "spec.monitoring.scrapeTimeout",
                            "must not be longer than monitoring.interval ("
                                    + monitoring.getInterval()
                                    + "): Prometheus refuses such a scrape config"));
        }
    }
}
