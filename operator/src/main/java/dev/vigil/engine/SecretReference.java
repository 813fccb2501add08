package dev.vigil.engine;

import java.util.Optional;

/**
 * A Secret a database uses, as its engine declares it.
 *
 * @param role whose credentials, or which connection, it holds
 * @param name the Secret's name
 * @param specField the field that names it when the user chose it; such a Secret must exist now,
 *     while one Vigil generates may still be on its way
 * @param key the key to read, for a Secret holding one value (a connection URI) rather than a
 *     username and password
 */
public record SecretReference(
        SecretReferences.Role role, String name, Optional<String> specField, Optional<String> key) {

    /** Credentials ({@code username}, {@code password}) in {@code name}. */
    public static SecretReference credentials(
            SecretReferences.Role role, String name, Optional<String> specField) {
        return new SecretReference(role, name, specField, Optional.empty());
    }
}
