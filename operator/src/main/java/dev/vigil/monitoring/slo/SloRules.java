package dev.vigil.monitoring.slo;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.Priority;
import dev.vigil.api.v1alpha1.SloSpec;
import dev.vigil.monitoring.AlertRule;
import dev.vigil.monitoring.MetricSelectors;
import dev.vigil.monitoring.ServiceIndicators;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules a database's SLOs imply, in evaluation order: whether the database has served yet
 * ({@value #SERVING}); each objective's error ratio at every evaluation ({@value #ERRORS}) and
 * error budget ({@value #BUDGET}); the ratio averaged over the alert windows and the period
 * ({@value #ERRORS}{@code _avg<window>}); the burn rates over the windows ({@value
 * #BURN_RATE}{@code <window>}) and the budget left over the period ({@value #BUDGET_REMAINING});
 * then the two burn-rate alerts, {@value #FAST_BURN} (P1) and {@value #SLOW_BURN} (P2). Every
 * series carries {@code namespace}, {@code vigil_database} and {@code slo}.
 *
 * @param records the recording rules, in order
 * @param alerts the alerts
 */
public record SloRules(List<RecordingRule> records, List<AlertRule> alerts) {

    /**
     * Above 0 once some member of the database answered its exporter, and from then on: a latch
     * that reads its own last value. Errors count from then, so a database being created pages
     * nobody.
     */
    public static final String SERVING = "vigil:slo_serving:bool";

    public static final String ERRORS = "vigil:slo_errors:ratio";
    public static final String BUDGET = "vigil:slo_error_budget:ratio";
    public static final String BURN_RATE = "vigil:slo_burn_rate:avg";
    public static final String BUDGET_REMAINING = "vigil:slo_error_budget_remaining:ratio";
    public static final String FAST_BURN = "DatabaseErrorBudgetBurningFast";
    public static final String SLOW_BURN = "DatabaseErrorBudgetBurningSlow";

    /** The alerts SLOs may add: each has a runbook like the default alerts. */
    public static final List<String> ALERTS = List.of(FAST_BURN, SLOW_BURN);

    public SloRules {
        records = List.copyOf(records);
        alerts = List.copyOf(alerts);
    }

    /**
     * The rules of {@code defaulted}, or empty when it sets no objective.
     *
     * @param priorityLabels the labels each priority carries (the policies' mappings applied)
     * @param runbookBaseUrl where runbooks are published, ending with {@code /}
     */
    public static Optional<SloRules> of(
            MonitoredDatabase defaulted,
            ServiceIndicators indicators,
            Map<Priority, Map<String, String>> priorityLabels,
            String runbookBaseUrl) {
        SloSpec slo = ServiceLevelObjectives.spec(defaulted);
        if (slo == null) {
            return Optional.empty();
        }
        List<Objective> objectives = ServiceLevelObjectives.of(defaulted, slo, indicators);
        if (objectives.isEmpty()) {
            return Optional.empty();
        }
        Duration period = ServiceLevelObjectives.period(slo);
        String selector = "{" + MetricSelectors.exporter(defaulted) + "}";
        String periodWindow = period.toDays() + "d";
        List<RecordingRule> records = new ArrayList<>();
        records.add(
                new RecordingRule(
                        SERVING,
                        "max by (namespace, vigil_database) ({__name__=~\""
                                + defaulted.getSpec().getEngine().upMetric()
                                + "|"
                                + SERVING
                                + "\", "
                                + MetricSelectors.exporter(defaulted)
                                + "})",
                        Map.of()));
        for (Objective objective : objectives) {
            records.add(
                    new RecordingRule(ERRORS, objective.errors(), Map.of("slo", objective.name())));
            records.add(
                    new RecordingRule(
                            BUDGET,
                            "vector(" + objective.errorBudget().toPlainString() + ")",
                            budgetLabels(defaulted, objective)));
        }
        List<String> windows = new ArrayList<>(BurnRateWindows.WINDOWS);
        if (!windows.contains(periodWindow)) {
            windows.add(periodWindow);
        }
        for (String window : windows) {
            records.add(
                    new RecordingRule(
                            ERRORS + "_avg" + window,
                            "avg_over_time(" + ERRORS + selector + "[" + window + "])",
                            Map.of()));
        }
        for (String window : BurnRateWindows.WINDOWS) {
            records.add(
                    new RecordingRule(
                            BURN_RATE + window,
                            ERRORS + "_avg" + window + selector + " / " + BUDGET + selector,
                            Map.of()));
        }
        records.add(
                new RecordingRule(
                        BUDGET_REMAINING,
                        "1 - "
                                + ERRORS
                                + "_avg"
                                + periodWindow
                                + selector
                                + " / "
                                + BUDGET
                                + selector,
                        Map.of()));
        List<AlertRule> alerts =
                List.of(
                        alert(
                                FAST_BURN,
                                BurnRateWindows.FAST,
                                "2m",
                                Priority.P1,
                                "a fast burn spends 2% of the period's budget in an hour, or 5% in"
                                        + " six hours: at this rate it is gone within days",
                                selector,
                                period,
                                priorityLabels,
                                runbookBaseUrl),
                        alert(
                                SLOW_BURN,
                                BurnRateWindows.SLOW,
                                "15m",
                                Priority.P2,
                                "a slow burn spends 10% of the period's budget in a day or in"
                                        + " three days: left alone, the objective is missed",
                                selector,
                                period,
                                priorityLabels,
                                runbookBaseUrl));
        return Optional.of(new SloRules(records, alerts));
    }

    private static Map<String, String> budgetLabels(
            MonitoredDatabase database, Objective objective) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("namespace", database.getMetadata().getNamespace());
        labels.put(MetricSelectors.DATABASE_LABEL, database.getMetadata().getName());
        labels.put("slo", objective.name());
        return labels;
    }

    private static AlertRule alert(
            String name,
            List<BurnRateWindows.Pair> pairs,
            String forDuration,
            Priority priority,
            String why,
            String selector,
            Duration period,
            Map<Priority, Map<String, String>> priorityLabels,
            String runbookBaseUrl) {
        String expr =
                pairs.stream()
                        .map(
                                pair -> {
                                    BigDecimal rate = pair.burnRate(period);
                                    return "("
                                            + BURN_RATE
                                            + pair.longWindow()
                                            + selector
                                            + " > "
                                            + rate.toPlainString()
                                            + " and "
                                            + BURN_RATE
                                            + pair.shortWindow()
                                            + selector
                                            + " > "
                                            + rate.toPlainString()
                                            + ")";
                                })
                        .collect(Collectors.joining(" or "));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.putAll(priorityLabels.getOrDefault(priority, Map.of()));
        labels.put("priority", priority.name());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(
                "summary",
                "The {{ $labels.slo }} objective of {{ $labels.namespace }}/"
                        + "{{ $labels.vigil_database }} burns its error budget"
                        + " {{ $value | humanize }} times as fast as it can last");
        annotations.put(
                "description", "The error ratio is above the objective's budget: " + why + ".");
        annotations.put("runbook_url", runbookBaseUrl + name + ".md");
        return new AlertRule(name, expr, forDuration, priority, labels, annotations);
    }
}
