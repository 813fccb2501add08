/**
 * Pure builders of the Kubernetes objects every engine needs in the same shape: the context they
 * build in, Services, the PodDisruptionBudget, the NetworkPolicy, pod security, exporter
 * containers, TLS volumes and the cert-manager Certificate.
 */
package dev.vigil.resources;
