package dev.vigil.e2e.apiserver;

import static dev.vigil.e2e.apiserver.TableColumn.NAME;
import static dev.vigil.e2e.apiserver.TableColumn.age;
import static dev.vigil.e2e.apiserver.TableColumn.computed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code kubectl get} columns of the built-in kinds, the main ones of those a real API server
 * prints (pods show READY, STATUS with the waiting reason such as {@code CrashLoopBackOff}, and
 * RESTARTS); other kinds show NAME and AGE.
 */
final class BuiltInColumns {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BuiltInColumns() {}

    static List<TableColumn> of(ResourceType type) {
        return switch (type.group() + "/" + type.plural()) {
            case "/pods" -> pods();
            case "apps/statefulsets" -> List.of(NAME, ready(".status.readyReplicas"), age());
            case "apps/deployments" ->
                    List.of(
                            NAME,
                            ready(".status.readyReplicas"),
                            integer("Up-to-date", ".status.updatedReplicas"),
                            integer("Available", ".status.availableReplicas"),
                            age());
            case "/services" -> services();
            case "/persistentvolumeclaims" ->
                    List.of(
                            NAME,
                            text("Status", ".status.phase"),
                            text("Volume", ".spec.volumeName"),
                            text("Capacity", ".status.capacity.storage"),
                            computed(
                                    "Access Modes",
                                    "string",
                                    0,
                                    (o, now) -> NODES.textNode(accessModes(o))),
                            text("StorageClass", ".spec.storageClassName"),
                            age());
            case "/configmaps" -> List.of(NAME, count("Data", "data", "binaryData"), age());
            case "/secrets" -> List.of(NAME, text("Type", ".type"), count("Data", "data"), age());
            case "/namespaces" -> List.of(NAME, text("Status", ".status.phase"), age());
            case "/events" -> events();
            default -> List.of(NAME, age());
        };
    }

    private static List<TableColumn> pods() {
        return List.of(
                NAME,
                computed("Ready", "string", 0, (pod, now) -> NODES.textNode(readyContainers(pod))),
                computed("Status", "string", 0, (pod, now) -> NODES.textNode(podStatus(pod))),
                computed("Restarts", "string", 0, (pod, now) -> NODES.textNode(restarts(pod))),
                age(),
                text("IP", ".status.podIP", 1),
                text("Node", ".spec.nodeName", 1));
    }

    private static List<TableColumn> services() {
        return List.of(
                NAME,
                text("Type", ".spec.type"),
                text("Cluster-IP", ".spec.clusterIP"),
                computed("External-IP", "string", 0, (svc, now) -> NODES.textNode("<none>")),
                computed("Port(s)", "string", 0, (svc, now) -> NODES.textNode(ports(svc))),
                age());
    }

    private static List<TableColumn> events() {
        return List.of(
                computed(
                        "Last Seen",
                        "string",
                        0,
                        (event, now) -> NODES.textNode(TableColumn.age(lastSeen(event), now))),
                text("Type", ".type"),
                text("Reason", ".reason"),
                computed(
                        "Object",
                        "string",
                        0,
                        (event, now) ->
                                NODES.textNode(
                                        event.path("involvedObject")
                                                        .path("kind")
                                                        .asText()
                                                        .toLowerCase(Locale.ROOT)
                                                + "/"
                                                + event.path("involvedObject")
                                                        .path("name")
                                                        .asText())),
                text("Message", ".message"));
    }

    private static String lastSeen(JsonNode event) {
        for (String field : List.of("lastTimestamp", "eventTime", "firstTimestamp")) {
            if (event.path(field).isTextual()) {
                return event.path(field).asText();
            }
        }
        return event.path("metadata").path("creationTimestamp").asText();
    }

    private static TableColumn ready(String readyPath) {
        return computed(
                "Ready",
                "string",
                0,
                (object, now) ->
                        NODES.textNode(
                                SimpleJsonPath.read(object, readyPath).asInt(0)
                                        + "/"
                                        + object.path("spec").path("replicas").asInt(1)));
    }

    private static TableColumn text(String name, String path) {
        return text(name, path, 0);
    }

    private static TableColumn text(String name, String path, int priority) {
        return computed(
                name,
                "string",
                priority,
                (object, now) -> {
                    JsonNode value = SimpleJsonPath.read(object, path);
                    return value.isValueNode()
                            ? NODES.textNode(value.asText())
                            : NullNode.getInstance();
                });
    }

    private static TableColumn integer(String name, String path) {
        return computed(
                name,
                "integer",
                0,
                (object, now) -> NODES.numberNode(SimpleJsonPath.read(object, path).asLong(0)));
    }

    private static TableColumn count(String name, String... fields) {
        return computed(
                name,
                "integer",
                0,
                (object, now) -> {
                    int count = 0;
                    for (String field : fields) {
                        count += object.path(field).size();
                    }
                    return NODES.numberNode(count);
                });
    }

    private static String readyContainers(JsonNode pod) {
        int ready = 0;
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            if (status.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready + "/" + pod.path("spec").path("containers").size();
    }

    /** Like kubectl's pod printer: a container's waiting or terminated reason beats the phase. */
    static String podStatus(JsonNode pod) {
        if (pod.path("metadata").has("deletionTimestamp")) {
            return "Terminating";
        }
        String reason =
                pod.path("status")
                        .path("reason")
                        .asText(pod.path("status").path("phase").asText("Pending"));
        List<JsonNode> statuses = new ArrayList<>();
        pod.path("status").path("containerStatuses").forEach(statuses::add);
        for (int i = statuses.size() - 1; i >= 0; i--) {
            JsonNode state = statuses.get(i).path("state");
            String waiting = state.path("waiting").path("reason").asText("");
            String terminated = state.path("terminated").path("reason").asText("");
            if (!waiting.isEmpty()) {
                reason = waiting;
            } else if (!terminated.isEmpty()) {
                reason = terminated;
            }
        }
        return reason;
    }

    private static String restarts(JsonNode pod) {
        int restarts = 0;
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            restarts += status.path("restartCount").asInt(0);
        }
        return Integer.toString(restarts);
    }

    private static String ports(JsonNode service) {
        List<String> ports = new ArrayList<>();
        for (JsonNode port : service.path("spec").path("ports")) {
            ports.add(port.path("port").asInt() + "/" + port.path("protocol").asText("TCP"));
        }
        return ports.isEmpty() ? "<none>" : String.join(",", ports);
    }

    private static String accessModes(JsonNode claim) {
        List<String> modes = new ArrayList<>();
        for (JsonNode mode : claim.path("spec").path("accessModes")) {
            modes.add(
                    switch (mode.asText()) {
                        case "ReadWriteOnce" -> "RWO";
                        case "ReadOnlyMany" -> "ROX";
                        case "ReadWriteMany" -> "RWX";
                        case "ReadWriteOncePod" -> "RWOP";
                        default -> mode.asText();
                    });
        }
        return String.join(",", modes);
    }
}
