package dev.vigil.cli;

import static dev.vigil.api.v1alpha1.ValidationMessages.BACKUP_MANAGED;
import static dev.vigil.api.v1alpha1.ValidationMessages.BACKUP_MONGODB_ARCHIVING;
import static dev.vigil.api.v1alpha1.ValidationMessages.BACKUP_RETENTION_ONE_RULE;
import static dev.vigil.api.v1alpha1.ValidationMessages.BACKUP_STORE_EXACTLY_ONE;
import static dev.vigil.api.v1alpha1.ValidationMessages.BOOTSTRAP_MANAGED;
import static dev.vigil.api.v1alpha1.ValidationMessages.EXPORTER_PORT_CONFLICT;
import static dev.vigil.api.v1alpha1.ValidationMessages.EXPORTER_PORT_CONFLICT_WHY;
import static dev.vigil.api.v1alpha1.ValidationMessages.EXTERNAL_CREDENTIALS_REQUIRED;
import static dev.vigil.api.v1alpha1.ValidationMessages.EXTERNAL_EXPORTER_REQUIRED;
import static dev.vigil.api.v1alpha1.ValidationMessages.EXTERNAL_FIELD_UNUSED;
import static dev.vigil.api.v1alpha1.ValidationMessages.EXTERNAL_ONLY;
import static dev.vigil.api.v1alpha1.ValidationMessages.EXTERNAL_TARGET_AMBIGUOUS;
import static dev.vigil.api.v1alpha1.ValidationMessages.EXTERNAL_TARGET_REQUIRED;
import static dev.vigil.api.v1alpha1.ValidationMessages.METADATA_NAME;
import static dev.vigil.api.v1alpha1.ValidationMessages.MONGODB_END_OF_LIFE;
import static dev.vigil.api.v1alpha1.ValidationMessages.NAME_NOT_DNS_1035;
import static dev.vigil.api.v1alpha1.ValidationMessages.NAME_TOO_LONG;
import static dev.vigil.api.v1alpha1.ValidationMessages.NETWORK_PEER_EMPTY;
import static dev.vigil.api.v1alpha1.ValidationMessages.POSTGRESQL_TOO_OLD;
import static dev.vigil.api.v1alpha1.ValidationMessages.PROMETHEUS_URL_REQUIRED;
import static dev.vigil.api.v1alpha1.ValidationMessages.SCRAPE_TIMEOUT_TOO_LONG;
import static dev.vigil.api.v1alpha1.ValidationMessages.SCRAPE_TIMEOUT_TOO_LONG_WHY;
import static dev.vigil.api.v1alpha1.ValidationMessages.SELECTS_NOTHING;
import static dev.vigil.api.v1alpha1.ValidationMessages.TLS_EXTERNAL;
import static dev.vigil.api.v1alpha1.ValidationMessages.TLS_SOURCE_AMBIGUOUS;
import static dev.vigil.api.v1alpha1.ValidationMessages.TLS_SOURCE_REQUIRED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.List;

/**
 * Resources that break one CEL rule of the CRDs each, with the errors both the API server and
 * {@code vigil validate} must report: {@code CelRulesOfflineTest} checks the offline side and that
 * every rule of the CRDs has a case here, {@code ApiServerValidationTest} the server side.
 */
final class CelRuleCases {

    /**
     * One case.
     *
     * @param name what the case shows
     * @param rule the static {@code message} of the CEL rule it breaks: the rule's name here
     * @param resource the resource, as YAML
     * @param errors every error expected, in no particular order
     */
    record Case(String name, String rule, String resource, List<FieldError> errors) {

        JsonNode json() {
            return Serialization.jsonMapper()
                    .valueToTree(Serialization.unmarshal(resource, Object.class));
        }

        ManifestDocument document() {
            return new ManifestDocument(Path.of(name + ".yaml"), 0, json());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final String EXTERNAL =
            "mode: External, external: {endpoints: ['db.example.com:27017'],"
                    + " credentialsSecretName: catalog-monitor}";

    private CelRuleCases() {}

    /** A MonitoredDatabase named {@code name} with {@code spec} (YAML flow style, no braces). */
    static String database(String name, String spec) {
        return """
        apiVersion: vigil.dev/v1alpha1
        kind: MonitoredDatabase
        metadata: {name: %s}
        spec: {%s}
        """
                .formatted(name, spec);
    }

    static String database(String spec) {
        return database("catalog", spec);
    }

    static String mongo(String more) {
        return database("engine: MongoDB, version: '7.0.14'" + (more.isEmpty() ? "" : ", " + more));
    }

    static final String VOLUME_STORE = "{volume: {claimName: backups}}";

    static String postgres(String more) {
        return database(
                "engine: PostgreSQL, version: '16.4'" + (more.isEmpty() ? "" : ", " + more));
    }

    static String externalMongo(String more) {
        return mongo(EXTERNAL + (more.isEmpty() ? "" : ", " + more));
    }

    static String policy(String selector) {
        return """
        apiVersion: vigil.dev/v1alpha1
        kind: AlertPolicy
        metadata: {name: oncall}
        spec: {selector: %s}
        """
                .formatted(selector);
    }

    private static Case one(String name, String rule, String resource, String field) {
        return new Case(name, rule, resource, List.of(new FieldError(field, rule)));
    }

    static List<Case> all() {
        String longName = "catalog-of-every-product-we-have-ever-sold-in-any-shop";
        return List.of(
                one(
                        "external-with-replicas",
                        EXTERNAL_FIELD_UNUSED,
                        externalMongo("replicas: 3"),
                        "spec.replicas"),
                one(
                        "external-with-storage",
                        EXTERNAL_FIELD_UNUSED,
                        externalMongo("storage: {size: 10Gi}"),
                        "spec.storage"),
                one(
                        "external-with-image",
                        EXTERNAL_FIELD_UNUSED,
                        externalMongo("image: 'mongo:7.0.14'"),
                        "spec.image"),
                one(
                        "external-with-resources",
                        EXTERNAL_FIELD_UNUSED,
                        externalMongo("resources: {limits: {cpu: '1'}}"),
                        "spec.resources"),
                one(
                        "external-with-credentials",
                        EXTERNAL_FIELD_UNUSED,
                        externalMongo("credentials: {adminSecretName: catalog-admin}"),
                        "spec.credentials"),
                one(
                        "external-without-exporter",
                        EXTERNAL_EXPORTER_REQUIRED,
                        externalMongo("exporter: {enabled: false}"),
                        "spec.exporter.enabled"),
                one(
                        "external-without-target",
                        EXTERNAL_TARGET_REQUIRED,
                        mongo("mode: External, external: {credentialsSecretName: catalog-monitor}"),
                        "spec.external"),
                new Case(
                        "external-without-external",
                        EXTERNAL_CREDENTIALS_REQUIRED,
                        mongo("mode: External"),
                        List.of(
                                new FieldError("spec.external", EXTERNAL_TARGET_REQUIRED),
                                new FieldError(
                                        "spec.external.credentialsSecretName",
                                        EXTERNAL_CREDENTIALS_REQUIRED))),
                one(
                        "external-with-both-targets",
                        EXTERNAL_TARGET_AMBIGUOUS,
                        mongo(
                                "mode: External, external: {endpoints: ['db.example.com:27017'],"
                                        + " uriSecret: {name: catalog-uri, key: uri},"
                                        + " credentialsSecretName: catalog-monitor}"),
                        "spec.external"),
                one(
                        "external-with-tls",
                        TLS_EXTERNAL,
                        externalMongo("tls: {enabled: true, secretName: catalog-tls}"),
                        "spec.tls.enabled"),
                one(
                        "backup-of-external",
                        BACKUP_MANAGED,
                        externalMongo(
                                "backup: {schedule: '0 2 * * *', store: " + VOLUME_STORE + "}"),
                        "spec.backup"),
                one(
                        "backup-of-mongodb-archiving",
                        BACKUP_MONGODB_ARCHIVING,
                        mongo(
                                "backup: {schedule: '0 2 * * *', archiving: true, store: "
                                        + VOLUME_STORE
                                        + "}"),
                        "spec.backup.archiving"),
                one(
                        "backup-store-s3-and-volume",
                        BACKUP_STORE_EXACTLY_ONE,
                        postgres(
                                "backup: {schedule: '0 2 * * *', store: {s3: {endpoint:"
                                        + " 'https://s3.example.com', bucket: backups, accessKeyId:"
                                        + " {name: store, key: id}, secretAccessKey: {name: store,"
                                        + " key: secret}}, volume: {claimName: backups}}}"),
                        "spec.backup.store"),
                one(
                        "backup-retention-count-and-days",
                        BACKUP_RETENTION_ONE_RULE,
                        postgres(
                                "backup: {schedule: '0 2 * * *', retention: {count: 7, days: 30},"
                                        + " store: "
                                        + VOLUME_STORE
                                        + "}"),
                        "spec.backup.retention"),
                one(
                        "bootstrap-of-external",
                        BOOTSTRAP_MANAGED,
                        externalMongo(
                                "bootstrap: {backup: {store: "
                                        + VOLUME_STORE
                                        + ", database: {name: orders}}}"),
                        "spec.bootstrap"),
                one(
                        "managed-with-external",
                        EXTERNAL_ONLY,
                        mongo(
                                "external: {endpoints: ['db.example.com:27017'],"
                                        + " credentialsSecretName: catalog-monitor}"),
                        "spec.external"),
                one(
                        "tls-without-source",
                        TLS_SOURCE_REQUIRED,
                        mongo("tls: {enabled: true}"),
                        "spec.tls"),
                one(
                        "tls-with-both-sources",
                        TLS_SOURCE_AMBIGUOUS,
                        mongo(
                                "tls: {enabled: true, secretName: catalog-tls,"
                                        + " issuer: {name: internal-ca}}"),
                        "spec.tls"),
                new Case(
                        "mongodb-exporter-on-the-database-port",
                        EXPORTER_PORT_CONFLICT,
                        mongo("exporter: {port: 27017}"),
                        List.of(
                                new FieldError(
                                        "spec.exporter.port",
                                        "conflicts with the MongoDB port 27017"
                                                + EXPORTER_PORT_CONFLICT_WHY))),
                new Case(
                        "postgresql-exporter-on-the-database-port",
                        EXPORTER_PORT_CONFLICT,
                        database("engine: PostgreSQL, version: '16.4', exporter: {port: 5432}"),
                        List.of(
                                new FieldError(
                                        "spec.exporter.port",
                                        "conflicts with the PostgreSQL port 5432"
                                                + EXPORTER_PORT_CONFLICT_WHY))),
                one(
                        "postgresql-13",
                        POSTGRESQL_TOO_OLD,
                        database("engine: PostgreSQL, version: '13.16'"),
                        "spec.version"),
                one(
                        "postgresql-9",
                        POSTGRESQL_TOO_OLD,
                        database("engine: PostgreSQL, version: '9.6'"),
                        "spec.version"),
                one(
                        "mongodb-4",
                        MONGODB_END_OF_LIFE,
                        database("engine: MongoDB, version: '4.4.29'"),
                        "spec.version"),
                one(
                        "external-mongodb-4",
                        MONGODB_END_OF_LIFE,
                        database("engine: MongoDB, version: '4.4', " + EXTERNAL),
                        "spec.version"),
                one(
                        "analysis-without-prometheus",
                        PROMETHEUS_URL_REQUIRED,
                        mongo(
                                "healthGate: {analysis: [{name: errors, query: 'vector(0)',"
                                        + " successCondition: 'result < 1'}]}"),
                        "spec.healthGate.prometheusUrl"),
                new Case(
                        "scrape-timeout-over-the-interval",
                        SCRAPE_TIMEOUT_TOO_LONG + SCRAPE_TIMEOUT_TOO_LONG_WHY,
                        mongo("monitoring: {interval: 30s, scrapeTimeout: 1m}"),
                        List.of(
                                new FieldError(
                                        "spec.monitoring.scrapeTimeout",
                                        SCRAPE_TIMEOUT_TOO_LONG
                                                + " (30s)"
                                                + SCRAPE_TIMEOUT_TOO_LONG_WHY))),
                new Case(
                        "scrape-timeout-over-the-default-interval",
                        SCRAPE_TIMEOUT_TOO_LONG + SCRAPE_TIMEOUT_TOO_LONG_WHY,
                        mongo("monitoring: {scrapeTimeout: 1m30s}"),
                        List.of(
                                new FieldError(
                                        "spec.monitoring.scrapeTimeout",
                                        SCRAPE_TIMEOUT_TOO_LONG
                                                + " (30s)"
                                                + SCRAPE_TIMEOUT_TOO_LONG_WHY))),
                one(
                        "client-peer-selecting-nothing",
                        NETWORK_PEER_EMPTY,
                        mongo("network: {allowedClients: [{podSelector: {}}, {}]}"),
                        "spec.network.allowedClients[1]"),
                one(
                        "prometheus-peer-selecting-nothing",
                        NETWORK_PEER_EMPTY,
                        mongo("network: {prometheus: {}}"),
                        "spec.network.prometheus"),
                new Case(
                        "name-too-long",
                        METADATA_NAME + NAME_TOO_LONG,
                        database(longName, "engine: MongoDB, version: '7.0.14'"),
                        List.of(new FieldError("metadata.name", NAME_TOO_LONG))),
                new Case(
                        "name-not-a-dns-1035-label",
                        METADATA_NAME + NAME_NOT_DNS_1035,
                        database("catalog.eu", "engine: MongoDB, version: '7.0.14'"),
                        List.of(new FieldError("metadata.name", NAME_NOT_DNS_1035))),
                one(
                        "policy-selecting-nothing",
                        SELECTS_NOTHING,
                        policy("{names: [], matchLabels: {}}"),
                        "spec.selector"));
    }
}
