package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One column of {@code kubectl get}, as a CRD's {@code additionalPrinterColumns} declares it.
 *
 * @param name column header
 * @param type {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code date}
 * @param format optional OpenAPI format, e.g. {@code name}
 * @param description what the column shows
 * @param priority 0 for the default view, more for {@code -o wide}
 * @param jsonPath simple JSONPath of the value, e.g. {@code .status.phase}
 */
record PrinterColumn(
        String name,
        String type,
        String format,
        String description,
        int priority,
        String jsonPath) {

    /** The Age column a CRD without printer columns gets. */
    static final PrinterColumn AGE =
            new PrinterColumn(
                    "Age",
                    "date",
                    "",
                    "CreationTimestamp is a timestamp representing the server time when this object"
                            + " was created.",
                    0,
                    ".metadata.creationTimestamp");

    static PrinterColumn fromCrd(JsonNode column) {
        return new PrinterColumn(
                column.path("name").asText(),
                column.path("type").asText("string"),
                column.path("format").asText(""),
                column.path("description").asText(""),
                column.path("priority").asInt(0),
                column.path("jsonPath").asText());
    }
}
