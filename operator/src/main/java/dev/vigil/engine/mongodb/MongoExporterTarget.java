package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.SecretKeyReference;
import java.util.List;
import java.util.Objects;

/**
 * Where percona's mongodb_exporter connects: a URI written in its arguments, or one read from a
 * Secret key, and whether it talks to that one server only or discovers the replica set behind it.
 * A URI here never holds credentials: the exporter gets those from the environment.
 *
 * @param uri the connection URI, or null when it comes from {@code uriSecret}
 * @param uriSecret the Secret key holding the URI, or null when {@code uri} is set
 * @param directConnection true to talk to the one server of the URI only; false to discover the
 *     replica set (or use the mongos) behind it, which a URI with several hosts or {@code
 *     mongodb+srv} requires
 */
public record MongoExporterTarget(
        String uri, SecretKeyReference uriSecret, boolean directConnection) {

    public MongoExporterTarget {
        if ((uri == null) == (uriSecret == null)) {
            throw new IllegalArgumentException("exactly one of uri and uriSecret is required");
        }
    }

    /** One member only, as a sidecar watches its own member. */
    public static MongoExporterTarget member(String uri) {
        return new MongoExporterTarget(Objects.requireNonNull(uri), null, true);
    }

    /**
     * The deployment behind {@code hosts} ({@code host:port} each), found by discovery: the
     * exporter then follows a failover, so {@code mongodb_up} says whether the database answers
     * rather than whether one particular member does.
     */
    public static MongoExporterTarget discovered(List<String> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one host is required");
        }
        // Credentials are checked against the admin database, where monitoring users live.
        return new MongoExporterTarget(
                "mongodb://" + String.join(",", hosts) + "/admin", null, false);
    }

    /**
     * A URI kept in a Secret key, for example a {@code mongodb+srv://} address of a cloud database;
     * it may name several hosts, so the exporter discovers the deployment.
     */
    public static MongoExporterTarget fromSecret(SecretKeyReference uriSecret) {
        return new MongoExporterTarget(null, Objects.requireNonNull(uriSecret), false);
    }
}
