/**
 * How AlertPolicies shape a database's alert rules: which policies select a database ({@link
 * dev.vigil.monitoring.policy.PolicySelection}), how their overrides, custom rules and priority
 * mappings combine with the engine's default alerts ({@link
 * dev.vigil.monitoring.policy.RuleComposer}), and the policy checks a CRD schema cannot express
 * ({@link dev.vigil.monitoring.policy.AlertPolicyRules}). Everything here is pure: no client, no
 * clock, no I/O.
 */
package dev.vigil.monitoring.policy;
