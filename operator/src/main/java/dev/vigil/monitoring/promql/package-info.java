/**
 * Vigil's PromQL checker: a lexer, parser and type checker for the expressions users write in
 * AlertPolicies and analyses, tested against {@code promtool}.
 */
package dev.vigil.monitoring.promql;
