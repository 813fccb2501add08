package dev.vigil.engine.postgres;

/**
 * A PostgreSQL write-ahead log position ({@code pg_lsn}), such as {@code 0/3000148}: a byte offset
 * into the WAL, so two positions subtract to the bytes between them.
 *
 * @param value the 64-bit position, compared unsigned
 */
public record Lsn(long value) implements Comparable<Lsn> {

    /**
     * Parses PostgreSQL's text form, two hexadecimal halves separated by {@code /}.
     *
     * @throws IllegalArgumentException when {@code text} is not an LSN
     */
    public static Lsn parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("not a PostgreSQL LSN: " + text);
        }
        try {
            long high = Long.parseLong(text.substring(0, slash), 16);
            long low = Long.parseLong(text.substring(slash + 1), 16);
            if (high > 0xFFFF_FFFFL || low > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("not a PostgreSQL LSN: " + text);
            }
            return new Lsn(high << 32 | low);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a PostgreSQL LSN: " + text, e);
        }
    }

    /** How many bytes of WAL lie between {@code earlier} and this position (0 if none). */
    public long bytesAfter(Lsn earlier) {
        return compareTo(earlier) <= 0 ? 0 : value - earlier.value;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    /** The form PostgreSQL prints, e.g. {@code 0/3000148}. */
    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase()
                + "/"
                + Long.toHexString(value & 0xFFFF_FFFFL).toUpperCase();
    }
}
