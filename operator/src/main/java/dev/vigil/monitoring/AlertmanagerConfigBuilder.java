package dev.vigil.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.v1alpha1.AlertMatcher;
import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.AlertReceiver;
import dev.vigil.api.v1alpha1.AlertRoute;
import dev.vigil.api.v1alpha1.AlertRouting;
import dev.vigil.api.v1alpha1.MatchType;
import dev.vigil.api.v1alpha1.Priority;
import dev.vigil.names.OwnerReferences;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.Matcher;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.MatcherBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.Receiver;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.Route;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.RouteBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the prometheus-operator {@code AlertmanagerConfig} (monitoring.coreos.com/v1alpha1) {@code
 * <policy>-routing} of an AlertPolicy's {@code spec.routing}, in the policy's namespace and owned
 * by it. Pure: no API call.
 *
 * <p>The routing tree:
 *
 * <ul>
 *   <li>The receivers are {@code spec.routing.receivers} as written: each config list goes into the
 *       AlertmanagerConfig unchanged, so credentials stay the Secret references the user wrote
 *       (e.g. a PagerDuty {@code routingKey}).
 *   <li>Each {@code spec.routing.routes} entry becomes one child route, in order, matching the
 *       {@code priority} label of its priorities ({@code priority="P1"}, or {@code
 *       priority=~"P1|P2"} for several) and no priority matcher when it lists none, then its own
 *       {@code matchers} as written, with its receiver, {@code groupBy}, {@code groupWait}, {@code
 *       groupInterval}, {@code repeatInterval} and {@code continue}. Alertmanager takes the first
 *       child that matches, unless that child says {@code continue}, so an earlier route wins a
 *       priority two routes list.
 *   <li>The top route matches only Vigil's alerts (those carrying {@link
 *       MetricSelectors#DATABASE_LABEL}), so other alerts of the namespace that happen to carry a
 *       {@code priority} label stay with whoever routes them today. When a route lists no
 *       priorities the top route matches every priority; otherwise only the priorities some route
 *       lists, so an alert of a priority no route names never enters this tree. The top route's
 *       receiver, which takes the alerts that enter the tree and match no child, is the first
 *       route's that lists neither priorities nor matchers (it catches everything anyway), else the
 *       first route's: without matchers no such alert exists, with them it can.
 *   <li>{@code spec.routing.alertmanagerConfigLabels} join the object's own labels, for an
 *       Alertmanager's {@code alertmanagerConfigSelector}.
 * </ul>
 *
 * <p>prometheus-operator adds a {@code namespace="<policy's namespace>"} matcher to the top route
 * of every AlertmanagerConfig (unless its Alertmanager is configured otherwise), so a policy only
 * ever routes the alerts of its own namespace.
 */
public final class AlertmanagerConfigBuilder {

    /** Suffix of the AlertmanagerConfig's name after the policy's. */
    public static final String NAME_SUFFIX = "-routing";

    /** The alert label routes match: every Vigil alert carries its priority, P1..P4. */
    public static final String PRIORITY_LABEL = "priority";

    /** {@code app.kubernetes.io/component} of the AlertmanagerConfig. */
    static final String COMPONENT_ALERT_ROUTING = "alert-routing";

    private AlertmanagerConfigBuilder() {}

    /**
     * The AlertmanagerConfig of {@code defaultedPolicy} (an AlertPolicy with its schema defaults
     * applied), or empty when it routes nothing: no {@code spec.routing}, no route in it, or no
     * database selected.
     *
     * @param databases the names of the databases the policy selects: its routes take only their
     *     alerts (by {@code vigil_database}), so two policies of one namespace never route each
     *     other's alerts
     * @throws IllegalArgumentException when a route names a receiver the policy does not define,
     *     naming the field; Alertmanager would reject the whole configuration otherwise
     */
    public static Optional<AlertmanagerConfig> build(
            AlertPolicy defaultedPolicy, List<String> databases) {
        AlertRouting routing = defaultedPolicy.getSpec().getRouting();
        if (routing == null
                || routing.getRoutes() == null
                || routing.getRoutes().isEmpty()
                || databases.isEmpty()) {
            return Optional.empty();
        }
        List<AlertReceiver> receivers =
                routing.getReceivers() == null ? List.of() : routing.getReceivers();
        checkReceivers(routing.getRoutes(), receivers);
        return Optional.of(
                // Qualified: this class shares the simple name of fabric8's builder.
                new io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfigBuilder()
                        .withMetadata(metadata(defaultedPolicy))
                        .withNewSpec()
                        .withReceivers(
                                receivers.stream()
                                        .map(AlertmanagerConfigBuilder::receiver)
                                        .toList())
                        .withRoute(topRoute(routing.getRoutes(), databases))
                        .endSpec()
                        .build());
    }

    /** {@code <policy>-routing}. */
    public static String name(AlertPolicy policy) {
        return policy.getMetadata().getName() + NAME_SUFFIX;
    }

    private static ObjectMeta metadata(AlertPolicy policy) {
        // StandardLabels.forObject describes a database; this object belongs to a policy, so it
        // carries the same label keys with the policy's values.
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(StandardLabels.NAME, StandardLabels.PART_OF_VIGIL);
        labels.put(StandardLabels.INSTANCE, policy.getMetadata().getName());
        labels.put(StandardLabels.COMPONENT, COMPONENT_ALERT_ROUTING);
        labels.put(StandardLabels.PART_OF, StandardLabels.PART_OF_VIGIL);
        labels.put(StandardLabels.MANAGED_BY, StandardLabels.MANAGED_BY_VIGIL);
        Map<String, String> extra = policy.getSpec().getRouting().getAlertmanagerConfigLabels();
        if (extra != null) {
            // AlertPolicyRules refuses the keys above, so none is replaced; sorted for a stable
            // object.
            new TreeMap<>(extra).forEach(labels::putIfAbsent);
        }
        return new ObjectMetaBuilder()
                .withName(name(policy))
                .withNamespace(policy.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(OwnerReferences.controllerOf(policy))
                .build();
    }

    private static void checkReceivers(List<AlertRoute> routes, List<AlertReceiver> receivers) {
        Set<String> names =
                receivers.stream().map(AlertReceiver::getName).collect(Collectors.toSet());
        for (int i = 0; i < routes.size(); i++) {
            String receiver = routes.get(i).getReceiver();
            if (!names.contains(receiver)) {
                throw new IllegalArgumentException(
                        "spec.routing.routes["
                                + i
                                + "].receiver: no receiver named '"
                                + receiver
                                + "' in spec.routing.receivers");
            }
        }
    }

    /**
     * The receiver as written: converting through JSON keeps every field, including ones a newer
     * prometheus-operator knows and this model does not (kept as additional properties).
     */
    private static Receiver receiver(AlertReceiver receiver) {
        JsonNode written = Serialization.jsonMapper().valueToTree(receiver);
        return Serialization.jsonMapper().convertValue(written, Receiver.class);
    }

    private static Route topRoute(List<AlertRoute> routes, List<String> databases) {
        Optional<AlertRoute> catchAll =
                routes.stream()
                        .filter(route -> priorities(route).isEmpty() && matchers(route).isEmpty())
                        .findFirst();
        boolean everyPriority = routes.stream().anyMatch(route -> priorities(route).isEmpty());
        List<Matcher> matchers = new ArrayList<>();
        matchers.add(
                new MatcherBuilder()
                        .withName(MetricSelectors.DATABASE_LABEL)
                        .withMatchType("=~")
                        // Database names are DNS labels: no regex metacharacter to escape.
                        .withValue(String.join("|", databases.stream().sorted().toList()))
                        .build());
        if (!everyPriority) {
            Set<Priority> routed = EnumSet.noneOf(Priority.class);
            routes.forEach(route -> routed.addAll(priorities(route)));
            matchers.add(priorityMatcher(routed));
        }
        return new RouteBuilder()
                .withReceiver(catchAll.orElse(routes.get(0)).getReceiver())
                .withMatchers(matchers)
                .withRoutes(routes.stream().map(AlertmanagerConfigBuilder::childRoute).toList())
                .build();
    }

    private static JsonNode childRoute(AlertRoute route) {
        Set<Priority> priorities = priorities(route);
        List<Matcher> matchers = new ArrayList<>();
        if (!priorities.isEmpty()) {
            matchers.add(priorityMatcher(priorities));
        }
        matchers(route).stream().map(AlertmanagerConfigBuilder::matcher).forEach(matchers::add);
        Route child =
                new RouteBuilder()
                        .withReceiver(route.getReceiver())
                        .withMatchers(matchers.isEmpty() ? null : matchers)
                        .withGroupBy(route.getGroupBy())
                        .withGroupWait(route.getGroupWait())
                        .withGroupInterval(route.getGroupInterval())
                        .withRepeatInterval(route.getRepeatInterval())
                        .withContinue(route.getContinueMatching())
                        .build();
        // The model types nested routes as JSON, since a route's schema refers to itself.
        return Serialization.jsonMapper().valueToTree(child);
    }

    private static Set<Priority> priorities(AlertRoute route) {
        Set<Priority> priorities = EnumSet.noneOf(Priority.class);
        if (route.getPriorities() != null) {
            priorities.addAll(route.getPriorities());
        }
        return priorities;
    }

    private static List<AlertMatcher> matchers(AlertRoute route) {
        return route.getMatchers() == null ? List.of() : route.getMatchers();
    }

    /** A matcher as written; {@code =} when it names no match type (the schema's default). */
    private static Matcher matcher(AlertMatcher matcher) {
        MatchType type = matcher.getMatchType() == null ? MatchType.EQUAL : matcher.getMatchType();
        return new MatcherBuilder()
                .withName(matcher.getName())
                .withMatchType(type.symbol())
                .withValue(matcher.getValue() == null ? "" : matcher.getValue())
                .build();
    }

    /** {@code priority="P1"} for one, {@code priority=~"P1|P3"} for several, in P1..P4 order. */
    private static Matcher priorityMatcher(Collection<Priority> priorities) {
        boolean single = priorities.size() == 1;
        return new MatcherBuilder()
                .withName(PRIORITY_LABEL)
                .withMatchType(single ? "=" : "=~")
                .withValue(priorities.stream().map(Priority::name).collect(Collectors.joining("|")))
                .build();
    }
}
