package dev.vigil.resources;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

/** Ports of the Services Vigil builds. */
public final class ServicePorts {

    private ServicePorts() {}

    /**
     * TCP port {@code number} named {@code name}, targeting the container port of the same name, so
     * a Service follows the container if its port number ever changes.
     */
    public static ServicePort tcp(String name, int number) {
        return new ServicePortBuilder()
                .withName(name)
                .withProtocol("TCP")
                .withPort(number)
                .withTargetPort(new IntOrString(name))
                .build();
    }
}
