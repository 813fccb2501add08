package dev.vigil.api.v1alpha1;

import static dev.vigil.api.v1alpha1.ValidationMessages.EXTERNAL;
import static dev.vigil.api.v1alpha1.ValidationMessages.TLS_ENABLED;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * The desired database, its monitoring and its safety settings.
 *
 * <p>The rules on the class are the ones between fields that the API server checks itself (CEL);
 * {@code SpecRules} checks the same offline, with the same messages.
 */
// External mode: the fields that shape a database Vigil runs are unset. replicas has a schema
// default of 1, stored before any rule runs, so 1 is what an unset replicas looks like.
@ValidationRule(
        value = "!" + EXTERNAL + " || !has(self.replicas) || self.replicas == 1",
        fieldPath = ".replicas",
        reason = "FieldValueForbidden",
        message = ValidationMessages.EXTERNAL_FIELD_UNUSED)
@ValidationRule(
        value = "!" + EXTERNAL + " || !has(self.storage)",
        fieldPath = ".storage",
        reason = "FieldValueForbidden",
        message = ValidationMessages.EXTERNAL_FIELD_UNUSED)
@ValidationRule(
        value = "!" + EXTERNAL + " || !has(self.image)",
        fieldPath = ".image",
        reason = "FieldValueForbidden",
        message = ValidationMessages.EXTERNAL_FIELD_UNUSED)
@ValidationRule(
        value = "!" + EXTERNAL + " || !has(self.resources)",
        fieldPath = ".resources",
        reason = "FieldValueForbidden",
        message = ValidationMessages.EXTERNAL_FIELD_UNUSED)
@ValidationRule(
        value = "!" + EXTERNAL + " || !has(self.credentials)",
        fieldPath = ".credentials",
        reason = "FieldValueForbidden",
        message = ValidationMessages.EXTERNAL_FIELD_UNUSED)
@ValidationRule(
        value =
                "!"
                        + EXTERNAL
                        + " || !has(self.exporter) || !has(self.exporter.enabled)"
                        + " || self.exporter.enabled",
        fieldPath = ".exporter.enabled",
        message = ValidationMessages.EXTERNAL_EXPORTER_REQUIRED)
// External mode: exactly one target, and the monitoring user's Secret.
@ValidationRule(
        value =
                "!"
                        + EXTERNAL
                        + " || (has(self.external) && ((has(self.external.endpoints) &&"
                        + " size(self.external.endpoints) > 0) || has(self.external.uriSecret)))",
        fieldPath = ".external",
        reason = "FieldValueRequired",
        message = ValidationMessages.EXTERNAL_TARGET_REQUIRED)
@ValidationRule(
        value =
                "!"
                        + EXTERNAL
                        + " || !has(self.external) || !(has(self.external.endpoints)"
                        + " && size(self.external.endpoints) > 0 && has(self.external.uriSecret))",
        fieldPath = ".external",
        message = ValidationMessages.EXTERNAL_TARGET_AMBIGUOUS)
@ValidationRule(
        value =
                "!"
                        + EXTERNAL
                        + " || (has(self.external) && has(self.external.credentialsSecretName))",
        fieldPath = ".external.credentialsSecretName",
        reason = "FieldValueRequired",
        message = ValidationMessages.EXTERNAL_CREDENTIALS_REQUIRED)
@ValidationRule(
        value = "!" + EXTERNAL + " || !" + TLS_ENABLED,
        fieldPath = ".tls.enabled",
        message = ValidationMessages.TLS_EXTERNAL)
// Managed mode.
@ValidationRule(
        value = EXTERNAL + " || !has(self.external)",
        fieldPath = ".external",
        reason = "FieldValueForbidden",
        message = ValidationMessages.EXTERNAL_ONLY)
@ValidationRule(
        value =
                EXTERNAL
                        + " || !"
                        + TLS_ENABLED
                        + " || has(self.tls.secretName) || has(self.tls.issuer)",
        fieldPath = ".tls",
        reason = "FieldValueRequired",
        message = ValidationMessages.TLS_SOURCE_REQUIRED)
@ValidationRule(
        value =
                EXTERNAL
                        + " || !"
                        + TLS_ENABLED
                        + " || !(has(self.tls.secretName) && has(self.tls.issuer))",
        fieldPath = ".tls",
        message = ValidationMessages.TLS_SOURCE_AMBIGUOUS)
@ValidationRule(
        value =
                EXTERNAL
                        + " || !has(self.exporter) || !has(self.exporter.port)"
                        + " || self.exporter.port != (self.engine == 'MongoDB' ? "
                        + Engine.MONGODB_PORT
                        + " : "
                        + Engine.POSTGRESQL_PORT
                        + ")",
        fieldPath = ".exporter.port",
        // The engine's name, not self.engine: the cost estimate of a string of unknown length
        // breaks the CRD's budget.
        messageExpression =
                "'conflicts with the ' + (self.engine == 'MongoDB' ? 'MongoDB port "
                        + Engine.MONGODB_PORT
                        + "' : 'PostgreSQL port "
                        + Engine.POSTGRESQL_PORT
                        + "') + '"
                        + ValidationMessages.EXPORTER_PORT_CONFLICT_WHY
                        + "'",
        message = ValidationMessages.EXPORTER_PORT_CONFLICT)
// Supported versions: the major version is the digits before the first dot, which the version's
// pattern guarantees; a major of more than 9 digits counts as new enough, as in SpecRules.
@ValidationRule(
        value =
                "!(self.engine == 'PostgreSQL' && !"
                        + EXTERNAL
                        + ") || !self.version.matches('^(0{0,8}[0-9]|0{0,7}1[0-3])([.]|$)')",
        fieldPath = ".version",
        message = ValidationMessages.POSTGRESQL_TOO_OLD)
@ValidationRule(
        value = "self.engine != 'MongoDB' || !self.version.matches('^0{0,8}[0-4]([.]|$)')",
        fieldPath = ".version",
        message = ValidationMessages.MONGODB_END_OF_LIFE)
// Backups: databases Vigil runs; MongoDB's are dumps, without continuous archiving.
@ValidationRule(
        value = "!has(self.backup) || !" + EXTERNAL,
        fieldPath = ".backup",
        reason = "FieldValueForbidden",
        message = ValidationMessages.BACKUP_MANAGED)
@ValidationRule(
        value =
                "!has(self.backup) || self.engine != 'MongoDB' || !has(self.backup.archiving) ||"
                        + " !self.backup.archiving",
        fieldPath = ".backup.archiving",
        reason = "FieldValueForbidden",
        message = ValidationMessages.BACKUP_MONGODB_ARCHIVING)
// Bootstrap: databases Vigil runs, set at creation only (removing it is allowed).
@ValidationRule(
        value = "!has(self.bootstrap) || !" + EXTERNAL,
        fieldPath = ".bootstrap",
        reason = "FieldValueForbidden",
        message = ValidationMessages.BOOTSTRAP_MANAGED)
@ValidationRule(
        value =
                "!has(self.bootstrap) || (has(oldSelf.bootstrap) && self.bootstrap =="
                        + " oldSelf.bootstrap)",
        fieldPath = ".bootstrap",
        message = ValidationMessages.BOOTSTRAP_IMMUTABLE)
@JsonClassDescription("The desired database, its monitoring and its safety settings.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitoredDatabaseSpec {

    @Required
    @ValidationRule(value = "self == oldSelf", message = ValidationMessages.ENGINE_IMMUTABLE)
    @JsonPropertyDescription("Database engine: MongoDB or PostgreSQL. Immutable.")
    private Engine engine;

    @Default("Managed")
    @ValidationRule(value = "self == oldSelf", message = ValidationMessages.MODE_IMMUTABLE)
    @JsonPropertyDescription(
            "Managed (Vigil runs the database) or External (Vigil monitors an existing one)."
                    + " Immutable.")
    private DatabaseMode mode;

    @Required
    @Pattern("^[0-9]+(\\.[0-9]+){0,2}$")
    @JsonPropertyDescription("Engine version, e.g. 7.0.14 or 16.4; it picks the image.")
    private String version;

    @JsonPropertyDescription("Database image, overriding the one picked by version.")
    private String image;

    @Default("1")
    @Min(1)
    @Max(7)
    @JsonPropertyDescription(
            "Members: MongoDB replica set members, or a PostgreSQL primary plus standbys.")
    private Integer replicas;

    @JsonPropertyDescription("Volumes of the members.")
    private StorageSpec storage;

    @JsonPropertyDescription("Resources of the database container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Pod settings passed through to the database pods.")
    private PodTemplateOverrides podTemplate;

    @JsonPropertyDescription(
            "The ServiceAccount the database's pods run as: annotations for cloud identity.")
    private ServiceAccountSpec serviceAccount;

    @JsonPropertyDescription("Credentials Secrets, existing or generated.")
    private CredentialsSpec credentials;

    @JsonPropertyDescription("The metrics exporter sidecar (Managed) or Deployment (External).")
    private ExporterSpec exporter;

    @JsonPropertyDescription("Scrape, alert rules and dashboards.")
    private MonitoringSpec monitoring;

    @JsonPropertyDescription("NetworkPolicy.")
    private NetworkSpec network;

    @JsonPropertyDescription("Health gate and rollback of changes.")
    private HealthGateSpec healthGate;

    @JsonPropertyDescription("Upgrade guards.")
    private UpgradeSpec upgrade;

    @JsonPropertyDescription("MongoDB settings.")
    private MongoDBSpec mongodb;

    @JsonPropertyDescription("PostgreSQL settings.")
    private PostgresSpec postgres;

    @JsonPropertyDescription("External mode: where the database is.")
    private ExternalSpec external;

    @JsonPropertyDescription("Server TLS.")
    private TlsSpec tls;

    @JsonPropertyDescription("Backups and continuous archiving (PostgreSQL, Managed mode).")
    private BackupSpec backup;

    @JsonPropertyDescription(
            "Create this database from another database's backups (PostgreSQL, Managed mode; set"
                    + " at creation only).")
    private BootstrapSpec bootstrap;

    public Engine getEngine() {
        return engine;
    }

    public void setEngine(Engine engine) {
        this.engine = engine;
    }

    public DatabaseMode getMode() {
        return mode;
    }

    public void setMode(DatabaseMode mode) {
        this.mode = mode;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public PodTemplateOverrides getPodTemplate() {
        return podTemplate;
    }

    public void setPodTemplate(PodTemplateOverrides podTemplate) {
        this.podTemplate = podTemplate;
    }

    public ServiceAccountSpec getServiceAccount() {
        return serviceAccount;
    }

    public void setServiceAccount(ServiceAccountSpec serviceAccount) {
        this.serviceAccount = serviceAccount;
    }

    public CredentialsSpec getCredentials() {
        return credentials;
    }

    public void setCredentials(CredentialsSpec credentials) {
        this.credentials = credentials;
    }

    public ExporterSpec getExporter() {
        return exporter;
    }

    public void setExporter(ExporterSpec exporter) {
        this.exporter = exporter;
    }

    public MonitoringSpec getMonitoring() {
        return monitoring;
    }

    public void setMonitoring(MonitoringSpec monitoring) {
        this.monitoring = monitoring;
    }

    public NetworkSpec getNetwork() {
        return network;
    }

    public void setNetwork(NetworkSpec network) {
        this.network = network;
    }

    public HealthGateSpec getHealthGate() {
        return healthGate;
    }

    public void setHealthGate(HealthGateSpec healthGate) {
        this.healthGate = healthGate;
    }

    public UpgradeSpec getUpgrade() {
        return upgrade;
    }

    public void setUpgrade(UpgradeSpec upgrade) {
        this.upgrade = upgrade;
    }

    public MongoDBSpec getMongodb() {
        return mongodb;
    }

    public void setMongodb(MongoDBSpec mongodb) {
        this.mongodb = mongodb;
    }

    public PostgresSpec getPostgres() {
        return postgres;
    }

    public void setPostgres(PostgresSpec postgres) {
        this.postgres = postgres;
    }

    public ExternalSpec getExternal() {
        return external;
    }

    public void setExternal(ExternalSpec external) {
        this.external = external;
    }

    public TlsSpec getTls() {
        return tls;
    }

    public void setTls(TlsSpec tls) {
        this.tls = tls;
    }

    public BackupSpec getBackup() {
        return backup;
    }

    public void setBackup(BackupSpec backup) {
        this.backup = backup;
    }

    public BootstrapSpec getBootstrap() {
        return bootstrap;
    }

    public void setBootstrap(BootstrapSpec bootstrap) {
        this.bootstrap = bootstrap;
    }
}
