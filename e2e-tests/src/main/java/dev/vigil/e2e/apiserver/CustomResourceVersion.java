package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.validation.CrdSchemaValidator;
import java.util.List;
import java.util.Optional;

/**
 * One served version of a custom resource, with what the API server needs to handle it: its
 * discovery entry, structural schema, printer columns, and a validator when the CRD is one of
 * Vigil's own.
 *
 * @param type the discovery entry
 * @param schema the version's {@code openAPIV3Schema}, or a missing node
 * @param printerColumns the columns of {@code kubectl get}, Age first when none are declared
 * @param validator the operator's validator for this schema, when the CRD is bundled in the jar
 */
record CustomResourceVersion(
        ResourceType type,
        JsonNode schema,
        List<PrinterColumn> printerColumns,
        Optional<CrdSchemaValidator> validator) {

    StructuralSchema structuralSchema() {
        return new StructuralSchema(schema);
    }
}
