package dev.vigil.model;

import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.ArrayList;
import java.util.List;

/** What every engine's exporter takes from {@code spec.exporter} (already defaulted). */
public final class ExporterSettings {

    private ExporterSettings() {}

    /** Whether {@code database} runs the exporter. */
    public static boolean enabled(MonitoredDatabase database) {
        ExporterSpec exporter = database.getSpec().getExporter();
        return exporter != null && Boolean.TRUE.equals(exporter.getEnabled());
    }

    /** {@code spec.exporter.image}, or the engine's tested {@code defaultImage}. */
    public static String image(MonitoredDatabase database, String defaultImage) {
        String image = database.getSpec().getExporter().getImage();
        return image != null ? image : defaultImage;
    }

    /** Vigil's own arguments, then {@code spec.exporter.args}, so the user's come last. */
    public static List<String> args(MonitoredDatabase database, List<String> vigilArgs) {
        List<String> args = new ArrayList<>(vigilArgs);
        List<String> extra = database.getSpec().getExporter().getArgs();
        if (extra != null) {
            args.addAll(extra);
        }
        return args;
    }

    /** {@code spec.exporter.resources}, or a small default. */
    public static ResourceRequirements resources(MonitoredDatabase database) {
        ExporterSpec exporter = database.getSpec().getExporter();
        if (exporter.getResources() != null) {
            return new ResourceRequirementsBuilder(exporter.getResources()).build();
        }
        // Enough for the default collectors on a small database; the limit keeps a runaway
        // exporter from starving the database next to it.
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("50m"))
                .addToRequests("memory", new Quantity("64Mi"))
                .addToLimits("memory", new Quantity("256Mi"))
                .build();
    }
}
