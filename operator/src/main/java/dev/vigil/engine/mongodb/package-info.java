/**
 * MongoDB: the replica set's objects (StatefulSet, Services, key file, exporter sidecar), its
 * default alerts and dashboard, the step that converges the replica set through the driver, and the
 * featureCompatibilityVersion the health gate raises.
 */
package dev.vigil.engine.mongodb;
