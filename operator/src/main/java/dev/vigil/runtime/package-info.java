/**
 * {@code vigil run}: the operator's settings, the JOSDK operator and its registration, the HTTP
 * endpoints ({@code /metrics}, {@code /healthz}, {@code /readyz}) and logging.
 */
package dev.vigil.runtime;
