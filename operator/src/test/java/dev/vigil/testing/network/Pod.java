package dev.vigil.testing.network;

import java.util.Map;

/**
 * A pod as NetworkPolicies see it: where it runs and its labels.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name, for messages only
 * @param labels the pod's labels
 */
public record Pod(String namespace, String name, Map<String, String> labels) {

    public Pod {
        labels = Map.copyOf(labels);
    }
}
