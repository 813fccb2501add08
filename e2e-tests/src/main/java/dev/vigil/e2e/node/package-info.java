/**
 * The simulated node of the local cluster: one kubelet ({@link dev.vigil.e2e.node.Kubelet}), the
 * pod network on loopback and its cluster services ({@link dev.vigil.e2e.node.ClusterNetwork}:
 * {@link dev.vigil.e2e.node.ClusterDns}, {@link dev.vigil.e2e.node.ServiceProxy}, endpoints read
 * from pods), and container runtimes that run images as real programs of this machine ({@link
 * dev.vigil.e2e.node.PostgresContainerRuntime}, {@link dev.vigil.e2e.node.PostgresExporterRuntime})
 * or as in-process doubles. {@link dev.vigil.e2e.node.SimulatedNode} starts it all.
 *
 * <p>Addresses: every pod gets its own address from {@code 127.10.0.0/16} (the API server gives
 * Services theirs from {@code 127.20.0.0/16}); servers in a pod listen on the pod's address at
 * their usual port, so every PostgreSQL member listens on 5432 of its own address, as in a cluster,
 * and {@code 127.0.0.1} inside a pod means the pod's address. Processes on this machine cannot use
 * the cluster's DNS, so runtimes rewrite cluster names in a container's environment to the
 * addresses {@link dev.vigil.e2e.node.ClusterDns} gives (see {@code HostEnvironment}); Vigil itself
 * resolves through {@link dev.vigil.e2e.node.ClusterDns} as its {@code DatabaseAddressResolver}.
 */
package dev.vigil.e2e.node;
