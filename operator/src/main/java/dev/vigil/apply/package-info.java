/**
 * The operator's one write path for the objects it owns: {@link dev.vigil.apply.ResourceApplier}
 * compares each desired object with the informer cache ({@link
 * dev.vigil.apply.DesiredStateMatcher}) and writes only a difference, by server-side apply.
 */
package dev.vigil.apply;
