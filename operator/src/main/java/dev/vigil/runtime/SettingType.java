package dev.vigil.runtime;

import dev.vigil.monitoring.RunbookBaseUrl;
import dev.vigil.runtime.OperatorSettings.LogFormat;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The syntax of a kind of setting value: how the text of a flag or an environment variable is
 * checked and parsed, how a value is written back as text (for defaults in the help and the docs),
 * and how the flag's parameter is shown.
 *
 * <p>A parser throws {@link IllegalArgumentException} saying what is wrong, without naming the flag
 * or variable: {@link OperatorSettingsResolver} adds that, so that both are reported alike. The
 * text it gets is already trimmed.
 *
 * @param <T> the parsed value
 */
public final class SettingType<T> {

    // RFC 1123 label (namespaces) and subdomain (object names, domains), as the API server checks.
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int DNS_SUBDOMAIN_MAX_LENGTH = 253;
    // Only digits, dots and hex colons: InetAddress then parses without a DNS lookup.
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f]*:[0-9A-Fa-f:.]*");

    /** {@code true} or {@code false} in any case; the flag without a value means {@code true}. */
    public static final SettingType<Boolean> BOOLEAN =
            new SettingType<>("<true|false>", "true", SettingType::parseBoolean, String::valueOf);

    /** A whole number of at least 1. */
    public static final SettingType<Integer> POSITIVE_INTEGER =
            new SettingType<>("<n>", null, SettingType::parsePositiveInteger, String::valueOf);

    /** A TCP port, 0 to 65535. */
    public static final SettingType<Integer> PORT =
            new SettingType<>("<port>", null, SettingType::parsePort, String::valueOf);

    /** A namespace name. */
    public static final SettingType<String> NAMESPACE =
            new SettingType<>("<ns>", null, SettingType::parseNamespace, Function.identity());

    /** Comma-separated namespace names, trimmed, empty entries skipped; empty for none. */
    public static final SettingType<Set<String>> NAMESPACES =
            new SettingType<>(
                    "<ns>[,<ns>...]",
                    null,
                    SettingType::parseNamespaces,
                    namespaces -> String.join(",", namespaces));

    /** The name of a namespaced object, such as a Lease. */
    public static final SettingType<String> OBJECT_NAME =
            new SettingType<>("<name>", null, SettingType::parseObjectName, Function.identity());

    /** A DNS domain such as {@code cluster.local}. */
    public static final SettingType<String> DNS_DOMAIN =
            new SettingType<>("<domain>", null, SettingType::parseDnsDomain, Function.identity());

    /** An IPv4 or IPv6 literal; a host name is refused rather than looked up. */
    public static final SettingType<String> IP_ADDRESS =
            new SettingType<>("<ip>", null, SettingType::parseIpAddress, Function.identity());

    /** {@code plain} or {@code json}, in any case. */
    public static final SettingType<LogFormat> LOG_FORMAT =
            new SettingType<>(
                    "<plain|json>",
                    null,
                    SettingType::parseLogFormat,
                    format -> format.name().toLowerCase(Locale.ROOT));

    /**
     * An absolute http or https URL that file names follow ({@link RunbookBaseUrl}); a missing
     * final {@code /} is added.
     */
    public static final SettingType<String> BASE_URL =
            new SettingType<>("<url>", null, RunbookBaseUrl::parse, Function.identity());

    /** Comma-separated {@code key=value} labels, at least one ({@link LabelList}). */
    public static final SettingType<Map<String, String>> LABELS =
            new SettingType<>("<key=value,...>", null, LabelList::parse, LabelList::format);

    private final String paramLabel;
    private final String bareFlagValue;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;

    private SettingType(
            String paramLabel,
            String bareFlagValue,
            Function<String, T> parser,
            Function<T, String> formatter) {
        this.paramLabel = paramLabel;
        this.bareFlagValue = bareFlagValue;
        this.parser = parser;
        this.formatter = formatter;
    }

    /** How the help shows the flag's parameter, such as {@code <port>}. */
    public String paramLabel() {
        return paramLabel;
    }

    /**
     * The value of the flag given without one ({@code --leader-election}), or null when the flag
     * needs a value.
     */
    public String bareFlagValue() {
        return bareFlagValue;
    }

    /**
     * The value {@code text} stands for.
     *
     * @throws IllegalArgumentException saying why the text is not a value of this type
     */
    public T parse(String text) {
        return parser.apply(text);
    }

    /** {@code value} as one would type it, which {@link #parse} turns back into it. */
    public String format(T value) {
        return formatter.apply(Objects.requireNonNull(value, "value"));
    }

    private static boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static int parsePositiveInteger(String text) {
        int value = parseInteger(text, "must be an integer of at least 1");
        if (value < 1) {
            throw new IllegalArgumentException("must be an integer of at least 1");
        }
        return value;
    }

    private static int parsePort(String text) {
        int value = parseInteger(text, "must be a port number from 0 to 65535");
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("must be a port number from 0 to 65535");
        }
        return value;
    }

    private static int parseInteger(String text, String requirement) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(requirement, e);
        }
    }

    private static Set<String> parseNamespaces(String text) {
        Set<String> namespaces = new LinkedHashSet<>();
        Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(SettingType::parseNamespace)
                .forEach(namespaces::add);
        return namespaces;
    }

    private static String parseNamespace(String text) {
        if (!DNS_LABEL.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "'"
                            + text
                            + "' is not a namespace name (lowercase letters, digits and '-',"
                            + " at most 63 characters)");
        }
        return text;
    }

    private static String parseObjectName(String text) {
        if (text.length() > DNS_SUBDOMAIN_MAX_LENGTH || !DNS_SUBDOMAIN.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "not a valid object name (lowercase letters, digits, '-' and '.',"
                            + " at most 253 characters)");
        }
        return text;
    }

    private static String parseDnsDomain(String text) {
        if (!DNS_SUBDOMAIN.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "must be a DNS domain such as cluster.local, got \"" + text + "\"");
        }
        return text;
    }

    private static String parseIpAddress(String text) {
        boolean ipv4 = IPV4_LITERAL.matcher(text).matches();
        if ((!ipv4 && !IPV6_LITERAL.matcher(text).matches())
                || (ipv4
                        && Arrays.stream(text.split("\\."))
                                .anyMatch(o -> Integer.parseInt(o) > 255))) {
            throw new IllegalArgumentException("must be an IP address, such as 10.0.0.7");
        }
        try {
            return InetAddress.getByName(text).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("must be an IP address, such as 10.0.0.7", e);
        }
    }

    private static LogFormat parseLogFormat(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "plain" -> LogFormat.PLAIN;
            case "json" -> LogFormat.JSON;
            default -> throw new IllegalArgumentException("must be plain or json");
        };
    }
}
