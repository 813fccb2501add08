package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A monitored MongoDB or PostgreSQL database: Vigil runs it (Managed) or watches it (External),
 * with its exporter, scrape, alerts and network policy.
 */
@Group(MonitoredDatabase.GROUP)
@Version(MonitoredDatabase.VERSION)
@Kind("MonitoredDatabase")
@Plural("monitoreddatabases")
@Singular("monitoreddatabase")
@ShortNames("mdb")
// The names of the objects Vigil creates carry the database's name. Rules on the root may read
// metadata.name, but their fieldPath cannot point at it: the API server reports them without a
// field, so the message names it.
@ValidationRule(
        value = "size(self.metadata.name) <= " + ValidationMessages.MAX_DATABASE_NAME_LENGTH,
        message = ValidationMessages.METADATA_NAME + ValidationMessages.NAME_TOO_LONG)
@ValidationRule(
        value = "self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
        message = ValidationMessages.METADATA_NAME + ValidationMessages.NAME_NOT_DNS_1035)
@JsonClassDescription(
        "A monitored MongoDB or PostgreSQL database: Vigil runs it (Managed) or watches it"
                + " (External), with its exporter, scrape, alerts and network policy.")
@AdditionalPrinterColumn(name = "Engine", jsonPath = ".spec.engine")
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.version")
@AdditionalPrinterColumn(
        name = "Replicas",
        jsonPath = ".spec.replicas",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.readyReplicas",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Step", jsonPath = ".status.rollout.canary.position")
@AdditionalPrinterColumn(
        name = "Last Backup",
        jsonPath = ".status.backup.lastSuccessful.finishedAt",
        type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class MonitoredDatabase
        extends CustomResource<MonitoredDatabaseSpec, MonitoredDatabaseStatus>
        implements Namespaced {

    public static final String GROUP = "vigil.dev";
    public static final String VERSION = "v1alpha1";
}
