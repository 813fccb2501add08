/**
 * The {@code vigil.dev/v1alpha1} API: custom resource classes and the only source of the CRD
 * schema. Descriptions, defaults and validation live here as annotations; {@code crds/} is
 * generated from them by the build.
 */
package dev.vigil.api.v1alpha1;
