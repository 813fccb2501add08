package dev.vigil.api;

/**
 * A type documented elsewhere, shown in the reference by name with a link instead of being expanded
 * field by field.
 *
 * @param name the type's name as its own documentation spells it, e.g. {@code Affinity}
 * @param url where that documentation is
 */
public record TypeLink(String name, String url) {}
