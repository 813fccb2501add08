package dev.vigil.engine.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PasswordUtil;

/**
 * SCRAM-SHA-256 verifiers as PostgreSQL stores them in {@code pg_authid.rolpassword}: {@code
 * SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}. Vigil computes them itself (with the
 * driver's {@link PasswordUtil}, which applies PostgreSQL's SASLprep), so the plain password never
 * reaches the server, its logs or {@code pg_stat_activity}, and it compares a stored verifier with
 * a password without logging in.
 */
final class ScramVerifier {

    private static final String BASE64 = "[A-Za-z0-9+/=]+";
    private static final Pattern STORED =
            Pattern.compile(
                    "SCRAM-SHA-256\\$(\\d{1,9}):(" + BASE64 + ")\\$" + BASE64 + ":" + BASE64);

    private ScramVerifier() {}

    /** A new verifier for {@code password}, with a random salt and PostgreSQL's 4096 iterations. */
    static String create(String password) {
        return PasswordUtil.encodeScramSha256(password.toCharArray());
    }

    /**
     * Whether {@code stored} verifies {@code password}: recomputes the verifier with the stored
     * salt and iteration count and compares in constant time. A missing, MD5 or otherwise
     * unreadable stored password never matches, so it gets replaced by a SCRAM verifier.
     */
    static boolean matches(String stored, String password) {
        if (stored == null) {
            return false;
        }
        Matcher matcher = STORED.matcher(stored);
        if (!matcher.matches()) {
            return false;
        }
        int iterations = Integer.parseInt(matcher.group(1));
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (iterations <= 0 || salt.length == 0) {
            return false;
        }
        String expected = PasswordUtil.encodeScramSha256(password.toCharArray(), iterations, salt);
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                stored.getBytes(StandardCharsets.US_ASCII));
    }
}
