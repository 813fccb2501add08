package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pod's volumes on this machine, set up as the kubelet's volume plugins do:
 *
 * <ul>
 *   <li>{@code emptyDir}: a fresh directory for each pod ({@code medium: Memory} is a directory
 *       too);
 *   <li>{@code configMap}, {@code secret}, {@code downwardAPI}: a directory with one file per key
 *       or item, with the volume's modes, re-written when the object changes; with the pod's {@code
 *       fsGroup} the files belong to the {@link PodUser}'s group, and Secret files to the {@link
 *       PodUser} when the pod sets {@code runAsUser};
 *   <li>{@code projected} (the {@code kube-api-access-*} volume the API server adds to every pod
 *       that mounts its service account's token): one directory with the files of every source; a
 *       {@code serviceAccountToken} source is a real token of the pod's service account from the
 *       API server's TokenRequest, bound to the pod and requested again when 80 % of its lifetime
 *       has passed, as the kubelet's token manager does;
 *   <li>{@code persistentVolumeClaim}: the claim's own directory, {@code
 *       <persistent>/<namespace>/<claim>}, which outlives the pod, so a pod re-created with the
 *       same claim finds its data; a claim deleted and created again (a new uid) starts empty. The
 *       claim is marked {@code Bound}, as a provisioner would.
 * </ul>
 *
 * Not modelled: read-only mounts (a container could write to them), sizes and quotas, {@code
 * subPathExpr}, {@code clusterTrustBundle} projections, hostPath and every other volume type (the
 * pod stays in {@code ContainerCreating}, saying so).
 */
final class PodVolumes {

    private static final Logger LOG = LoggerFactory.getLogger(PodVolumes.class);
    private static final int DEFAULT_MODE = 0644;
    private static final String CLAIM_UID_SUFFIX = ".uid";

    /** A TokenRequest's default lifetime, when the projection names none. */
    private static final long DEFAULT_TOKEN_SECONDS = 3600;

    private final Pod pod;
    private final Path root;
    private final Path persistentRoot;
    private final PodUser user;
    private final PodObjects objects;
    private final ContainerEnvironment.PodFacts facts;
    private final Map<String, Path> directories = new HashMap<>();
    private final Map<String, String> projectedVersions = new HashMap<>();
    private final Map<String, IssuedToken> tokens = new HashMap<>();

    /**
     * @param root the pod's volume directory, emptied by the caller before the pod starts
     * @param persistentRoot where claims' directories live
     */
    PodVolumes(
            Pod pod,
            Path root,
            Path persistentRoot,
            PodUser user,
            PodObjects objects,
            ContainerEnvironment.PodFacts facts) {
        this.pod = pod;
        this.root = root;
        this.persistentRoot = persistentRoot;
        this.user = user;
        this.objects = objects;
        this.facts = facts;
    }

    /**
     * Sets up every volume that is not set up yet.
     *
     * @throws VolumeSetupException when one cannot be, for now
     */
    void setUp() throws VolumeSetupException {
        List<Volume> volumes =
                pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
        for (Volume volume : volumes) {
            if (!directories.containsKey(volume.getName())) {
                directories.put(volume.getName(), setUp(volume));
            }
        }
    }

    /**
     * Re-writes the ConfigMap and Secret volumes whose object changed since they were written, as
     * the kubelet's periodic sync does. Failures are logged and retried on the next call.
     */
    void refresh() {
        for (Volume volume :
                pod.getSpec().getVolumes() == null
                        ? List.<Volume>of()
                        : pod.getSpec().getVolumes()) {
            if (!directories.containsKey(volume.getName())
                    || (volume.getConfigMap() == null
                            && volume.getSecret() == null
                            && volume.getProjected() == null)) {
                continue;
            }
            try {
                setUp(volume);
            } catch (VolumeSetupException | RuntimeException e) {
                LOG.debug(
                        "Cannot refresh volume {} of pod {}: {}",
                        volume.getName(),
                        pod.getMetadata().getName(),
                        e.getMessage());
            }
        }
    }

    /**
     * Where the container's mounts live.
     *
     * @throws IllegalStateException before {@link #setUp} succeeded
     */
    MountTable mounts(Container container) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        if (container.getVolumeMounts() != null) {
            for (VolumeMount mount : container.getVolumeMounts()) {
                Path directory = directories.get(mount.getName());
                if (directory == null) {
                    throw new IllegalStateException(
                            "volume "
                                    + mount.getName()
                                    + " of container "
                                    + container.getName()
                                    + " is not set up");
                }
                Path host = directory;
                if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                    host = directory.resolve(mount.getSubPath());
                    createDirectories(host);
                }
                mounts.put(mount.getMountPath(), host);
            }
        }
        return new MountTable(mounts);
    }

    private Path setUp(Volume volume) throws VolumeSetupException {
        Path directory = root.resolve(volume.getName());
        if (volume.getEmptyDir() != null) {
            createDirectories(directory);
            setMode(directory, 0777);
            user.own(directory);
            return directory;
        }
        if (volume.getConfigMap() != null) {
            projectConfigMap(directory, volume.getConfigMap());
            return directory;
        }
        if (volume.getSecret() != null) {
            projectSecret(directory, volume.getSecret());
            return directory;
        }
        if (volume.getDownwardAPI() != null) {
            Map<String, byte[]> values = new LinkedHashMap<>();
            Map<String, Integer> modes = new HashMap<>();
            downwardApi(volume.getName(), volume.getDownwardAPI().getItems(), values, modes);
            write(directory, values, modes, mode(volume.getDownwardAPI().getDefaultMode()), false);
            return directory;
        }
        if (volume.getProjected() != null) {
            projectSources(directory, volume.getName(), volume.getProjected());
            return directory;
        }
        if (volume.getPersistentVolumeClaim() != null) {
            return claimDirectory(volume.getPersistentVolumeClaim().getClaimName());
        }
        throw new VolumeSetupException(
                "volume "
                        + volume.getName()
                        + ": this node supports only emptyDir, configMap, secret, downwardAPI,"
                        + " projected and persistentVolumeClaim volumes");
    }

    private void downwardApi(
            String volumeName,
            List<DownwardAPIVolumeFile> items,
            Map<String, byte[]> values,
            Map<String, Integer> modes)
            throws VolumeSetupException {
        for (DownwardAPIVolumeFile item :
                items == null ? List.<DownwardAPIVolumeFile>of() : items) {
            if (item.getFieldRef() == null) {
                throw new VolumeSetupException(
                        "volume "
                                + volumeName
                                + ": only fieldRef items of the downward API are supported by this"
                                + " node");
            }
            try {
                values.put(
                        item.getPath(),
                        ContainerEnvironment.field(pod, item.getFieldRef().getFieldPath(), facts)
                                .getBytes(StandardCharsets.UTF_8));
            } catch (ContainerConfigException e) {
                throw new VolumeSetupException(e.getMessage());
            }
            if (item.getMode() != null) {
                modes.put(item.getPath(), item.getMode());
            }
        }
    }

    /**
     * A projected volume: every source's files in one directory, written again when a ConfigMap or
     * Secret changed or a token was renewed.
     */
    private void projectSources(Path directory, String volumeName, ProjectedVolumeSource source)
            throws VolumeSetupException {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, Integer> modes = new HashMap<>();
        StringBuilder version = new StringBuilder();
        for (VolumeProjection projection : source.getSources()) {
            if (projection.getConfigMap() != null) {
                ConfigMapProjection configMapSource = projection.getConfigMap();
                Optional<ConfigMap> configMap =
                        objects.configMap(namespace, configMapSource.getName());
                boolean optional = Boolean.TRUE.equals(configMapSource.getOptional());
                if (configMap.isEmpty() && !optional) {
                    throw new VolumeSetupException(
                            "configmap \"" + configMapSource.getName() + "\" not found");
                }
                version.append(configMap.map(c -> c.getMetadata().getResourceVersion()).orElse(""));
                select(
                        configMap.map(PodObjects::values).orElse(Map.of()),
                        configMapSource.getItems(),
                        optional,
                        "config",
                        files,
                        modes);
            } else if (projection.getSecret() != null) {
                SecretProjection secretSource = projection.getSecret();
                Optional<Secret> secret = objects.secret(namespace, secretSource.getName());
                boolean optional = Boolean.TRUE.equals(secretSource.getOptional());
                if (secret.isEmpty() && !optional) {
                    throw new VolumeSetupException(
                            "secret \"" + secretSource.getName() + "\" not found");
                }
                version.append(secret.map(c -> c.getMetadata().getResourceVersion()).orElse(""));
                select(
                        secret.map(PodObjects::values).orElse(Map.of()),
                        secretSource.getItems(),
                        optional,
                        "secret",
                        files,
                        modes);
            } else if (projection.getDownwardAPI() != null) {
                downwardApi(volumeName, projection.getDownwardAPI().getItems(), files, modes);
            } else if (projection.getServiceAccountToken() != null) {
                ServiceAccountTokenProjection tokenSource = projection.getServiceAccountToken();
                IssuedToken token = token(volumeName, tokenSource);
                version.append(token.issuedAt());
                files.put(tokenSource.getPath(), token.token().getBytes(StandardCharsets.UTF_8));
            } else {
                throw new VolumeSetupException(
                        "projected volume "
                                + volumeName
                                + ": only configMap, secret, downwardAPI and serviceAccountToken"
                                + " sources are supported by this node");
            }
        }
        if (!changed(directory, version.toString())) {
            return;
        }
        write(directory, files, modes, mode(source.getDefaultMode()), runsAsUser());
        projectedVersions.put(directory.toString(), version.toString());
    }

    /** A ConfigMap's or Secret's values, all or only the listed items. */
    private static void select(
            Map<String, byte[]> values,
            List<KeyToPath> items,
            boolean optional,
            String kind,
            Map<String, byte[]> files,
            Map<String, Integer> modes)
            throws VolumeSetupException {
        if (items == null || items.isEmpty()) {
            files.putAll(values);
            return;
        }
        for (KeyToPath item : items) {
            byte[] value = values.get(item.getKey());
            if (value == null) {
                if (optional) {
                    continue;
                }
                throw new VolumeSetupException(
                        "references non-existent " + kind + " key: " + item.getKey());
            }
            files.put(item.getPath(), value);
            if (item.getMode() != null) {
                modes.put(item.getPath(), item.getMode());
            }
        }
    }

    /** The token of a projection: the one issued before until 80 % of its lifetime has passed. */
    private IssuedToken token(String volumeName, ServiceAccountTokenProjection source)
            throws VolumeSetupException {
        String key = volumeName + "/" + source.getPath();
        IssuedToken issued = tokens.get(key);
        Instant now = Instant.now();
        if (issued != null && now.isBefore(issued.renewAt())) {
            return issued;
        }
        long expiration =
                source.getExpirationSeconds() == null
                        ? DEFAULT_TOKEN_SECONDS
                        : source.getExpirationSeconds();
        TokenRequestStatus status;
        try {
            status = objects.serviceAccountToken(pod, source.getAudience(), expiration);
        } catch (KubernetesClientException e) {
            throw new VolumeSetupException(
                    "failed to fetch token: "
                            + (e.getStatus() == null
                                    ? e.getMessage()
                                    : e.getStatus().getMessage()));
        }
        Instant expires = Instant.parse(status.getExpirationTimestamp());
        Duration lifetime = Duration.between(now, expires);
        IssuedToken token =
                new IssuedToken(
                        status.getToken(), now, now.plus(lifetime.multipliedBy(4).dividedBy(5)));
        tokens.put(key, token);
        return token;
    }

    /** A service-account token and when to ask for the next one. */
    private record IssuedToken(String token, Instant issuedAt, Instant renewAt) {}

    private void projectConfigMap(Path directory, ConfigMapVolumeSource source)
            throws VolumeSetupException {
        String namespace = pod.getMetadata().getNamespace();
        Optional<ConfigMap> configMap = objects.configMap(namespace, source.getName());
        boolean optional = Boolean.TRUE.equals(source.getOptional());
        if (configMap.isEmpty() && !optional) {
            throw new VolumeSetupException("configmap \"" + source.getName() + "\" not found");
        }
        String version = configMap.map(c -> c.getMetadata().getResourceVersion()).orElse("");
        if (!changed(directory, version)) {
            return;
        }
        Map<String, byte[]> values = configMap.map(PodObjects::values).orElse(Map.of());
        project(
                directory,
                values,
                source.getItems(),
                source.getDefaultMode(),
                optional,
                "config",
                false);
        projectedVersions.put(directory.toString(), version);
    }

    private void projectSecret(Path directory, SecretVolumeSource source)
            throws VolumeSetupException {
        String namespace = pod.getMetadata().getNamespace();
        Optional<Secret> secret = objects.secret(namespace, source.getSecretName());
        boolean optional = Boolean.TRUE.equals(source.getOptional());
        if (secret.isEmpty() && !optional) {
            throw new VolumeSetupException("secret \"" + source.getSecretName() + "\" not found");
        }
        String version = secret.map(s -> s.getMetadata().getResourceVersion()).orElse("");
        if (!changed(directory, version)) {
            return;
        }
        Map<String, byte[]> values = secret.map(PodObjects::values).orElse(Map.of());
        project(
                directory,
                values,
                source.getItems(),
                source.getDefaultMode(),
                optional,
                "secret",
                runsAsUser());
        projectedVersions.put(directory.toString(), version);
    }

    private boolean changed(Path directory, String version) {
        return !Files.isDirectory(directory)
                || !version.equals(projectedVersions.get(directory.toString()));
    }

    private void project(
            Path directory,
            Map<String, byte[]> values,
            List<KeyToPath> items,
            Integer defaultMode,
            boolean optional,
            String kind,
            boolean ownedByUser)
            throws VolumeSetupException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, Integer> modes = new HashMap<>();
        select(values, items, optional, kind, files, modes);
        write(directory, files, modes, mode(defaultMode), ownedByUser);
    }

    /** Writes the files, each replaced atomically, and removes the files of keys that are gone. */
    private void write(
            Path directory,
            Map<String, byte[]> files,
            Map<String, Integer> modes,
            int defaultMode,
            boolean ownedByUser) {
        createDirectories(directory);
        setMode(directory, 0755);
        giveToPod(directory, ownedByUser);
        Set<Path> written = new HashSet<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = directory.resolve(file.getKey()).normalize();
            if (!target.startsWith(directory)) {
                continue;
            }
            createDirectories(target.getParent());
            Path temporary = target.resolveSibling("..tmp." + target.getFileName());
            try {
                Files.write(temporary, file.getValue());
                setMode(temporary, modes.getOrDefault(file.getKey(), defaultMode));
                giveToPod(temporary, ownedByUser);
                Files.move(
                        temporary,
                        target,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
            written.add(target);
        }
        try (Stream<Path> existing = Files.walk(directory)) {
            for (Path path : existing.filter(Files::isRegularFile).toList()) {
                if (!written.contains(path)) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + directory, e);
        }
    }

    private Path claimDirectory(String claimName) throws VolumeSetupException {
        String namespace = pod.getMetadata().getNamespace();
        Optional<PersistentVolumeClaim> claim = objects.claim(namespace, claimName);
        if (claim.isEmpty()) {
            throw new VolumeSetupException("persistentvolumeclaim \"" + claimName + "\" not found");
        }
        Path directory = persistentRoot.resolve(namespace).resolve(claimName);
        Path uidFile = persistentRoot.resolve(namespace).resolve(claimName + CLAIM_UID_SUFFIX);
        String uid = String.valueOf(claim.get().getMetadata().getUid());
        try {
            if (Files.exists(uidFile) && !Files.readString(uidFile).equals(uid)) {
                LOG.info(
                        "Claim {}/{} was created again: its volume starts empty",
                        namespace,
                        claimName);
                deleteRecursively(directory);
            }
            if (!Files.isDirectory(directory)) {
                createDirectories(directory);
                setMode(directory, 0777);
                user.own(directory);
            }
            Files.writeString(uidFile, uid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the volume of claim " + claimName, e);
        }
        try {
            objects.bind(claim.get());
        } catch (KubernetesClientException e) {
            LOG.debug("Cannot mark claim {}/{} Bound: {}", namespace, claimName, e.getMessage());
        }
        return directory;
    }

    private boolean runsAsUser() {
        PodSecurityContext context = pod.getSpec().getSecurityContext();
        return context != null && context.getRunAsUser() != null && context.getRunAsUser() != 0;
    }

    private void giveToPod(Path path, boolean ownedByUser) {
        if (ownedByUser) {
            user.own(path);
            return;
        }
        PodSecurityContext context = pod.getSpec().getSecurityContext();
        if (context != null && context.getFsGroup() != null) {
            user.shareGroup(path);
        }
    }

    private static int mode(Integer mode) {
        return mode == null ? DEFAULT_MODE : mode;
    }

    static void setMode(Path path, int mode) {
        Set<PosixFilePermission> permissions = new HashSet<>();
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the mode of " + path, e);
        }
    }

    static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
