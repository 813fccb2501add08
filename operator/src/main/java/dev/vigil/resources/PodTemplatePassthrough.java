package dev.vigil.resources;

import dev.vigil.api.v1alpha1.PodTemplateOverrides;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code spec.podTemplate} to a pod template Vigil built: extra labels and annotations,
 * scheduling settings and topology spread. Vigil's own labels and annotations win over the user's,
 * since selectors and the configuration roll-out depend on them.
 */
public final class PodTemplatePassthrough {

    /** Failure domains members are spread across when the spec sets no constraints. */
    static final List<String> DEFAULT_SPREAD_TOPOLOGY_KEYS =
            List.of("kubernetes.io/hostname", "topology.kubernetes.io/zone");

    private PodTemplatePassthrough() {}

    /**
     * A copy of {@code template} with {@code overrides} applied.
     *
     * @param template the pod template Vigil built, with its own labels and annotations
     * @param overrides {@code spec.podTemplate}; null applies only the default spread
     * @param selector labels selecting the pods of this database, for the default spread
     */
    public static PodTemplateSpec apply(
            PodTemplateSpec template,
            PodTemplateOverrides overrides,
            Map<String, String> selector) {
        PodTemplateOverrides user = overrides == null ? new PodTemplateOverrides() : overrides;
        PodTemplateSpecBuilder result = new PodTemplateSpecBuilder(template);
        result.editOrNewMetadata()
                .withLabels(vigilThenUser(template.getMetadata().getLabels(), user.getLabels()))
                .withAnnotations(
                        vigilThenUser(
                                template.getMetadata().getAnnotations(), user.getAnnotations()))
                .endMetadata();
        result.editOrNewSpec()
                .withNodeSelector(emptyToNull(user.getNodeSelector()))
                .withTolerations(user.getTolerations())
                .withAffinity(user.getAffinity())
                .withPriorityClassName(user.getPriorityClassName())
                .withTopologySpreadConstraints(spread(user, selector))
                .endSpec();
        return result.build();
    }

    private static List<TopologySpreadConstraint> spread(
            PodTemplateOverrides user, Map<String, String> selector) {
        if (user.getTopologySpreadConstraints() != null) {
            return user.getTopologySpreadConstraints();
        }
        // A soft preference (ScheduleAnyway): members on separate nodes and zones survive the loss
        // of one, yet a single-node or single-zone cluster still schedules every member.
        return DEFAULT_SPREAD_TOPOLOGY_KEYS.stream()
                .map(
                        key ->
                                new TopologySpreadConstraintBuilder()
                                        .withMaxSkew(1)
                                        .withTopologyKey(key)
                                        .withWhenUnsatisfiable("ScheduleAnyway")
                                        .withNewLabelSelector()
                                        .withMatchLabels(new LinkedHashMap<>(selector))
                                        .endLabelSelector()
                                        .build())
                .toList();
    }

    private static Map<String, String> vigilThenUser(
            Map<String, String> vigil, Map<String, String> user) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (vigil != null) {
            merged.putAll(vigil);
        }
        if (user != null) {
            user.forEach(merged::putIfAbsent);
        }
        return emptyToNull(merged);
    }

    private static Map<String, String> emptyToNull(Map<String, String> map) {
        return map == null || map.isEmpty() ? null : map;
    }
}
