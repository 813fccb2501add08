package dev.vigil.e2e.node;

import static org.awaitility.Awaitility.await;

import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.names.DatabaseAddressResolver;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pods of the operator's MongoDB StatefulSet, as its golden test renders it for the database {@code
 * shop/catalog} (three members, exporter on), started by hand through the runtimes as the kubelet
 * would: each pod its own loopback address, its volumes host directories (the data volume one per
 * claim, kept across pods; the others new for every pod), its environment resolved from the
 * rendered Secrets, and a DNS that maps the members' stable names to their pods.
 */
final class MongoPodFixture {

    static final String NAMESPACE = "shop";
    static final String RENDERED = "/DerivedResourcesTest/default/";
    static final String DOMAIN = ".catalog-members.shop.svc.cluster.local";

    private final Path root;
    private final StatefulSet statefulSet;
    private final ConfigMap config;
    private final Map<String, Secret> secrets = new HashMap<>();
    // A /24 of its own per fixture, so that tests running at once on this machine do not collide.
    private final String subnet = podSubnet();

    MongoPodFixture(Path root) {
        this.root = root;
        this.statefulSet = load("out-StatefulSet-catalog.yaml", StatefulSet.class);
        this.config = load("out-ConfigMap-catalog-config.yaml", ConfigMap.class);
        for (String name : List.of("catalog-admin", "catalog-monitoring", "catalog-keyfile")) {
            secrets.put(name, load("out-Secret-" + name + ".yaml", Secret.class));
        }
        // The golden file holds a placeholder; the operator generates base64, as mongod demands.
        byte[] key = new byte[96];
        ThreadLocalRandom.current().nextBytes(key);
        secrets.get("catalog-keyfile")
                .getStringData()
                .put("keyfile", Base64.getEncoder().encodeToString(key));
    }

    private static <T> T load(String file, Class<T> type) {
        try (InputStream in = MongoPodFixture.class.getResourceAsStream(RENDERED + file)) {
            if (in == null) {
                throw new IllegalStateException("missing rendered object " + file);
            }
            return Serialization.unmarshal(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DatabaseCredentials admin() {
        return credentials("catalog-admin");
    }

    DatabaseCredentials monitoring() {
        return credentials("catalog-monitoring");
    }

    private DatabaseCredentials credentials(String secret) {
        Map<String, String> data = secrets.get(secret).getStringData();
        return new DatabaseCredentials(data.get("username"), data.get("password"));
    }

    private static String podSubnet() {
        String network = TestAddresses.podNetwork();
        return network.substring(0, network.lastIndexOf('.') + 1);
    }

    String ip(int ordinal) {
        return subnet + (11 + ordinal);
    }

    /** The member's {@code host:port}, as in the replica-set configuration. */
    String member(int ordinal) {
        return "catalog-" + ordinal + DOMAIN + ":27017";
    }

    List<String> members(int count) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(member(i));
        }
        return members;
    }

    /** Pods' stable names to their addresses, as cluster DNS; anything else is unknown. */
    DatabaseAddressResolver dns() {
        return (host, port) -> {
            if (host.startsWith("catalog-") && host.endsWith(DOMAIN)) {
                int ordinal =
                        Integer.parseInt(host.substring("catalog-".length(), host.indexOf('.')));
                return new InetSocketAddress(ip(ordinal), port);
            }
            return InetSocketAddress.createUnresolved(host, port);
        };
    }

    /** A pod of the StatefulSet, as its controller creates it, running {@code image}. */
    Pod pod(int ordinal, String image) {
        String name = "catalog-" + ordinal;
        Pod pod =
                new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(NAMESPACE)
                        .withUid(UUID.randomUUID().toString())
                        .withLabels(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                        .withOwnerReferences(
                                new OwnerReferenceBuilder()
                                        .withApiVersion("apps/v1")
                                        .withKind("StatefulSet")
                                        .withName("catalog")
                                        .withUid("sts-uid")
                                        .withController(true)
                                        .build())
                        .endMetadata()
                        .withSpec(statefulSet.getSpec().getTemplate().getSpec())
                        .editSpec()
                        .withHostname(name)
                        .withSubdomain(statefulSet.getSpec().getServiceName())
                        .endSpec()
                        .build();
        pod.getSpec().getInitContainers().forEach(c -> withImage(c, image));
        pod.getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("mongod"))
                .forEach(c -> withImage(c, image));
        return pod;
    }

    private static void withImage(Container container, String image) {
        container.setImage(image);
    }

    /** The launch of one container of {@code pod}, its volumes in {@code podDir}. */
    ContainerLaunch launch(Pod pod, int ordinal, Path podDir, String container, boolean init) {
        List<Container> candidates =
                init ? pod.getSpec().getInitContainers() : pod.getSpec().getContainers();
        Container chosen =
                candidates.stream()
                        .filter(c -> c.getName().equals(container))
                        .findFirst()
                        .orElseThrow();
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : chosen.getVolumeMounts()) {
            mounts.put(mount.getMountPath(), volume(pod, ordinal, podDir, mount.getName()));
        }
        return new ContainerLaunch(
                pod,
                chosen,
                init,
                ip(ordinal),
                env(chosen),
                new MountTable(mounts),
                podDir.resolve(container + ".log"),
                dns());
    }

    /** Changes {@code name} of the environment, as a Secret edited by hand would. */
    static ContainerLaunch withEnv(ContainerLaunch launch, String name, String value) {
        Map<String, String> env = new HashMap<>(launch.env());
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return new ContainerLaunch(
                launch.pod(),
                launch.container(),
                launch.initContainer(),
                launch.podIp(),
                env,
                launch.mounts(),
                launch.logFile(),
                launch.dns());
    }

    /** A new directory for the volumes of a new pod. */
    Path newPodDirectory(int ordinal) {
        try {
            return Files.createDirectories(
                    root.resolve("pods").resolve("catalog-" + ordinal + "-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The claim {@code data-catalog-<ordinal>}'s directory. */
    Path claim(int ordinal) {
        return root.resolve("claims").resolve("data-catalog-" + ordinal);
    }

    /** Deletes the claim and its volume, as a user deleting the PVC. */
    void deleteClaim(int ordinal) throws IOException {
        try (var tree = Files.walk(claim(ordinal))) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Runs the pod's init container then its mongod through {@code runtime}, and waits until mongod
     * is ready; returns the running mongod.
     */
    RunningContainer startMongod(MongoContainerRuntime runtime, int ordinal, String image)
            throws IOException {
        Pod pod = pod(ordinal, image);
        Path podDir = newPodDirectory(ordinal);
        RunningContainer init = runtime.start(launch(pod, ordinal, podDir, "keyfile", true));
        if (init.exitCode().orElse(-1) != 0) {
            throw new IllegalStateException(
                    "the keyfile init container failed: " + init.exitCode());
        }
        RunningContainer mongod = runtime.start(launch(pod, ordinal, podDir, "mongod", false));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mongod.ready() || mongod.exitCode().isPresent());
        return mongod;
    }

    private Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            } else {
                var ref = var.getValueFrom().getSecretKeyRef();
                env.put(
                        var.getName(),
                        secrets.get(ref.getName()).getStringData().get(ref.getKey()));
            }
        }
        return env;
    }

    private Path volume(Pod pod, int ordinal, Path podDir, String name) {
        try {
            if (name.equals("data")) {
                return Files.createDirectories(claim(ordinal));
            }
            Path dir = Files.createDirectories(podDir.resolve("volumes").resolve(name));
            Volume volume =
                    pod.getSpec().getVolumes().stream()
                            .filter(v -> v.getName().equals(name))
                            .findFirst()
                            .orElseThrow();
            if (volume.getConfigMap() != null) {
                for (Map.Entry<String, String> file : config.getData().entrySet()) {
                    Files.writeString(dir.resolve(file.getKey()), file.getValue());
                }
            } else if (volume.getSecret() != null) {
                Secret secret = secrets.get(volume.getSecret().getSecretName());
                for (Map.Entry<String, String> file : secret.getStringData().entrySet()) {
                    Path path = dir.resolve(file.getKey());
                    Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                    // defaultMode 0440
                    Files.setPosixFilePermissions(
                            path,
                            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
