/**
 * Validation of Vigil's custom resources: the CRD schema as the API server applies it, plus the
 * rules a schema cannot express. Pure: used offline by {@code vigil validate} and {@code vigil
 * render}, and by the reconciler, which reports the errors as {@code Ready=False,
 * reason=InvalidSpec}.
 */
package dev.vigil.validation;
