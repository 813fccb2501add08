/**
 * The {@code vigil} command line (picocli): {@code run} starts the operator, {@code render} and
 * {@code validate} work offline on manifests, with the same builders and rules the operator uses.
 */
package dev.vigil.cli;
