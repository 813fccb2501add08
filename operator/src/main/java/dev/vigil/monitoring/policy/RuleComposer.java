package dev.vigil.monitoring.policy;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.AlertPolicySpec;
import dev.vigil.api.v1alpha1.CustomRule;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.Priority;
import dev.vigil.api.v1alpha1.PriorityMapping;
import dev.vigil.api.v1alpha1.RejectedRule;
import dev.vigil.api.v1alpha1.RuleOverride;
import dev.vigil.monitoring.AlertRule;
import dev.vigil.monitoring.DefaultAlert;
import dev.vigil.monitoring.MetricSelectors;
import dev.vigil.monitoring.PriorityLabels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Composes one database's alert rules from its engine's default alerts and the AlertPolicies that
 * select it.
 *
 * <p><b>Overrides</b> name a default alert and replace parts of it: {@code enabled: false} drops
 * it; {@code threshold}, {@code for}, {@code priority} and {@code severity} replace the default's.
 * An override retunes the rule in place, so the database never gets the same alert twice. An
 * override of an alert that some engine has but that does not apply to this database (another
 * engine's alert, a replication alert on a single member, any default when default alerts are off)
 * is <em>not applicable</em>: it changes nothing and is not an error, so a policy may select
 * databases of both engines and retune the alerts of each. An override is rejected when no engine
 * has a default alert of its name, or when it sets a threshold on an alert that has none.
 *
 * <p><b>Custom rules</b> are added after the defaults. {@code $namespace} and {@code $database} in
 * their {@code expr} become the database's namespace and name, and the result must pass the syntax
 * check. They carry the labels of their priority, their own labels, {@code priority} and {@code
 * vigil_database}; their annotations are their own, with {@code summary} defaulting to the alert
 * name. A custom rule may not take the name of a default alert: an override is the way to change
 * one.
 *
 * <p><b>Priorities</b>: each priority carries {@link PriorityLabels#DEFAULT}, with a policy's
 * mapping for that priority laid over it (a mapping adds labels or changes their values). The
 * result labels the default alerts and the custom rules alike.
 *
 * <p><b>Conflicts</b>: policies are ordered by namespace, then name. When several policies set the
 * same thing for a database (override the same default alert, define a custom rule of the same
 * name, map the same priority), <em>the policy that sorts last wins it whole</em>, and every other
 * one is rejected with a reason naming the winner. Within one policy, a later entry beats an
 * earlier one the same way. Whole means no field-by-field merge: the winning override decides every
 * field of the alert, so what a rule looks like can be read from a single policy. Only entries that
 * are valid on their own take part: a rejected override never beats a valid one.
 *
 * <p>Deleting a policy needs nothing special: compose again without it, and the defaults it changed
 * come back.
 *
 * <p>Instances are immutable and safe to share between threads if the syntax check is.
 */
public final class RuleComposer {

    /** The start of the reason an override of an alert no engine has is rejected with. */
    public static final String MSG_NO_SUCH_ALERT = "no default alert named ";

    /** The schema's default priority of a custom rule, for policies read without defaults. */
    private static final Priority CUSTOM_RULE_PRIORITY = Priority.P3;

    private static final Comparator<AlertPolicy> POLICY_ORDER =
            Comparator.comparing((AlertPolicy p) -> p.getMetadata().getNamespace())
                    .thenComparing(p -> p.getMetadata().getName());

    private final Function<String, Optional<String>> syntaxCheck;
    private final Map<String, DefaultAlert> knownAlerts;

    /**
     * @param syntaxCheck checks a PromQL expression: the error message, or empty when it parses
     * @param knownAlerts every default alert an override may name, by name, whichever database it
     *     applies to; an override naming none of them, nor one of the database's defaults, is
     *     rejected
     */
    public RuleComposer(
            Function<String, Optional<String>> syntaxCheck, Map<String, DefaultAlert> knownAlerts) {
        this.syntaxCheck = Objects.requireNonNull(syntaxCheck);
        this.knownAlerts = Map.copyOf(knownAlerts);
    }

    /**
     * The rules of {@code database}.
     *
     * @param database the database, with schema defaults applied
     * @param defaults the default alerts that apply to it, in the order they should be installed
     * @param policies the policies that select it (see {@link PolicySelection}), in any order
     * @param runbookBaseUrl where runbooks are published, ending with {@code /}
     */
    public ComposedRules compose(
            MonitoredDatabase database,
            List<DefaultAlert> defaults,
            Collection<AlertPolicy> policies,
            String runbookBaseUrl) {
        List<AlertPolicy> sorted = policies.stream().sorted(POLICY_ORDER).toList();
        List<PolicyState> states = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            states.add(new PolicyState(sorted.get(i), i));
        }
        String engine = String.valueOf(database.getSpec().getEngine());
        Map<String, DefaultAlert> defaultsByName = new LinkedHashMap<>();
        defaults.forEach(alert -> defaultsByName.put(alert.alert(), alert));

        Map<Priority, Map<String, String>> priorityLabels = priorityLabels(states);
        Map<String, Candidate<RuleOverride>> overrides = overrides(states, defaultsByName);
        Map<String, Candidate<CustomRule>> customs =
                customRules(states, defaultsByName.keySet(), engine, database);

        List<AlertRule> rules = new ArrayList<>();
        for (DefaultAlert alert : defaults) {
            Candidate<RuleOverride> override = overrides.get(alert.alert());
            if (override == null) {
                rules.add(
                        alert.instantiate(
                                database,
                                alert.threshold(),
                                alert.forDuration(),
                                alert.priority(),
                                priorityLabels,
                                runbookBaseUrl));
                continue;
            }
            override.policy().appliedOverrides.add(alert.alert());
            if (!Boolean.FALSE.equals(override.item().getEnabled())) {
                rules.add(
                        retuned(alert, override.item(), database, priorityLabels, runbookBaseUrl));
            }
        }
        customs.values().stream()
                .sorted(
                        Comparator.comparingInt((Candidate<CustomRule> c) -> c.policy().order)
                                .thenComparing(c -> c.item().getAlert()))
                .forEach(
                        custom -> {
                            custom.policy().addedRules.add(custom.item().getAlert());
                            rules.add(customRule(custom.item(), database, priorityLabels));
                        });

        Map<String, PolicyOutcome> outcomes = new LinkedHashMap<>();
        states.forEach(state -> outcomes.put(state.key, state.outcome()));
        return new ComposedRules(rules, outcomes, priorityLabels);
    }

    /** {@link PriorityLabels#DEFAULT} with the winning mapping of each priority laid over it. */
    private static Map<Priority, Map<String, String>> priorityLabels(List<PolicyState> states) {
        Map<Priority, List<Candidate<PriorityMapping>>> entered = new EnumMap<>(Priority.class);
        for (PolicyState state : states) {
            for (PriorityMapping mapping : listOf(state.spec().getPriorities())) {
                if (mapping.getPriority() != null) {
                    entered.computeIfAbsent(mapping.getPriority(), p -> new ArrayList<>())
                            .add(new Candidate<>(state, mapping));
                }
            }
        }
        Map<Priority, Map<String, String>> labels = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            Map<String, String> merged =
                    new TreeMap<>(PriorityLabels.DEFAULT.getOrDefault(priority, Map.of()));
            Candidate<PriorityMapping> winner =
                    resolve(
                            entered.getOrDefault(priority, List.of()),
                            "priority " + priority,
                            "priority " + priority + " is mapped again later in this policy");
            if (winner != null) {
                winner.policy().appliedPriorities.add(priority);
                merged.putAll(mapOf(winner.item().getLabels()));
            }
            labels.put(priority, merged);
        }
        return labels;
    }

    /**
     * The winning valid override of each of the database's default alerts, by alert name. An
     * override of a known alert the database does not have is noted as not applicable, unless it is
     * wrong for every database (a threshold on an alert without one).
     */
    private Map<String, Candidate<RuleOverride>> overrides(
            List<PolicyState> states, Map<String, DefaultAlert> defaultsByName) {
        Map<String, List<Candidate<RuleOverride>>> entered = new LinkedHashMap<>();
        for (PolicyState state : states) {
            for (RuleOverride override : listOf(state.spec().getOverrides())) {
                String name = override.getAlert();
                DefaultAlert alert = defaultsByName.get(name);
                DefaultAlert known = alert != null ? alert : knownAlerts.get(name);
                if (known == null) {
                    state.reject(name, MSG_NO_SUCH_ALERT + name + " in any engine");
                } else if (override.getThreshold() != null && known.threshold() == null) {
                    state.reject(name, name + " has no threshold to tune");
                } else if (alert == null) {
                    state.notApplicable.add(name);
                } else {
                    entered.computeIfAbsent(name, n -> new ArrayList<>())
                            .add(new Candidate<>(state, override));
                }
            }
        }
        Map<String, Candidate<RuleOverride>> winners = new LinkedHashMap<>();
        entered.forEach(
                (name, candidates) ->
                        winners.put(
                                name,
                                resolve(
                                        candidates,
                                        name,
                                        name + " is overridden again later in this policy")));
        return winners;
    }

    /** The winning valid custom rule of each alert name. */
    private Map<String, Candidate<CustomRule>> customRules(
            List<PolicyState> states,
            Collection<String> defaultNames,
            String engine,
            MonitoredDatabase database) {
        Map<String, List<Candidate<CustomRule>>> entered = new LinkedHashMap<>();
        for (PolicyState state : states) {
            for (CustomRule rule : listOf(state.spec().getRules())) {
                String name = rule.getAlert();
                Optional<String> syntaxError =
                        syntaxCheck.apply(
                                substitute(rule.getExpr() == null ? "" : rule.getExpr(), database));
                if (defaultNames.contains(name)) {
                    state.reject(
                            name,
                            name
                                    + " is a default alert for "
                                    + engine
                                    + "; retune it with an override instead");
                } else if (syntaxError.isPresent()) {
                    state.reject(name, "invalid expr: " + syntaxError.get());
                } else {
                    entered.computeIfAbsent(name, n -> new ArrayList<>())
                            .add(new Candidate<>(state, rule));
                }
            }
        }
        Map<String, Candidate<CustomRule>> winners = new LinkedHashMap<>();
        entered.forEach(
                (name, candidates) ->
                        winners.put(
                                name,
                                resolve(
                                        candidates,
                                        name,
                                        name + " is defined again later in this policy")));
        return winners;
    }

    /**
     * The last candidate, which wins; every other one is rejected as {@code rule}, naming the
     * winner. Candidates arrive in policy order, and in list order within a policy.
     */
    private static <T> Candidate<T> resolve(
            List<Candidate<T>> candidates, String rule, String repeatedReason) {
        if (candidates.isEmpty()) {
            return null;
        }
        Candidate<T> winner = candidates.get(candidates.size() - 1);
        for (Candidate<T> loser : candidates.subList(0, candidates.size() - 1)) {
            loser.policy()
                    .reject(
                            rule,
                            loser.policy() == winner.policy()
                                    ? repeatedReason
                                    : "overridden by policy "
                                            + winner.policy().name
                                            + ", which sorts after it");
        }
        return winner;
    }

    private static AlertRule retuned(
            DefaultAlert alert,
            RuleOverride override,
            MonitoredDatabase database,
            Map<Priority, Map<String, String>> priorityLabels,
            String runbookBaseUrl) {
        AlertRule rule =
                alert.instantiate(
                        database,
                        orDefault(override.getThreshold(), alert.threshold()),
                        orDefault(override.getForDuration(), alert.forDuration()),
                        orDefault(override.getPriority(), alert.priority()),
                        priorityLabels,
                        runbookBaseUrl);
        if (override.getSeverity() == null) {
            return rule;
        }
        // The severity replaces the one the priority's labels gave, for this alert only.
        Map<String, String> labels = new LinkedHashMap<>(rule.labels());
        labels.put("severity", override.getSeverity());
        return new AlertRule(
                rule.alert(),
                rule.expr(),
                rule.forDuration(),
                rule.priority(),
                labels,
                rule.annotations());
    }

    private static AlertRule customRule(
            CustomRule rule,
            MonitoredDatabase database,
            Map<Priority, Map<String, String>> priorityLabels) {
        Priority priority = Objects.requireNonNullElse(rule.getPriority(), CUSTOM_RULE_PRIORITY);
        Map<String, String> labels = new LinkedHashMap<>(priorityLabels.get(priority));
        labels.putAll(mapOf(rule.getLabels()));
        // Put last so a rule's own labels cannot break routing by priority or by database.
        labels.put("priority", priority.name());
        labels.put(MetricSelectors.DATABASE_LABEL, database.getMetadata().getName());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", rule.getAlert());
        annotations.putAll(mapOf(rule.getAnnotations()));
        return new AlertRule(
                rule.getAlert(),
                substitute(rule.getExpr(), database),
                rule.getForDuration(),
                priority,
                labels,
                annotations);
    }

    private static String substitute(String expr, MonitoredDatabase database) {
        return ExprPlaceholders.substitute(
                expr, database.getMetadata().getNamespace(), database.getMetadata().getName());
    }

    /** {@code value} when the override sets it, else the default, which may itself be null. */
    private static <T> T orDefault(T value, T defaultValue) {
        return value != null ? value : defaultValue;
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, String> mapOf(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    /** One policy's entry for something policies may compete for. */
    private record Candidate<T>(PolicyState policy, T item) {}

    /** One policy while composing: its place in the order and what happened to its entries. */
    private static final class PolicyState {
        final AlertPolicy policy;
        final String key;
        final String name;
        final int order;
        final List<String> appliedOverrides = new ArrayList<>();
        final List<String> addedRules = new ArrayList<>();
        final List<Priority> appliedPriorities = new ArrayList<>();
        final List<String> notApplicable = new ArrayList<>();
        final List<RejectedRule> rejected = new ArrayList<>();

        PolicyState(AlertPolicy policy, int order) {
            this.policy = policy;
            this.key = ComposedRules.policyKey(policy);
            this.name = policy.getMetadata().getName();
            this.order = order;
        }

        AlertPolicySpec spec() {
            return policy.getSpec() == null ? new AlertPolicySpec() : policy.getSpec();
        }

        void reject(String rule, String reason) {
            RejectedRule rejection = new RejectedRule();
            rejection.setRule(rule);
            rejection.setReason(reason);
            rejected.add(rejection);
        }

        PolicyOutcome outcome() {
            return new PolicyOutcome(
                    appliedOverrides, addedRules, appliedPriorities, notApplicable, rejected);
        }
    }
}
