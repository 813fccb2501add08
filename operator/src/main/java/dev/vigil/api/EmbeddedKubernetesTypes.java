package dev.vigil.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the fields of an API type whose Java type comes from the fabric8 Kubernetes model
 * (Affinity, Toleration, LabelSelector, ...), so the reference links to their upstream
 * documentation instead of expanding dozens of sections nobody reads there.
 *
 * <p>Detection follows the Java field types, so a new field of such a type is linked without a list
 * of paths to keep up to date; a fabric8 type without a link below fails the build instead of being
 * expanded silently.
 */
public final class EmbeddedKubernetesTypes {

    private static final String POD =
            "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/";

    private static final Map<Class<?>, TypeLink> LINKS =
            Map.of(
                    Affinity.class, new TypeLink("Affinity", POD + "#scheduling"),
                    Toleration.class, new TypeLink("Toleration", POD + "#scheduling"),
                    TopologySpreadConstraint.class,
                            new TypeLink("TopologySpreadConstraint", POD + "#scheduling"),
                    ResourceRequirements.class,
                            new TypeLink("ResourceRequirements", POD + "#resources"),
                    LabelSelector.class,
                            new TypeLink(
                                    "LabelSelector",
                                    "https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/label-selector/"),
                    LabelSelectorRequirement.class,
                            new TypeLink(
                                    "LabelSelectorRequirement",
                                    "https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/label-selector/"),
                    Condition.class,
                            new TypeLink(
                                    "Condition",
                                    "https://pkg.go.dev/k8s.io/apimachinery/pkg/apis/meta/v1#Condition"),
                    RelabelConfig.class,
                            new TypeLink(
                                    "RelabelConfig",
                                    "https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.RelabelConfig"));

    private static final String FABRIC8_MODEL = "io.fabric8.";
    private static final String VIGIL = "dev.vigil.";

    private final ObjectMapper mapper = Serialization.jsonMapper();
    private final Map<String, TypeLink> found = new TreeMap<>();

    private EmbeddedKubernetesTypes() {}

    /**
     * The embedded Kubernetes types below {@code spec} and {@code status} of a custom resource, by
     * field path as {@link CrdReferenceDoc} names fields (e.g. {@code spec.podTemplate.affinity}).
     *
     * @throws IllegalStateException when a fabric8 type has no documentation link here
     */
    public static Map<String, TypeLink> of(Class<? extends CustomResource<?, ?>> type) {
        EmbeddedKubernetesTypes walk = new EmbeddedKubernetesTypes();
        for (BeanPropertyDefinition property : walk.properties(walk.mapper.constructType(type))) {
            if (property.getName().equals("spec") || property.getName().equals("status")) {
                walk.visit(property.getPrimaryType(), property.getName());
            }
        }
        return Map.copyOf(walk.found);
    }

    private void visit(JavaType type, String path) {
        for (BeanPropertyDefinition property : properties(type)) {
            String fieldPath = path + "." + property.getName();
            JavaType valueType = property.getPrimaryType();
            String step = "";
            if (valueType.isCollectionLikeType() || valueType.isArrayType()) {
                valueType = valueType.getContentType();
                step = "[]";
            } else if (valueType.isMapLikeType()) {
                valueType = valueType.getContentType();
                step = ".*";
            }
            Class<?> raw = valueType.getRawClass();
            if (raw == IntOrString.class) {
                // A scalar in the schema (x-kubernetes-int-or-string): documented where it is.
                continue;
            }
            if (raw.getName().startsWith(FABRIC8_MODEL)) {
                found.put(fieldPath, linkFor(raw, fieldPath));
            } else if (raw.getName().startsWith(VIGIL) && !raw.isEnum()) {
                visit(valueType, fieldPath + step);
            }
        }
    }

    private static TypeLink linkFor(Class<?> type, String fieldPath) {
        TypeLink link = LINKS.get(type);
        if (link == null) {
            throw new IllegalStateException(
                    fieldPath
                            + " is a "
                            + type.getName()
                            + ": add a documentation link for it to "
                            + EmbeddedKubernetesTypes.class.getSimpleName());
        }
        return link;
    }

    private List<BeanPropertyDefinition> properties(JavaType type) {
        return mapper.getSerializationConfig().introspect(type).findProperties();
    }
}
