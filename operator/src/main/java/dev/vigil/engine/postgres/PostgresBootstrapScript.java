package dev.vigil.engine.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The shell script the {@code bootstrap} init container of every PostgreSQL member runs before
 * postgres starts: it initialises the first primary, clones standbys with {@code pg_basebackup},
 * and rewinds a former primary with {@code pg_rewind}. The script says in its comments what it does
 * in each case; this class only loads it.
 *
 * <p>It lives as a real {@code .sh} file beside this class, so that it can be read, linted and run
 * on its own; it goes into the ConfigMap, and so into the configuration hash: changing it rolls the
 * pods.
 */
public final class PostgresBootstrapScript {

    /** The classpath resource holding the script. */
    static final String RESOURCE = "bootstrap.sh";

    private static final String TEXT = load();

    private PostgresBootstrapScript() {}

    /** The script's text (POSIX sh). */
    public static String text() {
        return TEXT;
    }

    private static String load() {
        try (InputStream in = PostgresBootstrapScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "bootstrap script not on the classpath beside "
                                + PostgresBootstrapScript.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bootstrap script", e);
        }
    }
}
