package dev.vigil.e2e.prometheus;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Which prometheus-operator object something comes from: kind, namespace and name. */
record ObjectRef(String kind, String namespace, String name) {

    static ObjectRef of(HasMetadata object) {
        return new ObjectRef(
                object.getKind(),
                object.getMetadata().getNamespace(),
                object.getMetadata().getName());
    }

    Rejection rejected(String reason) {
        return new Rejection(kind, namespace, name, reason);
    }
}
