package dev.vigil.engine.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The shell script the {@code recover} init container runs after a restore from {@code
 * spec.bootstrap}: it replays the source's archive up to the target in a server with no TCP port,
 * stops it once promoted, removes the restore's settings and gives this database's superuser its
 * password. The script says in its comments what it does; this class only loads it.
 *
 * <p>A real {@code .sh} file beside this class, like {@link PostgresBootstrapScript}; it goes into
 * the ConfigMap of databases with {@code spec.bootstrap} only.
 */
public final class PostgresRecoverScript {

    /** The classpath resource holding the script. */
    static final String RESOURCE = "recover.sh";

    private static final String TEXT = load();

    private PostgresRecoverScript() {}

    /** The script's text (POSIX sh). */
    public static String text() {
        return TEXT;
    }

    private static String load() {
        try (InputStream in = PostgresRecoverScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "recover script not on the classpath beside "
                                + PostgresRecoverScript.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recover script", e);
        }
    }
}
