/**
 * Names and labels: every object's name, the standard labels and selectors, owner references and
 * owned metadata, credential keys, and how a database address resolves. Pure and shared by every
 * builder.
 */
package dev.vigil.names;
