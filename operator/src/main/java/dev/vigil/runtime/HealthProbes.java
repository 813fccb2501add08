package dev.vigil.runtime;

/** What {@link HttpEndpoints} answers on {@code /healthz} and {@code /readyz}. */
public interface HealthProbes {

    /** Whether the process works; failing makes the kubelet restart the container. */
    ProbeResult liveness();

    /** Whether the operator is ready; failing takes the pod out of its Service's endpoints. */
    ProbeResult readiness();
}
