package dev.vigil.e2e.node;

import java.util.regex.Pattern;

/** Dotted-quad IPv4 addresses as ints, for the address pools and the cluster DNS. */
final class Ipv4 {

    private static final Pattern DOTTED_QUAD =
            Pattern.compile(
                    "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private Ipv4() {}

    /** Whether {@code text} is an IPv4 address literal such as {@code 127.10.0.3}. */
    static boolean isLiteral(String text) {
        return text != null && DOTTED_QUAD.matcher(text).matches();
    }

    static int parse(String text) {
        if (!isLiteral(text)) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int value = 0;
        for (String octet : text.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    static String format(int address) {
        return (address >>> 24)
                + "."
                + ((address >>> 16) & 0xff)
                + "."
                + ((address >>> 8) & 0xff)
                + "."
                + (address & 0xff);
    }

    static byte[] bytes(String text) {
        int value = parse(text);
        return new byte[] {
            (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
        };
    }
}
