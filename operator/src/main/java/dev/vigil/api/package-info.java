/**
 * What is derived from the API types rather than part of them: the schema defaults read back from
 * the generated CRDs ({@link dev.vigil.api.SchemaDefaults}, so no default is written twice) and the
 * CRD reference documentation ({@link dev.vigil.api.CrdReferenceDoc}).
 */
package dev.vigil.api;
