package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The status the apiextensions controllers give a CustomResourceDefinition once it is served:
 * {@code NamesAccepted} and {@code Established} true, the accepted names and the stored versions,
 * so that {@code kubectl wait --for=condition=Established crd/...} returns.
 */
final class CrdStatus {

    private CrdStatus() {}

    static void establish(ObjectNode crd) {
        ObjectNode status = crd.putObject("status");
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, "NamesAccepted", "NoConflicts", "no conflicts found", now);
        condition(
                conditions,
                "Established",
                "InitialNamesAccepted",
                "the initial names have been accepted",
                now);
        status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
        ArrayNode stored = status.putArray("storedVersions");
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("storage").asBoolean(false)) {
                stored.add(version.path("name").asText());
            }
        }
    }

    private static void condition(
            ArrayNode conditions, String type, String reason, String message, String now) {
        conditions
                .addObject()
                .put("type", type)
                .put("status", "True")
                .put("lastTransitionTime", now)
                .put("reason", reason)
                .put("message", message);
    }
}
