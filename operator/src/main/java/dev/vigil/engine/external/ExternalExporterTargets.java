package dev.vigil.engine.external;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.ExternalSpec;
import dev.vigil.engine.mongodb.MongoExporterTarget;
import dev.vigil.engine.postgres.PostgresExporterTarget;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the exporter of an External database connects, from {@code spec.external}: its {@code
 * endpoints} or its {@code uriSecret}, exactly one of which the validation rules require.
 */
final class ExternalExporterTargets {

    /**
     * lib/pq, the exporter's driver, then encrypts but cannot verify the server without a CA; a
     * user who needs {@code verify-full} gives a {@code uriSecret} with their own parameters.
     */
    static final String POSTGRES_SSL_MODE = "require";

    private ExternalExporterTargets() {}

    /**
     * Every endpoint, as one deployment the exporter discovers; or the Secret's URI. Either way the
     * exporter follows the primary through a failover.
     */
    static MongoExporterTarget mongo(ExternalSpec external) {
        if (external.getUriSecret() != null) {
            return MongoExporterTarget.fromSecret(external.getUriSecret());
        }
        return MongoExporterTarget.discovered(endpoints(external));
    }

    /**
     * The first endpoint, since one postgres_exporter data source is one server, encrypted because
     * the connection leaves the cluster as a rule; or the Secret's data source URI.
     */
    static PostgresExporterTarget postgres(ExternalSpec external) {
        if (external.getUriSecret() != null) {
            return PostgresExporterTarget.fromSecret(external.getUriSecret());
        }
        return PostgresExporterTarget.server(endpoints(external).get(0), POSTGRES_SSL_MODE);
    }

    /**
     * The ports the exporter connects to: every endpoint's for MongoDB, the first endpoint's for
     * PostgreSQL; empty with a {@code uriSecret}, whose contents the builders never read (the
     * operator reads them: {@link ConnectionUriPorts}).
     */
    static Set<Integer> ports(ExternalSpec external, Engine engine) {
        if (external.getUriSecret() != null) {
            return Set.of();
        }
        List<String> endpoints = endpoints(external);
        List<String> used = engine == Engine.PostgreSQL ? endpoints.subList(0, 1) : endpoints;
        Set<Integer> ports = new TreeSet<>();
        for (String endpoint : used) {
            ports.add(Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1)));
        }
        return ports;
    }

    private static List<String> endpoints(ExternalSpec external) {
        if (external.getEndpoints() == null || external.getEndpoints().isEmpty()) {
            throw new IllegalArgumentException(
                    "spec.external: endpoints or uriSecret is required in External mode");
        }
        return external.getEndpoints();
    }
}
