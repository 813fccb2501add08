/**
 * What is derived from the API types rather than part of them: the CRD reference documentation
 * ({@link dev.vigil.api.CrdReferenceDoc}), rendered from the generated CRD schema.
 */
package dev.vigil.api;
