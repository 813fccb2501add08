/**
 * PostgreSQL: the objects of a primary with streaming standbys, its default alerts and dashboard,
 * and the step that probes the members, keeps roles and replication slots on the primary, labels
 * pods with their role and fails over a lost primary, through JDBC.
 */
package dev.vigil.engine.postgres;
