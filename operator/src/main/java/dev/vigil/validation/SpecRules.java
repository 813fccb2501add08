package dev.vigil.validation;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.ExternalSpec;
import dev.vigil.api.v1alpha1.HealthGateSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.MonitoringSpec;
import dev.vigil.api.v1alpha1.NetworkPeer;
import dev.vigil.api.v1alpha1.NetworkSpec;
import dev.vigil.api.v1alpha1.TlsSpec;
import dev.vigil.api.v1alpha1.ValidationMessages;
import dev.vigil.engine.mongodb.MongodConfiguration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vigil's own rules for a MonitoredDatabase, the ones a CRD's OpenAPI schema cannot express: what
 * this version supports, limits that come from the names of the objects Vigil creates, and fields
 * that only make sense together. Those that CEL can express are also the CRD's {@code
 * x-kubernetes-validations} (see {@code MonitoredDatabaseSpec}), so the API server refuses them
 * too, with the same field and the same words ({@link ValidationMessages}); the endpoint format and
 * the uniqueness of analysis names are Vigil's alone.
 *
 * <p>The input must already pass the CRD schema, and is the resource as written, without defaults:
 * the rules apply {@link SchemaDefaults} themselves to read defaults (the monitoring interval, say)
 * instead of repeating them, and keep the written resource to tell a field the user set from one
 * the schema defaults. External mode needs that: {@code replicas} and {@code storage} have
 * defaults, yet a user who sets them for a database Vigil does not run has misunderstood something,
 * and is told so.
 */
public final class SpecRules {

    /**
     * The longest name a MonitoredDatabase may have. The StatefulSet is named after the database
     * and labels its pods {@code controller-revision-hash=<name>-<hash>}, where the hash has up to
     * 10 characters; a label value may have at most 63 characters, so 63 - 1 - 10 = 52. The other
     * names bound to 63 characters leave more room: the headless Service {@code <name>-members}
     * (55) and the pod names {@code <name>-<ordinal>} (61).
     */
    public static final int MAX_NAME_LENGTH = ValidationMessages.MAX_DATABASE_NAME_LENGTH;

    public static final String POSTGRESQL_TOO_OLD = ValidationMessages.POSTGRESQL_TOO_OLD;
    public static final String EXTERNAL_TARGET_REQUIRED =
            ValidationMessages.EXTERNAL_TARGET_REQUIRED;
    public static final String EXTERNAL_TARGET_AMBIGUOUS =
            ValidationMessages.EXTERNAL_TARGET_AMBIGUOUS;
    public static final String EXTERNAL_CREDENTIALS_REQUIRED =
            ValidationMessages.EXTERNAL_CREDENTIALS_REQUIRED;
    public static final String EXTERNAL_ENDPOINT_FORMAT =
            "must be host:port with a port from 1 to 65535";
    public static final String EXTERNAL_FIELD_UNUSED = ValidationMessages.EXTERNAL_FIELD_UNUSED;
    public static final String EXTERNAL_EXPORTER_REQUIRED =
            ValidationMessages.EXTERNAL_EXPORTER_REQUIRED;
    public static final String EXTERNAL_ONLY = ValidationMessages.EXTERNAL_ONLY;
    public static final String MONGODB_END_OF_LIFE = ValidationMessages.MONGODB_END_OF_LIFE;
    public static final String PROMETHEUS_URL_REQUIRED = ValidationMessages.PROMETHEUS_URL_REQUIRED;

    public static final String TLS_SOURCE_REQUIRED = ValidationMessages.TLS_SOURCE_REQUIRED;
    public static final String TLS_SOURCE_AMBIGUOUS = ValidationMessages.TLS_SOURCE_AMBIGUOUS;
    public static final String TLS_EXTERNAL = ValidationMessages.TLS_EXTERNAL;

    public static final String NETWORK_PEER_EMPTY = ValidationMessages.NETWORK_PEER_EMPTY;

    /** A DNS-1035 label: Service names must be one, and Vigil's Services carry the name. */
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    /**
     * An endpoint: a DNS name or IPv4 address, or an IPv6 address in brackets, then a port. Nothing
     * else, so that an endpoint cannot smuggle user info, a path or options into the URI built from
     * it.
     */
    private static final Pattern ENDPOINT =
            Pattern.compile(
                    "(?:[A-Za-z0-9](?:[-A-Za-z0-9]*[A-Za-z0-9])?"
                            + "(?:\\.[A-Za-z0-9](?:[-A-Za-z0-9]*[A-Za-z0-9])?)*"
                            + "|\\[[0-9A-Fa-f:.]+])"
                            + ":([0-9]{1,5})");

    private static final int MAX_PORT = 65535;

    private SpecRules() {}

    /**
     * Every rule {@code database} breaks; empty when it follows them all.
     *
     * @param database the resource as written, not defaulted
     */
    public static List<FieldError> check(MonitoredDatabase database) {
        List<FieldError> errors = new ArrayList<>();
        checkName(database.getMetadata() == null ? null : database.getMetadata().getName(), errors);
        MonitoredDatabaseSpec written = database.getSpec();
        if (written == null || written.getEngine() == null || written.getVersion() == null) {
            // Only a resource without any spec gets here: the schema requires both inside one.
            errors.add(new FieldError("spec", "is required, with at least engine and version"));
            return errors;
        }
        MonitoredDatabaseSpec spec = SchemaDefaults.withDefaults(database).getSpec();
        checkSupported(spec, errors);
        if (!DatabaseMode.runsMembers(spec.getMode())) {
            checkExternal(written, errors);
        } else {
            checkManaged(spec, errors);
        }
        checkTls(spec, errors);
        checkHealthGate(spec.getHealthGate(), errors);
        StandardAnalysisRules.check(spec, errors);
        CanaryRules.check(spec, errors);
        DurationRules.check(spec, errors);
        ResourceRules.check(spec, errors);
        checkScrapeTimeout(spec.getMonitoring(), errors);
        ObjectiveRules.check(spec, errors);
        checkNetwork(spec.getNetwork(), errors);
        ServiceAccountRules.check(spec, errors);
        BackupRules.check(spec, errors);
        BootstrapRules.check(database, spec, errors);
        return errors;
    }

    /** {@code spec.tls}: on in Managed mode only, with one source of the certificate. */
    private static void checkTls(MonitoredDatabaseSpec spec, List<FieldError> errors) {
        TlsSpec tls = spec.getTls();
        if (tls == null || !Boolean.TRUE.equals(tls.getEnabled())) {
            return;
        }
        if (!DatabaseMode.runsMembers(spec.getMode())) {
            errors.add(new FieldError("spec.tls.enabled", TLS_EXTERNAL));
            return;
        }
        boolean secret = tls.getSecretName() != null && !tls.getSecretName().isEmpty();
        // The defaults fill in issuer.kind alone when no issuer is written.
        boolean issuer = tls.getIssuer() != null && tls.getIssuer().getName() != null;
        if (!secret && !issuer) {
            errors.add(new FieldError("spec.tls", TLS_SOURCE_REQUIRED));
        } else if (secret && issuer) {
            errors.add(new FieldError("spec.tls", TLS_SOURCE_AMBIGUOUS));
        }
    }

    /** Every peer of {@code spec.network} selects something, as a NetworkPolicy peer must. */
    private static void checkNetwork(NetworkSpec network, List<FieldError> errors) {
        if (network == null) {
            return;
        }
        List<NetworkPeer> clients =
                network.getAllowedClients() == null ? List.of() : network.getAllowedClients();
        for (int i = 0; i < clients.size(); i++) {
            checkPeer("spec.network.allowedClients[" + i + "]", clients.get(i), errors);
        }
        if (network.getPrometheus() != null) {
            checkPeer("spec.network.prometheus", network.getPrometheus(), errors);
        }
    }

    private static void checkPeer(String field, NetworkPeer peer, List<FieldError> errors) {
        if (peer == null
                || (peer.getPodSelector() == null && peer.getNamespaceSelector() == null)) {
            errors.add(new FieldError(field, NETWORK_PEER_EMPTY));
        }
    }

    private static void checkName(String name, List<FieldError> errors) {
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("metadata.name", "is required"));
            return;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("metadata.name", ValidationMessages.NAME_TOO_LONG));
        }
        if (!DNS_1035_LABEL.matcher(name).matches()) {
            errors.add(new FieldError("metadata.name", ValidationMessages.NAME_NOT_DNS_1035));
        }
    }

    private static void checkSupported(MonitoredDatabaseSpec spec, List<FieldError> errors) {
        Engine engine = spec.getEngine();
        boolean applies =
                DatabaseMode.runsMembers(spec.getMode()) || engine.oldestMajorAppliesToExternal();
        if (applies && majorVersion(spec.getVersion()) < engine.oldestSupportedMajor()) {
            errors.add(new FieldError("spec.version", engine.tooOldMessage()));
        }
    }

    /** The schema's pattern guarantees digits before the first dot. */
    private static int majorVersion(String version) {
        String major = version.split("\\.", 2)[0];
        return major.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(major);
    }

    private static void checkManaged(MonitoredDatabaseSpec spec, List<FieldError> errors) {
        if (spec.getExternal() != null) {
            errors.add(new FieldError("spec.external", EXTERNAL_ONLY));
        }
        checkExporterPort(spec, errors);
        if (spec.getMongodb() != null) {
            errors.addAll(MongodConfiguration.problems(spec.getMongodb().getConfiguration()));
        }
    }

    /**
     * External mode: where the exporter connects and as whom, and none of the fields that shape a
     * database Vigil runs.
     *
     * @param written the spec as written, to see what the user set
     */
    private static void checkExternal(MonitoredDatabaseSpec written, List<FieldError> errors) {
        // The API server stores the schema's default (1) before Vigil sees the resource, so 1 is
        // what an unset replicas looks like on a cluster.
        unsetInExternal(
                "spec.replicas",
                Integer.valueOf(1).equals(written.getReplicas()) ? null : written.getReplicas(),
                errors);
        unsetInExternal("spec.storage", written.getStorage(), errors);
        unsetInExternal("spec.image", written.getImage(), errors);
        // Easily taken for the exporter's resources, which are spec.exporter.resources.
        unsetInExternal("spec.resources", written.getResources(), errors);
        unsetInExternal("spec.credentials", written.getCredentials(), errors);
        unsetInExternal(
                "spec.mongodb.configuration",
                written.getMongodb() == null ? null : written.getMongodb().getConfiguration(),
                errors);
        if (written.getExporter() != null
                && Boolean.FALSE.equals(written.getExporter().getEnabled())) {
            errors.add(new FieldError("spec.exporter.enabled", EXTERNAL_EXPORTER_REQUIRED));
        }
        ExternalSpec external = written.getExternal();
        if (external == null) {
            errors.add(new FieldError("spec.external", EXTERNAL_TARGET_REQUIRED));
            errors.add(
                    new FieldError(
                            "spec.external.credentialsSecretName", EXTERNAL_CREDENTIALS_REQUIRED));
            return;
        }
        List<String> endpoints =
                external.getEndpoints() == null ? List.of() : external.getEndpoints();
        if (endpoints.isEmpty() && external.getUriSecret() == null) {
            errors.add(new FieldError("spec.external", EXTERNAL_TARGET_REQUIRED));
        } else if (!endpoints.isEmpty() && external.getUriSecret() != null) {
            errors.add(new FieldError("spec.external", EXTERNAL_TARGET_AMBIGUOUS));
        }
        for (int i = 0; i < endpoints.size(); i++) {
            if (!validEndpoint(endpoints.get(i))) {
                errors.add(
                        new FieldError(
                                "spec.external.endpoints[" + i + "]",
                                EXTERNAL_ENDPOINT_FORMAT + ", not '" + endpoints.get(i) + "'"));
            }
        }
        String credentials = external.getCredentialsSecretName();
        if (credentials == null || credentials.isEmpty()) {
            errors.add(
                    new FieldError(
                            "spec.external.credentialsSecretName", EXTERNAL_CREDENTIALS_REQUIRED));
        }
    }

    private static void unsetInExternal(String field, Object value, List<FieldError> errors) {
        if (value != null) {
            errors.add(new FieldError(field, EXTERNAL_FIELD_UNUSED));
        }
    }

    private static boolean validEndpoint(String endpoint) {
        if (endpoint == null) {
            return false;
        }
        Matcher matcher = ENDPOINT.matcher(endpoint);
        if (!matcher.matches()) {
            return false;
        }
        int port = Integer.parseInt(matcher.group(1));
        return port >= 1 && port <= MAX_PORT;
    }

    private static void checkExporterPort(MonitoredDatabaseSpec spec, List<FieldError> errors) {
        if (spec.getExporter() == null || spec.getExporter().getPort() == null) {
            return;
        }
        int databasePort = spec.getEngine().port();
        if (spec.getExporter().getPort() == databasePort) {
            errors.add(
                    new FieldError(
                            "spec.exporter.port",
                            "conflicts with the "
                                    + spec.getEngine()
                                    + " port "
                                    + databasePort
                                    + ValidationMessages.EXPORTER_PORT_CONFLICT_WHY));
        }
    }

    private static void checkHealthGate(HealthGateSpec gate, List<FieldError> errors) {
        if (gate == null) {
            return;
        }
        boolean written = gate.getAnalysis() != null && !gate.getAnalysis().isEmpty();
        boolean standard =
                gate.getStandardAnalyses() != null && !gate.getStandardAnalyses().isEmpty();
        if ((written || standard)
                && (gate.getPrometheusUrl() == null || gate.getPrometheusUrl().isBlank())) {
            errors.add(new FieldError("spec.healthGate.prometheusUrl", PROMETHEUS_URL_REQUIRED));
        }
        if (!written) {
            return;
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
                || monitoring.getInterval() == null
                // DurationRules reports a duration too long to compare.
                || !DurationRules.fits("", monitoring.getScrapeTimeout(), new ArrayList<>())
                || !DurationRules.fits("", monitoring.getInterval(), new ArrayList<>())) {
            return;
        }
        if (SpecDuration.parse(monitoring.getScrapeTimeout())
                        .compareTo(SpecDuration.parse(monitoring.getInterval()))
                > 0) {
            errors.add(
                    new FieldError(
                            "spec.monitoring.scrapeTimeout",
                            ValidationMessages.SCRAPE_TIMEOUT_TOO_LONG
                                    + " ("
                                    + monitoring.getInterval()
                                    + ")"
                                    + ValidationMessages.SCRAPE_TIMEOUT_TOO_LONG_WHY));
        }
    }
}
