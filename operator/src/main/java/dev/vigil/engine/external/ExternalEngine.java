package dev.vigil.engine.external;

import dev.vigil.api.v1alpha1.DatabaseEndpoints;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.ExternalSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseClients;
import dev.vigil.engine.DatabaseEngine;
import dev.vigil.engine.EngineStep;
import dev.vigil.engine.SecretReference;
import dev.vigil.engine.SecretReferences;
import dev.vigil.engine.SecretReferences.Role;
import dev.vigil.monitoring.EngineMonitoring;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.DesiredResources;
import dev.vigil.resources.NetworkContext;
import dev.vigil.status.DatabaseEndpointsBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A database that runs elsewhere (a cloud service, another team's cluster): Vigil runs only its
 * exporter, in a Deployment, with the monitoring, alerts and NetworkPolicy around it. The alerts
 * and dashboard are those of the database's engine, less what is about members Vigil does not run.
 */
public final class ExternalEngine implements DatabaseEngine {

    private final Engine kind;
    private final EngineMonitoring monitoring;

    /**
     * @param kind the engine of the database
     * @param monitoring that engine's alerts and dashboard
     */
    public ExternalEngine(Engine kind, EngineMonitoring monitoring) {
        this.kind = kind;
        this.monitoring = monitoring;
    }

    @Override
    public boolean runsMembers() {
        return false;
    }

    @Override
    public DesiredResources desired(MonitoredDatabase defaulted, BuildContext context) {
        return ExternalResourcesBuilder.build(defaulted, context);
    }

    /** The exporter's login, and the connection URI when the spec gives one in a Secret. */
    @Override
    public List<SecretReference> secrets(MonitoredDatabase defaulted) {
        ExternalSpec external = defaulted.getSpec().getExternal();
        List<SecretReference> secrets = new ArrayList<>();
        secrets.add(
                SecretReference.credentials(
                        Role.EXTERNAL,
                        external.getCredentialsSecretName(),
                        Optional.of("spec.external.credentialsSecretName")));
        if (external.getUriSecret() != null) {
            secrets.add(
                    new SecretReference(
                            Role.URI,
                            external.getUriSecret().getName(),
                            Optional.of("spec.external.uriSecret"),
                            Optional.of(external.getUriSecret().getKey())));
        }
        return secrets;
    }

    /** The exporter's NetworkPolicy lets it reach the ports of the URI in the Secret. */
    @Override
    public NetworkContext network(NetworkContext base, SecretReferences secrets) {
        return base.withExternalUriPorts(
                secrets.uri().map(uri -> ConnectionUriPorts.of(uri, kind)).orElse(Set.of()));
    }

    @Override
    public EngineMonitoring monitoring() {
        return monitoring;
    }

    /** The exporter's Service, and the endpoints it connects to. */
    @Override
    public DatabaseEndpoints endpoints(MonitoredDatabase defaulted, String clusterDomain) {
        return DatabaseEndpointsBuilder.withMetrics(
                DatabaseEndpointsBuilder.external(defaulted), defaulted, clusterDomain);
    }

    /** The endpoints the spec names: Vigil connects to none of them itself. */
    @Override
    public List<String> members(MonitoredDatabase defaulted, String clusterDomain) {
        List<String> endpoints = defaulted.getSpec().getExternal().getEndpoints();
        return endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    /** Vigil serves no TLS for a database it does not run. */
    @Override
    public List<String> clientServices(MonitoredDatabase defaulted) {
        return List.of();
    }

    @Override
    public EngineStep step(DatabaseClients clients, Clock clock) {
        return new ExternalExporterStep(clients.exporters());
    }
}
