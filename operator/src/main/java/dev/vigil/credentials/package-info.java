/**
 * Credentials Vigil generates and the protocol that rotates them: the generator of secret values,
 * the Secrets that hold users' credentials, and the monitoring-password rotation a resource asks
 * for with its annotation. No value ever leaves a Secret.
 */
package dev.vigil.credentials;
