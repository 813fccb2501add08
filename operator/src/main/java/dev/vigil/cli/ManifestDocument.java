package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * One YAML document of an input file.
 *
 * @param file the file as the user named it, or as found below a directory the user named
 * @param position the document's place in the file, from 1
 * @param content the document as a tree
 */
record ManifestDocument(Path file, int position, JsonNode content) {

    /** The API group of Vigil's custom resources. */
    static final String VIGIL_GROUP = "vigil.dev";

    String apiVersion() {
        return content.path("apiVersion").asText("");
    }

    String kind() {
        return content.path("kind").asText("");
    }

    String name() {
        return content.path("metadata").path("name").asText("");
    }

    String namespace() {
        return content.path("metadata").path("namespace").asText("");
    }

    /** Whether the document claims to be one of Vigil's resources, known or not. */
    boolean isVigilResource() {
        return apiVersion().startsWith(VIGIL_GROUP + "/");
    }

    /** {@code Kind/name}, or the document's position when it has no name. */
    String label() {
        String kind = kind().isEmpty() ? "document" : kind();
        return name().isEmpty() ? kind + " (document " + position + ")" : kind + "/" + name();
    }
}
