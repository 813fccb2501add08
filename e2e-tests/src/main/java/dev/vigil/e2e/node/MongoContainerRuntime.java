package dev.vigil.e2e.node;

import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.testing.mongo.DynamicMongoReplicaSet;
import dev.vigil.testing.mongo.MongoBinaryVersion;
import dev.vigil.testing.mongo.MongoNodeData;
import dev.vigil.testing.mongo.MongoStartupRefusedException;
import dev.vigil.testing.mongo.RunningMongoMember;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Runs the official {@code mongo} image (MongoDB 5.0 to 8.x: tags such as {@code 7.0.14}, {@code
 * 7.0}, {@code 8.0.3}) as a member of the mongo-java-server wire double ({@link
 * DynamicMongoReplicaSet}), bound to {@code <podIP>:<port>}. What mongod does is followed where
 * Vigil depends on it:
 *
 * <ul>
 *   <li>the image's entrypoint: on empty data files it creates the root user from {@code
 *       MONGO_INITDB_ROOT_USERNAME} and {@code MONGO_INITDB_ROOT_PASSWORD} (or their {@code _FILE}
 *       variants), which is how Vigil authenticates before the replica set exists; one without the
 *       other stops the container with exit code 1;
 *   <li>mongod's options from the command line and the {@code --config} YAML (port, {@code
 *       replSetName}, {@code dbPath}, {@code keyFile}); a missing config file exits 2, a missing,
 *       too open or malformed keyfile exits 1;
 *   <li>one replica set per StatefulSet (from the pod's owner reference, else its {@code
 *       app.kubernetes.io/instance} label) and replica set name, so members added by a scale-up
 *       join the same set; each member is named by its stable DNS name {@code
 *       <hostname>.<subdomain>.<namespace>.svc.<cluster domain>:<port>};
 *   <li>data kept with the volume ({@link MongoDataStore}): users, configuration and FCV survive a
 *       pod being deleted and re-created on the same claim; a second mongod on the same data
 *       directory exits 100 as on the lock file;
 *   <li>the binary version comes from the image tag: {@code buildInfo} reports it, and a binary
 *       that does not support the FCV of its data (older than the set's FCV, or too new for it)
 *       exits 62 ("UPGRADE PROBLEM"), so the kubelet shows CrashLoopBackOff;
 *   <li>other programs of the image (the keyfile init container's {@code sh -c}) run through {@link
 *       MongoImageShell}, on the pod's volumes only.
 * </ul>
 *
 * <p>Images of other repositories (unless listed as mirrors) and other tags cannot be pulled.
 * Runtime state lives in memory: a new runtime does not read data directories an earlier one wrote
 * (mongod exits 100 on them).
 */
public final class MongoContainerRuntime implements ContainerRuntime {

    /** The official image's repository. */
    public static final String OFFICIAL_REPOSITORY = "mongo";

    /** MongoDB's default {@code electionTimeoutMillis}. */
    public static final Duration MONGODB_ELECTION_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern SUPPORTED_TAG = Pattern.compile("[5-8]\\.\\d+(\\.\\d+)?");
    private static final String STATEFUL_SET = "StatefulSet";
    private static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

    private final Clock clock;
    private final String clusterDomain;
    private final Set<String> repositories;
    private final MongoDataStore store;

    /**
     * The official image only, MongoDB's election timeout, cluster domain {@code cluster.local}.
     */
    public MongoContainerRuntime() {
        this(Clock.systemUTC(), MONGODB_ELECTION_TIMEOUT, "cluster.local", Set.of());
    }

    /**
     * @param clock behind the members' times and elections
     * @param electionTimeout how long a set goes without a primary before it elects one
     * @param clusterDomain the cluster's DNS domain, in the members' names
     * @param mirrors repositories that serve the official image too, such as {@code
     *     registry.example.com/mirror/mongo}
     */
    public MongoContainerRuntime(
            Clock clock, Duration electionTimeout, String clusterDomain, Set<String> mirrors) {
        this.clock = clock;
        this.clusterDomain = clusterDomain;
        Set<String> served = new HashSet<>(mirrors);
        served.add(OFFICIAL_REPOSITORY);
        this.repositories = Set.copyOf(served);
        this.store = new MongoDataStore(clock, electionTimeout);
    }

    @Override
    public boolean canRun(String image) {
        return binaryVersion(image).isPresent();
    }

    @Override
    public RunningContainer start(ContainerLaunch launch) throws IOException {
        MongoBinaryVersion binary =
                binaryVersion(launch.container().getImage())
                        .orElseThrow(
                                () ->
                                        new IOException(
                                                "image "
                                                        + launch.container().getImage()
                                                        + " cannot be run by the MongoDB"
                                                        + " runtime"));
        MongoContainerLog log = new MongoContainerLog(launch.logFile(), clock);
        MongoContainerCommand command = MongoContainerCommand.of(launch.container());
        if (command instanceof MongoContainerCommand.Program program) {
            return new MongoExitedContainer(
                    new MongoImageShell(launch.mounts(), log).run(program.argv()));
        }
        return startMongod(launch, binary, (MongoContainerCommand.Mongod) command, log);
    }

    private RunningContainer startMongod(
            ContainerLaunch launch,
            MongoBinaryVersion binary,
            MongoContainerCommand.Mongod command,
            MongoContainerLog log)
            throws IOException {
        MongodOptions options;
        try {
            options = MongodOptions.parse(command.options(), launch.mounts());
        } catch (MongodOptions.InvalidOptionsException e) {
            log.error("CONTROL", e.getMessage());
            return new MongoExitedContainer(2);
        }
        if (options.replSetName() == null) {
            log.error(
                    "CONTROL",
                    "this node simulation runs mongod only as a replica set member:"
                            + " replication.replSetName is not set");
            return new MongoExitedContainer(2);
        }
        if (options.keyFile() != null) {
            Optional<String> problem =
                    MongoKeyFile.problem(
                            options.keyFile(), launch.mounts().hostPath(options.keyFile()));
            if (problem.isPresent()) {
                log.error("ACCESS", problem.get());
                log.error("CONTROL", "Unable to acquire security key[s]");
                return new MongoExitedContainer(1);
            }
        }
        Optional<DatabaseCredentials> root = Optional.empty();
        if (command.throughEntrypoint()) {
            Optional<String> username = entrypointEnv(launch, "MONGO_INITDB_ROOT_USERNAME");
            Optional<String> password = entrypointEnv(launch, "MONGO_INITDB_ROOT_PASSWORD");
            if (username.isPresent() != password.isPresent()) {
                log.plain(
                        "error: missing 'MONGO_INITDB_ROOT_USERNAME' or"
                                + " 'MONGO_INITDB_ROOT_PASSWORD'");
                log.plain("       both must be specified for a user to be created");
                return new MongoExitedContainer(1);
            }
            if (username.isPresent()) {
                root = Optional.of(new DatabaseCredentials(username.get(), password.get()));
            }
        }
        log.info(
                "CONTROL",
                "MongoDB starting: version "
                        + binary
                        + ", port "
                        + options.port()
                        + ", dbpath "
                        + options.dbPath()
                        + ", replSet "
                        + options.replSetName());
        return join(launch, binary, options, root, log);
    }

    /** Attaches the data files, starts the member and records where its data lives. */
    private synchronized RunningContainer join(
            ContainerLaunch launch,
            MongoBinaryVersion binary,
            MongodOptions options,
            Optional<DatabaseCredentials> root,
            MongoContainerLog log)
            throws IOException {
        MongoDataStore.SetKey key =
                new MongoDataStore.SetKey(
                        launch.namespace(), owner(launch.pod()), options.replSetName());
        String member = memberName(launch, options.port());
        Optional<Path> directory = launch.mounts().hostPath(options.dbPath());
        Optional<String> identity = directory.flatMap(MongoDataDirectory::identity);
        MongoNodeData data;
        String dataIdentity;
        if (identity.isPresent()) {
            Optional<MongoNodeData> existing = store.data(identity.get());
            if (existing.isEmpty()) {
                log.error(
                        "STORAGE",
                        "the data files in "
                                + options.dbPath()
                                + " were written by another"
                                + " instance of the node simulation, which keeps data in"
                                + " memory; this one cannot read them");
                return new MongoExitedContainer(100);
            }
            if (store.inUse(identity.get())) {
                log.error(
                        "STORAGE",
                        "Unable to lock the lock file: "
                                + options.dbPath()
                                + "/mongod.lock"
                                + " (Resource temporarily unavailable). Another mongod instance"
                                + " is already running on the "
                                + options.dbPath()
                                + " directory");
                return new MongoExitedContainer(100);
            }
            data = existing.get();
            dataIdentity = identity.get();
        } else {
            data = MongoNodeData.fresh(binary);
            if (root.isPresent()) {
                data.createRootUser(root.get());
                log.plain(
                        "Successfully added user: { \"user\" : \""
                                + root.get().username()
                                + "\", \"roles\" : [ { \"role\" : \"root\", \"db\" : \"admin\" } ]"
                                + " }");
                log.plain("MongoDB init process complete; ready for start up.");
            }
            dataIdentity =
                    directory.isPresent()
                            ? MongoDataDirectory.initialize(directory.get())
                            : UUID.randomUUID().toString();
            store.keep(dataIdentity, data);
            store.forgetSetIfNoDataSurvives(key, member);
        }
        DynamicMongoReplicaSet replicaSet = store.replicaSet(key);
        RunningMongoMember running;
        try {
            running =
                    replicaSet.start(
                            member,
                            new InetSocketAddress(launch.podIp(), options.port()),
                            data,
                            binary);
        } catch (MongoStartupRefusedException e) {
            log.error("CONTROL", e.getMessage());
            return new MongoExitedContainer(e.exitCode());
        }
        store.started(key, member, directory, dataIdentity);
        log.info(
                "NETWORK",
                "Waiting for connections on "
                        + launch.podIp()
                        + ":"
                        + options.port()
                        + " as member "
                        + member
                        + " of replica set "
                        + options.replSetName());
        return new MongodContainer(running, () -> released(dataIdentity));
    }

    private synchronized void released(String dataIdentity) {
        store.released(dataIdentity);
    }

    /** The binary version of an image this runtime runs. */
    private Optional<MongoBinaryVersion> binaryVersion(String image) {
        return MongoImageName.parse(image)
                .filter(name -> name.isFrom(repositories))
                .map(MongoImageName::tag)
                .filter(tag -> SUPPORTED_TAG.matcher(tag).matches())
                .map(MongoBinaryVersion::parse);
    }

    /**
     * The entrypoint's {@code file_env}: the variable, or the content of the file its {@code _FILE}
     * variant names; empty when unset or empty.
     */
    private static Optional<String> entrypointEnv(ContainerLaunch launch, String name) {
        Map<String, String> env = launch.env();
        String value = env.get(name);
        if (value == null && env.get(name + "_FILE") != null) {
            Optional<Path> file = launch.mounts().hostPath(env.get(name + "_FILE"));
            if (file.isPresent() && Files.isRegularFile(file.get())) {
                try {
                    value = Files.readString(file.get(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    value = null;
                }
            }
        }
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }

    /** The StatefulSet owning the pod, else its instance label, else the pod itself. */
    private static String owner(Pod pod) {
        return Optional.ofNullable(pod.getMetadata().getOwnerReferences()).stream()
                .flatMap(refs -> refs.stream())
                .filter(ref -> STATEFUL_SET.equals(ref.getKind()))
                .map(OwnerReference::getName)
                .findFirst()
                .or(
                        () ->
                                Optional.ofNullable(pod.getMetadata().getLabels())
                                        .map(labels -> labels.get(INSTANCE_LABEL)))
                .orElse(pod.getMetadata().getName());
    }

    /**
     * The member's stable name, {@code <hostname>.<subdomain>.<namespace>.svc.<domain>:<port>}, as
     * a StatefulSet pod has one through its headless Service; a pod without a subdomain has no
     * stable name and is named by its IP.
     */
    private String memberName(ContainerLaunch launch, int port) {
        Pod pod = launch.pod();
        String hostname =
                Optional.ofNullable(pod.getSpec().getHostname())
                        .orElse(pod.getMetadata().getName());
        String subdomain = pod.getSpec().getSubdomain();
        if (subdomain == null || subdomain.isEmpty()) {
            return launch.podIp() + ":" + port;
        }
        return hostname
                + "."
                + subdomain
                + "."
                + pod.getMetadata().getNamespace()
                + ".svc."
                + clusterDomain
                + ":"
                + port;
    }
}
