/**
 * The JOSDK reconcilers. {@link dev.vigil.reconciler.MonitoredDatabaseReconciler} is event sources,
 * dispatch and the end of a pass; a {@link dev.vigil.reconciler.ManagedPass} or {@link
 * dev.vigil.reconciler.ExternalPass} runs named {@link dev.vigil.reconciler.PassStep}s over a
 * {@code PassContext}. {@link dev.vigil.reconciler.AlertPolicyReconciler} reports what a policy
 * does and routes its alerts.
 */
package dev.vigil.reconciler;
