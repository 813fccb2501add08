/**
 * The status of a database as a pure function of what a pass observed: conditions, phase,
 * endpoints, and one Event per transition ({@link dev.vigil.status.EventRecorder} is the only class
 * here that calls the cluster).
 */
package dev.vigil.status;
