package dev.vigil.engine;

import dev.vigil.api.v1alpha1.DatabaseEndpoints;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.monitoring.EngineMonitoring;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.DesiredResources;
import dev.vigil.resources.NetworkContext;
import dev.vigil.rollout.DataCompatibility;
import dev.vigil.rollout.analysis.EngineAnalyses;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Everything Vigil does differently for one kind of database: one implementation per engine in its
 * own package ({@code engine.mongodb}, {@code engine.postgres}, {@code engine.external}), chosen by
 * {@link DatabaseEngines#of}. Code outside {@code dev.vigil.engine} asks the engine instead of
 * branching on {@code spec.engine} or {@code spec.mode}.
 *
 * <p>Every method but {@link #step} is pure: {@code vigil render} and the tests call them without a
 * cluster or a database.
 */
public interface DatabaseEngine {

    /**
     * Whether Vigil runs the database's members (a StatefulSet, its health gate and rollback), or
     * only an exporter for a database that runs elsewhere.
     */
    boolean runsMembers();

    /**
     * Every object the database needs.
     *
     * @param defaulted the resource to build from, with its schema defaults
     * @throws IllegalArgumentException for a spec the builders cannot write safely, naming the
     *     field; the validator refuses such resources before they get here
     */
    DesiredResources desired(MonitoredDatabase defaulted, BuildContext context);

    /** The Secrets the database's users and connection come from, by role. */
    List<SecretReference> secrets(MonitoredDatabase defaulted);

    /**
     * The network context to build with, once the Secrets are read: External databases learn the
     * ports of a connection URI from its Secret.
     */
    default NetworkContext network(NetworkContext base, SecretReferences secrets) {
        return base;
    }

    /** The engine's default alerts and dashboard. */
    EngineMonitoring monitoring();

    /** How clients reach the database, for {@code status.endpoints}. */
    DatabaseEndpoints endpoints(MonitoredDatabase defaulted, String clusterDomain);

    /** {@code host:port} of every member the spec asks for, which Vigil connects to. */
    default List<String> members(MonitoredDatabase defaulted, String clusterDomain) {
        return ResourceNames.memberAddresses(
                defaulted, defaulted.getSpec().getReplicas(), clusterDomain);
    }

    /** The Services clients reach the database by: what its TLS certificate must name. */
    List<String> clientServices(MonitoredDatabase defaulted);

    /**
     * Whether a TLS Secret the spec names must carry {@code ca.crt}: the members verify each other
     * with it.
     */
    default boolean tlsNeedsCa() {
        return false;
    }

    /**
     * The engine's data compatibility version, when its data carries one apart from the binaries'
     * version (MongoDB's featureCompatibilityVersion), for the health gate.
     */
    default Optional<DataCompatibility> dataCompatibility() {
        return Optional.empty();
    }

    /**
     * The engine's queries for the health gate's ready-made analyses ({@code
     * spec.healthGate.standardAnalyses}); none where Vigil runs no gate (External mode).
     */
    default Optional<EngineAnalyses> analyses() {
        return Optional.empty();
    }

    /**
     * The step that brings the running database toward the spec on each pass, made once per
     * operator with the clients it needs.
     */
    EngineStep step(DatabaseClients clients, Clock clock);
}
