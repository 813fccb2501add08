package dev.vigil.backup.archive;

/** Checks the relative keys the stores take, so none escapes its root. */
final class ArchiveKeys {

    private ArchiveKeys() {}

    /**
     * {@code key} when it is relative and has no empty, {@code .} or {@code ..} name.
     *
     * @throws IllegalArgumentException otherwise
     */
    static String checked(String key) {
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("not a relative object key: " + key);
        }
        for (String name : key.split("/", -1)) {
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("not a relative object key: " + key);
            }
        }
        return key;
    }
}
