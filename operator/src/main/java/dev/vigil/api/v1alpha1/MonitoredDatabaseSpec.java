package dev.vigil.api.v1alpha1;

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

/** The desired database, its monitoring and its safety settings. */
@JsonClassDescription("The desired database, its monitoring and its safety settings.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitoredDatabaseSpec {

    @Required
    @ValidationRule(value = "self == oldSelf", message = "engine is immutable")
    @JsonPropertyDescription("Database engine: MongoDB or PostgreSQL. Immutable.")
    private Engine engine;

    @Default("Managed")
    @ValidationRule(value = "self == oldSelf", message = "mode is immutable")
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
}
