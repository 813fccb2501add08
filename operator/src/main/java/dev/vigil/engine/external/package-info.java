/**
 * External mode: a database that runs elsewhere, for which Vigil runs only the exporter (a
 * Deployment), its Service and NetworkPolicy, and reads what the exporter sees.
 */
package dev.vigil.engine.external;
