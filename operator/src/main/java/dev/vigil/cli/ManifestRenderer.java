package dev.vigil.cli;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseResources;
import dev.vigil.model.BuildContext;
import dev.vigil.model.CredentialGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;

/**
 * Renders a MonitoredDatabase into the objects the operator would create for it, as multi-document
 * YAML in the manner of {@code helm template}: each object after a {@code # Source:} line naming
 * the file and resource it comes from.
 *
 * <p>Secret values are {@link CredentialGenerator#GENERATED_AT_RUN_TIME}: rendering runs offline
 * and must not invent a password that someone might then apply or commit.
 */
final class ManifestRenderer {

    private static final String DOCUMENT_START = "---\n";

    private final BuildContext context =
            BuildContext.of(Clock.systemUTC(), CredentialGenerator.RENDER_PLACEHOLDERS);
    private final String defaultNamespace;

    /**
     * @param defaultNamespace the namespace of resources that name none, as {@code kubectl apply
     *     -n} would give them
     */
    ManifestRenderer(String defaultNamespace) {
        this.defaultNamespace = defaultNamespace;
    }

    /** The YAML of every object {@code document}, a valid MonitoredDatabase, stands for. */
    String render(ManifestDocument document) {
        MonitoredDatabase database =
                Serialization.jsonMapper()
                        .convertValue(document.content(), MonitoredDatabase.class);
        if (database.getMetadata().getNamespace() == null
                || database.getMetadata().getNamespace().isEmpty()) {
            database.getMetadata().setNamespace(defaultNamespace);
        }
        String source = "# Source: " + document.file() + " " + document.label() + "\n";
        StringBuilder yaml = new StringBuilder();
        for (HasMetadata object : DatabaseResources.desired(database, context).all()) {
            yaml.append(DOCUMENT_START).append(source).append(withoutDocumentStart(object));
        }
        return yaml.toString();
    }

    private static String withoutDocumentStart(HasMetadata object) {
        String yaml = Serialization.asYaml(object);
        return yaml.startsWith(DOCUMENT_START) ? yaml.substring(DOCUMENT_START.length()) : yaml;
    }
}
