/**
 * Restore verification ({@code spec.backup.verify}) as both engines do it: a throwaway pod per
 * verification, named and labelled alike ({@link dev.vigil.engine.verification.VerificationPods}),
 * whose {@code verifier} container ends with the result the operator reads ({@link
 * dev.vigil.engine.verification.VerificationOutcome}). Each engine builds its own pod.
 */
package dev.vigil.engine.verification;
