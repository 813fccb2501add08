/** Reading an exporter's {@code /metrics}: the up metric the status and the health gate rely on. */
package dev.vigil.engine.exporter;
