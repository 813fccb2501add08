package dev.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How a custom resource is named and listed: everything the reference shows about a CRD apart from
 * its schema.
 *
 * @param kind e.g. {@code MonitoredDatabase}
 * @param group e.g. {@code vigil.dev}
 * @param version the served version documented, e.g. {@code v1alpha1}
 * @param scope {@code Namespaced} or {@code Cluster}
 * @param shortNames the {@code kubectl} short names, e.g. {@code mdb}
 * @param description one paragraph saying what the kind is
 * @param printerColumns the columns of {@code kubectl get}, in the CRD's order
 */
public record CrdNames(
        String kind,
        String group,
        String version,
        String scope,
        List<String> shortNames,
        String description,
        List<PrinterColumn> printerColumns) {

    /** A column of {@code kubectl get}. */
    public record PrinterColumn(String name, String type, String jsonPath, String description) {}

    public CrdNames {
        shortNames = List.copyOf(shortNames);
        printerColumns = List.copyOf(printerColumns);
    }

    /**
     * Reads the names and the first version's printer columns of a CRD. The description is given
     * separately: the CRD generator does not write the resource class's description into the
     * schema.
     */
    public static CrdNames fromCrd(JsonNode crd, String description) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        JsonNode version = spec.path("versions").path(0);
        List<String> shortNames = new ArrayList<>();
        names.path("shortNames").forEach(name -> shortNames.add(name.asText()));
        List<PrinterColumn> columns = new ArrayList<>();
        for (JsonNode column : version.path("additionalPrinterColumns")) {
            columns.add(
                    new PrinterColumn(
                            column.path("name").asText(),
                            column.path("type").asText(),
                            column.path("jsonPath").asText(),
                            column.path("description").asText("")));
        }
        return new CrdNames(
                names.path("kind").asText(),
                spec.path("group").asText(),
                version.path("name").asText(),
                spec.path("scope").asText(),
                shortNames,
                description,
                columns);
    }
}
