package dev.vigil.e2e.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every resource the API server serves: the built-in kinds and the custom resources. */
final class ResourceCatalog {

    private final CustomResourceRegistry customResources;

    ResourceCatalog(CustomResourceRegistry customResources) {
        this.customResources = customResources;
    }

    /** Built-in resources first, then custom ones. */
    List<ResourceType> all() {
        List<ResourceType> all = new ArrayList<>(BuiltInResources.ALL);
        customResources.versions().forEach(version -> all.add(version.type()));
        return all;
    }

    /** The resource {@code plural} at {@code group/version}. */
    Optional<ResourceType> find(String group, String version, String plural) {
        return all().stream()
                .filter(
                        type ->
                                type.group().equals(group)
                                        && type.version().equals(version)
                                        && type.plural().equals(plural))
                .findFirst();
    }

    /** The custom resource version behind {@code type}, if it is one. */
    Optional<CustomResourceVersion> customResource(ResourceType type) {
        return customResources.find(type.group(), type.version(), type.plural());
    }
}
